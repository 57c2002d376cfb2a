#include "engine/event_calendar.h"

#include <algorithm>
#include <cassert>
#include <stdexcept>

namespace poolsim::engine {

std::uint32_t EventCalendar::addLane()
{
    m_lanes.emplace_back();
    return static_cast<std::uint32_t>(m_lanes.size() - 1);
}

EventHandle EventCalendar::schedule(SimTime time, std::int32_t priority, std::uint32_t kind,
                                    std::uint64_t data, std::uint32_t lane)
{
    if (priority < kMinPriority || priority > kMaxPriority)
        throw std::invalid_argument("event priority out of range");
    if (m_sequence >> kSequenceBits) {
        settleRoot();
        renumber();
    }

    std::uint32_t slot;
    if (!m_freeSlots.empty()) {
        slot = m_freeSlots.back();
        m_freeSlots.pop_back();
    } else {
        if (m_slots.size() >= kMaxPending)
            throw std::length_error("event calendar: too many pending events");
        slot = static_cast<std::uint32_t>(m_slots.size());
        m_slots.push_back({0, 0, 0});
    }
    Slot& s = m_slots[slot];
    s.data = data;
    s.kind = kind;
    ++s.generation; // becomes odd: live

    const auto prio = static_cast<std::uint64_t>(priority - kMinPriority);
    const Entry e{time.ticks(), (prio << (kSequenceBits + kSlotBits)) | (m_sequence++ << kSlotBits) | slot};
    if (lane != kNoLane && putInLane(lane, e)) {
        // kept beside the heap
    } else if (m_rootEmpty) {
        m_rootEmpty = false;
        siftDown(0, e);
    } else {
        m_heap.push_back(e);
        siftUp(m_heap.size() - 1);
    }
    ++m_live;
    return {slot, s.generation};
}

void EventCalendar::cancel(EventHandle handle)
{
    if (!handle.isValid() || handle.slot >= m_slots.size())
        return;
    Slot& s = m_slots[handle.slot];
    if (s.generation != handle.generation)
        return;     // already ran, cancelled, or the slot was reused
    ++s.generation; // even: cancelled; pop() frees the slot when it reaches the top
    --m_live;
}

bool EventCalendar::putInLane(std::uint32_t lane, Entry e)
{
    Lane& l = m_lanes[lane];
    if (l.taken) {
        if (m_slots[l.entry.slot()].generation & 1u)
            return false;                      // its event is still pending: the new one goes into the heap
        m_freeSlots.push_back(l.entry.slot()); // cancelled: nobody needs its entry any more
    } else {
        ++m_lanesTaken;
    }
    l.entry = e;
    l.taken = true;
    if (m_earliestLane == lane)
        findEarliestLane(); // the cancelled entry may have been earlier than the others
    else if (m_earliestLane == kNoLane || order(e) < order(m_lanes[m_earliestLane].entry))
        m_earliestLane = lane;
    return true;
}

void EventCalendar::searchEarliestLane()
{
    m_earliestLane = kNoLane;
    for (std::uint32_t i = 0; i < m_lanes.size(); ++i)
        if (m_lanes[i].taken &&
            (m_earliestLane == kNoLane || order(m_lanes[i].entry) < order(m_lanes[m_earliestLane].entry)))
            m_earliestLane = i;
}

bool EventCalendar::retire(std::uint32_t slot)
{
    Slot& s = m_slots[slot];
    const bool live = (s.generation & 1u) != 0;
    if (live)
        ++s.generation; // even: no longer scheduled, so a later cancel() is a no-op
    m_freeSlots.push_back(slot);
    return live;
}

bool EventCalendar::pop(Event& out)
{
    for (;;) {
        Entry top{};
        if (laneFirst()) {
            top = m_lanes[m_earliestLane].entry;
            emptyLane(m_earliestLane);
        } else {
            settleRoot();
            if (m_heap.empty())
                return false;
            top = m_heap.front();
            m_rootEmpty = true; // filled by the next schedule() or pop()
        }
        if (!retire(top.slot()))
            continue; // cancelled
        const Slot& s = m_slots[top.slot()];
        --m_live;
        out.time = SimTime::fromTicks(top.time);
        out.priority = static_cast<std::int32_t>(top.key >> (kSequenceBits + kSlotBits)) + kMinPriority;
        out.kind = s.kind;
        out.data = s.data;
        return true;
    }
}

// Floyd's bottom-up removal: walk the hole at the root down to a leaf along the smaller
// children, then put the last entry there and sift it up. The last entry is nearly always late,
// so this skips comparing it at every level on the way down.
void EventCalendar::removeTop()
{
    const Entry last = m_heap.back();
    m_heap.pop_back();
    const std::size_t n = m_heap.size();
    if (n == 0)
        return;
    std::size_t hole = 0;
    for (;;) {
        const std::size_t first = 4 * hole + 1;
        if (first >= n)
            break;
        std::size_t child = first;
        Order best = order(m_heap[first]);
        const std::size_t end = std::min(first + 4, n);
        for (std::size_t k = first + 1; k < end; ++k) {
            const Order o = order(m_heap[k]);
            const bool smaller = o < best; // selected without a branch
            child = smaller ? k : child;
            best = smaller ? o : best;
        }
        m_heap[hole] = m_heap[child];
        hole = child;
    }
    m_heap[hole] = last;
    siftUp(hole);
}

void EventCalendar::renumber()
{
    assert(!m_rootEmpty);
    // The lanes' entries join the heap's, to be numbered among them.
    for (Lane& l : m_lanes) {
        if (l.taken)
            m_heap.push_back(l.entry);
        l.taken = false;
    }
    m_lanesTaken = 0;
    m_earliestLane = kNoLane;
    // A sorted array is a valid heap; numbering it in order keeps every (time, priority) tie.
    std::sort(m_heap.begin(), m_heap.end(),
              [](const Entry& a, const Entry& b) { return order(a) < order(b); });
    constexpr std::uint64_t keepMask = ~(((std::uint64_t{1} << kSequenceBits) - 1) << kSlotBits);
    for (std::size_t i = 0; i < m_heap.size(); ++i)
        m_heap[i].key = (m_heap[i].key & keepMask) | (static_cast<std::uint64_t>(i) << kSlotBits);
    m_sequence = m_heap.size();
}

void EventCalendar::clear()
{
    // Slots keep their generations, so handles from before clear() can never match new events.
    m_heap.clear();
    m_rootEmpty = false;
    for (Lane& l : m_lanes)
        l.taken = false;
    m_lanesTaken = 0;
    m_earliestLane = kNoLane;
    m_freeSlots.clear();
    for (std::uint32_t i = 0; i < m_slots.size(); ++i) {
        if (m_slots[i].generation & 1u)
            ++m_slots[i].generation;
        m_freeSlots.push_back(i);
    }
    m_sequence = 0;
    m_live = 0;
}

// A 4-ary heap: half the depth of a binary one, and a node's children share a cache line or two.
void EventCalendar::siftUp(std::size_t i)
{
    const Entry e = m_heap[i];
    const Order key = order(e);
    while (i > 0) {
        const std::size_t parent = (i - 1) / 4;
        if (order(m_heap[parent]) <= key)
            break;
        m_heap[i] = m_heap[parent];
        i = parent;
    }
    m_heap[i] = e;
}

// Puts `e` into the hole at `hole` and lets it sink below any child that comes before it.
void EventCalendar::siftDown(std::size_t hole, Entry e)
{
    const Order key = order(e);
    const std::size_t n = m_heap.size();
    for (;;) {
        const std::size_t first = 4 * hole + 1;
        if (first >= n)
            break;
        std::size_t child = first;
        Order best = order(m_heap[first]);
        const std::size_t end = std::min(first + 4, n);
        for (std::size_t k = first + 1; k < end; ++k) {
            const Order o = order(m_heap[k]);
            const bool smaller = o < best; // selected without a branch
            child = smaller ? k : child;
            best = smaller ? o : best;
        }
        if (key < best)
            break;
        m_heap[hole] = m_heap[child];
        hole = child;
    }
    m_heap[hole] = e;
}

} // namespace poolsim::engine
