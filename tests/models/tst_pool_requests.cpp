// The pool model's request shapes and how requests get their connections: several connections
// at once, strict FIFO, steps and transactions, acquiring together or one by one, the pool
// timeout (0, none, a duration, the default) and retries. Each scenario is a short inline YAML
// file built so that the expected figures are exact (constant holds, bursts) or closed forms with
// a stated tolerance. Fixed seeds: nothing here flakes.
#include "pool_test_support.h"

class TestPoolRequests : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // 2. Request shapes
    void requestConnections_data();
    void requestConnections();
    void requestTogetherFifo();
    void holdScale();
    void requestSteps_data();
    void requestSteps();
    void acquireOneByOne_data();
    void acquireOneByOne();
    // 3-4. Timeouts and retries
    void poolTimeout_data();
    void poolTimeout();
    void poolTimeoutZeroOpensOnDemand();
    void retries();
    void retriesExact();
};

// ---- 2. Request shapes ------------------------------------------------------------------

void TestPoolRequests::requestConnections_data()
{
    QTest::addColumn<int>("k");
    QTest::newRow("1 connection") << 1;
    QTest::newRow("2 connections") << 2;
    QTest::newRow("3 connections") << 3;
    QTest::newRow("5 connections (the whole pool)") << 5;
}

void TestPoolRequests::requestConnections()
{
    QFETCH(int, k);
    // One request at 2s holding k connections for 10s, over a 20s horizon.
    RUN(r, fill(R"(poolsim: 1
horizon: 20s
resolution: 1s
replications: 1
pool: {size: 5}
workloads:
  - name: wide
    arrivals: {burst: {at: 2s, count: 1}}
    hold: 10s
    connections: %1
)",
                {QString::number(k)}));
    EXPECT_EXACT("busy_mean", mean(*r, Metric::BusyMean), 10.0 * k / 20);
    EXPECT_EXACT("hold_mean_s", mean(*r, Metric::HoldMeanS), 10.0 * k);
    EXPECT_EXACT("utilization_mean", mean(*r, Metric::UtilizationMean), 10.0 * k / 20 / 5);
    const auto& busy = band(*r, Series::BusyMean).mean;
    for (std::size_t i = 0; i < busy.size(); ++i)
        QCOMPARE(busy[i], (i >= 2 && i < 12) ? double(k) : 0.0);
}

void TestPoolRequests::requestTogetherFifo()
{
    // Pool 3. At 0s `blocker` takes 2 for 10s; at 1s `pair` needs 2 together and waits (1 free);
    // at 2s `single` needs 1: one is free, but strict FIFO keeps it behind `pair` until 10s.
    RUN(r, text(R"(poolsim: 1
horizon: 30s
replications: 1
pool: {size: 3, timeout: none}
workloads:
  - name: blocker
    arrivals: {burst: {at: 0s, count: 1}}
    hold: 10s
    connections: 2
  - name: pair
    arrivals: {burst: {at: 1s, count: 1}}
    hold: 1s
    connections: 2
  - name: single
    arrivals: {burst: {at: 2s, count: 1}}
    hold: 1s
)"));
    QCOMPARE(wmean(*r, 1, Metric::WaitMeanS), 9.0);
    QCOMPARE(wmean(*r, 2, Metric::WaitMeanS), 8.0);
    QCOMPARE(wmean(*r, 2, Metric::ResponseMeanS), 9.0);
    QCOMPARE(mean(*r, Metric::Served), 3.0);
    QCOMPARE(mean(*r, Metric::WaitersMax), 2.0);
}

void TestPoolRequests::holdScale()
{
    // hold_scale stretches query holds, not application work: one request every 10 s with a
    // 1 s query and 2 s of work holds 1 s (x1) or 1.3 s (x1.3) of every 10 s; the arrivals are
    // the same requests either way.
    const char* tmpl = R"(poolsim: 1
horizon: 100s
replications: 2
%1
pool: {size: 2, timeout: none}
workloads:
  - name: steps
    arrivals: {burst: {at: 0s, count: 1, every: 10s}}
    steps:
      - {query: 1s}
      - {work: 2s}
)";
    RUN(plain, fill(tmpl, {QString()}));
    RUN(scaled, fill(tmpl, {QStringLiteral("hold_scale: 1.3")}));
    EXPECT_EXACT("busy_mean x1", mean(*plain, Metric::BusyMean), 0.1);
    EXPECT_EXACT("busy_mean x1.3", mean(*scaled, Metric::BusyMean), 0.13);
    EXPECT_EXACT("hold_mean_s x1.3", mean(*scaled, Metric::HoldMeanS), 1.3);
    EXPECT_EXACT("response_mean_s x1.3", mean(*scaled, Metric::ResponseMeanS), 3.3);
    QCOMPARE(mean(*scaled, Metric::Arrivals), mean(*plain, Metric::Arrivals));
}

void TestPoolRequests::requestSteps_data()
{
    QTest::addColumn<bool>("transaction");
    QTest::addColumn<double>("connectionSeconds");
    QTest::addColumn<QVector<double>>("busyPerBin"); // bins 0..7
    // query 1s (1 connection), work 3s, query 2s (2 connections), from 1s.
    QTest::newRow("steps") << false << 1.0 + 2 * 2.0 << QVector<double>{0, 1, 0, 0, 0, 2, 2, 0};
    // One connection from the first step to the end, the work included; the last step adds one.
    QTest::newRow("transaction") << true << 1.0 + 3.0 + 2 * 2.0 << QVector<double>{0, 1, 1, 1, 1, 2, 2, 0};
}

void TestPoolRequests::requestSteps()
{
    QFETCH(bool, transaction);
    QFETCH(double, connectionSeconds);
    QFETCH(QVector<double>, busyPerBin);
    RUN(r, fill(R"(poolsim: 1
horizon: 20s
resolution: 1s
replications: 1
pool: {size: 4}
workloads:
  - name: checkout
    arrivals: {burst: {at: 1s, count: 1}}
    steps:
      - {query: 1s}
      - {work: 3s}
      - {query: 2s, connections: 2}
    transaction: %1
)",
                {transaction ? QStringLiteral("true") : QStringLiteral("false")}));
    QCOMPARE(mean(*r, Metric::Served), 1.0);
    EXPECT_EXACT("hold_mean_s (connection-seconds)", mean(*r, Metric::HoldMeanS), connectionSeconds);
    EXPECT_EXACT("response_mean_s", mean(*r, Metric::ResponseMeanS), 6.0);
    EXPECT_EXACT("busy_mean", mean(*r, Metric::BusyMean), connectionSeconds / 20);
    const auto& busy = band(*r, Series::BusyMean).mean;
    for (int i = 0; i < busyPerBin.size(); ++i)
        QVERIFY2(busy[std::size_t(i)] == busyPerBin[i],
                 qPrintable(QStringLiteral("bin %1: busy %2, expected %3")
                                .arg(i)
                                .arg(busy[std::size_t(i)])
                                .arg(busyPerBin[i])));
}

void TestPoolRequests::acquireOneByOne_data()
{
    QTest::addColumn<QString>("acquire");
    QTest::addColumn<bool>("blocked"); // all 4 connections busy until 2s, freed at the same instant
    QTest::addColumn<bool>("deadlock");
    // Pool 4, timeout 5s; 4 requests at 1s each need 2 connections for 2s.
    // Blocked until 2s: with one_by_one each takes one at 2s and waits for a second that nobody
    // can give back: nothing moves until the 5s timeouts at 7s.
    QTest::newRow("one_by_one, connections freed at once") << QStringLiteral("one_by_one") << true << true;
    QTest::newRow("together, connections freed at once") << QStringLiteral("together") << true << false;
    // A burst of 4 at the same instant on a free pool: each request takes its first connection,
    // then all wait for a second (docs/scenario-format.md, acquire: one_by_one).
    QTest::newRow("one_by_one, simultaneous burst") << QStringLiteral("one_by_one") << false << true;
    QTest::newRow("together, simultaneous burst") << QStringLiteral("together") << false << false;
}

void TestPoolRequests::acquireOneByOne()
{
    QFETCH(QString, acquire);
    QFETCH(bool, blocked);
    QFETCH(bool, deadlock);
    const QString blocker = QStringLiteral(R"(  - name: blocker
    arrivals: {burst: {at: 0s, count: 1}}
    hold: 2s
    connections: 4
)");
    RUN(r, fill(R"(poolsim: 1
horizon: 40s
resolution: 1s
replications: 1
pool: {size: 4, timeout: 5s}
workloads:
  - name: nested
    arrivals: {burst: {at: 1s, count: 4}}
    hold: 2s
    connections: 2
    acquire: %1
%2)",
                {acquire, blocked ? blocker : QString()}));
    const double free = blocked ? 2 : 1; // when the pool has connections for them
    const double timeouts = wmean(*r, 0, Metric::Timeouts);
    const double served = wmean(*r, 0, Metric::Served);
    QCOMPARE(served + timeouts, 4.0);
    if (deadlock) {
        QVERIFY2(timeouts > 0, qPrintable(QStringLiteral("no deadlock: %1 served, 0 timeouts").arg(served)));
        // Nothing of `nested` finishes before the first timeouts (5s after they took their
        // first connection) plus a hold.
        const double firstServed = free + 5 + 2;
        for (std::size_t i = 0; i < binAt(*r, firstServed); ++i)
            QVERIFY2(
                band(*r, Series::Served).mean[i] == (blocked && i == 2 ? 1 : 0),
                qPrintable(
                    QStringLiteral("a nested request finished in bin %1, before the deadlock broke").arg(i)));
        QCOMPARE(band(*r, Series::Timeouts).mean[binAt(*r, free + 5)], timeouts);
        QVERIFY2(wmean(*r, 0, Metric::WaitMaxS) >= 5, "nobody waited for the timeout");
    } else {
        QCOMPARE(timeouts, 0.0);
        QCOMPARE(served, 4.0);
        // Two at a time: two served at free+2, two at free+4.
        QCOMPARE(band(*r, Series::Served).mean[binAt(*r, free + 4)], 2.0);
    }
}

// ---- 3-4. Timeouts and retries ----------------------------------------------------------

void TestPoolRequests::poolTimeout_data()
{
    QTest::addColumn<QString>("timeout");
    QTest::addColumn<double>("lambda");
    QTest::addColumn<QString>("hold");
    QTest::newRow("0: fail at once") << QStringLiteral("0") << 4.0 << QStringLiteral("{exponential: 1s}");
    QTest::newRow("none: wait for ever") << QStringLiteral("none") << 3.0 << QStringLiteral("1s");
    QTest::newRow("750ms") << QStringLiteral("750ms") << 3.0 << QStringLiteral("{exponential: 1s}");
    QTest::newRow("default 30s") << QString() << 3.0 << QStringLiteral("1s");
}

void TestPoolRequests::poolTimeout()
{
    QFETCH(QString, timeout);
    QFETCH(double, lambda);
    QFETCH(QString, hold);
    // Pool 2 with offered load above 2: overloaded.
    const QString timeoutKey = timeout.isEmpty() ? QString() : QStringLiteral(", timeout: %1").arg(timeout);
    constexpr double kHorizon = 200;
    RUN(r, fill(R"(poolsim: 1
horizon: 200s
resolution: 10s
replications: 2
seed: 23
pool: {size: 2%1}
workloads:
  - name: api
    arrivals: {poisson: %2/s}
    hold: %3
)",
                {timeoutKey, num(lambda), hold}));
    for (const auto& rep : r->replicationMetrics) {
        if (timeout == QLatin1String("0")) {
            QCOMPARE(rep[Metric::WaitRatio], 0.0);
            QCOMPARE(rep[Metric::WaitMaxS], 0.0);
            QCOMPARE(rep[Metric::WaitersMax], 0.0);
            QVERIFY(rep[Metric::Timeouts] > 0);
        } else if (timeout == QLatin1String("none")) {
            QCOMPARE(rep[Metric::Timeouts], 0.0);
            // The queue grows by lambda - 2 a second.
            QVERIFY2(rep[Metric::WaitersMax] >= 0.8 * (lambda - 2) * kHorizon,
                     qPrintable(QStringLiteral("waiters_max %1").arg(rep[Metric::WaitersMax])));
        } else {
            const double limit = timeout.isEmpty() ? 30 : 0.75;
            QVERIFY(rep[Metric::Timeouts] > 0);
            QVERIFY2(rep[Metric::WaitMaxS] <= limit,
                     qPrintable(
                         QStringLiteral("wait_max_s %1 > timeout %2").arg(rep[Metric::WaitMaxS]).arg(limit)));
            QVERIFY2(rep[Metric::WaitMaxS] >= 0.9 * limit,
                     "nobody waited close to the timeout under overload");
        }
    }
    if (timeout == QLatin1String("none")) {
        const auto& waiters = band(*r, Series::WaitersMean).mean;
        QVERIFY2(waiters.back() > waiters[waiters.size() / 2] &&
                     waiters[waiters.size() / 2] > waiters.front(),
                 "the queue does not grow under overload with no timeout");
    }
}

void TestPoolRequests::poolTimeoutZeroOpensOnDemand()
{
    // timeout 0 with min_idle 0: a request that finds no free connection fails at once, but the
    // pool must still open connections on demand (as HikariCP's borrow adds one for a waiter even
    // when it then gives up), or it stays empty for ever and serves nothing. Light load,
    // instant openings, idle connections kept 10m: nearly every later request finds one.
    RUN(r, text(R"(poolsim: 1
horizon: 100s
replications: 2
seed: 19
pool: {size: 5, timeout: 0, min_idle: 0}
workloads:
  - name: api
    arrivals: {poisson: 1/s}
    hold: 100ms
)"));
    for (const auto& rep : r->replicationMetrics) {
        QVERIFY2(rep[Metric::Served] >= 0.9 * rep[Metric::Arrivals],
                 qPrintable(QStringLiteral("served %1 of %2 arrivals; open_mean %3")
                                .arg(rep[Metric::Served])
                                .arg(rep[Metric::Arrivals])
                                .arg(rep[Metric::OpenMean])));
        QVERIFY(rep[Metric::OpenMean] > 0.5);
    }
}

void TestPoolRequests::retriesExact()
{
    // Pool 1, held by `blocker` for the whole run. One request at 1s, timeout 1s, 3 attempts,
    // 2s backoff: tries at 1s, 4s and 7s, each timing out 1s later; it fails for good at 8s.
    RUN(r, text(R"(poolsim: 1
horizon: 20s
resolution: 1s
replications: 1
pool: {size: 1, timeout: 1s}
workloads:
  - name: blocker
    arrivals: {burst: {at: 0s, count: 1}}
    hold: 100s
  - name: api
    arrivals: {burst: {at: 1s, count: 1}}
    hold: 1s
    retry: {attempts: 3, backoff: 2s}
)"));
    QCOMPARE(wmean(*r, 1, Metric::Retries), 2.0);
    QCOMPARE(wmean(*r, 1, Metric::Timeouts), 1.0);
    QCOMPARE(wmean(*r, 1, Metric::Served), 0.0);
    const auto& timeouts = band(*r, Series::Timeouts).mean;
    for (std::size_t i = 0; i < timeouts.size(); ++i)
        QVERIFY2(timeouts[i] == (i == 8 ? 1 : 0),
                 qPrintable(QStringLiteral("bin %1: %2 timeouts").arg(i).arg(timeouts[i])));
    // Each try waits in the queue for its 1s: waiters level 1 over [1,2), [4,5), [7,8).
    EXPECT_EXACT("waiters_mean", mean(*r, Metric::WaitersMean), 3.0 / 20);
}

void TestPoolRequests::retries()
{
    // A transient burst on a pool of 2: 20 requests within 2s, 1s holds, 1s timeout.
    const char* tmpl = R"(poolsim: 1
horizon: 60s
replications: 5
seed: 29
pool: {size: 2, timeout: 1s}
workloads:
  - name: burst
    arrivals: {burst: {at: 1s, count: 20, within: 2s}}
    hold: 1s
%1)";
    RUN(none, fill(tmpl, {QString()}));
    RUN(once, fill(tmpl, {QStringLiteral("    retry: {attempts: 1, backoff: 2s}\n")}));
    RUN(five, fill(tmpl, {QStringLiteral("    retry: {attempts: 5, backoff: 2s}\n")}));
    RUN(noBackoff, fill(tmpl, {QStringLiteral("    retry: {attempts: 3}\n")}));

    QVERIFY(mean(*none, Metric::Timeouts) > 5);
    QCOMPARE(mean(*none, Metric::Retries), 0.0);
    // attempts: 1 is no retry at all: the very same run.
    QCOMPARE(mean(*once, Metric::Retries), 0.0);
    for (std::size_t i = 0; i < none->replicationMetrics.size(); ++i)
        QVERIFY2(sameBits(none->replicationMetrics[i], once->replicationMetrics[i]),
                 qPrintable(QStringLiteral("attempts: 1 differs from no retry: ") +
                            firstDifference(none->replicationMetrics[i], once->replicationMetrics[i])));
    // Retries spread the burst out: fewer timeouts, more served; every request ends by 60s.
    for (std::size_t i = 0; i < five->replicationMetrics.size(); ++i) {
        const auto& a = none->replicationMetrics[i];
        const auto& b = five->replicationMetrics[i];
        QVERIFY(b[Metric::Retries] > 0);
        QVERIFY2(b[Metric::Timeouts] < a[Metric::Timeouts],
                 qPrintable(QStringLiteral("timeouts with retries %1, without %2")
                                .arg(b[Metric::Timeouts])
                                .arg(a[Metric::Timeouts])));
        QCOMPARE(b[Metric::Served] + b[Metric::Timeouts], 20.0);
        QCOMPARE(a[Metric::Served] + a[Metric::Timeouts], 20.0);
        // A timeout after retries is a request that used all 5 tries.
        QVERIFY(b[Metric::Retries] >= 4 * b[Metric::Timeouts]);
    }
    // With 1s holds and 2s backoff, a retried request's response includes waits and backoffs.
    QVERIFY(mean(*five, Metric::ResponseMeanS) > mean(*none, Metric::ResponseMeanS));
    QVERIFY(mean(*noBackoff, Metric::Retries) > 0);
}

QTEST_APPLESS_MAIN(TestPoolRequests)
#include "tst_pool_requests.moc"
