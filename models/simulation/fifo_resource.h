#pragma once
// A resource that waiters take k units of at a time in strict FIFO order, as SimCpp20's
// `resource` or a HikariCP pool's handoff queue: the head of the queue is served first, and a
// head asking for 2 units blocks a waiter behind it asking for 1 (nobody overtakes). Each waiter
// has a deadline; a single timer, for the oldest waiter, fails those whose deadline has passed.
// When a waiter leaves, for any reason, the next in line may fit: the owner calls dispatch().
//
// The units themselves belong to the owner (a pool's idle connections, a server's free cores):
// the resource asks the owner how many are free and tells it whom to give them to. Owner is
// any class with
//   std::uint32_t available() const;                          units free now
//   void waiterGranted(std::uint32_t waiter, std::uint32_t need); the head may take its units
//   void waiterExpired(std::uint32_t waiter, std::uint32_t need); its deadline passed
// Both are called after the waiter has left the queue, and may re-enter the resource.
#include "engine/simulator.h"

#include <cassert>
#include <cstdint>
#include <deque>
#include <stdexcept>
#include <string>

namespace poolsim::models {

using engine::SimTime;

template <class Owner> class FifoResource
{
public:
    /// Tells a waiter in the queue from any other: stays valid after the waiter left.
    using Ticket = std::uint64_t;

    /// `timerPriority` orders the deadline timer among events at the same instant.
    FifoResource(engine::Simulator& sim, Owner& owner, std::int32_t timerPriority, std::string name)
        : m_sim(sim), m_owner(owner),
          m_timerEvent(sim.eventType<&FifoResource::onTimer>(this, timerPriority,
                                                             std::move(name) + "/deadline",
                                                             engine::Pending::AtMostOne)) // one timer
    {
    }
    FifoResource(const FifoResource&) = delete;
    FifoResource& operator=(const FifoResource&) = delete;

    /// Waiters in the queue, and the units they ask for together.
    std::uint32_t waiting() const { return m_waiting; }
    std::uint64_t waitingNeed() const { return m_waitingNeed; }

    /// Puts `waiter` at the back of the queue, asking for `need` units until `deadline`
    /// (SimTime::max() for none). Deadlines must not decrease along the queue (one fixed
    /// timeout for everybody), which is what lets one timer serve every waiter.
    Ticket enqueue(std::uint32_t waiter, std::uint32_t need, SimTime deadline)
    {
        if (!m_queue.empty() && deadline < m_queue.back().deadline)
            throw std::logic_error("resource: a waiter's deadline before the one ahead of it");
        m_queue.push_back({waiter, need, deadline, true});
        ++m_waiting;
        m_waitingNeed += need;
        const Ticket ticket = m_front + m_queue.size() - 1;
        if (deadline != SimTime::max() && !m_timerPending)
            armTimer();
        return ticket;
    }

    /// True while the waiter of `ticket` is still in the queue.
    bool isWaiting(Ticket ticket) const
    {
        return ticket >= m_front && ticket - m_front < m_queue.size() && m_queue[ticket - m_front].live;
    }

    /// Takes the waiter of `ticket` out of the queue (it gave up, or failed for another reason);
    /// returns the units it asked for. Call dispatch() afterwards: the next in line may fit.
    std::uint32_t leave(Ticket ticket)
    {
        assert(isWaiting(ticket) && "leave: the waiter already left");
        Entry& e = m_queue[ticket - m_front];
        e.live = false;
        --m_waiting;
        m_waitingNeed -= e.need;
        return e.need; // the entry stays and is skipped when it reaches the front
    }

    /// The ticket of the oldest waiter, if any.
    bool oldest(Ticket& ticket) const
    {
        for (std::size_t i = 0; i < m_queue.size(); ++i) {
            if (m_queue[i].live) {
                ticket = m_front + i;
                return true;
            }
        }
        return false;
    }
    std::uint32_t waiterOf(Ticket ticket) const
    {
        assert(ticket >= m_front && ticket - m_front < m_queue.size() &&
               "waiterOf: a ticket no longer queued");
        return m_queue[ticket - m_front].waiter;
    }

    /// Serves waiters from the head while the owner has enough units for the head. Safe to
    /// call from inside a grant: the outer call then goes round once more.
    void dispatch()
    {
        // Nobody queued, not even a waiter that left: nothing to do (a dispatch in progress
        // looks at the queue again after each grant). The common case, so kept inline.
        if (m_queue.empty())
            return;
        dispatchHead();
    }

private:
    void dispatchHead()
    {
        if (m_dispatching) {
            m_dispatchAgain = true;
            return;
        }
        m_dispatching = true;
        do {
            m_dispatchAgain = false;
            while (!m_queue.empty()) {
                const Entry head = m_queue.front();
                if (!head.live) {
                    popFront();
                    continue;
                }
                if (m_owner.available() < head.need)
                    break; // strict FIFO: nobody overtakes the head
                popFront();
                --m_waiting;
                m_waitingNeed -= head.need;
                m_owner.waiterGranted(head.waiter, head.need);
            }
        } while (m_dispatchAgain);
        m_dispatching = false;
    }

    struct Entry
    {
        std::uint32_t waiter, need;
        SimTime deadline;
        bool live;
    };

    void popFront()
    {
        m_queue.pop_front();
        ++m_front;
    }

    // Arms the timer for the oldest waiter, skipping entries of waiters that left.
    void armTimer()
    {
        while (!m_queue.empty()) {
            const Entry& head = m_queue.front();
            if (head.live) {
                if (head.deadline == SimTime::max())
                    return; // no deadline: nothing to time out
                m_timerPending = true;
                m_sim.schedule(head.deadline, m_timerEvent);
                return;
            }
            popFront();
        }
    }

    void onTimer(std::uint64_t /*payload*/)
    {
        m_timerPending = false;
        const SimTime now = m_sim.now();
        while (!m_queue.empty()) {
            const Entry head = m_queue.front();
            if (!head.live) {
                popFront();
                continue;
            }
            if (head.deadline > now)
                break;
            popFront();
            --m_waiting;
            m_waitingNeed -= head.need;
            m_owner.waiterExpired(head.waiter, head.need);
        }
        if (!m_timerPending)
            armTimer();
        dispatch(); // a blocked head may have left: the next in line may fit now
    }

    engine::Simulator& m_sim;
    Owner& m_owner;
    engine::EventType m_timerEvent;
    std::deque<Entry> m_queue; // FIFO; entries of waiters that left stay until they reach the front
    Ticket m_front = 0;        // the ticket of m_queue.front()
    std::uint32_t m_waiting = 0;
    std::uint64_t m_waitingNeed = 0;
    bool m_timerPending = false;
    bool m_dispatching = false, m_dispatchAgain = false;
};

} // namespace poolsim::models
