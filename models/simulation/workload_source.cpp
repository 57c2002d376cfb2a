#include "models/simulation/workload_source.h"

namespace poolsim::models {

WorkloadSource::WorkloadSource(engine::Simulator& sim, const CompiledScenario& scenario,
                               std::uint32_t workload, std::uint64_t replication, RequestLifecycle& requests)
    : m_sim(sim), m_scenario(scenario), m_workload(scenario.workloads[workload]), m_index(workload),
      m_arrivals(scenario.seed, replication, scenario.workloads[workload].arrivalStream), m_requests(requests)
{
}

std::string WorkloadSource::eventName(const char* what) const
{
    return "workload/" + m_workload.name + "/" + what;
}

void WorkloadSource::scheduleBeforeHorizon(SimTime t, engine::EventType type, std::uint64_t payload)
{
    if (t < m_scenario.horizon)
        m_sim.schedule(t, type, payload);
}

SimTime secondsFromNow(SimTime now, double seconds)
{
    // Beyond 100 years is "never" for any horizon a scenario can have.
    if (!(seconds < engine::kMaxDurationSeconds))
        return SimTime::max();
    return saturatingAdd(now, SimTime::fromSeconds(seconds));
}

std::unique_ptr<WorkloadSource> WorkloadSource::make(engine::Simulator& sim, const CompiledScenario& scenario,
                                                     std::uint32_t workload, std::uint64_t replication,
                                                     RequestLifecycle& requests)
{
    using Kind = CompiledWorkload::Kind;
    switch (scenario.workloads[workload].kind) {
    case Kind::Poisson:
    case Kind::Profile:
    case Kind::Trace:
        return makeOpenArrivals(sim, scenario, workload, replication, requests);
    case Kind::Burst:
        return makeBurstArrivals(sim, scenario, workload, replication, requests);
    case Kind::Users:
        return makeClosedUsers(sim, scenario, workload, replication, requests);
    case Kind::Batch:
        return makeBatchRuns(sim, scenario, workload, replication, requests);
    }
    return nullptr;
}

} // namespace poolsim::models
