// Closed users: `count` users, each thinking for a while, sending one request, waiting for its
// end (served or failed) and thinking again. They start staggered: each thinks once first.
#include "models/simulation/event_priorities.h"
#include "models/simulation/workload_source.h"

namespace poolsim::models {

namespace {

class ClosedUsersSource final : public WorkloadSource, public RequestLifecycle::EndListener
{
public:
    ClosedUsersSource(engine::Simulator& sim, const CompiledScenario& scenario, std::uint32_t workload,
                      std::uint64_t replication, RequestLifecycle& requests)
        : WorkloadSource(sim, scenario, workload, replication, requests),
          m_thinkEnd(
              sim.eventType<&ClosedUsersSource::onThinkEnd>(this, priority::kArrival, eventName("think-end")))
    {
        requests.setEndListener(workload, this);
    }

    void start() override
    {
        for (std::int64_t u = 0; u < m_workload.count; ++u)
            scheduleBeforeHorizon(m_sim.now() + m_workload.think->sample(m_arrivals), m_thinkEnd);
    }

    void requestEnded(const Request&) override
    {
        scheduleBeforeHorizon(saturatingAdd(m_sim.now(), m_workload.think->sample(m_arrivals)), m_thinkEnd);
    }

private:
    void onThinkEnd(std::uint64_t) { m_requests.startAttempt(m_requests.create(m_index)); }

    engine::EventType m_thinkEnd;
};

} // namespace

std::unique_ptr<WorkloadSource> makeClosedUsers(engine::Simulator& sim, const CompiledScenario& scenario,
                                                std::uint32_t workload, std::uint64_t replication,
                                                RequestLifecycle& requests)
{
    return std::make_unique<ClosedUsersSource>(sim, scenario, workload, replication, requests);
}

} // namespace poolsim::models
