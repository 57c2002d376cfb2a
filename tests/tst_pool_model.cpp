// The pool model feature by feature: every arrival pattern, request shape, timeout, retry,
// connection lifecycle setting, the database budget, load balancing, warm-up, Little's law,
// common random numbers and thread-count determinism. Each scenario is a short inline YAML file
// built so that the expected figures are exact (constant holds, bursts, traces) or closed forms
// with a stated tolerance. Fixed seeds: nothing here flakes.
#include "models/metrics.h"
#include "models/run_result.h"
#include "models/scenario_yaml.h"
#include "models/simulation.h"

#include <QTest>

#ifdef __linux__
#include <sys/resource.h>
#endif

#include <cmath>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pool_test_support.h"

namespace {

void expectLittle(const models::RunResult& r, double relative)
{
    const double busy = mean(r, Metric::BusyMean);
    const double little = mean(r, Metric::ThroughputPerS) * mean(r, Metric::HoldMeanS);
    QVERIFY2(busy > 0, "nothing was busy");
    QVERIFY2(std::fabs(busy - little) <= relative * busy,
             qPrintable(
                 QStringLiteral("Little's law: busy_mean %1 vs throughput_per_s x hold_mean_s = %2 x %3 = %4 "
                                "(%5% apart, allowed %6%)")
                     .arg(busy, 0, 'g', 6)
                     .arg(mean(r, Metric::ThroughputPerS), 0, 'g', 6)
                     .arg(mean(r, Metric::HoldMeanS), 0, 'g', 6)
                     .arg(little, 0, 'g', 6)
                     .arg(100 * std::fabs(busy - little) / busy, 0, 'f', 2)
                     .arg(100 * relative)));
}

} // namespace

class TestPoolModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // 10. Memory (first, while the process's peak is still low)
    void memoryDoesNotGrowWithRequests();
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
    // 2. Request shapes
    void requestConnections_data();
    void requestConnections();
    void requestTogetherFifo();
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
    // 8-9. Warm-up, Little's law
    void warmup();
    void warmupPoisson();
    void littlesLaw_data();
    void littlesLaw();
    void holdWhileWaiting_data();
    void holdWhileWaiting();
    // 11-12. Common random numbers, determinism
    void commonRandomNumbersPoolSize();
    void commonRandomNumbersExtraWorkload();
    void determinismAcrossThreads();
};

// ---- 10. Memory --------------------------------------------------------------------------

void TestPoolModel::memoryDoesNotGrowWithRequests()
{
#ifndef __linux__
    QSKIP("needs the process's peak resident set size (getrusage on Linux)");
#else
    // The model keeps per-request state only while a request is in flight (a recycled slab) and
    // statistics in constant memory. The same scenario with 200k and then 2M requests must raise
    // the process's peak resident set by almost nothing; per-request storage of even one double
    // would add 14 MB.
    auto peakKiB = [] {
        rusage u{};
        getrusage(RUSAGE_SELF, &u);
        return static_cast<double>(u.ru_maxrss);
    };
    const char* tmpl = R"(poolsim: 1
horizon: %1s
resolution: 10s
replications: 1
pool: {size: 10, timeout: 0}
workloads:
  - name: api
    arrivals: {poisson: 1000/s}
    hold: {exponential: 5ms}
)";
    RUN(small, fill(tmpl, {QStringLiteral("200")}), Options{1, {}, {}});
    const double afterSmall = peakKiB();
    RUN(large, fill(tmpl, {QStringLiteral("2000")}), Options{1, {}, {}});
    const double afterLarge = peakKiB();
    QVERIFY(small->requests > 190'000 && large->requests > 1'900'000);
    QVERIFY2(afterLarge - afterSmall < 4096,
             qPrintable(QStringLiteral("peak resident set grew by %1 KiB from %2 to %3 requests")
                            .arg(afterLarge - afterSmall)
                            .arg(small->requests)
                            .arg(large->requests)));
#endif
}

// ---- 1. Arrival patterns ----------------------------------------------------------------

void TestPoolModel::arrivalsPoisson_data()
{
    QTest::addColumn<QString>("rate");
    QTest::addColumn<double>("perSecond");
    QTest::addColumn<double>("horizon");
    QTest::newRow("50/s over 200s") << QStringLiteral("50/s") << 50.0 << 200.0;
    QTest::newRow("1200/m over 300s") << QStringLiteral("1200/m") << 20.0 << 300.0;
    QTest::newRow("7200/h over 1000s") << QStringLiteral("7200/h") << 2.0 << 1000.0;
    QTest::newRow("plain number 5 over 400s") << QStringLiteral("5") << 5.0 << 400.0;
}

void TestPoolModel::arrivalsPoisson()
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

void TestPoolModel::arrivalsProfile()
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

void TestPoolModel::arrivalsBurst_data()
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

void TestPoolModel::arrivalsBurst()
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

void TestPoolModel::arrivalsBurstOverlapping()
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

void TestPoolModel::arrivalsBurstOverlappingLevels()
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

void TestPoolModel::arrivalsUsers_data()
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

void TestPoolModel::arrivalsUsers()
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

void TestPoolModel::arrivalsBatch_data()
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

void TestPoolModel::arrivalsBatch()
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

void TestPoolModel::arrivalsTrace_data()
{
    QTest::addColumn<QString>("jitter"); // empty: none
    QTest::newRow("replay") << QString();
    QTest::newRow("replay with 200ms jitter") << QStringLiteral("200ms");
}

void TestPoolModel::arrivalsTrace()
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

// ---- 2. Request shapes ------------------------------------------------------------------

void TestPoolModel::requestConnections_data()
{
    QTest::addColumn<int>("k");
    QTest::newRow("1 connection") << 1;
    QTest::newRow("2 connections") << 2;
    QTest::newRow("3 connections") << 3;
    QTest::newRow("5 connections (the whole pool)") << 5;
}

void TestPoolModel::requestConnections()
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

void TestPoolModel::requestTogetherFifo()
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

void TestPoolModel::requestSteps_data()
{
    QTest::addColumn<bool>("transaction");
    QTest::addColumn<double>("connectionSeconds");
    QTest::addColumn<QVector<double>>("busyPerBin"); // bins 0..7
    // query 1s (1 connection), work 3s, query 2s (2 connections), from 1s.
    QTest::newRow("steps") << false << 1.0 + 2 * 2.0 << QVector<double>{0, 1, 0, 0, 0, 2, 2, 0};
    // One connection from the first step to the end, the work included; the last step adds one.
    QTest::newRow("transaction") << true << 1.0 + 3.0 + 2 * 2.0 << QVector<double>{0, 1, 1, 1, 1, 2, 2, 0};
}

void TestPoolModel::requestSteps()
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

void TestPoolModel::acquireOneByOne_data()
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

void TestPoolModel::acquireOneByOne()
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

void TestPoolModel::poolTimeout_data()
{
    QTest::addColumn<QString>("timeout");
    QTest::addColumn<double>("lambda");
    QTest::addColumn<QString>("hold");
    QTest::newRow("0: fail at once") << QStringLiteral("0") << 4.0 << QStringLiteral("{exponential: 1s}");
    QTest::newRow("none: wait for ever") << QStringLiteral("none") << 3.0 << QStringLiteral("1s");
    QTest::newRow("750ms") << QStringLiteral("750ms") << 3.0 << QStringLiteral("{exponential: 1s}");
    QTest::newRow("default 30s") << QString() << 3.0 << QStringLiteral("1s");
}

void TestPoolModel::poolTimeout()
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

void TestPoolModel::poolTimeoutZeroOpensOnDemand()
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

void TestPoolModel::retriesExact()
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

void TestPoolModel::retries()
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

// ---- 5. Connection lifecycle ------------------------------------------------------------

void TestPoolModel::connectTime_data()
{
    QTest::addColumn<int>("minIdle"); // -1: key left out (min_idle = size)
    QTest::newRow("min_idle 0: opens on demand") << 0;
    QTest::newRow("min_idle = size (default): open from the start") << -1;
}

void TestPoolModel::connectTime()
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

void TestPoolModel::connectTimeout_data()
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

void TestPoolModel::connectTimeout()
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

void TestPoolModel::idleTimeout_data()
{
    QTest::addColumn<QString>("idleTimeout"); // empty: the default, 10m
    QTest::addColumn<double>("openAfter");
    QTest::newRow("10s: back to min_idle") << QStringLiteral(", idle_timeout: 10s") << 2.0;
    QTest::newRow("none: stays open") << QStringLiteral(", idle_timeout: none") << 10.0;
    QTest::newRow("default 10m: stays open in 30s") << QString() << 10.0;
}

void TestPoolModel::idleTimeout()
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

void TestPoolModel::maxLifetime_data()
{
    QTest::addColumn<QString>("connectTime");
    QTest::addColumn<double>("expectedOpenMean");
    QTest::addColumn<double>("tolerance");
    // Instant reopening: the pool never shrinks.
    QTest::newRow("connect_time 0") << QStringLiteral("0") << 4.0 << 0.0;
    // 1s to reopen every 30s of life: about 4 x 30/31 open.
    QTest::newRow("connect_time 1s") << QStringLiteral("1s") << 4.0 * 30 / 31 << 0.02;
}

void TestPoolModel::maxLifetime()
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

void TestPoolModel::databaseBudget_data()
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

void TestPoolModel::databaseBudget()
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

void TestPoolModel::databaseDefaultReserved()
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

void TestPoolModel::balancerSpread_data()
{
    QTest::addColumn<QString>("balancer");
    QTest::addColumn<bool>("waits");
    QTest::newRow("round_robin") << QStringLiteral("round_robin") << false;
    QTest::newRow("least_busy") << QStringLiteral("least_busy") << false;
    QTest::newRow("random") << QStringLiteral("random") << true;
}

void TestPoolModel::balancerSpread()
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

void TestPoolModel::balancerAvoidsBusy_data()
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

void TestPoolModel::balancerAvoidsBusy()
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

void TestPoolModel::warmup()
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

void TestPoolModel::warmupPoisson()
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

// ---- 9. Little's law --------------------------------------------------------------------

void TestPoolModel::littlesLaw_data()
{
    QTest::addColumn<QByteArray>("pool");
    QTest::addColumn<QByteArray>("workload");
    QTest::newRow("M/M/5, no timeout") << QByteArray("{size: 5, timeout: none}")
                                       << QByteArray("arrivals: {poisson: 4/s}\n    hold: {exponential: 1s}");
    QTest::newRow("M/M/5 overloaded, 500ms timeout")
        << QByteArray("{size: 5, timeout: 500ms}")
        << QByteArray("arrivals: {poisson: 6/s}\n    hold: {exponential: 1s}");
    QTest::newRow("2 connections together, retries")
        << QByteArray("{size: 6, timeout: 2s}")
        << QByteArray(
               "arrivals: {poisson: 2/s}\n    hold: {lognormal: {mean: 1s, p95: 2.5s}}\n    connections: 2\n"
               "    retry: {attempts: 3, backoff: 100ms}");
    QTest::newRow("steps with work") << QByteArray("{size: 3, timeout: 1s}")
                                     << QByteArray("arrivals: {poisson: 8/s}\n    steps: [{query: "
                                                   "{exponential: 100ms}}, {work: {exponential: 200ms}}, "
                                                   "{query: 50ms, connections: 2}]");
    QTest::newRow("closed users, min_idle 0, connect time")
        << QByteArray("{size: 3, timeout: none, min_idle: 0, connect_time: 50ms, idle_timeout: 2s}")
        << QByteArray("arrivals: {users: 6, think: {exponential: 1s}}\n    hold: {uniform: {min: 100ms, max: "
                      "700ms}}");
    // Light enough that no transaction ever waits while holding its connection (see
    // holdWhileWaiting for that case).
    QTest::newRow("transaction, light load")
        << QByteArray("{size: 10, timeout: 5s}")
        << QByteArray("arrivals: {poisson: 3/s}\n    steps: [{query: {exponential: 100ms}}, {work: "
                      "{exponential: 200ms}}, "
                      "{query: 100ms, connections: 2}]\n    transaction: true");
    QTest::newRow("2 instances, random balancer")
        << QByteArray("{size: 3, timeout: 1s}\nbackend: {instances: 2, balancer: random}")
        << QByteArray("arrivals: {poisson: 5/s}\n    hold: {exponential: 1s}");
}

void TestPoolModel::littlesLaw()
{
    QFETCH(QByteArray, pool);
    QFETCH(QByteArray, workload);
    const QByteArray yaml =
        QByteArray("poolsim: 1\nhorizon: 2000s\nwarmup: 100s\nreplications: 3\nseed: 61\npool: ") + pool +
        QByteArray("\nworkloads:\n  - name: w\n    ") + workload + QByteArray("\n");
    RUN(r, yaml);
    QVERIFY(mean(*r, Metric::Served) > 1000);
    expectLittle(*r, 0.015);
}

void TestPoolModel::holdWhileWaiting_data()
{
    QTest::addColumn<QByteArray>("shape");
    QTest::addColumn<double>("connectionSeconds"); // of the `second` request
    // Pool 2; `first` holds one connection over [0s, 3s); `second` starts at 1s.
    // together: waits [1s, 3s) holding nothing, then 2 connections for 1s: 2 connection-seconds.
    QTest::newRow("together") << QByteArray("hold: 1s\n    connections: 2") << 2.0;
    // one_by_one: takes one at 1s, waits for the second holding it until 3s, then 2 for 1s: 2 + 2.
    QTest::newRow("one_by_one") << QByteArray("hold: 1s\n    connections: 2\n    acquire: one_by_one") << 4.0;
    // transaction: one connection from 1s; the 1s first query; the second query needs one more and
    // waits [2s, 3s) holding the transaction's; then 2 for 1s: 1 + 1 + 2.
    QTest::newRow("transaction")
        << QByteArray("steps: [{query: 1s}, {query: 1s, connections: 2}]\n    transaction: true") << 4.0;
}

void TestPoolModel::holdWhileWaiting()
{
    // hold_mean_s is documented as the connection-seconds held per served request, such that
    // busy_mean = throughput_per_s x hold_mean_s (metrics.h). A connection held while its request
    // waits for another is in use (busy) all that time, so it must count.
    QFETCH(QByteArray, shape);
    QFETCH(double, connectionSeconds);
    const QByteArray yaml = QByteArray(R"(poolsim: 1
horizon: 10s
replications: 1
pool: {size: 2, timeout: none}
workloads:
  - name: first
    arrivals: {burst: {at: 0s, count: 1}}
    hold: 3s
  - name: second
    arrivals: {burst: {at: 1s, count: 1}}
    )") + shape + QByteArray("\n");
    RUN(r, yaml);
    QCOMPARE(mean(*r, Metric::Served), 2.0);
    EXPECT_EXACT("busy_mean x horizon", mean(*r, Metric::BusyMean) * 10, 3 + connectionSeconds);
    EXPECT_EXACT("hold_mean_s of `second`", wmean(*r, 1, Metric::HoldMeanS), connectionSeconds);
    EXPECT_EXACT("busy_mean vs throughput_per_s x hold_mean_s", mean(*r, Metric::BusyMean),
                 mean(*r, Metric::ThroughputPerS) * mean(*r, Metric::HoldMeanS));
}

// ---- 11-12. Common random numbers, determinism -------------------------------------------

void TestPoolModel::commonRandomNumbersPoolSize()
{
    const char* tmpl = R"(poolsim: 1
horizon: 200s
replications: 4
seed: 67
pool: {size: %1, timeout: 1s}
workloads:
  - name: api
    arrivals: {poisson: 5/s}
    hold: {exponential: 1s}
)";
    RUN(small, fill(tmpl, {QStringLiteral("3")}));
    RUN(large, fill(tmpl, {QStringLiteral("8")}));
    QCOMPARE(small->replicationMetrics.size(), std::size_t(4));
    bool differ = false;
    for (std::size_t i = 0; i < 4; ++i) {
        QCOMPARE(small->replicationMetrics[i][Metric::Arrivals],
                 large->replicationMetrics[i][Metric::Arrivals]);
        differ = differ || small->replicationMetrics[i][Metric::Timeouts] !=
                               large->replicationMetrics[i][Metric::Timeouts];
    }
    QVERIFY2(differ, "pool size made no difference at all");
    // Different replications draw different numbers.
    QVERIFY(small->replicationMetrics[0][Metric::Arrivals] != small->replicationMetrics[1][Metric::Arrivals]);
}

void TestPoolModel::commonRandomNumbersExtraWorkload()
{
    const char* tmpl = R"(poolsim: 1
horizon: 200s
replications: 1
pool: {size: 4, timeout: 1s}
workloads:
  - name: api
    arrivals: {poisson: 5/s}
    hold: {exponential: 500ms}
%1)";
    const QString extra = QStringLiteral(R"(  - name: reports
    arrivals: {poisson: 3/s}
    hold: {exponential: 1s}
)");
    for (std::uint64_t seed = 1; seed <= 4; ++seed) {
        RUN(alone, fill(tmpl, {QString()}), Options{2, seed, {}});
        RUN(both, fill(tmpl, {extra}), Options{2, seed, {}});
        QCOMPARE(wmean(*both, 0, Metric::Arrivals), wmean(*alone, 0, Metric::Arrivals));
        QVERIFY(wmean(*both, 1, Metric::Arrivals) > 0);
        QVERIFY(mean(*both, Metric::Arrivals) > mean(*alone, Metric::Arrivals));
    }
    // The hold times too: with a pool nobody waits for, the first workload's requests hold
    // exactly as long with or without the second (its holds come from its own stream).
    const char* roomy = R"(poolsim: 1
horizon: 200s
replications: 2
pool: {size: 100, timeout: none}
workloads:
  - name: api
    arrivals: {poisson: 5/s}
    hold: {exponential: 500ms}
%1)";
    RUN(alone, fill(roomy, {QString()}));
    RUN(both, fill(roomy, {extra}));
    QCOMPARE(wmean(*both, 0, Metric::WaitMaxS), 0.0);
    QCOMPARE(wmean(*both, 0, Metric::HoldMeanS), wmean(*alone, 0, Metric::HoldMeanS));
    QCOMPARE(wmean(*both, 0, Metric::ResponseP99S), wmean(*alone, 0, Metric::ResponseP99S));
}

void TestPoolModel::determinismAcrossThreads()
{
    // Most features at once, so that every random stream and event kind is exercised.
    const QByteArray yaml = text(R"(poolsim: 1
horizon: 600s
warmup: 60s
replications: 6
seed: 71
resolution: 10s
pool:
  size: 4
  timeout: 400ms
  min_idle: 1
  connect_time: {lognormal: {median: 20ms, p95: 80ms}}
  connect_timeout: 60ms
  idle_timeout: 5s
  max_lifetime: 40s
backend: {instances: 3, balancer: random}
database: {max_connections: 12, reserved_connections: 2}
workloads:
  - name: api
    arrivals: {profile: [[0s, 10/s], [200s, 25/s], [400s, 5/s]]}
    hold: {gamma: {mean: 250ms, cv: 1.5}}
    retry: {attempts: 3, backoff: {uniform: {min: 50ms, max: 150ms}}}
  - name: nested
    arrivals: {poisson: 1/s}
    hold: {exponential: 300ms}
    connections: 2
    acquire: one_by_one
  - name: clerks
    arrivals: {users: 5, think: {exponential: 3s}}
    steps: [{query: 30ms}, {work: {exponential: 100ms}}, {query: 20ms, connections: 2}]
    transaction: true
  - name: import
    arrivals: {batch: {at: 100s, items: 200, concurrency: 2, every: 200s}}
    hold: {weibull: {shape: 2, scale: 80ms}}
  - name: replay
    arrivals: {trace: trace.csv, jitter: 100ms}
)");
    RUN(one, yaml, Options{1, {}, {}});
    RUN(four, yaml, Options{4, {}, {}});
    QCOMPARE(one->threads, 1u);
    QCOMPARE(four->replicationMetrics.size(), one->replicationMetrics.size());
    for (std::size_t i = 0; i < one->replicationMetrics.size(); ++i)
        QVERIFY2(sameBits(one->replicationMetrics[i], four->replicationMetrics[i]),
                 qPrintable(QStringLiteral("replication %1: ").arg(i) +
                            firstDifference(one->replicationMetrics[i], four->replicationMetrics[i])));
    QVERIFY(sameBits(one->metrics, four->metrics));
    for (std::size_t w = 0; w < one->workloadMetrics.size(); ++w)
        QVERIFY(sameBits(one->workloadMetrics[w], four->workloadMetrics[w]));
    for (std::size_t s = 0; s < models::kSeriesCount; ++s) {
        QVERIFY(sameBits(one->series[s].mean, four->series[s].mean));
        QVERIFY(sameBits(one->series[s].min, four->series[s].min));
        QVERIFY(sameBits(one->series[s].max, four->series[s].max));
    }
    QCOMPARE(four->events, one->events);
    QCOMPARE(four->requests, one->requests);
    // The features did something.
    QVERIFY(mean(*one, Metric::Retries) > 0);
    QVERIFY(mean(*one, Metric::Timeouts) > 0);
}

QTEST_APPLESS_MAIN(TestPoolModel)
#include "tst_pool_model.moc"
