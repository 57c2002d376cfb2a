#include "models/simulation/database_server.h"

#include "models/simulation/event_priorities.h"

#include <algorithm>
#include <cmath>

namespace poolsim::models {

namespace {
// The furthest a completion is scheduled ahead (about 31 years): a server slowed to a crawl
// must not overflow the clock; such an event lies beyond any horizon anyway.
constexpr double kFarthestTicks = 1e18;
// Ticks by which a computed completion may exceed a whole tick through rounding alone: far
// above a double's error at any clock this simulator reaches, far below a tick.
constexpr double kRoundingSlack = 0.01;
} // namespace

DatabaseServer::DatabaseServer(engine::Simulator& sim, const Capacity& capacity, StatisticsSink& stats)
    : m_sim(sim), m_capacity(capacity), m_stats(stats),
      m_activeLevel(stats.level(StatisticsSink::kActiveQueries)),
      m_slowdown(stats.tally(StatisticsSink::kQuerySlowdown)),
      m_queries(stats.counter(StatisticsSink::kQueriesDone)),
      // A query that ends gives its connections back: the same rank as a step's end.
      m_completion(
          sim.eventType<&DatabaseServer::onCompletion>(this, priority::kRelease, "database/query-end",
                                                       engine::Pending::AtMostOne)) // the first to end
{
}

double DatabaseServer::speed(const Capacity& c, std::int64_t n)
{
    if (n <= 1)
        return 1.0;
    const auto x = static_cast<double>(n);
    const double cpu = std::min(1.0, static_cast<double>(c.cores) / x);
    return cpu / (1.0 + c.contention * (x - 1.0) + c.coherency * x * (x - 1.0));
}

void DatabaseServer::advance()
{
    const SimTime now = m_sim.now();
    if (now == m_updated)
        return;
    // At speed 1 (n <= cores, no contention) this adds whole ticks: exact in a double up to
    // 2^53 ticks (104 days) of demand, so an idle server runs a query in exactly its demand.
    m_virtual += static_cast<double>((now - m_updated).ticks()) * m_speed;
    m_updated = now;
}

void DatabaseServer::setActive(std::int64_t active)
{
    m_active = active;
    const auto n = static_cast<std::size_t>(active);
    while (m_speeds.size() <= n)
        m_speeds.push_back(speed(m_capacity, static_cast<std::int64_t>(m_speeds.size())));
    m_speed = m_speeds[n];
    if (active == 0)
        m_virtual = 0; // nothing refers to the clock: start it over, keeping its precision
}

void DatabaseServer::startQuery(std::uint32_t request, std::uint32_t workload, SimTime demand,
                                std::uint32_t connections, Client& client)
{
    advance();
    const SimTime now = m_sim.now();
    const std::uint64_t sequence = m_sequence++;
    m_heap.push_back({m_virtual + static_cast<double>(demand.ticks()), sequence, request});
    if (m_info.size() <= request)
        m_info.resize(request + std::size_t{1});
    m_info[request] = {now, demand, workload, connections, &client, sequence};
    std::push_heap(m_heap.begin(), m_heap.end(), Later{});
    setActive(m_active + connections);
    m_stats.levelChanged(m_activeLevel, now, workload, connections);
    if (!m_inCompletion)
        reschedule();
}

void DatabaseServer::cancelQuery(std::uint32_t request)
{
    QueryInfo& q = m_info[request];
    if (q.sequence == kEnded) {
        q.sequence = kCancelled; // it ended at this instant; its client is not to be told
        return;
    }
    advance();
    q.sequence = kCancelled; // its heap entry is dropped when it comes to the top
    setActive(m_active - q.connections);
    m_stats.levelChanged(m_activeLevel, m_sim.now(), q.workload, -static_cast<std::int64_t>(q.connections));
    if (m_active == 0)
        m_heap.clear(); // only cancelled entries are left, and the clock starts over
    dropCancelledAtTop();
    if (!m_inCompletion) {
        // The rest speed up: the pending end may now come earlier.
        reschedule();
    }
}

void DatabaseServer::dropCancelledAtTop()
{
    while (!m_heap.empty() && m_info[m_heap.front().request].sequence != m_heap.front().sequence) {
        std::pop_heap(m_heap.begin(), m_heap.end(), Later{});
        m_heap.pop_back();
    }
}

void DatabaseServer::reschedule()
{
    if (m_heap.empty()) {
        m_sim.cancel(m_pending);
        m_pending = {};
        return;
    }
    const double remaining = std::max(0.0, m_heap.front().finish - m_virtual);
    // Up to the next whole tick, but for a rounding error's worth (a wake-up then finds the
    // query within a tick of its end, and ends it).
    const double ticks = std::min(std::ceil(remaining / m_speed - kRoundingSlack), kFarthestTicks);
    const SimTime at = m_sim.now() + SimTime::fromTicks(static_cast<std::int64_t>(ticks));
    if (m_pending.isValid()) {
        // Later than the pending event (a query started and slowed the rest): leave it. It then
        // wakes the server before the first end, which sets it again; with several starts
        // between two ends that is one event instead of a move of the event at every start.
        if (at >= m_pendingAt)
            return;
        m_sim.cancel(m_pending);
    }
    m_pending = m_sim.schedule(at, m_completion);
    m_pendingAt = at;
}

void DatabaseServer::onCompletion(std::uint64_t)
{
    m_pending = {};
    advance();
    if (m_heap.front().finish - m_virtual > m_speed) {
        // More than a tick's progress left: woken early, the server having slowed since the
        // event was set.
        reschedule();
        return;
    }
    // Set for the first query's end: its time was rounded up to a whole tick, so the clock is
    // at or past its finish point but for rounding.
    m_virtual = std::max(m_virtual, m_heap.front().finish);
    m_ended.clear();
    while (!m_heap.empty() && m_heap.front().finish <= m_virtual) {
        std::pop_heap(m_heap.begin(), m_heap.end(), Later{});
        const Running ended = m_heap.back();
        m_heap.pop_back();
        QueryInfo& q = m_info[ended.request];
        if (q.sequence != ended.sequence)
            continue; // cancelled
        q.sequence = kEnded;
        m_ended.emplace_back(ended.request, q.client);
    }
    dropCancelledAtTop();
    const SimTime now = m_sim.now();
    std::int64_t active = m_active;
    for (const auto& [request, client] : m_ended) {
        const QueryInfo& q = m_info[request];
        active -= q.connections;
        m_stats.levelChanged(m_activeLevel, now, q.workload, -static_cast<std::int64_t>(q.connections));
        m_stats.counted(m_queries, now, q.workload, q.connections);
        if (q.demand > SimTime::zero()) // a query of no demand has no stretch
            m_stats.recorded(m_slowdown, now, q.workload,
                             static_cast<double>((now - q.started).ticks()) /
                                 static_cast<double>(q.demand.ticks()));
    }
    setActive(active);
    if (active == 0)
        m_heap.clear(); // only cancelled entries can be left
    // The clients may start queries at once (the request's next step): one reschedule after all.
    m_inCompletion = true;
    for (const auto& [request, client] : m_ended) {
        // A client told of an earlier end may have cancelled this one (its instance failed).
        if (m_info[request].sequence != kEnded)
            continue;
        m_info[request].sequence = kCancelled;
        client->queryDone(request);
    }
    m_inCompletion = false;
    reschedule();
}

} // namespace poolsim::models
