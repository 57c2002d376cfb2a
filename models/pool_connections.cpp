// The pools: granting connections to waiters in FIFO order, and the connections' lifecycle
// (opening on demand, connect timeouts, the database's budget, idle timeout, max lifetime).
#include "models/pool_model.h"

#include <algorithm>

namespace poolsim::models {

namespace {
std::uint64_t pack(std::uint32_t a, std::uint32_t b) { return (std::uint64_t{a} << 32) | b; }
} // namespace

std::uint32_t PoolModel::takeClosedSlot(Instance& inst, Connection::State state)
{
    const std::uint32_t c = inst.closed.back();
    inst.closed.pop_back();
    Connection& conn = inst.connections[c];
    conn.state = state;
    conn.retireOnRelease = false;
    return c;
}

void PoolModel::openInitialConnections()
{
    // min_idle connections are open before the first request, as a pool fills at start-up.
    for (std::uint32_t i = 0; i < m_instances.size(); ++i) {
        Instance& inst = m_instances[i];
        for (std::uint32_t k = 0; k < m_scenario.minIdle; ++k) {
            if (m_scenario.databaseBudget && m_databaseOpen >= *m_scenario.databaseBudget)
                break; // the database has no room: the pool starts smaller
            const std::uint32_t c = takeClosedSlot(inst, Connection::State::Idle);
            inst.connections[c].idleSince = m_now;
            scheduleRetirement(i, c);
            inst.idle.push_back(c);
            ++inst.open;
            ++m_databaseOpen;
            setOpen(+1);
        }
    }
}

void PoolModel::grant(std::uint32_t id, std::uint32_t n)
{
    Request& r = m_requests[id];
    Instance& inst = m_instances[r.instance];
    for (std::uint32_t k = 0; k < n; ++k) {
        const std::uint32_t c = inst.idle.back();
        inst.idle.pop_back();
        inst.connections[c].state = Connection::State::Busy;
        r.connections.push_back(c);
        r.grantedAt.push_back(m_now);
    }
    inst.busy += n;
    r.pendingNeed -= n;
    const SimTime wait = m_now - r.waitStart;
    r.totalWait += wait;
    m_stats->granted(m_now, wait);
    setBusy(static_cast<std::int64_t>(n), r.workload);
}

void PoolModel::dispatch(std::uint32_t instance)
{
    Instance& inst = m_instances[instance];
    if (inst.dispatching) {
        inst.dispatchAgain = true; // the outer call loops once more
        return;
    }
    inst.dispatching = true;
    do {
        inst.dispatchAgain = false;
        while (!inst.queue.empty()) {
            const QueueEntry head = inst.queue.front();
            Request& r = m_requests[head.request];
            if (!r.waiting || r.waitGeneration != head.generation) {
                inst.queue.pop_front(); // left by timeout or failure
                continue;
            }
            if (inst.idle.size() < head.need)
                break; // strict FIFO: nobody overtakes the head
            inst.queue.pop_front();
            leaveQueue(r, head.need);
            grant(head.request, head.need);
            afterGrant(head.request);
        }
    } while (inst.dispatchAgain);
    inst.dispatching = false;
}

void PoolModel::releaseConnection(std::uint32_t instance, std::uint32_t c)
{
    Instance& inst = m_instances[instance];
    Connection& conn = inst.connections[c];
    --inst.busy;
    if (conn.retireOnRelease) {
        closeConnection(instance, c);
        replenish(instance);
        return;
    }
    conn.state = Connection::State::Idle;
    conn.idleSince = m_now;
    inst.idle.push_back(c);
    watchIdle(instance, c);
}

void PoolModel::watchIdle(std::uint32_t instance, std::uint32_t c)
{
    Connection& conn = m_instances[instance].connections[c];
    // One pending check per connection at most; it re-arms itself if the connection was used.
    if (m_scenario.idleTimeout && m_scenario.minIdle < m_scenario.poolSize && !conn.idleCheckPending) {
        conn.idleCheckPending = true;
        schedule(m_now + *m_scenario.idleTimeout, kIdleCheck, pack(instance, c));
    }
}

void PoolModel::scheduleRetirement(std::uint32_t instance, std::uint32_t c)
{
    if (m_scenario.maxLifetime)
        m_instances[instance].connections[c].retire = schedule(m_now + lifetimeOfNewConnection(), kRetire, pack(instance, c));
}

std::uint32_t PoolModel::oldestWaiter(std::uint32_t instance)
{
    for (const QueueEntry& e : m_instances[instance].queue) {
        const Request& r = m_requests[e.request];
        if (r.waiting && r.waitGeneration == e.generation)
            return e.request;
    }
    return UINT32_MAX;
}

bool PoolModel::ensureOpening(std::uint32_t instance, std::uint32_t trigger)
{
    Instance& inst = m_instances[instance];
    while (inst.open + inst.opening < m_scenario.poolSize &&
           inst.opening + inst.idle.size() < inst.waitingNeed) {
        if (!startOpening(instance, trigger))
            return false;
    }
    return true;
}

bool PoolModel::startOpening(std::uint32_t instance, std::uint32_t trigger)
{
    Instance& inst = m_instances[instance];
    if (m_scenario.databaseBudget && m_databaseOpen >= *m_scenario.databaseBudget) {
        inst.lastRefusal = m_now; // PostgreSQL: "sorry, too many clients already"
        return false;
    }
    const std::uint32_t c = takeClosedSlot(inst, Connection::State::Opening);
    Connection& conn = inst.connections[c];
    conn.trigger = trigger;
    conn.triggerGeneration = trigger != UINT32_MAX ? m_requests[trigger].waitGeneration : 0;
    ++inst.opening;
    ++m_databaseOpen;
    const SimTime connectTime = m_scenario.connectTime.sample(m_connectStream);
    if (m_scenario.connectTimeout && connectTime > *m_scenario.connectTimeout)
        schedule(m_now + *m_scenario.connectTimeout, kOpenFailed, pack(instance, c));
    else
        schedule(m_now + connectTime, kOpenDone, pack(instance, c));
    return true;
}

void PoolModel::onOpenDone(std::uint32_t instance, std::uint32_t c)
{
    Instance& inst = m_instances[instance];
    Connection& conn = inst.connections[c];
    --inst.opening;
    ++inst.open;
    setOpen(+1);
    conn.state = Connection::State::Idle;
    conn.idleSince = m_now;
    inst.idle.push_back(c);
    scheduleRetirement(instance, c);
    watchIdle(instance, c);
    dispatch(instance);
}

void PoolModel::onOpenFailed(std::uint32_t instance, std::uint32_t c)
{
    Instance& inst = m_instances[instance];
    Connection& conn = inst.connections[c];
    --inst.opening;
    --m_databaseOpen;
    conn.state = Connection::State::Closed;
    inst.closed.push_back(c);
    // The request the opening was for fails; if it is no longer waiting (or the opening was
    // the pool's own, refilling to min_idle), the oldest waiter, which it would have served.
    std::uint32_t victim = conn.trigger;
    if (victim != UINT32_MAX) {
        const Request& t = m_requests[victim];
        if (!t.waiting || t.waitGeneration != conn.triggerGeneration || t.instance != instance)
            victim = UINT32_MAX;
    }
    if (victim == UINT32_MAX)
        victim = oldestWaiter(instance);
    if (victim != UINT32_MAX) {
        Request& r = m_requests[victim];
        leaveQueue(r, acquisitionSize(r));
        r.totalWait += m_now - r.waitStart;
        fail(victim, Outcome::ConnectFailure);
    }
    replenish(instance);
    dispatch(instance);
}

void PoolModel::onIdleCheck(std::uint32_t instance, std::uint32_t c)
{
    Instance& inst = m_instances[instance];
    Connection& conn = inst.connections[c];
    conn.idleCheckPending = false;
    if (conn.state != Connection::State::Idle)
        return; // busy again: its next release schedules a new check
    const SimTime idleUntil = conn.idleSince + *m_scenario.idleTimeout;
    if (m_now < idleUntil) {
        conn.idleCheckPending = true; // it was used and released since: look again later
        schedule(idleUntil, kIdleCheck, pack(instance, c));
        return;
    }
    if (inst.open + inst.opening > m_scenario.minIdle) {
        inst.idle.erase(std::find(inst.idle.begin(), inst.idle.end(), c));
        closeConnection(instance, c);
    }
}

void PoolModel::onRetire(std::uint32_t instance, std::uint32_t c)
{
    Instance& inst = m_instances[instance];
    Connection& conn = inst.connections[c];
    conn.retire = {};
    if (conn.state == Connection::State::Busy) {
        conn.retireOnRelease = true; // a connection in use is closed when it comes back
        return;
    }
    if (conn.state == Connection::State::Idle) {
        inst.idle.erase(std::find(inst.idle.begin(), inst.idle.end(), c));
        closeConnection(instance, c);
        replenish(instance);
        dispatch(instance);
    }
}

SimTime PoolModel::lifetimeOfNewConnection()
{
    // As HikariCP: up to 2.5% shorter at random, so connections opened together do not all
    // retire at the same instant and leave the pool empty.
    const double variance = 0.025 * m_lifetimeStream.uniform01();
    return SimTime::fromSeconds(m_scenario.maxLifetime->seconds() * (1 - variance));
}

void PoolModel::closeConnection(std::uint32_t instance, std::uint32_t c)
{
    Instance& inst = m_instances[instance];
    Connection& conn = inst.connections[c];
    m_calendar.cancel(conn.retire);
    conn.retire = {};
    conn.state = Connection::State::Closed;
    conn.retireOnRelease = false;
    inst.closed.push_back(c);
    --inst.open;
    --m_databaseOpen;
    setOpen(-1);
    // Room in the database's budget: another instance's waiters may now get an opening.
    if (m_scenario.databaseBudget)
        for (std::uint32_t i = 0; i < m_instances.size(); ++i)
            if (i != instance && m_instances[i].waiting)
                ensureOpening(i, UINT32_MAX);
}

void PoolModel::replenish(std::uint32_t instance)
{
    Instance& inst = m_instances[instance];
    while (inst.open + inst.opening < m_scenario.minIdle)
        if (!startOpening(instance, UINT32_MAX))
            break;
    ensureOpening(instance, UINT32_MAX);
}

} // namespace poolsim::models
