#pragma once
// One instance's liveness probe, as Kubernetes runs it (periodSeconds, timeoutSeconds,
// failureThreshold): every `every` from the instance's start, the probe's handler asks the
// instance's own pool for a connection, behind everyone already waiting, and runs its query
// (on the database server when there is one). A probe not finished within `timeout` fails;
// `failures` failures in a row make the instance fail. A probe that timed out keeps its place
// in the pool as the application's handler would (until it gets its connection or the pool
// times it out), and its late result counts for nothing.
#include "engine/random_stream.h"
#include "engine/simulator.h"
#include "models/simulation/backend_instances.h"
#include "models/simulation/compiled_scenario.h"
#include "models/simulation/component.h"
#include "models/simulation/connection_pool.h"
#include "models/simulation/database_server.h"
#include "models/simulation/request.h"
#include "models/simulation/statistics_sink.h"

#include <vector>

namespace poolsim::models {

class LivenessProbe final : public Component,
                            public RequestOwner,
                            public DatabaseServer::Client,
                            public BackendInstances::Listener
{
public:
    LivenessProbe(engine::Simulator& sim, const CompiledScenario& scenario, std::uint32_t instance,
                  std::uint64_t replication, RequestTable& requests, StatisticsSink& stats,
                  ConnectionPool& pool, BackendInstances& instances, DatabaseServer* server);

    void start() override { scheduleFirstProbe(); }

    // RequestOwner: the probe's connection.
    void granted(std::uint32_t request) override;
    void acquisitionFailed(std::uint32_t request, Outcome outcome) override;
    // DatabaseServer::Client: the probe's query ran.
    void queryDone(std::uint32_t request) override { probeDone(request); }
    // BackendInstances::Listener
    void instanceFailed(std::uint32_t instance) override;
    void instanceStarted(std::uint32_t instance) override;

    /// Probes that failed in a row so far.
    std::uint32_t consecutiveFailures() const { return m_consecutive; }

private:
    // A probe in flight: its request, and whether its verdict is still open (it has neither
    // succeeded nor failed yet).
    struct Probe
    {
        std::uint32_t request = kNoRequest;
        bool open = false;
        engine::EventHandle deadline;
    };

    void scheduleFirstProbe();
    std::size_t probeOf(std::uint32_t request) const;
    void probeDone(std::uint32_t request);
    /// The probe gives back the connection it holds, if any (call dispatch() after).
    void giveBack(std::uint32_t request);
    void succeeded(std::size_t probe);
    /// A probe failed: counted, and the instance fails at the failures-th in a row.
    void failed();
    void forget(std::size_t probe);

    void onProbe(std::uint64_t);
    void onDeadline(std::uint64_t request);
    void onQueryEnd(std::uint64_t event);

    engine::Simulator& m_sim;
    const CompiledScenario::Probe& m_config;
    const std::uint32_t m_instance;
    RequestTable& m_requests;
    StatisticsSink& m_stats;
    ConnectionPool& m_pool;
    BackendInstances& m_instances;
    DatabaseServer* m_server;
    bool m_noWait; // pool.timeout 0: a probe that finds no idle connection fails at once
    engine::RandomStream m_holds;
    StatisticsSink::CounterId m_failuresCounter;
    engine::EventType m_probe, m_deadline, m_queryEnd;
    engine::EventHandle m_nextProbe;
    std::vector<Probe> m_probes; // in flight, oldest first; bounded by timeout / every + waits
    std::uint32_t m_consecutive = 0;
};

} // namespace poolsim::models
