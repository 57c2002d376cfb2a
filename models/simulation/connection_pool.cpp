// The pool's side facing requests: granting idle connections, the FIFO queue and its timeout.
#include "models/simulation/connection_pool.h"

#include "models/simulation/event_priorities.h"

#include <cassert>

namespace poolsim::models {

namespace {
/// "pool/2/open-done": the instance's pool's events, named for error messages.
std::string eventName(std::uint32_t instance, const char* what)
{
    return "pool/" + std::to_string(instance) + "/" + what;
}
} // namespace

ConnectionPool::ConnectionPool(engine::Simulator& sim, const CompiledScenario& scenario,
                               std::uint32_t instance, RequestTable& requests, StatisticsSink& stats,
                               ConnectionBudget& database, Streams streams)
    : m_sim(sim), m_scenario(scenario), m_requests(requests), m_stats(stats), m_database(database),
      m_streams(streams), m_busyLevel(stats.level(StatisticsSink::kBusyConnections)),
      m_waitingLevel(stats.level(StatisticsSink::kWaitingRequests)),
      m_openLevel(stats.level(StatisticsSink::kOpenConnections)),
      m_openDone(sim.eventType<&ConnectionPool::onOpenDone>(this, priority::kPool,
                                                            eventName(instance, "open-done"))),
      m_openFailed(sim.eventType<&ConnectionPool::onOpenFailed>(this, priority::kPool,
                                                                eventName(instance, "open-failed"))),
      m_idleCheck(sim.eventType<&ConnectionPool::onIdleCheck>(this, priority::kPool,
                                                              eventName(instance, "idle-check"))),
      m_retire(
          sim.eventType<&ConnectionPool::onRetire>(this, priority::kPool, eventName(instance, "retire"))),
      m_queue(sim, *this, priority::kTimeout, eventName(instance, "queue"))
{
    m_connections.resize(scenario.poolSize);
    for (std::uint32_t c = scenario.poolSize; c-- > 0;)
        m_closed.push_back(c);
    m_idle.reserve(scenario.poolSize);
    database.addListener(this);
}

void ConnectionPool::grant(std::uint32_t id, std::uint32_t n)
{
    Request& r = m_requests[id];
    const SimTime now = m_sim.now();
    assert(m_idle.size() >= n && "grant: fewer idle connections than granted");
    for (std::uint32_t k = 0; k < n; ++k) {
        const std::uint32_t c = m_idle.back();
        m_idle.pop_back();
        m_connections[c].state = Connection::State::Busy;
        r.connections.push_back({c, now});
    }
    m_busy += n;
    r.pendingNeed -= n;
    const SimTime wait = now - r.waitStart;
    r.totalWait += wait;
    if (r.workload != kNoWorkload) // a health check's probe is not a request's acquisition
        m_stats.granted(now, wait);
    m_stats.levelChanged(m_busyLevel, now, r.workload, static_cast<std::int64_t>(n));
}

bool ConnectionPool::growWithoutWaiting(std::uint32_t n)
{
    if (m_open + m_opening < m_scenario.poolSize && m_opening + m_idle.size() < n)
        return startOpening(kNoRequest);
    return true;
}

void ConnectionPool::enqueue(std::uint32_t id, std::uint32_t n)
{
    Request& r = m_requests[id];
    r.waiting = true;
    const SimTime deadline = m_scenario.timeout ? m_sim.now() + *m_scenario.timeout : SimTime::max();
    r.ticket = m_queue.enqueue(id, n, deadline);
    m_stats.levelChanged(m_waitingLevel, m_sim.now(), r.workload, +1);
    // A refused opening does not fail the request at once: as with HikariCP it keeps waiting
    // for a connection another request gives back, and fails as `refused` at its timeout.
    ensureOpening(id);
}

void ConnectionPool::leftQueue(Request& r)
{
    r.waiting = false;
    m_stats.levelChanged(m_waitingLevel, m_sim.now(), r.workload, -1);
}

void ConnectionPool::waiterGranted(std::uint32_t id, std::uint32_t need)
{
    leftQueue(m_requests[id]);
    grant(id, need);
    ownerOf(id).granted(id);
}

void ConnectionPool::waiterExpired(std::uint32_t id, std::uint32_t /*need*/)
{
    Request& r = m_requests[id];
    leftQueue(r);
    r.totalWait += m_sim.now() - r.waitStart;
    const bool refused = m_lastRefusal >= r.waitStart;
    ownerOf(id).acquisitionFailed(id, refused ? Outcome::Refused : Outcome::Timeout);
}

void ConnectionPool::abandon(std::uint32_t id)
{
    Request& r = m_requests[id];
    m_queue.leave(r.ticket);
    leftQueue(r);
    r.totalWait += m_sim.now() - r.waitStart;
}

void ConnectionPool::release(std::uint32_t workload, std::uint32_t c)
{
    m_stats.levelChanged(m_busyLevel, m_sim.now(), workload, -1);
    Connection& conn = m_connections[c];
    --m_busy;
    if (m_down) {
        closeConnection(c); // the process that held it is gone
        return;
    }
    if (conn.retireOnRelease) {
        closeConnection(c);
        replenish();
        return;
    }
    conn.state = Connection::State::Idle;
    conn.idleSince = m_sim.now();
    m_idle.push_back(c);
    watchIdle(c);
}

void ConnectionPool::roomInDatabase()
{
    if (m_queue.waiting())
        ensureOpening(kNoRequest);
}

} // namespace poolsim::models
