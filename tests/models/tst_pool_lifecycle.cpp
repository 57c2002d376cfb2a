// The pool model's connections and what sits behind them: connection lifecycle settings
// (connect time and timeout, idle timeout, max lifetime), the database connection budget, load
// balancing across instances, and the warm-up period. Each scenario is a short inline YAML file
// built so that the expected figures are exact (constant holds, bursts) or closed forms with a
// stated tolerance. Fixed seeds: nothing here flakes.
#include "pool_test_support.h"

class TestPoolLifecycle : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // 5. Connection lifecycle
    void connectTime_data();
    void connectTime();
    void connectTimeout_data();
    void connectTimeout();
    void idleTimeout_data();
    void idleTimeout();
    void maxLifetime_data();
    void maxLifetime();
    // 6. Database
    void databaseBudget_data();
    void databaseBudget();
    void databaseDefaultReserved();
    // 7. Load balancing
    void balancerSpread_data();
    void balancerSpread();
    void balancerAvoidsBusy_data();
    void balancerAvoidsBusy();
    // 8. Warm-up
    void warmup();
    void warmupPoisson();
};

// ---- 5. Connection lifecycle ------------------------------------------------------------

void TestPoolLifecycle::connectTime_data()
{
    QTest::addColumn<int>("minIdle"); // -1: key left out (min_idle = size)
    QTest::newRow("min_idle 0: opens on demand") << 0;
    QTest::newRow("min_idle = size (default): open from the start") << -1;
}

void TestPoolLifecycle::connectTime()
{
    QFETCH(int, minIdle);
    const QString key = minIdle < 0 ? QString() : QStringLiteral(", min_idle: %1").arg(minIdle);
    // One request at 1s, 5s and 9s; openings take 200ms; idle connections live 10m (default).
    RUN(r, fill(R"(poolsim: 1
horizon: 10s
replications: 1
pool: {size: 5, connect_time: 200ms%1}
workloads:
  - name: api
    arrivals: {burst: {at: 1s, count: 1, every: 4s}}
    hold: 100ms
)",
                {key}));
    QCOMPARE(mean(*r, Metric::Served), 3.0);
    if (minIdle == 0) {
        // The first waits for the opening; the next two find it idle.
        EXPECT_EXACT("wait_max_s", mean(*r, Metric::WaitMaxS), 0.2);
        EXPECT_EXACT("wait_mean_s", mean(*r, Metric::WaitMeanS), 0.2 / 3);
        EXPECT_EXACT("wait_ratio", mean(*r, Metric::WaitRatio), 1.0 / 3);
        EXPECT_EXACT("open_mean (one connection from 1.2s)", mean(*r, Metric::OpenMean), 8.8 / 10);
    } else {
        QCOMPARE(mean(*r, Metric::WaitRatio), 0.0);
        QCOMPARE(mean(*r, Metric::OpenMean), 5.0);
    }

    // Light random load: the first requests wait at least connect_time, few connections open.
    RUN(light, fill(R"(poolsim: 1
horizon: 300s
replications: 2
seed: 31
pool: {size: 5, connect_time: 200ms%1}
workloads:
  - name: api
    arrivals: {poisson: 1/s}
    hold: 50ms
)",
                    {key}));
    if (minIdle == 0) {
        for (const auto& rep : light->replicationMetrics) {
            QVERIFY2(rep[Metric::WaitMaxS] >= 0.2,
                     qPrintable(QStringLiteral("wait_max_s %1").arg(rep[Metric::WaitMaxS])));
            // Mostly one or two connections: well below the pool's 5.
            QVERIFY2(rep[Metric::OpenMean] < 4,
                     qPrintable(QStringLiteral("open_mean %1").arg(rep[Metric::OpenMean])));
            QVERIFY(rep[Metric::WaitRatio] > 0 && rep[Metric::WaitRatio] < 0.05);
        }
    } else {
        QCOMPARE(mean(*light, Metric::WaitRatio), 0.0);
        QCOMPARE(mean(*light, Metric::OpenMean), 5.0);
    }
}

void TestPoolLifecycle::connectTimeout_data()
{
    QTest::addColumn<QString>("extraPool");
    QTest::addColumn<QString>("retry");
    QTest::addColumn<double>("connectFailures");
    QTest::addColumn<double>("timeouts");
    QTest::addColumn<double>("served");
    // 12 requests (3 at 1s, 6s, 11s, 16s); openings take 2s; min_idle 0.
    QTest::newRow("connect_timeout 1s < connect_time")
        << QStringLiteral(", connect_timeout: 1s") << QString() << 12.0 << 0.0 << 0.0;
    QTest::newRow("connect failures are not retried")
        << QStringLiteral(", connect_timeout: 1s")
        << QStringLiteral("    retry: {attempts: 3, backoff: 100ms}\n") << 12.0 << 0.0 << 0.0;
    QTest::newRow("pool timeout 500ms fires first")
        << QStringLiteral(", connect_timeout: 1s, timeout: 500ms") << QString() << 0.0 << 12.0 << 0.0;
    QTest::newRow("connect_timeout 3s > connect_time")
        << QStringLiteral(", connect_timeout: 3s") << QString() << 0.0 << 0.0 << 12.0;
}

void TestPoolLifecycle::connectTimeout()
{
    QFETCH(QString, extraPool);
    QFETCH(QString, retry);
    QFETCH(double, connectFailures);
    QFETCH(double, timeouts);
    QFETCH(double, served);
    RUN(r, fill(R"(poolsim: 1
horizon: 20s
replications: 1
pool: {size: 5, min_idle: 0, connect_time: 2s%1}
workloads:
  - name: api
    arrivals: {burst: {at: 1s, count: 3, every: 5s}}
    hold: 100ms
%2)",
                {extraPool, retry}));
    QCOMPARE(mean(*r, Metric::Arrivals), 12.0);
    QCOMPARE(mean(*r, Metric::ConnectFailures), connectFailures);
    QCOMPARE(mean(*r, Metric::Failures), connectFailures); // no refusals here
    QCOMPARE(mean(*r, Metric::Refused), 0.0);
    QCOMPARE(mean(*r, Metric::Timeouts), timeouts);
    QCOMPARE(mean(*r, Metric::Served), served);
    QCOMPARE(mean(*r, Metric::Retries), 0.0);
    if (connectFailures > 0)
        QCOMPARE(seriesMax(band(*r, Series::OpenMean).max), 0.0); // nothing ever opened
}

void TestPoolLifecycle::idleTimeout_data()
{
    QTest::addColumn<QString>("idleTimeout"); // empty: the default, 10m
    QTest::addColumn<double>("openAfter");
    QTest::newRow("10s: back to min_idle") << QStringLiteral(", idle_timeout: 10s") << 2.0;
    QTest::newRow("none: stays open") << QStringLiteral(", idle_timeout: none") << 10.0;
    QTest::newRow("default 10m: stays open in 30s") << QString() << 10.0;
}

void TestPoolLifecycle::idleTimeout()
{
    QFETCH(QString, idleTimeout);
    QFETCH(double, openAfter);
    // min_idle 2 of 10; 10 requests at 5s for 1s open 8 more at once (connect_time 0); they are
    // idle from 6s and, with a 10s idle timeout, closed at 16s.
    RUN(r, fill(R"(poolsim: 1
horizon: 30s
resolution: 1s
replications: 1
pool: {size: 10, min_idle: 2%1}
workloads:
  - name: burst
    arrivals: {burst: {at: 5s, count: 10}}
    hold: 1s
)",
                {idleTimeout}));
    QCOMPARE(mean(*r, Metric::Served), 10.0);
    QCOMPARE(mean(*r, Metric::WaitMaxS), 0.0);
    const auto& open = band(*r, Series::OpenMean).mean;
    for (std::size_t i = 0; i < open.size(); ++i) {
        const double expected = i < 5 ? 2.0 : i < 16 ? 10.0 : openAfter;
        QVERIFY2(
            open[i] == expected,
            qPrintable(QStringLiteral("bin %1: open %2, expected %3").arg(i).arg(open[i]).arg(expected)));
    }
    EXPECT_EXACT("open_mean", mean(*r, Metric::OpenMean), (2.0 * 5 + 10.0 * 11 + openAfter * 14) / 30);
}

void TestPoolLifecycle::maxLifetime_data()
{
    QTest::addColumn<QString>("connectTime");
    QTest::addColumn<double>("expectedOpenMean");
    QTest::addColumn<double>("tolerance");
    // Instant reopening: the pool never shrinks.
    QTest::newRow("connect_time 0") << QStringLiteral("0") << 4.0 << 0.0;
    // 1s to reopen every 30s of life: about 4 x 30/31 open.
    QTest::newRow("connect_time 1s") << QStringLiteral("1s") << 4.0 * 30 / 31 << 0.02;
}

void TestPoolLifecycle::maxLifetime()
{
    QFETCH(QString, connectTime);
    QFETCH(double, expectedOpenMean);
    QFETCH(double, tolerance);
    const char* tmpl = R"(poolsim: 1
horizon: 300s
replications: 3
seed: 37
pool: {size: 4, timeout: 5s, connect_time: %1%2}
workloads:
  - name: api
    arrivals: {poisson: 2/s}
    hold: {exponential: 100ms}
)";
    RUN(base, fill(tmpl, {connectTime, QString()}));
    RUN(r, fill(tmpl, {connectTime, QStringLiteral(", max_lifetime: 30s")}));
    QCOMPARE(mean(*base, Metric::OpenMean), 4.0);
    EXPECT_NEAR("open_mean with max_lifetime", mean(*r, Metric::OpenMean), expectedOpenMean, tolerance);
    if (tolerance == 0)
        QCOMPARE(band(*r, Series::OpenMean).min,
                 std::vector<double>(band(*r, Series::OpenMean).min.size(), 4.0));
    QVERIFY2(r->events > base->events, "max_lifetime retired no connection");
    for (std::size_t i = 0; i < r->replicationMetrics.size(); ++i) {
        const auto& a = base->replicationMetrics[i];
        const auto& b = r->replicationMetrics[i];
        QCOMPARE(b[Metric::Arrivals], a[Metric::Arrivals]);
        QCOMPARE(b[Metric::Timeouts], 0.0);
        QCOMPARE(b[Metric::Failures], 0.0);
        // No request lost: the same served, but for one still in flight at the horizon.
        QVERIFY2(std::fabs(b[Metric::Served] - a[Metric::Served]) <= (tolerance == 0 ? 0 : 2),
                 qPrintable(QStringLiteral("served %1 with max_lifetime, %2 without")
                                .arg(b[Metric::Served])
                                .arg(a[Metric::Served])));
    }
}

// ---- 6. Database ------------------------------------------------------------------------

void TestPoolLifecycle::databaseBudget_data()
{
    QTest::addColumn<QString>("database");
    QTest::addColumn<QString>("minIdle");
    QTest::addColumn<int>("budget");
    QTest::addColumn<bool>("refusals");
    // 3 instances x pool 4 = 12 > budget 8, opening on demand under overload.
    QTest::newRow("budget 8 (reserved 0), min_idle 0")
        << QStringLiteral("{max_connections: 8, reserved_connections: 0}") << QStringLiteral("0") << 8
        << true;
    QTest::newRow("budget 8 (default reserved 3), min_idle 0")
        << QStringLiteral("{max_connections: 11}") << QStringLiteral("0") << 8 << true;
    // min_idle = size: the first two pools fill the budget; the third never opens one.
    QTest::newRow("budget 8, min_idle = size")
        << QStringLiteral("{max_connections: 8, reserved_connections: 0}") << QStringLiteral("4") << 8
        << true;
    QTest::newRow("budget 97, never reached")
        << QStringLiteral("{max_connections: 100}") << QStringLiteral("0") << 12 << false;
}

void TestPoolLifecycle::databaseBudget()
{
    QFETCH(QString, database);
    QFETCH(QString, minIdle);
    QFETCH(int, budget);
    QFETCH(bool, refusals);
    RUN(r, fill(R"(poolsim: 1
horizon: 100s
resolution: 100ms
replications: 2
seed: 41
pool: {size: 4, min_idle: %1, timeout: 2s}
backend: {instances: 3}
database: %2
workloads:
  - name: api
    arrivals: {poisson: 20/s}
    hold: {exponential: 1s}
)",
                {minIdle, database}));
    for (const auto& rep : r->replicationMetrics) {
        if (refusals)
            QVERIFY2(rep[Metric::Refused] > 0, "no refusal with the database budget below the pools");
        else
            QCOMPARE(rep[Metric::Refused], 0.0);
        QCOMPARE(rep[Metric::Failures], rep[Metric::Refused] + rep[Metric::ConnectFailures]);
        QCOMPARE(rep[Metric::ConnectFailures], 0.0);
        QVERIFY(rep[Metric::OpenMean] <= budget + 1e-9);
    }
    const double openMax = seriesMax(band(*r, Series::OpenMean).max);
    QVERIFY2(openMax <= budget + 1e-9,
             qPrintable(QStringLiteral("open %1 in a 100ms bin, budget %2").arg(openMax).arg(budget)));
    QVERIFY2(openMax >= budget - 0.5,
             qPrintable(QStringLiteral("open at most %1, budget %2 unused").arg(openMax).arg(budget)));
    if (minIdle == QLatin1String("4"))
        QCOMPARE(mean(*r, Metric::OpenMean), 8.0);
}

void TestPoolLifecycle::databaseDefaultReserved()
{
    // max_connections 11 with the default 3 reserved is the same budget as 8 with none reserved.
    const char* tmpl = R"(poolsim: 1
horizon: 100s
replications: 2
seed: 43
pool: {size: 4, min_idle: 0, timeout: 2s}
backend: {instances: 3}
database: %1
workloads:
  - name: api
    arrivals: {poisson: 20/s}
    hold: {exponential: 1s}
)";
    RUN(a, fill(tmpl, {QStringLiteral("{max_connections: 11}")}));
    RUN(b, fill(tmpl, {QStringLiteral("{max_connections: 8, reserved_connections: 0}")}));
    RUN(c, fill(tmpl, {QStringLiteral("{max_connections: 9, reserved_connections: 0}")}));
    QVERIFY(sameBits(a->metrics, b->metrics));
    QVERIFY2(!sameBits(b->metrics, c->metrics), "a budget of 9 gives the same run as a budget of 8");
}

// ---- 7. Load balancing ------------------------------------------------------------------

void TestPoolLifecycle::balancerSpread_data()
{
    QTest::addColumn<QString>("balancer");
    QTest::addColumn<bool>("waits");
    QTest::newRow("round_robin") << QStringLiteral("round_robin") << false;
    QTest::newRow("least_busy") << QStringLiteral("least_busy") << false;
    QTest::newRow("random") << QStringLiteral("random") << true;
}

void TestPoolLifecycle::balancerSpread()
{
    QFETCH(QString, balancer);
    QFETCH(bool, waits);
    // 2 instances with a pool of 1; a request every second holding 1.5s: alternating instances
    // never wait, two in a row on one instance do.
    RUN(r, fill(R"(poolsim: 1
horizon: 100s
replications: 2
seed: 47
pool: {size: 1, timeout: none}
backend: {instances: 2, balancer: %1}
workloads:
  - name: api
    arrivals: {burst: {at: 0s, count: 1, every: 1s}}
    hold: 1500ms
)",
                {balancer}));
    QCOMPARE(mean(*r, Metric::Arrivals), 100.0);
    if (waits) {
        QVERIFY(mean(*r, Metric::WaitRatio) > 0.2);
    } else {
        QCOMPARE(mean(*r, Metric::WaitRatio), 0.0);
        QCOMPARE(mean(*r, Metric::WaitersMax), 0.0);
        QCOMPARE(mean(*r, Metric::Served), 99.0); // the last ends at 100.5s
    }
}

void TestPoolLifecycle::balancerAvoidsBusy_data()
{
    QTest::addColumn<QString>("balancer");
    QTest::addColumn<double>("minTimeouts");
    QTest::addColumn<double>("maxTimeouts");
    // `long` holds instance 0 for the whole run; 20 short requests with timeout 0.
    QTest::newRow("round_robin: every other one hits the busy instance")
        << QStringLiteral("round_robin") << 10.0 << 10.0;
    QTest::newRow("least_busy: never") << QStringLiteral("least_busy") << 0.0 << 0.0;
    QTest::newRow("random: about half") << QStringLiteral("random") << 3.0 << 17.0;
}

void TestPoolLifecycle::balancerAvoidsBusy()
{
    QFETCH(QString, balancer);
    QFETCH(double, minTimeouts);
    QFETCH(double, maxTimeouts);
    RUN(r, fill(R"(poolsim: 1
horizon: 20s
replications: 1
seed: 53
pool: {size: 1, timeout: 0}
backend: {instances: 2, balancer: %1}
workloads:
  - name: long
    arrivals: {burst: {at: 0s, count: 1}}
    hold: 1000s
  - name: short
    arrivals: {burst: {at: 500ms, count: 1, every: 1s}}
    hold: 200ms
)",
                {balancer}));
    QCOMPARE(wmean(*r, 1, Metric::Arrivals), 20.0);
    const double timeouts = wmean(*r, 1, Metric::Timeouts);
    QVERIFY2(timeouts >= minTimeouts && timeouts <= maxTimeouts,
             qPrintable(QStringLiteral("%1 timeouts of short requests, expected %2..%3")
                            .arg(timeouts)
                            .arg(minTimeouts)
                            .arg(maxTimeouts)));
    QCOMPARE(wmean(*r, 1, Metric::Served), 20.0 - timeouts);
}

// ---- 8. Warm-up -------------------------------------------------------------------------

void TestPoolLifecycle::warmup()
{
    // Bursts of 10 at 4.5s, 14.5s, 24.5s, 34.5s holding 1s; warm-up 15s, horizon 40s.
    RUN(r, text(R"(poolsim: 1
horizon: 40s
warmup: 15s
resolution: 1s
replications: 1
pool: {size: 10}
workloads:
  - name: burst
    arrivals: {burst: {at: 4.5s, count: 10, every: 10s}}
    hold: 1s
)"));
    QCOMPARE(mean(*r, Metric::Arrivals), 20.0); // 24.5s and 34.5s only
    QCOMPARE(mean(*r, Metric::Served), 20.0);
    EXPECT_EXACT("throughput_per_s", mean(*r, Metric::ThroughputPerS), 20.0 / 25);
    // Time averages over [15s, 40s): the burst at 14.5s is busy for its last 0.5s.
    EXPECT_EXACT("busy_mean", mean(*r, Metric::BusyMean), (10 * 0.5 + 10 + 10) / 25.0);
    // The series still cover the whole horizon.
    EXPECT_EXACT("arrivals series total", binSum(*r, Series::Arrivals, 0, 40), 40.0);
    QCOMPARE(r->requests, std::uint64_t{40});
}

void TestPoolLifecycle::warmupPoisson()
{
    constexpr int kReps = 4;
    RUN(r, text(R"(poolsim: 1
horizon: 300s
warmup: 100s
replications: 4
seed: 59
pool: {size: 10}
workloads:
  - name: api
    arrivals: {poisson: 10/s}
    hold: 10ms
)"));
    EXPECT_NEAR("arrivals after warm-up", mean(*r, Metric::Arrivals), 2000, 4 * std::sqrt(2000.0 / kReps));
    EXPECT_NEAR("requests, warm-up included", double(r->requests) / kReps, 3000,
                4 * std::sqrt(3000.0 / kReps));
    EXPECT_NEAR("throughput_per_s", mean(*r, Metric::ThroughputPerS), 10,
                4 * std::sqrt(2000.0 / kReps) / 200);
}

QTEST_APPLESS_MAIN(TestPoolLifecycle)
#include "tst_pool_lifecycle.moc"
