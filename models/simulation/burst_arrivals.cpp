// Bursts: `count` requests at uniformly random instants within `within` of each burst's
// start, once at `at` or again every `every` (bursts may overlap).
#include "models/simulation/event_priorities.h"
#include "models/simulation/workload_source.h"

#include <cmath>
#include <vector>

namespace poolsim::models {

namespace {

class BurstSource final : public WorkloadSource
{
public:
    BurstSource(engine::Simulator& sim, const CompiledScenario& scenario, std::uint32_t workload,
                std::uint64_t replication, RequestLifecycle& requests)
        : WorkloadSource(sim, scenario, workload, replication, requests),
          m_burstStart(
              sim.eventType<&BurstSource::onBurstStart>(this, priority::kArrival, eventName("burst"))),
          // One arrival pending per burst in progress: one, unless bursts overlap.
          m_arrival(sim.eventType<&BurstSource::onArrival>(this, priority::kArrival, eventName("arrival"),
                                                           engine::Pending::AtMostOne))
    {
    }

    void start() override { scheduleBeforeHorizon(m_workload.at, m_burstStart); }

private:
    /// One burst in progress; finished slots are reused.
    struct Burst
    {
        SimTime start;
        std::int64_t sent = 0;
        double u = 0; // the last order statistic drawn, in [0, 1)
        bool active = false;
    };

    void onBurstStart(std::uint64_t)
    {
        if (m_workload.every && m_sim.now() + *m_workload.every < m_scenario.horizon)
            m_sim.schedule(m_sim.now() + *m_workload.every, m_burstStart);
        std::uint32_t slot = 0;
        while (slot < m_bursts.size() && m_bursts[slot].active)
            ++slot;
        if (slot == m_bursts.size())
            m_bursts.emplace_back();
        m_bursts[slot] = {m_sim.now(), 0, 0.0, true};
        scheduleArrival(slot);
    }

    void scheduleArrival(std::uint32_t slot)
    {
        Burst& b = m_bursts[slot];
        if (b.sent == m_workload.count) {
            b.active = false;
            return;
        }
        // The next order statistic of `count` uniforms, without storing them:
        // U(i+1) = 1 - (1 - U(i)) * V^(1 / (n - i)).
        const double left = static_cast<double>(m_workload.count - b.sent);
        b.u = 1 - (1 - b.u) * std::pow(1 - m_arrivals.uniform01(), 1 / left);
        ++b.sent;
        const SimTime next = b.start + SimTime::fromSeconds(m_workload.within.seconds() * b.u);
        if (next < m_scenario.horizon)
            m_sim.schedule(next, m_arrival, slot);
        else
            b.active = false;
    }

    void onArrival(std::uint64_t slot)
    {
        const std::uint32_t id = m_requests.create(m_index);
        scheduleArrival(static_cast<std::uint32_t>(slot));
        m_requests.startAttempt(id);
    }

    engine::EventType m_burstStart, m_arrival;
    std::vector<Burst> m_bursts;
};

} // namespace

std::unique_ptr<WorkloadSource> makeBurstArrivals(engine::Simulator& sim, const CompiledScenario& scenario,
                                                  std::uint32_t workload, std::uint64_t replication,
                                                  RequestLifecycle& requests)
{
    return std::make_unique<BurstSource>(sim, scenario, workload, replication, requests);
}

} // namespace poolsim::models
