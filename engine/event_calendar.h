#pragma once
// The future event set: a 4-ary heap ordered by (time, priority, insertion sequence), as
// OMNeT++'s cFutureEventSet and ns-3's EventKey. Events carry a small integer kind and a 64-bit
// payload instead of a callback, so scheduling never allocates once the heap has grown to its
// working size. Cancelling marks the event's slot and pop() skips it: O(1).
//
// pop() leaves the popped entry's place at the root empty until the next call: when that is a
// schedule() (the handler of an event nearly always schedules the next event of its component:
// a workload's next arrival, the end of a step), the new entry goes into the root and sinks to
// its place, one pass through the heap instead of a removal and an insertion. The entries in
// the heap are the same either way, and (time, priority, sequence) orders them totally, so
// events come out in exactly the same order.
//
// A kind of event its component never has more than one of pending (a workload's next arrival,
// a queue's deadline timer) can have a lane of its own beside the heap: its event waits there,
// and pop() takes the earlier of the heap's top and the earliest lane. Such an event then costs
// no pass through the heap at all, as the next arrival kept in a variable of a hand-written
// loop. Lanes only say where an entry is kept: an event for a lane that is taken goes into the
// heap, and the order of events is the same as without lanes.
#include "engine/simtime.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace poolsim::engine {

struct Event
{
    SimTime time;
    std::int32_t priority = 0; // lower runs first among events at the same time
    std::uint32_t kind = 0;
    std::uint64_t data = 0;
};

/// Refers to a scheduled event; stays safe to cancel after the event ran or was cancelled.
struct EventHandle
{
    std::uint32_t slot = UINT32_MAX;
    std::uint32_t generation = 0;
    bool isValid() const { return slot != UINT32_MAX; }
};

class EventCalendar
{
public:
    static constexpr std::int32_t kMinPriority = -8;
    static constexpr std::int32_t kMaxPriority = 7;
    /// Events scheduled and not yet popped or skipped, at most.
    static constexpr std::size_t kMaxPending = std::size_t{1} << 24;

    static constexpr std::uint32_t kNoLane = UINT32_MAX;

    /// A new lane, for schedule(): best for a kind of event with at most one pending at a time.
    std::uint32_t addLane();
    /// `lane`: where to keep the event while it is pending, when free (kNoLane: the heap).
    EventHandle schedule(SimTime time, std::int32_t priority, std::uint32_t kind, std::uint64_t data,
                         std::uint32_t lane = kNoLane);
    /// O(1). Cancelling an event that already ran or was cancelled does nothing.
    void cancel(EventHandle handle);
    /// Removes the earliest live event into `out`; false when none is left.
    bool pop(Event& out);
    /// Number of live (not cancelled) events.
    std::size_t size() const { return m_live; }
    bool empty() const { return m_live == 0; }
    void clear();
    /// For tests: makes the next insertion sequence `next`, to exercise renumbering.
    void setNextSequenceForTesting(std::uint64_t next) { m_sequence = next; }

private:
    // 16 bytes, so a node's four children share one cache line. key packs, from the top:
    // priority (4 bits), insertion sequence (36 bits), slot (24 bits). When the sequence runs out
    // (after 68 billion events) the pending events are renumbered in order, keeping every tie.
    static constexpr unsigned kSlotBits = 24;
    static constexpr unsigned kSequenceBits = 36;
    struct Entry
    {
        std::int64_t time;
        std::uint64_t key;
        std::uint32_t slot() const
        {
            return static_cast<std::uint32_t>(key & ((std::uint64_t{1} << kSlotBits) - 1));
        }
    };
    struct Slot
    {
        std::uint64_t data;
        std::uint32_t kind;
        std::uint32_t generation; // odd while scheduled and live
    };
    // (time, key) as one 128-bit unsigned number: a single branch-free comparison, which
    // matters because comparing random times mispredicts about half the time.
    __extension__ using Order = unsigned __int128;
    static Order order(const Entry& e)
    {
        return (static_cast<Order>(static_cast<std::uint64_t>(e.time) ^ (std::uint64_t{1} << 63)) << 64) |
               e.key;
    }
    static bool later(const Entry& a, const Entry& b) { return order(a) > order(b); }
    void siftUp(std::size_t i);
    void siftDown(std::size_t hole, Entry e);
    void removeTop();
    /// Fills the root left empty by the last pop(), if any.
    void settleRoot()
    {
        if (m_rootEmpty) {
            m_rootEmpty = false;
            removeTop();
        }
    }
    void renumber();
    /// Keeps `e` in the lane unless the lane holds a pending event; false then.
    bool putInLane(std::uint32_t lane, Entry e);
    /// Takes the event out of the lane, and finds the earliest of the others.
    void emptyLane(std::uint32_t lane)
    {
        m_lanes[lane].taken = false;
        --m_lanesTaken;
        if (m_earliestLane == lane)
            findEarliestLane();
    }
    void findEarliestLane()
    {
        if (m_lanesTaken == 0)
            m_earliestLane = kNoLane; // the common case: a lane's event ran, the others are free
        else
            searchEarliestLane();
    }
    void searchEarliestLane();
    /// The earliest pending entry is in a lane (m_earliestLane), not at the heap's top.
    /// With the root empty, the heap's earliest is the earliest of the root's children: a lane
    /// event before all of them runs without filling the root first, which leaves the root to
    /// the events that event schedules (an arrival's step end after a step end).
    bool laneFirst() const
    {
        if (m_earliestLane == kNoLane)
            return false;
        const Order lane = order(m_lanes[m_earliestLane].entry);
        if (!m_rootEmpty)
            return m_heap.empty() || lane < order(m_heap.front());
        const std::size_t end = std::min<std::size_t>(5, m_heap.size());
        for (std::size_t k = 1; k < end; ++k)
            if (order(m_heap[k]) < lane)
                return false;
        return true;
    }
    /// Frees the slot of a popped or skipped entry; true if its event was live.
    bool retire(std::uint32_t slot);

    std::vector<Entry> m_heap;
    std::vector<Slot> m_slots;
    std::vector<std::uint32_t> m_freeSlots;
    std::uint64_t m_sequence = 0;
    std::size_t m_live = 0;
    bool m_rootEmpty = false; // m_heap[0] is the entry pop() returned last: a hole to fill
    struct Lane
    {
        Entry entry{};
        bool taken = false;
    };
    std::vector<Lane> m_lanes;
    std::uint32_t m_earliestLane = kNoLane; // of the taken lanes, the one with the earliest entry
    std::uint32_t m_lanesTaken = 0;
};

} // namespace poolsim::engine
