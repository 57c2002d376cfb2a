#pragma once
// One backend instance's connection pool, as HikariCP keeps it: a fixed number of connection
// slots, opened on demand (paying connect_time, failing after connect_timeout, refused when the
// database's budget is spent) and kept min_idle deep; idle connections closed after
// idle_timeout, every connection retired after max_lifetime; requests waiting for connections
// in strict FIFO order (a FifoResource over the idle connections), failing at pool.timeout.
#include "engine/random_stream.h"
#include "engine/simulator.h"
#include "models/simulation/compiled_scenario.h"
#include "models/simulation/connection_budget.h"
#include "models/simulation/fifo_resource.h"
#include "models/simulation/request.h"
#include "models/simulation/statistics_sink.h"

#include <string>
#include <vector>

namespace poolsim::models {

class ConnectionPool final : public ConnectionBudget::Listener
{
public:
    /// Who the pool tells that a waiting request got its connections or failed waiting: each
    /// request's own owner (Request::owner).
    using Client = RequestOwner;
    /// The random streams every pool of a replication shares.
    struct Streams
    {
        engine::RandomStream& connect;
        engine::RandomStream& lifetime;
    };

    ConnectionPool(engine::Simulator& sim, const CompiledScenario& scenario, std::uint32_t instance,
                   RequestTable& requests, StatisticsSink& stats, ConnectionBudget& database,
                   Streams streams);

    /// min_idle connections open before the first request, as a pool fills at start-up.
    void openInitialConnections();

    /// True when a request asking for `n` connections can have them at once: nobody waits
    /// ahead of it and enough are idle.
    bool canGrantAtOnce(std::uint32_t n) const { return m_queue.waiting() == 0 && m_idle.size() >= n; }
    /// Gives `n` idle connections to the request (after its wait since waitStart).
    void grant(std::uint32_t request, std::uint32_t n);
    /// With pool.timeout 0 nobody waits: the pool grows towards its size for later requests
    /// (as HikariCP adds on demand). Returns false when the database refused that opening.
    bool growWithoutWaiting(std::uint32_t n);
    /// Queues the request for `n` connections until pool.timeout, opening connections for it.
    void enqueue(std::uint32_t request, std::uint32_t n);
    /// The request gives back a connection it held; call dispatch() when done giving back.
    void release(std::uint32_t workload, std::uint32_t connection);
    /// Serves waiters from the head of the queue while connections are idle for it.
    void dispatch() { m_queue.dispatch(); }
    /// The waiting request gives up its place in the queue (its caller went, or its instance
    /// failed); its wait so far counts. Call dispatch() afterwards.
    void abandon(std::uint32_t request);

    /// The instance failed: every idle and opening connection closes now, and each busy one
    /// when its holder gives it back (release()); pending openings and checks are forgotten.
    /// The owners of the requests at the instance take them out (abandon(), release()).
    void shutdown();
    /// The instance started again: min_idle connections open, each paying connect_time.
    void restart();

    std::uint32_t busy() const { return m_busy; }
    std::uint32_t open() const { return m_open; }
    std::uint32_t waiting() const { return m_queue.waiting(); }

    // FifoResource's owner interface.
    std::uint32_t available() const { return static_cast<std::uint32_t>(m_idle.size()); }
    void waiterGranted(std::uint32_t request, std::uint32_t need);
    void waiterExpired(std::uint32_t request, std::uint32_t need);

    // ConnectionBudget::Listener: another pool closed a connection.
    void roomInDatabase() override;

private:
    struct Connection
    {
        enum class State : std::uint8_t { Closed, Opening, Idle, Busy };
        State state = State::Closed;
        bool retireOnRelease = false;
        bool idleCheckPending = false;
        SimTime idleSince;
        engine::EventHandle retire;
        // The waiter an opening is for: the request and its place in the queue.
        std::uint32_t trigger = kNoRequest;
        std::uint64_t triggerTicket = 0;
    };
    using Queue = FifoResource<ConnectionPool>;

    // Requests leaving the queue.
    void leftQueue(Request& r);
    // The connections' life cycle (connection_lifecycle.cpp).
    std::uint32_t takeClosedSlot(Connection::State state);
    bool ensureOpening(std::uint32_t trigger);
    bool startOpening(std::uint32_t trigger);
    void watchIdle(std::uint32_t connection);
    void scheduleRetirement(std::uint32_t connection);
    SimTime lifetimeOfNewConnection();
    void closeConnection(std::uint32_t connection);
    void replenish();
    void onOpenDone(std::uint64_t connection);
    void onOpenFailed(std::uint64_t connection);
    void onIdleCheck(std::uint64_t connection);
    void onRetire(std::uint64_t connection);
    void setOpen(std::int64_t delta) { m_stats.levelChanged(m_openLevel, m_sim.now(), kNoWorkload, delta); }
    Client& ownerOf(std::uint32_t request) { return *m_requests[request].owner; }
    // A connection's events carry the pool's epoch (bumped at shutdown) above its index: those
    // of a pool that has since failed are stale.
    std::uint64_t payload(std::uint32_t connection) const
    {
        return std::uint64_t{m_epoch} << 32 | connection;
    }
    bool stale(std::uint64_t payload) const { return payload >> 32 != m_epoch; }

    engine::Simulator& m_sim;
    const CompiledScenario& m_scenario;
    RequestTable& m_requests;
    StatisticsSink& m_stats;
    ConnectionBudget& m_database;
    Streams m_streams;
    StatisticsSink::LevelId m_busyLevel, m_waitingLevel, m_openLevel;
    engine::EventType m_openDone, m_openFailed, m_idleCheck, m_retire;

    std::vector<Connection> m_connections;
    std::vector<std::uint32_t> m_idle; // a stack: the most recently released is reused first
    std::vector<std::uint32_t> m_closed;
    std::uint32_t m_open = 0, m_opening = 0, m_busy = 0;
    std::uint32_t m_epoch = 0;
    bool m_down = false; // the instance failed and has not started again
    // The last time the database refused an opening for this pool: a waiter that queued before
    // it and then runs out of time failed because of the database.
    SimTime m_lastRefusal = SimTime::fromTicks(-1);
    Queue m_queue;
};

} // namespace poolsim::models
