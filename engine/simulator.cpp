#include "engine/simulator.h"

#include "engine/replication_runner.h"

namespace poolsim::engine {

EventType Simulator::addType(void* component, Handler handler, std::int32_t priority, std::string name,
                             Pending pending)
{
    if (priority < EventCalendar::kMinPriority || priority > EventCalendar::kMaxPriority)
        throw std::invalid_argument("simulator: priority of '" + name + "' out of range");
    const std::uint32_t lane = pending == Pending::AtMostOne ? m_calendar.addLane() : EventCalendar::kNoLane;
    m_types.push_back({handler, component, priority, lane});
    m_names.push_back(std::move(name));
    return {static_cast<std::uint32_t>(m_types.size() - 1)};
}

void Simulator::throwScheduledInPast(EventType type) const
{
    throw std::logic_error("simulator: '" + m_names[type.id] + "' scheduled in the past");
}

bool Simulator::run(SimTime horizon, ReplicationContext* context)
{
    constexpr std::uint64_t kCheckEvery = 1 << 14;
    const double horizonTicks = static_cast<double>(horizon.ticks());
    Event e;
    bool stopped = false;
    SimTime lastCheck = SimTime::fromTicks(-1);
    std::uint64_t atOneInstant = 0;
    while (m_calendar.pop(e)) {
        if (e.time >= horizon)
            break;
        m_now = e.time;
        ++m_events;
        const Type& t = m_types[e.kind];
        t.handler(t.component, e.data);
        if ((m_events & (kCheckEvery - 1)) == 0) {
            atOneInstant = m_now == lastCheck ? atOneInstant + kCheckEvery : 0;
            lastCheck = m_now;
            if (atOneInstant >= m_stallLimit)
                throw SimulationStalled("the simulation is stuck at " + std::to_string(m_now.seconds()) +
                                        " s: " + std::to_string(atOneInstant) +
                                        " events without the clock moving (the last: '" + m_names[e.kind] +
                                        "'). Something that fails at once is sent again at once: closed "
                                        "users with no think time, or retries with no backoff, against "
                                        "instances that are all down or a pool with timeout 0");
            if (context) {
                context->reportProgress(static_cast<double>(m_now.ticks()) / horizonTicks, m_events);
                if (context->stopRequested()) {
                    stopped = true;
                    break;
                }
            }
        }
    }
    m_now = horizon;
    return !stopped;
}

} // namespace poolsim::engine
