// Properties of the pool model as a whole: memory that does not grow with the number of
// requests, Little's law across request shapes (connections held while waiting included),
// common random numbers between scenarios, and the same results whatever the thread count.
// Fixed seeds: nothing here flakes.
#include "pool_test_support.h"

#ifdef __linux__
#include <sys/resource.h>
#endif

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

class TestPoolProperties : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // 10. Memory (first, while the process's peak is still low)
    void memoryDoesNotGrowWithRequests();
    // 9. Little's law
    void littlesLaw_data();
    void littlesLaw();
    void holdWhileWaiting_data();
    void holdWhileWaiting();
    // 11-12. Common random numbers, determinism
    void commonRandomNumbersPoolSize();
    void commonRandomNumbersExtraWorkload();
    void determinismAcrossThreads();
    // The wait distribution kept for plots
    void waitCdfMatchesThePercentiles();
};

// ---- 10. Memory --------------------------------------------------------------------------

void TestPoolProperties::memoryDoesNotGrowWithRequests()
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

// ---- 9. Little's law --------------------------------------------------------------------

void TestPoolProperties::littlesLaw_data()
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

void TestPoolProperties::littlesLaw()
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

void TestPoolProperties::holdWhileWaiting_data()
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

void TestPoolProperties::holdWhileWaiting()
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

void TestPoolProperties::commonRandomNumbersPoolSize()
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

void TestPoolProperties::commonRandomNumbersExtraWorkload()
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

void TestPoolProperties::determinismAcrossThreads()
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
    QVERIFY(sameBits(one->waitCdfS, four->waitCdfS));
    for (std::size_t w = 0; w < one->workloadWaitCdfS.size(); ++w)
        QVERIFY(sameBits(one->workloadWaitCdfS[w], four->workloadWaitCdfS[w]));
    // The features did something.
    QVERIFY(mean(*one, Metric::Retries) > 0);
    QVERIFY(mean(*one, Metric::Timeouts) > 0);
}

// ---- The wait distribution kept for plots -------------------------------------------------

void TestPoolProperties::waitCdfMatchesThePercentiles()
{
    // A busy pool with two workloads: many requests wait, some do not.
    RUN(r, QByteArray(R"(poolsim: 1
horizon: 10m
replications: 3
pool: {size: 5, timeout: none}
workloads:
  - {name: api, arrivals: {poisson: 40/s}, hold: {exponential: 100ms}}
  - {name: reports, arrivals: {poisson: 6/m}, hold: 2s}
)"));
    QCOMPARE(r->waitCdfS.size(), models::kWaitCdfPoints);
    QCOMPARE(r->workloadWaitCdfS.size(), std::size_t(2));
    const auto at = [](double p) {
        return static_cast<std::size_t>(
            std::find(models::kWaitCdfProbabilities.begin(), models::kWaitCdfProbabilities.end(), p) -
            models::kWaitCdfProbabilities.begin());
    };
    // The points are the same quantiles as the summary's percentiles, averaged the same way.
    QVERIFY(std::fabs(r->waitCdfS[at(0.50)] - mean(*r, Metric::WaitP50S)) <= 1e-12);
    QVERIFY(std::fabs(r->waitCdfS[at(0.95)] - mean(*r, Metric::WaitP95S)) <= 1e-12);
    QVERIFY(std::fabs(r->waitCdfS[at(0.99)] - mean(*r, Metric::WaitP99S)) <= 1e-12);
    QVERIFY(std::fabs(r->waitCdfS.back() - mean(*r, Metric::WaitMaxS)) <= 1e-12);
    QVERIFY(std::fabs(r->workloadWaitCdfS[1][at(0.95)] - r->workloadMetrics[1][Metric::WaitP95S].mean) <=
            1e-12);
    // A distribution: non-decreasing, 0 below the share that did not wait, positive above it.
    QVERIFY(std::is_sorted(r->waitCdfS.begin(), r->waitCdfS.end()));
    const double waited = mean(*r, Metric::WaitRatio);
    QVERIFY(waited > 0.2 && waited < 0.9);
    QCOMPARE(r->waitCdfS[at(0.0)], 0.0);
    QVERIFY(r->waitCdfS[at(std::ceil((1 - waited) * 100 + 2) / 100)] > 0);
}

QTEST_APPLESS_MAIN(TestPoolProperties)
#include "tst_pool_properties.moc"
