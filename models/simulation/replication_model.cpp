#include "models/simulation/replication_model.h"

#include "models/simulation/event_priorities.h"

namespace poolsim::models {

ReplicationModel::ReplicationModel(const CompiledScenario& scenario, std::uint64_t replication)
    : m_scenario(scenario), m_stats(scenario, scenario.workloads.size()),
      m_connectStream(scenario.seed, replication, scenario.connectStream),
      m_lifetimeStream(scenario.seed, replication, scenario.lifetimeStream),
      m_database(scenario.databaseBudget),
      m_balancer(scenario.balancer, scenario.instances,
                 engine::RandomStream(scenario.seed, replication, scenario.balancerStream)),
      m_lifecycle(m_sim, scenario, replication, m_requests, m_stats, m_balancer),
      m_warmupEnd(m_sim.eventType<&ReplicationModel::onWarmupEnd>(this, priority::kPool, "warmup-end"))
{
    m_pools.reserve(scenario.instances);
    for (std::uint32_t i = 0; i < scenario.instances; ++i)
        m_pools.push_back(
            std::make_unique<ConnectionPool>(m_sim, scenario, i, m_requests, m_stats, m_database,
                                             ConnectionPool::Streams{m_connectStream, m_lifetimeStream}));
    m_lifecycle.setPools(&m_pools);
    if (scenario.capacity) {
        m_server = std::make_unique<DatabaseServer>(m_sim, *scenario.capacity, m_stats);
        m_lifecycle.setDatabase(m_server.get());
    }
    if (scenario.instancesCanFail() || scenario.maxPending) {
        m_instances = std::make_unique<BackendInstances>(m_sim, scenario, m_stats, m_balancer, m_pools);
        m_instances->addListener(&m_lifecycle);
        m_lifecycle.setInstances(m_instances.get());
    }
    if (scenario.healthCheck)
        for (std::uint32_t i = 0; i < scenario.instances; ++i)
            m_healthChecks.push_back(std::make_unique<LivenessProbe>(m_sim, scenario, i, replication,
                                                                     m_requests, m_stats, *m_pools[i],
                                                                     *m_instances, m_server.get()));
    m_sources.reserve(scenario.workloads.size());
    for (std::uint32_t w = 0; w < scenario.workloads.size(); ++w)
        m_sources.push_back(WorkloadSource::make(m_sim, scenario, w, replication, m_lifecycle));
}

void ReplicationModel::onWarmupEnd(std::uint64_t)
{
    m_stats.warmupEnded(m_sim.now());
}

ReplicationResult ReplicationModel::run(engine::ReplicationContext* context)
{
    for (const auto& pool : m_pools)
        pool->openInitialConnections();
    if (m_scenario.warmup > SimTime::zero())
        m_sim.schedule(m_scenario.warmup, m_warmupEnd);
    for (const auto& source : m_sources)
        source->start();
    for (const auto& check : m_healthChecks)
        check->start();
    for (const auto& component : m_extra)
        component->start();

    m_sim.run(m_scenario.horizon, context);
    m_lifecycle.reportStillWaiting();
    ReplicationResult result = m_stats.finish(m_scenario.horizon);
    result.events = m_sim.eventsHandled();
    result.requests = m_lifecycle.created();
    return result;
}

} // namespace poolsim::models
