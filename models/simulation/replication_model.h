#pragma once
// One replication of the system: the components wired together on one simulator. The load
// balancer routes each request to a backend instance; its connection pool (one per instance)
// grants connections within the database's budget; the request life cycle runs the steps, its
// queries on the database server when the scenario has one (database.capacity);
// one source per workload makes the requests; ModelStatistics hears from all of them.
#include "engine/random_stream.h"
#include "engine/replication_runner.h"
#include "engine/simulator.h"
#include "models/results/run_result.h"
#include "models/simulation/backend_instances.h"
#include "models/simulation/balancer.h"
#include "models/simulation/compiled_scenario.h"
#include "models/simulation/component.h"
#include "models/simulation/connection_budget.h"
#include "models/simulation/connection_pool.h"
#include "models/simulation/database_server.h"
#include "models/simulation/liveness_probe.h"
#include "models/simulation/model_statistics.h"
#include "models/simulation/request.h"
#include "models/simulation/request_lifecycle.h"
#include "models/simulation/workload_source.h"

#include <memory>
#include <vector>

namespace poolsim::models {

class ReplicationModel
{
public:
    ReplicationModel(const CompiledScenario& scenario, std::uint64_t replication);
    ReplicationModel(const ReplicationModel&) = delete;
    ReplicationModel& operator=(const ReplicationModel&) = delete;

    /// Runs to the horizon (or until `context` asks to stop) and returns what was measured.
    ReplicationResult run(engine::ReplicationContext* context = nullptr);

    /// Adds a component beside the model's own (built on simulator(), reporting to
    /// statistics()); it is started after the workloads' sources. Before run().
    void addComponent(std::unique_ptr<Component> component) { m_extra.push_back(std::move(component)); }
    engine::Simulator& simulator() { return m_sim; }
    StatisticsSink& statistics() { return m_stats; }

private:
    void onWarmupEnd(std::uint64_t);

    const CompiledScenario& m_scenario;
    engine::Simulator m_sim;
    ModelStatistics m_stats;
    engine::RandomStream m_connectStream, m_lifetimeStream;
    RequestTable m_requests;
    ConnectionBudget m_database;
    LoadBalancer m_balancer;
    RequestLifecycle m_lifecycle;
    std::unique_ptr<DatabaseServer> m_server; // with database.capacity only
    std::vector<std::unique_ptr<ConnectionPool>> m_pools;
    std::unique_ptr<BackendInstances> m_instances;              // with the failure loop only
    std::vector<std::unique_ptr<LivenessProbe>> m_healthChecks; // one per instance, with health_check
    std::vector<std::unique_ptr<WorkloadSource>> m_sources;
    std::vector<std::unique_ptr<Component>> m_extra;
    engine::EventType m_warmupEnd;
};

} // namespace poolsim::models
