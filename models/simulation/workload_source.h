#pragma once
// Where a workload's requests come from: one component per workload, of the workload's kind
// (an open arrival process, bursts, closed users, batch runs, a trace replay). Each owns its
// arrivals stream and its events, and hands new requests to the request life cycle.
#include "engine/random_stream.h"
#include "engine/simulator.h"
#include "models/simulation/compiled_scenario.h"
#include "models/simulation/component.h"
#include "models/simulation/request_lifecycle.h"

#include <memory>

namespace poolsim::models {

class WorkloadSource : public Component
{
public:
    /// Schedules the first arrivals (called once, at time 0, in workload order).
    void start() override = 0;

    /// The source for `workload` (an index into scenario.workloads), of its kind.
    static std::unique_ptr<WorkloadSource> make(engine::Simulator& sim, const CompiledScenario& scenario,
                                                std::uint32_t workload, std::uint64_t replication,
                                                RequestLifecycle& requests);

protected:
    WorkloadSource(engine::Simulator& sim, const CompiledScenario& scenario, std::uint32_t workload,
                   std::uint64_t replication, RequestLifecycle& requests);

    /// The event name for this workload's `what` ("workload/api/arrival").
    std::string eventName(const char* what) const;
    /// Schedules `type` at `t` when that is before the horizon.
    void scheduleBeforeHorizon(SimTime t, engine::EventType type, std::uint64_t payload = 0);

    engine::Simulator& m_sim;
    const CompiledScenario& m_scenario;
    const CompiledWorkload& m_workload;
    const std::uint32_t m_index;
    engine::RandomStream m_arrivals;
    RequestLifecycle& m_requests;
};

/// now + seconds, where anything beyond 100 years is "never" (SimTime::max()).
SimTime secondsFromNow(SimTime now, double seconds);

// One factory per kind, each beside its class.
std::unique_ptr<WorkloadSource> makeOpenArrivals(engine::Simulator&, const CompiledScenario&, std::uint32_t,
                                                 std::uint64_t, RequestLifecycle&);
std::unique_ptr<WorkloadSource> makeBurstArrivals(engine::Simulator&, const CompiledScenario&, std::uint32_t,
                                                  std::uint64_t, RequestLifecycle&);
std::unique_ptr<WorkloadSource> makeClosedUsers(engine::Simulator&, const CompiledScenario&, std::uint32_t,
                                                std::uint64_t, RequestLifecycle&);
std::unique_ptr<WorkloadSource> makeBatchRuns(engine::Simulator&, const CompiledScenario&, std::uint32_t,
                                              std::uint64_t, RequestLifecycle&);

} // namespace poolsim::models
