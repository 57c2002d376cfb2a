#pragma once
// The kernel's loop: the clock, the future event set, and delivery of each event to the
// component that scheduled it. A component registers each kind of event it handles once, as a
// member function and a priority (ns-3's Simulator::Schedule(t, &Class::Method, this), with the
// method bound at registration instead of at every call), and then schedules it with a 64-bit
// payload. The calendar keeps its 16-byte entries and never allocates per event; dispatch is one
// table lookup and one indirect call.
#include "engine/event_calendar.h"
#include "engine/simtime.h"

#include <cassert>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace poolsim::engine {

/// The model made events at one instant without end: something that fails at once is sent
/// again at once (closed users with no think time, retries with no backoff) where it can only
/// fail at once again (instances all down, a pool with timeout 0). A fault of the scenario,
/// not of the simulator: the run cannot finish.
class SimulationStalled : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

class ReplicationContext;

/// One kind of event of one component, as registered with Simulator::eventType.
struct EventType
{
    std::uint32_t id = UINT32_MAX;
    bool isValid() const { return id != UINT32_MAX; }
};

/// How many events of a kind its component has pending at a time: said by a component that
/// never has more than one (its next arrival, its timer), so that the calendar keeps that one in
/// a lane of its own instead of its heap (EventCalendar). Only where it is kept: should there be
/// more than one after all, they run as any other, in the same order.
enum class Pending { Many, AtMostOne };

class Simulator
{
public:
    /// Registers `Method` (void C::method(std::uint64_t payload)) of `component` as a kind of
    /// event. Among events at the same instant, lower `priority` runs first; events of equal
    /// time and priority run in the order they were scheduled. `name` is for error messages.
    template <auto Method, class C>
    EventType eventType(C* component, std::int32_t priority, std::string name,
                        Pending pending = Pending::Many)
    {
        return addType(component, &deliver<Method, C>, priority, std::move(name), pending);
    }

    /// Schedules an event of `type` at `time` (not before now()).
    EventHandle schedule(SimTime time, EventType type, std::uint64_t payload = 0)
    {
        assert(type.id < m_types.size() && "schedule: an event type this simulator did not register");
        if (time < m_now)
            throwScheduledInPast(type);
        const Type& t = m_types[type.id];
        return m_calendar.schedule(time, t.priority, type.id, payload, t.lane);
    }
    /// O(1); cancelling an event that already ran or was cancelled does nothing.
    void cancel(EventHandle handle) { m_calendar.cancel(handle); }

    SimTime now() const { return m_now; }
    /// Events delivered so far.
    std::uint64_t eventsHandled() const { return m_events; }

    /// Delivers events in (time, priority, sequence) order until none is left before `horizon`
    /// or `context` asks to stop; the clock then stands at the horizon. Reports progress to
    /// `context` (when given) every few thousand events. Returns false when stopped early.
    /// Throws SimulationStalled when the clock stops moving (stallLimit() events at one instant).
    bool run(SimTime horizon, ReplicationContext* context = nullptr);

    /// Events at one instant beyond which a model is taken to be looping without time passing:
    /// by default 2^24 (16.8 million; a burst of a million requests at one instant makes a few
    /// million). Checked every 16384 events, so it costs nothing per event.
    std::uint64_t stallLimit() const { return m_stallLimit; }
    void setStallLimit(std::uint64_t events) { m_stallLimit = events; }

private:
    using Handler = void (*)(void* component, std::uint64_t payload);
    struct Type
    {
        Handler handler;
        void* component;
        std::int32_t priority;
        std::uint32_t lane; // EventCalendar::kNoLane for Pending::Many
    };
    template <auto Method, class C> static void deliver(void* component, std::uint64_t payload)
    {
        (static_cast<C*>(component)->*Method)(payload);
    }
    EventType addType(void* component, Handler handler, std::int32_t priority, std::string name,
                      Pending pending);
    /// Out of line, so that schedule() stays small enough to inline at every call.
    [[noreturn]] void throwScheduledInPast(EventType type) const;

    std::vector<Type> m_types;        // the dispatch table, indexed by EventType::id
    std::vector<std::string> m_names; // beside it, to keep the table small
    EventCalendar m_calendar;
    SimTime m_now;
    std::uint64_t m_events = 0;
    std::uint64_t m_stallLimit = std::uint64_t{1} << 24;
};

} // namespace poolsim::engine
