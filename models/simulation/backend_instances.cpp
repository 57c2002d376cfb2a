#include "models/simulation/backend_instances.h"

#include "models/simulation/event_priorities.h"

namespace poolsim::models {

BackendInstances::BackendInstances(engine::Simulator& sim, const CompiledScenario& scenario,
                                   StatisticsSink& stats, LoadBalancer& balancer,
                                   std::vector<std::unique_ptr<ConnectionPool>>& pools)
    : m_sim(sim), m_scenario(scenario), m_stats(stats), m_balancer(balancer), m_pools(pools),
      // A restart opens connections: the pool's rank.
      m_restart(sim.eventType<&BackendInstances::onRestart>(this, priority::kPool, "backend/restart"))
{
}

void BackendInstances::fail(std::uint32_t instance, Cause cause)
{
    if (!isUp(instance))
        return;
    m_stats.instanceFailed(m_sim.now(), instance, cause);
    // Nothing new is sent there, and no idle connection is left to grant while the requests
    // that were there are taken out.
    m_balancer.setUp(instance, false);
    m_pools[instance]->shutdown();
    for (Listener* l : m_listeners)
        l->instanceFailed(instance);
    if (m_scenario.restart)
        m_sim.schedule(saturatingAdd(m_sim.now(), *m_scenario.restart), m_restart, instance);
}

void BackendInstances::onRestart(std::uint64_t payload)
{
    const auto instance = static_cast<std::uint32_t>(payload);
    m_stats.instanceRestarted(m_sim.now(), instance);
    m_pools[instance]->restart();
    m_balancer.setUp(instance, true);
    for (Listener* l : m_listeners)
        l->instanceStarted(instance);
}

} // namespace poolsim::models
