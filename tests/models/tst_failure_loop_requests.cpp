// The failure loop's validation (issue 11), requests side: client timeouts that cancel the try
// or leave it running as an orphan (which holds and waits for connections nobody waits for),
// and retry.on sending a crashed request to the other instance or an unavailable one back after
// the restart. Deterministic scenarios (constant holds, bursts at set instants) with every
// expected figure worked out by hand in the comment above it; the simulation must match exactly.
#include "pool_test_support.h"

using models::InstanceFailureCause;
using models::ModelPart;

class TestFailureLoopRequests : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void clientTimeoutWhileRunning_data();
    void clientTimeoutWhileRunning();
    void clientTimeoutWhileWaiting_data();
    void clientTimeoutWhileWaiting();
    void retriedClientTimeoutsAddLoad_data();
    void retriedClientTimeoutsAddLoad();
    void retryOnCrashed_data();
    void retryOnCrashed();
    void retryOnUnavailable_data();
    void retryOnUnavailable();
    void failureCancelsQueriesOnTheServer();
};

// ---- Client timeouts ---------------------------------------------------------------------------

void TestFailureLoopRequests::clientTimeoutWhileRunning_data()
{
    QTest::addColumn<bool>("cancel");
    QTest::addColumn<double>("laterWait");
    QTest::addColumn<double>("busySeconds");
    // Pool of 1. `slow` takes it at 0 s for 10 s; its caller gives up at 2 s. `later` arrives at
    // 1 s and waits. Cancelled, slow's query stops at 2 s and gives the connection back: later
    // waits 1 s and holds 2-3 s (3 connection-seconds in all). Not cancelled, the orphan holds
    // the connection to 10 s: later waits 9 s, longer by exactly the orphan's remaining 8 s
    // (11 connection-seconds).
    QTest::newRow("cancel_on_timeout true") << true << 1.0 << 3.0;
    QTest::newRow("cancel_on_timeout false: the orphan holds on") << false << 9.0 << 11.0;
}

void TestFailureLoopRequests::clientTimeoutWhileRunning()
{
    QFETCH(bool, cancel);
    QFETCH(double, laterWait);
    QFETCH(double, busySeconds);
    RUN(r, fill(R"(poolsim: 1
horizon: 20s
replications: 2
pool: {size: 1, timeout: none}
workloads:
  - name: slow
    arrivals: {burst: {at: 0s, count: 1}}
    hold: 10s
    client_timeout: 2s
    cancel_on_timeout: %1
  - name: later
    arrivals: {burst: {at: 1s, count: 1}}
    hold: 1s
)",
                {cancel ? QStringLiteral("true") : QStringLiteral("false")}));
    QVERIFY(r->parts.has(ModelPart::ClientTimeouts));
    QVERIFY(!r->parts.has(ModelPart::InstanceFailures));
    QCOMPARE(wmean(*r, 0, Metric::ClientTimeouts), 1.0);
    QCOMPARE(wmean(*r, 0, Metric::Served), 0.0);
    QCOMPARE(wmean(*r, 0, Metric::Unfinished), 0.0); // the caller was told at 2 s
    QCOMPARE(wmean(*r, 1, Metric::Served), 1.0);
    QCOMPARE(wmean(*r, 1, Metric::WaitMaxS), laterWait);
    QCOMPARE(wmean(*r, 1, Metric::ResponseMeanS), laterWait + 1);
    QCOMPARE(mean(*r, Metric::ClientTimeouts), 1.0);
    QCOMPARE(mean(*r, Metric::Failures), 1.0);
    EXPECT_EXACT("busy_mean", mean(*r, Metric::BusyMean), busySeconds / 20);
}

void TestFailureLoopRequests::clientTimeoutWhileWaiting_data()
{
    QTest::addColumn<bool>("cancel");
    QTest::addColumn<double>("thirdWait");
    QTest::addColumn<double>("busySeconds");
    QTest::addColumn<double>("waiterSeconds");
    // Pool of 1. `blocker` holds it 0-5 s. `waiter` queues at 1 s; its caller gives up at 3 s.
    // `third` queues at 2 s behind it. Cancelled, the waiter leaves the queue at 3 s: third gets
    // the connection at 5 s (waits 3 s). Not cancelled, the orphan keeps its place, takes the
    // connection at 5 s and holds it 1 s for nobody: third waits 4 s, longer by the orphan's
    // hold. Connection-seconds: 5 + 1 (+ 1); waiter-seconds in the queue: 2 + 3 or 4 + 4.
    QTest::newRow("cancel_on_timeout true") << true << 3.0 << 6.0 << 5.0;
    QTest::newRow("cancel_on_timeout false: the orphan keeps its place") << false << 4.0 << 7.0 << 8.0;
}

void TestFailureLoopRequests::clientTimeoutWhileWaiting()
{
    QFETCH(bool, cancel);
    QFETCH(double, thirdWait);
    QFETCH(double, busySeconds);
    QFETCH(double, waiterSeconds);
    RUN(r, fill(R"(poolsim: 1
horizon: 20s
replications: 2
pool: {size: 1, timeout: none}
workloads:
  - name: blocker
    arrivals: {burst: {at: 0s, count: 1}}
    hold: 5s
  - name: waiter
    arrivals: {burst: {at: 1s, count: 1}}
    hold: 1s
    client_timeout: 2s
    cancel_on_timeout: %1
  - name: third
    arrivals: {burst: {at: 2s, count: 1}}
    hold: 1s
)",
                {cancel ? QStringLiteral("true") : QStringLiteral("false")}));
    QCOMPARE(wmean(*r, 1, Metric::ClientTimeouts), 1.0);
    QCOMPARE(wmean(*r, 1, Metric::Served), 0.0);
    QCOMPARE(wmean(*r, 2, Metric::WaitMaxS), thirdWait);
    QCOMPARE(mean(*r, Metric::Served), 2.0);
    QCOMPARE(mean(*r, Metric::WaitersMax), 2.0);
    EXPECT_EXACT("busy_mean", mean(*r, Metric::BusyMean), busySeconds / 20);
    EXPECT_EXACT("waiters_mean", mean(*r, Metric::WaitersMean), waiterSeconds / 20);
}

void TestFailureLoopRequests::retriedClientTimeoutsAddLoad_data()
{
    QTest::addColumn<bool>("cancel");
    QTest::addColumn<double>("busySeconds");
    // Pool of 2. One request at 0 s holding 3 s, its caller giving up after 2 s and retrying
    // once at once (client_timeout in retry.on). Try 1 holds a connection from 0 s; try 2 from
    // 2 s; the caller gives up for good at 4 s. Cancelled: 0-2 s and 2-4 s, 4 connection-seconds.
    // Orphaned: each try runs its 3 s, 0-3 s and 2-5 s: 6, both connections busy 2-3 s.
    QTest::newRow("cancel_on_timeout true") << true << 4.0;
    QTest::newRow("cancel_on_timeout false: the retry adds to the orphan") << false << 6.0;
}

void TestFailureLoopRequests::retriedClientTimeoutsAddLoad()
{
    QFETCH(bool, cancel);
    QFETCH(double, busySeconds);
    RUN(r, fill(R"(poolsim: 1
horizon: 10s
resolution: 1s
replications: 2
pool: {size: 2, timeout: none}
workloads:
  - name: api
    arrivals: {burst: {at: 0s, count: 1}}
    hold: 3s
    client_timeout: 2s
    cancel_on_timeout: %1
    retry: {attempts: 2, on: [client_timeout]}
)",
                {cancel ? QStringLiteral("true") : QStringLiteral("false")}));
    QCOMPARE(mean(*r, Metric::ClientTimeouts), 1.0);
    QCOMPARE(mean(*r, Metric::Retries), 1.0);
    QCOMPARE(mean(*r, Metric::Served), 0.0);
    EXPECT_EXACT("busy_mean", mean(*r, Metric::BusyMean), busySeconds / 10);
    const std::vector<double> busy = band(*r, Series::BusyMean).mean;
    QCOMPARE(busy[2], cancel ? 1.0 : 2.0);
    QCOMPARE(busy[4], cancel ? 0.0 : 1.0);
}

// ---- retry.on ----------------------------------------------------------------------------------

void TestFailureLoopRequests::retryOnCrashed_data()
{
    QTest::addColumn<QString>("on");
    QTest::addColumn<double>("served");
    // Two instances with pools of 1, round robin, max_pending 0, on_overload crash, restart
    // none. `victim` at 1 s -> instance 0 for 5 s; `filler` at 1.1 s -> instance 1 for 0.5 s;
    // `trigger` at 2 s -> instance 0, busy: it would wait, and instance 0 fails at 2 s with
    // victim and trigger. Retrying crashed, victim tries again at once (backoff 0); the balancer
    // skips instance 0 and sends it to instance 1, idle since 1.6 s: served at 7 s with its
    // same 5 s hold, 6 s after it arrived.
    QTest::newRow("on: [crashed]") << QStringLiteral("[crashed]") << 1.0;
    QTest::newRow("on: [timeout]: not retried") << QStringLiteral("[timeout]") << 0.0;
}

void TestFailureLoopRequests::retryOnCrashed()
{
    QFETCH(QString, on);
    QFETCH(double, served);
    RUN(r, fill(R"(poolsim: 1
horizon: 10s
replications: 2
pool: {size: 1, timeout: none}
backend: {instances: 2, max_pending: 0, on_overload: crash, restart: none}
workloads:
  - name: victim
    arrivals: {burst: {at: 1s, count: 1}}
    hold: 5s
    retry: {attempts: 2, on: %1}
  - name: filler
    arrivals: {burst: {at: 1100ms, count: 1}}
    hold: 500ms
  - name: trigger
    arrivals: {burst: {at: 2s, count: 1}}
    hold: 1s
)",
                {on}));
    QCOMPARE(r->replicationFailures.size(), std::size_t(2));
    for (const auto& failures : r->replicationFailures) {
        QCOMPARE(failures.size(), std::size_t(1));
        QCOMPARE(failures[0].atS, 2.0);
        QCOMPARE(failures[0].instance, 0u);
        QVERIFY(failures[0].cause == InstanceFailureCause::Overload);
    }
    QCOMPARE(wmean(*r, 0, Metric::Served), served);
    QCOMPARE(wmean(*r, 0, Metric::Crashed), 1 - served);
    QCOMPARE(wmean(*r, 0, Metric::Retries), served);
    if (served > 0)
        QCOMPARE(wmean(*r, 0, Metric::ResponseMeanS), 6.0);
    QCOMPARE(wmean(*r, 1, Metric::Served), 1.0);
    QCOMPARE(wmean(*r, 2, Metric::Crashed), 1.0);
    QCOMPARE(mean(*r, Metric::FailedInstances), 1.0);
    EXPECT_EXACT("availability", mean(*r, Metric::Availability), 1 - 8.0 / 20);
}

void TestFailureLoopRequests::retryOnUnavailable_data()
{
    QTest::addColumn<QString>("retry");
    QTest::addColumn<double>("served");
    QTest::addColumn<double>("retries");
    // One instance, pool of 1, max_pending 0, on_overload crash, restart 2 s: `blocker` holds
    // the connection from 0 s, `trigger` at 1 s would wait and fails the instance (down 1-3 s).
    // `caller` arrives at 2 s: unavailable. Retried after 1.5 s it comes at 3.5 s to the
    // restarted instance and is served (at 4.5 s, 2.5 s after it arrived); after 0.5 s it comes
    // at 2.5 s, still down: unavailable for good. Not retrying unavailable: unavailable at 2 s.
    QTest::newRow("back after the restart")
        << QStringLiteral("{attempts: 2, backoff: 1500ms, on: [unavailable]}") << 1.0 << 1.0;
    QTest::newRow("too soon") << QStringLiteral("{attempts: 2, backoff: 500ms, on: [unavailable]}") << 0.0
                              << 1.0;
    QTest::newRow("not retried") << QStringLiteral("{attempts: 2, backoff: 1500ms, on: [crashed]}") << 0.0
                                 << 0.0;
}

void TestFailureLoopRequests::retryOnUnavailable()
{
    QFETCH(QString, retry);
    QFETCH(double, served);
    QFETCH(double, retries);
    RUN(r, fill(R"(poolsim: 1
horizon: 10s
replications: 2
pool: {size: 1, timeout: none}
backend: {max_pending: 0, on_overload: crash, restart: 2s}
workloads:
  - name: blocker
    arrivals: {burst: {at: 0s, count: 1}}
    hold: 10s
  - name: trigger
    arrivals: {burst: {at: 1s, count: 1}}
    hold: 1s
  - name: caller
    arrivals: {burst: {at: 2s, count: 1}}
    hold: 1s
    retry: %1
)",
                {retry}));
    QCOMPARE(mean(*r, Metric::Crashed), 2.0);
    QCOMPARE(wmean(*r, 2, Metric::Served), served);
    QCOMPARE(wmean(*r, 2, Metric::Unavailable), 1 - served);
    QCOMPARE(wmean(*r, 2, Metric::Retries), retries);
    if (served > 0)
        QCOMPARE(wmean(*r, 2, Metric::ResponseMeanS), 2.5);
    EXPECT_EXACT("downtime_s", mean(*r, Metric::DowntimeS), 2.0);
}

// ---- The database server ---------------------------------------------------------------------

void TestFailureLoopRequests::failureCancelsQueriesOnTheServer()
{
    // One core shared by two instances with pools of 1 (round robin, max_pending 0, crash).
    // `a` -> instance 0 and `b` -> instance 1 at 0 s, 2 s of demand each: both at 1/2. At 1 s
    // `trigger` -> instance 0 would wait: instance 0 fails, a's query (0.5 s done) is cancelled
    // and b runs alone from 1 s with 1.5 s left: done at 2.5 s (slowdown 1.25). Were the query
    // left running, b would end at 4 s.
    RUN(r, text(R"(poolsim: 1
horizon: 10s
replications: 2
pool: {size: 1, timeout: none}
backend: {instances: 2, max_pending: 0, on_overload: crash, restart: none}
database:
  capacity: {cores: 1}
workloads:
  - name: a
    arrivals: {burst: {at: 0s, count: 1}}
    hold: 2s
  - name: b
    arrivals: {burst: {at: 0s, count: 1}}
    hold: 2s
  - name: trigger
    arrivals: {burst: {at: 1s, count: 1}}
    hold: 1s
)"));
    QCOMPARE(wmean(*r, 0, Metric::Crashed), 1.0);
    QCOMPARE(wmean(*r, 2, Metric::Crashed), 1.0);
    QCOMPARE(wmean(*r, 1, Metric::Served), 1.0);
    EXPECT_EXACT("b response_mean_s", wmean(*r, 1, Metric::ResponseMeanS), 2.5);
    EXPECT_EXACT("b db_slowdown_mean", wmean(*r, 1, Metric::DbSlowdownMean), 1.25);
    QCOMPARE(mean(*r, Metric::DbActiveMax), 2.0);
    // Active queries: 2 for 1 s, then 1 for 1.5 s, over 10 s.
    EXPECT_EXACT("db_active_mean", mean(*r, Metric::DbActiveMean), (2 * 1 + 1 * 1.5) / 10);
}

QTEST_APPLESS_MAIN(TestFailureLoopRequests)
#include "tst_failure_loop_requests.moc"
