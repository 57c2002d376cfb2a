// The pool model's arrival patterns: Poisson rates in every unit, rate profiles, bursts (alone,
// repeated, overlapping), closed user populations, batches and trace replay. Each scenario is a
// short inline YAML file built so that the expected figures are exact (constant holds, bursts,
// traces) or closed forms with a stated tolerance. Fixed seeds: nothing here flakes.
#include "pool_test_support.h"

class TestPoolArrivals : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // 1. Arrival patterns
    void arrivalsPoisson_data();
    void arrivalsPoisson();
    void arrivalsProfile();
    void arrivalsBurst_data();
    void arrivalsBurst();
    void arrivalsBurstOverlapping();
    void arrivalsBurstOverlappingLevels();
    void arrivalsUsers_data();
    void arrivalsUsers();
    void arrivalsBatch_data();
    void arrivalsBatch();
    void arrivalsTrace_data();
    void arrivalsTrace();
};

// ---- 1. Arrival patterns ----------------------------------------------------------------

void TestPoolArrivals::arrivalsPoisson_data()
{
    QTest::addColumn<QString>("rate");
    QTest::addColumn<double>("perSecond");
    QTest::addColumn<double>("horizon");
    QTest::newRow("50/s over 200s") << QStringLiteral("50/s") << 50.0 << 200.0;
    QTest::newRow("1200/m over 300s") << QStringLiteral("1200/m") << 20.0 << 300.0;
    QTest::newRow("7200/h over 1000s") << QStringLiteral("7200/h") << 2.0 << 1000.0;
    QTest::newRow("plain number 5 over 400s") << QStringLiteral("5") << 5.0 << 400.0;
}

void TestPoolArrivals::arrivalsPoisson()
{
    QFETCH(QString, rate);
    QFETCH(double, perSecond);
    QFETCH(double, horizon);
    constexpr int kReps = 4;
    RUN(r, fill(R"(poolsim: 1
horizon: %1s
replications: 4
seed: 3
pool: {size: 20}
workloads:
  - name: api
    arrivals: {poisson: %2}
    hold: 10ms
)",
                {num(horizon), rate}));
    // The count of a Poisson process over T is Poisson(rate x T): the mean of 4 replications has
    // sd sqrt(rate T / 4); allow 4 sd.
    const double expected = perSecond * horizon;
    EXPECT_NEAR("arrivals (mean of 4 replications)", mean(*r, Metric::Arrivals), expected,
                4 * std::sqrt(expected / kReps));
    // Per replication within 5 sd, and the arrivals series adds up to the count.
    for (const auto& rep : r->replicationMetrics)
        EXPECT_NEAR("arrivals (one replication)", rep[Metric::Arrivals], expected, 5 * std::sqrt(expected));
    EXPECT_EXACT("sum of the arrivals series", binSum(*r, Series::Arrivals, 0, horizon),
                 mean(*r, Metric::Arrivals));
    // Evenly spread: the first and the second half each get half, within 5 sd.
    const double half = expected / 2;
    EXPECT_NEAR("arrivals in the first half", binSum(*r, Series::Arrivals, 0, horizon / 2), half,
                5 * std::sqrt(half / kReps));
}

void TestPoolArrivals::arrivalsProfile()
{
    // Rate 0 before 10s, 20/s over [10s, 30s), 0 over [30s, 40s), 3000/m = 50/s from 40s to the horizon.
    constexpr int kReps = 5;
    RUN(r, text(R"(poolsim: 1
horizon: 60s
resolution: 1s
replications: 5
seed: 5
pool: {size: 20}
workloads:
  - name: web
    arrivals: {profile: [[10s, 20/s], [30s, 0/s], [40s, 3000/m]]}
    hold: 10ms
)"));
    const auto& maxima = band(*r, Series::Arrivals).max;
    for (std::size_t i = 0; i < 10; ++i)
        QVERIFY2(maxima[i] == 0,
                 qPrintable(QStringLiteral("arrival in bin %1, before the first point").arg(i)));
    for (std::size_t i = 30; i < 40; ++i)
        QVERIFY2(maxima[i] == 0, qPrintable(QStringLiteral("arrival in bin %1, in a rate-0 segment").arg(i)));
    EXPECT_NEAR("arrivals in [10s, 30s)", binSum(*r, Series::Arrivals, 10, 30), 400,
                4 * std::sqrt(400.0 / kReps));
    EXPECT_NEAR("arrivals in [40s, 60s)", binSum(*r, Series::Arrivals, 40, 60), 1000,
                4 * std::sqrt(1000.0 / kReps));
    // The rate is constant within a segment: its two halves match.
    EXPECT_NEAR("arrivals in [10s, 20s)", binSum(*r, Series::Arrivals, 10, 20), 200,
                4 * std::sqrt(200.0 / kReps));
    EXPECT_NEAR("arrivals in [50s, 60s)", binSum(*r, Series::Arrivals, 50, 60), 500,
                4 * std::sqrt(500.0 / kReps));
}

void TestPoolArrivals::arrivalsBurst_data()
{
    QTest::addColumn<double>("at");
    QTest::addColumn<int>("count");
    QTest::addColumn<double>("within"); // seconds; 0: key left out (the default)
    QTest::addColumn<double>("every");  // seconds; 0: no every
    QTest::addColumn<double>("horizon");
    QTest::newRow("all at once (within defaults to 0)") << 3.0 << 5 << 0.0 << 0.0 << 30.0;
    QTest::newRow("spread over 2s, every 10s") << 2.0 << 7 << 2.0 << 10.0 << 50.0;
    QTest::newRow("spread over 500ms, every 1s") << 0.0 << 3 << 0.5 << 1.0 << 10.0;
    QTest::newRow("next burst past the horizon") << 5.0 << 4 << 1.0 << 20.0 << 30.0;
    QTest::newRow("at once, every 3s") << 1.0 << 6 << 0.0 << 3.0 << 20.0;
}

void TestPoolArrivals::arrivalsBurst()
{
    QFETCH(double, at);
    QFETCH(int, count);
    QFETCH(double, within);
    QFETCH(double, every);
    QFETCH(double, horizon);
    QString burst = QStringLiteral("at: %1s, count: %2").arg(num(at)).arg(count);
    if (within > 0)
        burst += QStringLiteral(", within: %1s").arg(num(within));
    if (every > 0)
        burst += QStringLiteral(", every: %1s").arg(num(every));
    const QByteArray yaml = fill(R"(poolsim: 1
horizon: %1s
resolution: 100ms
replications: 1
pool: {size: 20}
workloads:
  - name: burst
    arrivals: {burst: {%2}}
    hold: 10ms
)",
                                 {num(horizon), burst});
    std::vector<double> starts;
    for (double t = at; t < horizon; t += every) {
        starts.push_back(t);
        if (every <= 0)
            break;
    }
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        RUN(r, yaml, Options{2, seed, {}});
        QCOMPARE(mean(*r, Metric::Arrivals), double(count) * double(starts.size()));
        QCOMPARE(mean(*r, Metric::Served), double(count) * double(starts.size()));
        const auto& arrivals = band(*r, Series::Arrivals).mean;
        std::vector<char> inWindow(arrivals.size(), 0);
        for (const double s : starts) {
            // Bins covering [s, s + within); with within 0 the one bin holding s.
            const std::size_t first = binAt(*r, s);
            const std::size_t last = within > 0 ? binAt(*r, s + within - 1e-9) : first;
            double sum = 0;
            int used = 0;
            for (std::size_t i = first; i <= last; ++i) {
                inWindow[i] = 1;
                sum += arrivals[i];
                used += arrivals[i] > 0;
            }
            QVERIFY2(sum == count,
                     qPrintable(QStringLiteral("burst at %1s: %2 arrivals in its window, expected %3")
                                    .arg(s)
                                    .arg(sum)
                                    .arg(count)));
            if (within >= 0.5 && count >= 3)
                QVERIFY2(used > 1, "a burst with a window of several bins put every request in one bin");
        }
        for (std::size_t i = 0; i < arrivals.size(); ++i)
            QVERIFY2(inWindow[i] || arrivals[i] == 0,
                     qPrintable(QStringLiteral("%1 arrivals in bin %2, outside every burst window (seed %3)")
                                    .arg(arrivals[i])
                                    .arg(i)
                                    .arg(seed)));
    }
}

namespace {
// Bursts of 40 within 4s, every 1s: from 4s on, 4 bursts overlap and each bin gets 40 on average,
// up to the horizon. Constant 100ms holds and a pool that never runs out.
const char* kOverlappingBursts = R"(poolsim: 1
horizon: 30s
resolution: 1s
replications: 3
seed: 9
pool: {size: 400, timeout: none}
workloads:
  - name: burst
    arrivals: {burst: {at: 0s, count: 40, within: 4s, every: 1s}}
    hold: 100ms
)";
} // namespace

void TestPoolArrivals::arrivalsBurstOverlapping()
{
    // `every` shorter than `within` is accepted: the bursts overlap, and each
    // still sends its `count` within its own window, up to the horizon.
    constexpr int kReps = 3;
    RUN(r, text(kOverlappingBursts));
    for (const double t : {5.0, 15.0, 25.0, 27.0, 28.0, 29.0})
        EXPECT_NEAR(qPrintable(QStringLiteral("arrivals in bin %1 (4 overlapping bursts)").arg(t)),
                    band(*r, Series::Arrivals).mean[binAt(*r, t)], 40, 4 * std::sqrt(40.0 / kReps) + 1);
    // Bins 0-3 see 1, 2, 3, 4 bursts.
    for (int i = 0; i < 4; ++i)
        EXPECT_NEAR(
            qPrintable(QStringLiteral("arrivals in bin %1 (%2 overlapping bursts)").arg(i).arg(i + 1)),
            band(*r, Series::Arrivals).mean[std::size_t(i)], 10.0 * (i + 1),
            4 * std::sqrt(10.0 * (i + 1) / kReps) + 1);
}

void TestPoolArrivals::arrivalsBurstOverlappingLevels()
{
    // The same overlapping bursts: the clock must never run backwards, so the busy level per bin
    // is 100ms per arrival of that bin, give or take the requests of its last 100ms spilling
    // into the next (about 4 x 100ms).
    RUN(r, text(kOverlappingBursts));
    const auto& arrivals = band(*r, Series::Arrivals).mean;
    const auto& busy = band(*r, Series::BusyMean).mean;
    for (std::size_t i = 0; i + 1 < busy.size(); ++i)
        EXPECT_NEAR(
            qPrintable(
                QStringLiteral("busy_mean in bin %1 vs 100ms x its %2 arrivals").arg(i).arg(arrivals[i])),
            busy[i], 0.1 * arrivals[i], 1.0);
    for (const auto& rep : r->replicationMetrics) {
        const double n = rep[Metric::Arrivals];
        EXPECT_NEAR("busy_mean x horizon vs 100ms per arrival", rep[Metric::BusyMean] * 30, 0.1 * n,
                    0.1 * 40 * 0.2);
        QCOMPARE(rep[Metric::WaitMaxS], 0.0);
        QVERIFY2(rep[Metric::ResponseMeanS] >= 0.1 - 1e-9 && rep[Metric::ResponseMeanS] <= 0.1 + 1e-9,
                 qPrintable(QStringLiteral("response_mean_s %1 with 100ms holds and no waits")
                                .arg(rep[Metric::ResponseMeanS])));
    }
}

void TestPoolArrivals::arrivalsUsers_data()
{
    QTest::addColumn<int>("users");
    QTest::addColumn<int>("poolSize");
    QTest::addColumn<QString>("think");
    QTest::addColumn<double>("thinkMean");
    QTest::addColumn<double>("hold");
    QTest::addColumn<double>("expectedThroughput"); // 0: only the response time law
    // One connection, always wanted: throughput 1/hold; response = users/X - think = 4s.
    QTest::newRow("5 users, pool of 1 saturated")
        << 5 << 1 << QStringLiteral("{uniform: {min: 500ms, max: 1500ms}}") << 1.0 << 1.0 << 1.0;
    // Never waits: X = users / (think + hold).
    QTest::newRow("4 users, pool of 10 idle")
        << 4 << 10 << QStringLiteral("{uniform: {min: 1s, max: 3s}}") << 2.0 << 0.1 << 4.0 / 2.1;
    QTest::newRow("8 users, pool of 2, exponential think")
        << 8 << 2 << QStringLiteral("{exponential: 2s}") << 2.0 << 0.5 << 0.0;
}

void TestPoolArrivals::arrivalsUsers()
{
    QFETCH(int, users);
    QFETCH(int, poolSize);
    QFETCH(QString, think);
    QFETCH(double, thinkMean);
    QFETCH(double, hold);
    QFETCH(double, expectedThroughput);
    RUN(r, fill(R"(poolsim: 1
horizon: 3000s
warmup: 100s
replications: 3
seed: 13
pool: {size: %1, timeout: none}
workloads:
  - name: users
    arrivals: {users: %2, think: %3}
    hold: %4s
)",
                {QString::number(poolSize), QString::number(users), think, num(hold)}));
    const double x = mean(*r, Metric::ThroughputPerS);
    const double response = mean(*r, Metric::ResponseMeanS);
    // The interactive response time law: X = N / (Z + R).
    EXPECT_NEAR("throughput vs users / (think + response)", x, users / (thinkMean + response), 0.02 * x);
    if (expectedThroughput > 0)
        EXPECT_NEAR("throughput", x, expectedThroughput, 0.015 * expectedThroughput);
    if (poolSize >= users)
        QCOMPARE(mean(*r, Metric::WaitRatio), 0.0);
    // At most `users` requests exist at once, `poolSize` of them holding a connection.
    for (const auto& rep : r->replicationMetrics) {
        QVERIFY2(rep[Metric::WaitersMax] <= std::max(0, users - poolSize),
                 qPrintable(QStringLiteral("waiters_max %1 > users - pool size %2")
                                .arg(rep[Metric::WaitersMax])
                                .arg(users - poolSize)));
        if (users > poolSize)
            QVERIFY2(rep[Metric::WaitersMax] >= 1, "an overloaded closed population never queued");
    }
    QVERIFY2(seriesMax(band(*r, Series::BusyMax).max) <= std::min(users, poolSize),
             "more busy than users or pool");
}

void TestPoolArrivals::arrivalsBatch_data()
{
    QTest::addColumn<int>("items");
    QTest::addColumn<int>("concurrency");
    QTest::addColumn<int>("hold"); // whole seconds, so every start falls on a 1s bin
    QTest::addColumn<int>("at");
    QTest::addColumn<int>("every"); // 0: no every
    QTest::addColumn<int>("horizon");
    QTest::newRow("20 items by 3") << 20 << 3 << 1 << 2 << 0 << 30;
    QTest::newRow("5 items one at a time (default concurrency)") << 5 << 1 << 2 << 1 << 0 << 30;
    QTest::newRow("more workers than items") << 2 << 5 << 1 << 0 << 0 << 10;
    QTest::newRow("10 items by 4, every 15s") << 10 << 4 << 1 << 2 << 15 << 45;
}

void TestPoolArrivals::arrivalsBatch()
{
    QFETCH(int, items);
    QFETCH(int, concurrency);
    QFETCH(int, hold);
    QFETCH(int, at);
    QFETCH(int, every);
    QFETCH(int, horizon);
    QString batch = QStringLiteral("at: %1s, items: %2").arg(at).arg(items);
    if (concurrency != 1)
        batch += QStringLiteral(", concurrency: %1").arg(concurrency);
    if (every > 0)
        batch += QStringLiteral(", every: %1s").arg(every);
    RUN(r, fill(R"(poolsim: 1
horizon: %1s
resolution: 1s
replications: 2
pool: {size: 10, timeout: none}
workloads:
  - name: batch
    arrivals: {batch: {%2}}
    hold: %3s
)",
                {QString::number(horizon), batch, QString::number(hold)}));
    // Constant holds: the items go in rounds of `concurrency`, each round `hold` long.
    std::vector<double> expectedArrivals(static_cast<std::size_t>(horizon), 0),
        expectedServed(expectedArrivals);
    int batches = 0, lastEnd = 0;
    for (int start = at; start < horizon; start += every) {
        ++batches;
        for (int k = 0; k < items; ++k) {
            const int round = k / concurrency;
            expectedArrivals[static_cast<std::size_t>(start + round * hold)] += 1;
            expectedServed[static_cast<std::size_t>(start + (round + 1) * hold)] += 1;
        }
        lastEnd = start + ((items + concurrency - 1) / concurrency) * hold;
        if (every <= 0)
            break;
    }
    QVERIFY(lastEnd < horizon); // the test's own premise
    QCOMPARE(mean(*r, Metric::Arrivals), double(items * batches));
    QCOMPARE(mean(*r, Metric::Served), double(items * batches));
    const auto& arrivals = band(*r, Series::Arrivals);
    const auto& served = band(*r, Series::Served);
    for (std::size_t i = 0; i < expectedArrivals.size(); ++i) {
        QVERIFY2(arrivals.min[i] == expectedArrivals[i] && arrivals.max[i] == expectedArrivals[i],
                 qPrintable(QStringLiteral("bin %1: %2..%3 arrivals, expected %4")
                                .arg(i)
                                .arg(arrivals.min[i])
                                .arg(arrivals.max[i])
                                .arg(expectedArrivals[i])));
        QVERIFY2(served.min[i] == expectedServed[i] && served.max[i] == expectedServed[i],
                 qPrintable(QStringLiteral("bin %1: %2..%3 served, expected %4")
                                .arg(i)
                                .arg(served.min[i])
                                .arg(served.max[i])
                                .arg(expectedServed[i])));
    }
    QCOMPARE(seriesMax(band(*r, Series::BusyMax).max), double(std::min(items, concurrency)));
    EXPECT_EXACT("busy_mean", mean(*r, Metric::BusyMean), double(items * batches * hold) / horizon);
    QCOMPARE(mean(*r, Metric::WaitRatio), 0.0);
}

void TestPoolArrivals::arrivalsTrace_data()
{
    QTest::addColumn<QString>("jitter"); // empty: none
    QTest::newRow("replay") << QString();
    QTest::newRow("replay with 200ms jitter") << QStringLiteral("200ms");
}

void TestPoolArrivals::arrivalsTrace()
{
    QFETCH(QString, jitter);
    const QString arrivals = jitter.isEmpty() ? QStringLiteral("{trace: trace.csv}")
                                              : QStringLiteral("{trace: trace.csv, jitter: %1}").arg(jitter);
    RUN(r, fill(R"(poolsim: 1
horizon: 20s
resolution: 1s
replications: 5
seed: 17
pool: {size: 5, timeout: none}
workloads:
  - name: replay
    arrivals: %1
)",
                {arrivals}));
    // tests/data/model/trace.csv: 7 rows before the 20s horizon (one more after it), with
    // connection-seconds 1 + 2x0.5 + 0.1 + 3x2 + 0.25 + 1 + 2x1.5 = 12.35.
    constexpr double kConnectionSeconds = 12.35;
    for (const auto& rep : r->replicationMetrics) {
        QCOMPARE(rep[Metric::Arrivals], 7.0);
        QCOMPARE(rep[Metric::Served], 7.0);
        QCOMPARE(rep[Metric::WaitRatio], 0.0);
        EXPECT_EXACT("hold_mean_s (connection-seconds per request)", rep[Metric::HoldMeanS],
                     kConnectionSeconds / 7);
        EXPECT_EXACT("busy_mean", rep[Metric::BusyMean], kConnectionSeconds / 20);
    }
    QCOMPARE(r->requests, std::uint64_t{7 * 5}); // the row past the horizon never starts
    const auto& a = band(*r, Series::Arrivals);
    const auto& busyMax = band(*r, Series::BusyMax);
    if (jitter.isEmpty()) {
        const std::vector<double> expected = {1, 2, 0, 2, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0};
        QVERIFY2(a.min == expected && a.max == expected, "arrivals per bin differ from the trace");
        QCOMPARE(busyMax.max[3], 4.0); // 3 connections from 3s, 1 more from 3.5s
        QCOMPARE(busyMax.max[12], 2.0);
        QCOMPARE(busyMax.max[7], 1.0);
    } else {
        // Starts move by at most 200ms: the rows at 3s and 12s may cross into bins 2 and 11;
        // nothing else moves bins.
        QVERIFY2(a.max[2] + a.max[11] > 0, "jitter moved nothing in 5 replications");
        for (const std::size_t i :
             {std::size_t(4), std::size_t(5), std::size_t(6), std::size_t(8), std::size_t(13)})
            QCOMPARE(a.max[i], 0.0);
        EXPECT_EXACT("arrivals in bins 2-3", binSum(*r, Series::Arrivals, 2, 4), 2.0);
        EXPECT_EXACT("arrivals in bins 11-12", binSum(*r, Series::Arrivals, 11, 13), 1.0);
    }
}

QTEST_APPLESS_MAIN(TestPoolArrivals)
#include "tst_pool_arrivals.moc"
