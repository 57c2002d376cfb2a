#pragma once
// The backend's instances as processes that can fail (docs/design.md, "The failure loop"). An
// instance fails when its health check gives up on it or, with max_pending and on_overload
// crash, when one request too many would wait for a connection. A failed instance loses
// everything in flight there: the balancer stops sending to it, its owners (the request life
// cycle, its health check) fail or drop the requests it had, and its pool closes every
// connection, which frees the database's budget. After `restart` it starts again with a cold
// pool: min_idle connections open, each paying connect_time, and its health check starts over.
#include "engine/simulator.h"
#include "models/simulation/balancer.h"
#include "models/simulation/compiled_scenario.h"
#include "models/simulation/component.h"
#include "models/simulation/connection_pool.h"
#include "models/simulation/statistics_sink.h"

#include <memory>
#include <vector>

namespace poolsim::models {

class BackendInstances final : public Component
{
public:
    using Cause = StatisticsSink::InstanceFailure;

    /// Whoever has requests at an instance and must let them go when it fails, or must know
    /// when it is back (the request life cycle, a health check).
    class Listener
    {
    public:
        virtual ~Listener() = default;
        /// `instance` failed: its pool is shut down; take out every request you had there.
        virtual void instanceFailed(std::uint32_t instance) = 0;
        /// `instance` started again.
        virtual void instanceStarted(std::uint32_t /*instance*/) {}
    };

    BackendInstances(engine::Simulator& sim, const CompiledScenario& scenario, StatisticsSink& stats,
                     LoadBalancer& balancer, std::vector<std::unique_ptr<ConnectionPool>>& pools);
    // Its events are registered with `this`: it stays where it was built.

    void addListener(Listener* listener) { m_listeners.push_back(listener); }

    /// Whether `instance` is up (the balancer, which routes only to those, keeps it).
    bool isUp(std::uint32_t instance) const { return m_balancer.isUp(instance); }
    /// The instance fails now (nothing happens if it is already down).
    void fail(std::uint32_t instance, Cause cause);

    /// What to do with a request that would wait for a connection at `instance`, whose pool
    /// already has `waiting` waiters: admit it, turn it away (on_overload reject), or fail the
    /// instance (on_overload crash). Without max_pending every request is admitted.
    enum class Admission { Admit, Reject, Crash };
    Admission admitWaiter(std::uint32_t waiting) const
    {
        if (!m_scenario.maxPending || waiting < *m_scenario.maxPending)
            return Admission::Admit;
        return m_scenario.onOverload == OverloadAction::Reject ? Admission::Reject : Admission::Crash;
    }

private:
    void onRestart(std::uint64_t instance);

    engine::Simulator& m_sim;
    const CompiledScenario& m_scenario;
    StatisticsSink& m_stats;
    LoadBalancer& m_balancer;
    std::vector<std::unique_ptr<ConnectionPool>>& m_pools;
    std::vector<Listener*> m_listeners;
    engine::EventType m_restart;
};

} // namespace poolsim::models
