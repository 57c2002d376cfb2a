// Tests of one instance's connection pool (models/simulation/connection_pool.h) driven
// directly, with no YAML and no request life cycle: granting idle connections, strict FIFO,
// the pool timeout and the rescan after a timed-out head, opening on demand, and the
// database's budget shared by two pools.
#ifndef Q_MOC_RUN
#include "engine/random_stream.h"
#include "models/simulation/connection_pool.h"
#endif

#include <QObject>
#include <QTest>

#include <string>
#include <vector>

#include "component_test_support.h"

using namespace poolsim;
using namespace componenttest;
using models::ConnectionPool;
using models::Outcome;

namespace {

// The request life cycle's stand-in: logs what the pool tells it.
class LoggingClient final : public ConnectionPool::Client
{
public:
    explicit LoggingClient(engine::Simulator& sim) : m_sim(sim) {}
    void granted(std::uint32_t request) override
    {
        log.push_back("granted " + std::to_string(request) + at());
    }
    void acquisitionFailed(std::uint32_t request, Outcome outcome) override
    {
        static const char* const kNames[] = {"served",         "timeout", "connect failure", "refused",
                                             "client timeout", "crashed", "rejected",        "unavailable"};
        log.push_back(std::string(kNames[static_cast<int>(outcome)]) + " " + std::to_string(request) + at());
    }
    std::vector<std::string> log;

private:
    std::string at() const { return " at " + std::to_string(m_sim.now().seconds()).substr(0, 4); }
    engine::Simulator& m_sim;
};

// A pool with everything it needs around it.
struct PoolBench
{
    explicit PoolBench(models::CompiledScenario s, std::optional<std::int64_t> budget = std::nullopt)
        : scenario(std::move(s)), database(budget), client(sim), script(sim),
          pool(sim, scenario, 0, requests, stats, database, {connect, lifetime})
    {
    }
    /// A request for `n` connections arriving now at `p` (the pool of `instance`): granted at
    /// once when it can be, else queued.
    std::uint32_t askAt(ConnectionPool& p, std::uint32_t instance, std::uint32_t n)
    {
        const std::uint32_t id = requests.allocate();
        models::Request& r = requests[id];
        r = models::Request{};
        r.owner = &client;
        r.instance = instance;
        r.pendingNeed = n;
        r.waitStart = sim.now();
        if (p.canGrantAtOnce(n)) {
            p.grant(id, n);
            client.granted(id);
        } else {
            p.enqueue(id, n);
        }
        return id;
    }
    std::uint32_t ask(std::uint32_t n) { return askAt(pool, 0, n); }
    void giveBackAll(std::uint32_t id)
    {
        for (const models::HeldConnection& held : requests[id].connections)
            pool.release(0, held.connection);
        requests[id].connections.clear();
        pool.dispatch();
    }

    models::CompiledScenario scenario;
    engine::Simulator sim;
    RecordingSink stats;
    models::RequestTable requests;
    models::ConnectionBudget database;
    engine::RandomStream connect{1, 0, 1}, lifetime{1, 0, 2};
    LoggingClient client;
    Script script;
    ConnectionPool pool;
};

} // namespace

class TestConnectionPool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void grantsIdleConnectionsAtOnce();
    void queueTimeoutAndRescan();
    void releaseServesTheHead();
    void opensOnDemandAndPaysConnectTime();
    void databaseBudgetRefuses();
    void closingMakesRoomForAnotherPool();
    void failedOpeningFailsItsTrigger();
    void failedOpeningFailsOldestWhenTriggerLeft();
};

void TestConnectionPool::grantsIdleConnectionsAtOnce()
{
    PoolBench b(poolScenario(3, sec(1)));
    b.pool.openInitialConnections();
    QCOMPARE(b.stats.levels["connections.open"], 3);
    b.ask(2);
    QCOMPARE(b.client.log, std::vector<std::string>{"granted 0 at 0.00"});
    QCOMPARE(b.pool.busy(), 2u);
    QCOMPARE(b.stats.levels["connections.busy"], 2);
    QCOMPARE(b.stats.levels["requests.waiting"], 0);
}

// A k = 3 head times out; at that instant the k = 1 behind it is served, and the k = 2 behind
// that stays blocked (1 idle) until its own timeout.
void TestConnectionPool::queueTimeoutAndRescan()
{
    PoolBench b(poolScenario(4, sec(1)));
    b.pool.openInitialConnections();
    b.script.at(sec(0), [&] {
        b.ask(2); // request 0 holds 2 of 4
        b.ask(3); // request 1: 2 idle, waits
    });
    b.script.at(sec(0.5), [&] {
        b.ask(1); // request 2 fits but must not overtake request 1
        b.ask(2); // request 3
    });
    b.sim.run(sec(10));
    const std::vector<std::string> want = {"granted 0 at 0.00", "timeout 1 at 1.00", "granted 2 at 1.00",
                                           "timeout 3 at 1.50"};
    QCOMPARE(b.client.log, want);
    QCOMPARE(b.stats.maxima["requests.waiting"], 3);
    QCOMPARE(b.stats.levels["requests.waiting"], 0);
    QCOMPARE(b.stats.levels["connections.busy"], 3);
    QCOMPARE(b.pool.waiting(), 0u);
}

void TestConnectionPool::releaseServesTheHead()
{
    PoolBench b(poolScenario(2, sec(5)));
    b.pool.openInitialConnections();
    std::uint32_t holder = 0;
    b.script.at(sec(0), [&] {
        holder = b.ask(2);
        b.ask(1);
    });
    b.script.at(sec(2), [&] { b.giveBackAll(holder); });
    b.sim.run(sec(10));
    const std::vector<std::string> want = {"granted 0 at 0.00", "granted 1 at 2.00"};
    QCOMPARE(b.client.log, want);
    QCOMPARE(b.stats.waits, (std::vector<double>{0.0, 2.0}));
}

void TestConnectionPool::opensOnDemandAndPaysConnectTime()
{
    models::CompiledScenario s = poolScenario(2, sec(1));
    s.minIdle = 0;
    s.connectTime = engine::Distribution::constant(0.05);
    PoolBench b(s);
    b.pool.openInitialConnections();
    QCOMPARE(b.pool.open(), 0u);
    b.script.at(sec(0), [&] { b.ask(1); });
    b.sim.run(sec(10));
    QCOMPARE(b.client.log, std::vector<std::string>{"granted 0 at 0.05"});
    QCOMPARE(b.pool.open(), 1u); // one opening, for the one waiter
    QCOMPARE(b.stats.waits, std::vector<double>{0.05});
    QCOMPARE(b.database.used(), std::int64_t{1});
}

// The database has room for one connection: a second pool's opening is refused, and its
// waiter fails as `refused` at its timeout.
void TestConnectionPool::databaseBudgetRefuses()
{
    models::CompiledScenario s = poolScenario(1, sec(2));
    s.minIdle = 0;
    PoolBench b(s, 1);
    ConnectionPool other(b.sim, b.scenario, 1, b.requests, b.stats, b.database, {b.connect, b.lifetime});
    b.script.at(sec(0), [&] {
        b.ask(1); // opens the only connection the database allows
        b.askAt(other, 1, 1);
    });
    b.sim.run(sec(10));
    const std::vector<std::string> want = {"granted 0 at 0.00", "refused 1 at 2.00"};
    QCOMPARE(b.client.log, want);
    QCOMPARE(b.database.used(), std::int64_t{1});
}

// Pool A holds the database's only connection; pool B's waiter is refused an opening. When A's
// connection closes (idle timeout), B hears of the room, opens, and serves its waiter.
void TestConnectionPool::closingMakesRoomForAnotherPool()
{
    models::CompiledScenario s = poolScenario(1, sec(10));
    s.minIdle = 0;
    s.idleTimeout = sec(2);
    PoolBench b(s, 1);
    ConnectionPool other(b.sim, b.scenario, 1, b.requests, b.stats, b.database, {b.connect, b.lifetime});
    std::uint32_t holder = 0;
    b.script.at(sec(0), [&] { holder = b.ask(1); }); // opens the only connection, at once
    b.script.at(sec(0.5), [&] {
        b.askAt(other, 1, 1); // refused: the budget is spent
    });
    b.script.at(sec(1), [&] { b.giveBackAll(holder); }); // idle from 1 s, closed at 3 s
    b.sim.run(sec(20));
    const std::vector<std::string> want = {"granted 0 at 0.00", "granted 1 at 3.00"};
    QCOMPARE(b.client.log, want);
    QCOMPARE(b.pool.open(), 0u);
    QCOMPARE(other.open(), 1u);
    QCOMPARE(b.database.used(), std::int64_t{1});
}

// An opening slower than connect_timeout fails at the timeout, and so does the request it was
// for; the request leaves the queue (the waiting level goes back to 0).
void TestConnectionPool::failedOpeningFailsItsTrigger()
{
    models::CompiledScenario s = poolScenario(2, sec(5));
    s.minIdle = 0;
    s.connectTime = engine::Distribution::constant(2);
    s.connectTimeout = sec(1);
    PoolBench b(s);
    b.script.at(sec(0), [&] { b.ask(1); });
    b.sim.run(sec(20));
    QCOMPARE(b.client.log, std::vector<std::string>{"connect failure 0 at 1.00"});
    QCOMPARE(b.stats.levels["requests.waiting"], 0);
    QCOMPARE(b.pool.waiting(), 0u);
    QVERIFY(!b.requests[0].waiting);
    QCOMPARE(b.database.used(), std::int64_t{0});
}

// The request an opening was for has already left (its pool timeout came first): the opening's
// failure fails the oldest waiter instead, whom it would have served.
void TestConnectionPool::failedOpeningFailsOldestWhenTriggerLeft()
{
    models::CompiledScenario s = poolScenario(1, sec(0.5));
    s.minIdle = 0;
    s.connectTime = engine::Distribution::constant(2);
    s.connectTimeout = sec(1);
    PoolBench b(s);
    b.script.at(sec(0), [&] { b.ask(1); });   // opens (fails at 1 s), times out at 0.5 s
    b.script.at(sec(0.7), [&] { b.ask(1); }); // the opening in progress is for it now
    b.sim.run(sec(20));
    const std::vector<std::string> want = {"timeout 0 at 0.50", "connect failure 1 at 1.00"};
    QCOMPARE(b.client.log, want);
    QCOMPARE(b.stats.levels["requests.waiting"], 0);
}

QTEST_APPLESS_MAIN(TestConnectionPool)
#include "tst_connection_pool.moc"
