// The pool's connections: opening on demand (connect time, connect timeout, the database's
// budget), min_idle, idle timeout and max lifetime.
#include "models/simulation/connection_pool.h"

#include <algorithm>

namespace poolsim::models {

std::uint32_t ConnectionPool::takeClosedSlot(Connection::State state)
{
    const std::uint32_t c = m_closed.back();
    m_closed.pop_back();
    Connection& conn = m_connections[c];
    conn.state = state;
    conn.retireOnRelease = false;
    return c;
}

void ConnectionPool::openInitialConnections()
{
    for (std::uint32_t k = 0; k < m_scenario.minIdle; ++k) {
        if (!m_database.hasRoom())
            break; // the database has no room: the pool starts smaller
        const std::uint32_t c = takeClosedSlot(Connection::State::Idle);
        m_connections[c].idleSince = m_sim.now();
        scheduleRetirement(c);
        m_idle.push_back(c);
        ++m_open;
        m_database.taken();
        setOpen(+1);
    }
}

void ConnectionPool::watchIdle(std::uint32_t c)
{
    Connection& conn = m_connections[c];
    // One pending check per connection at most; it re-arms itself if the connection was used.
    if (m_scenario.idleTimeout && m_scenario.minIdle < m_scenario.poolSize && !conn.idleCheckPending) {
        conn.idleCheckPending = true;
        m_sim.schedule(m_sim.now() + *m_scenario.idleTimeout, m_idleCheck, payload(c));
    }
}

void ConnectionPool::scheduleRetirement(std::uint32_t c)
{
    if (m_scenario.maxLifetime)
        m_connections[c].retire =
            m_sim.schedule(m_sim.now() + lifetimeOfNewConnection(), m_retire, payload(c));
}

SimTime ConnectionPool::lifetimeOfNewConnection()
{
    // As HikariCP: up to 2.5% shorter at random, so connections opened together do not all
    // retire at the same instant and leave the pool empty.
    const double variance = 0.025 * m_streams.lifetime.uniform01();
    return SimTime::fromSeconds(m_scenario.maxLifetime->seconds() * (1 - variance));
}

bool ConnectionPool::ensureOpening(std::uint32_t trigger)
{
    // Open connections for the waiters' unmet need; false if the database refused one.
    while (m_open + m_opening < m_scenario.poolSize && m_opening + m_idle.size() < m_queue.waitingNeed()) {
        if (!startOpening(trigger))
            return false;
    }
    return true;
}

bool ConnectionPool::startOpening(std::uint32_t trigger)
{
    if (!m_database.hasRoom()) {
        m_lastRefusal = m_sim.now(); // PostgreSQL: "sorry, too many clients already"
        return false;
    }
    const std::uint32_t c = takeClosedSlot(Connection::State::Opening);
    Connection& conn = m_connections[c];
    conn.trigger = trigger;
    conn.triggerTicket = trigger != kNoRequest ? m_requests[trigger].ticket : 0;
    ++m_opening;
    m_database.taken();
    const SimTime connectTime = m_scenario.connectTime.sample(m_streams.connect);
    if (m_scenario.connectTimeout && connectTime > *m_scenario.connectTimeout)
        m_sim.schedule(m_sim.now() + *m_scenario.connectTimeout, m_openFailed, payload(c));
    else
        m_sim.schedule(m_sim.now() + connectTime, m_openDone, payload(c));
    return true;
}

void ConnectionPool::onOpenDone(std::uint64_t event)
{
    if (stale(event))
        return; // for a connection the failure of the instance closed
    const auto c = static_cast<std::uint32_t>(event);
    Connection& conn = m_connections[c];
    --m_opening;
    ++m_open;
    setOpen(+1);
    conn.state = Connection::State::Idle;
    conn.idleSince = m_sim.now();
    m_idle.push_back(c);
    scheduleRetirement(c);
    watchIdle(c);
    dispatch();
}

void ConnectionPool::onOpenFailed(std::uint64_t event)
{
    if (stale(event))
        return; // for a connection the failure of the instance closed
    const auto c = static_cast<std::uint32_t>(event);
    Connection& conn = m_connections[c];
    --m_opening;
    m_database.openingFailed();
    conn.state = Connection::State::Closed;
    m_closed.push_back(c);
    // The request the opening was for fails; if it is no longer waiting (or the opening was
    // the pool's own, refilling to min_idle), the oldest waiter, which it would have served.
    Queue::Ticket ticket = conn.triggerTicket;
    const bool triggerWaits = conn.trigger != kNoRequest && m_queue.isWaiting(ticket);
    if (triggerWaits || m_queue.oldest(ticket)) {
        const std::uint32_t victim = m_queue.waiterOf(ticket);
        Request& r = m_requests[victim];
        m_queue.leave(ticket);
        leftQueue(r);
        r.totalWait += m_sim.now() - r.waitStart;
        ownerOf(victim).acquisitionFailed(victim, Outcome::ConnectFailure);
    }
    replenish();
    dispatch();
}

void ConnectionPool::onIdleCheck(std::uint64_t event)
{
    if (stale(event))
        return; // for a connection the failure of the instance closed
    const auto c = static_cast<std::uint32_t>(event);
    Connection& conn = m_connections[c];
    conn.idleCheckPending = false;
    if (conn.state != Connection::State::Idle)
        return; // busy again: its next release schedules a new check
    const SimTime idleUntil = conn.idleSince + *m_scenario.idleTimeout;
    if (m_sim.now() < idleUntil) {
        conn.idleCheckPending = true; // it was used and released since: look again later
        m_sim.schedule(idleUntil, m_idleCheck, payload(c));
        return;
    }
    if (m_open + m_opening > m_scenario.minIdle) {
        m_idle.erase(std::find(m_idle.begin(), m_idle.end(), c));
        closeConnection(c);
    }
}

void ConnectionPool::onRetire(std::uint64_t event)
{
    if (stale(event))
        return; // for a connection the failure of the instance closed
    const auto c = static_cast<std::uint32_t>(event);
    Connection& conn = m_connections[c];
    conn.retire = {};
    if (conn.state == Connection::State::Busy) {
        conn.retireOnRelease = true; // a connection in use is closed when it comes back
        return;
    }
    if (conn.state == Connection::State::Idle) {
        m_idle.erase(std::find(m_idle.begin(), m_idle.end(), c));
        closeConnection(c);
        replenish();
        dispatch();
    }
}

void ConnectionPool::closeConnection(std::uint32_t c)
{
    Connection& conn = m_connections[c];
    m_sim.cancel(conn.retire);
    conn.retire = {};
    conn.state = Connection::State::Closed;
    conn.retireOnRelease = false;
    m_closed.push_back(c);
    --m_open;
    setOpen(-1);
    // Room in the database's budget: another instance's waiters may now get an opening.
    m_database.closed(this);
}

void ConnectionPool::shutdown()
{
    m_down = true;
    ++m_epoch; // the pending openings, idle checks and retirements are forgotten
    for (std::uint32_t c = 0; c < m_connections.size(); ++c) {
        Connection& conn = m_connections[c];
        conn.idleCheckPending = false;
        if (conn.state == Connection::State::Opening) {
            conn.state = Connection::State::Closed;
            m_closed.push_back(c);
            --m_opening;
            m_database.closed(this); // its place in the budget is room for the other pools
        }
    }
    while (!m_idle.empty()) {
        const std::uint32_t c = m_idle.back();
        m_idle.pop_back();
        closeConnection(c);
    }
    // Busy connections close as their holders, taken out by their owners, give them back.
}

void ConnectionPool::restart()
{
    m_down = false;
    m_lastRefusal = SimTime::fromTicks(-1);
    replenish();
}

void ConnectionPool::replenish()
{
    while (m_open + m_opening < m_scenario.minIdle)
        if (!startOpening(kNoRequest))
            break;
    ensureOpening(kNoRequest);
}

} // namespace poolsim::models
