// Comparing runs (models/planning/comparison.h): paired and Welch differences against published t
// values, significance, and common random numbers, which make the difference's interval far
// narrower than comparing independent runs.
#ifndef Q_MOC_RUN
#include "models/planning/comparison.h"
#include "models/scenario/scenario_yaml.h"
#include "models/simulation/simulation.h"
#endif

#include "cli_test_support.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

namespace models = poolsim::models;
using models::Metric;
using namespace clitest;

namespace {
// M/M/10 at 80% load (8 requests/s holding 1 s each): about 40% of requests wait, the p95 wait
// is about 1 s, above the 500 ms service level. A pool of 25 barely queues at all.
const QByteArray kShop = R"(poolsim: 1
name: shop
horizon: 10m
warmup: 1m
replications: 5
seed: 11
pool:
  size: 10
  timeout: 2s
workloads:
  - name: api
    arrivals: {poisson: 8/s}
    hold: {exponential: 1s}
variants:
  - name: bigger
    description: a pool of 25
    set: {pool.size: 25}
  - name: logging
    description: query logging on (holds twice as long), with room for it
    set: {pool.size: 40, hold_scale: 2}
  - name: same
    description: sets the pool size it already has
    set: {pool.size: 10}
slo:
  wait_p95: 500ms
)";

models::Scenario load(const QByteArray& yaml)
{
    return models::loadScenarioText(yaml.toStdString(), "test.yaml", "");
}

models::RunOptions options(std::uint64_t seed, std::int64_t replications)
{
    models::RunOptions o;
    o.seed = seed;
    o.replications = replications;
    o.threads = 2;
    return o;
}

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
} // namespace

class TestComparison : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // ---- Differences ---------------------------------------------------------------------------

    void welchAgainstTables_data()
    {
        QTest::addColumn<std::vector<double>>("a");
        QTest::addColumn<std::vector<double>>("b");
        QTest::addColumn<double>("mean");
        QTest::addColumn<double>("ci95");
        QTest::addColumn<bool>("significant");
        // Equal variances and sizes: 4 degrees of freedom, t = 2.776445105 (tables).
        QTest::newRow("df 4") << std::vector<double>{1, 2, 3} << std::vector<double>{3, 4, 5} << 2.0
                              << 2.776445105 * std::sqrt(2.0 / 3) << false;
        // One side constant: the other's n - 1 = 2 degrees of freedom, t = 4.302652730.
        QTest::newRow("df 2") << std::vector<double>{0, 0, 0, 0} << std::vector<double>{1, 2, 3} << 2.0
                              << 4.302652730 * std::sqrt(1.0 / 3) << false;
        QTest::newRow("apart") << std::vector<double>{1, 2, 3} << std::vector<double>{11, 12, 13} << 10.0
                               << 2.776445105 * std::sqrt(2.0 / 3) << true;
        QTest::newRow("NaN left out")
            << std::vector<double>{1, 2, kNaN, 3} << std::vector<double>{kNaN, 3, 4, 5} << 2.0
            << 2.776445105 * std::sqrt(2.0 / 3) << false;
        QTest::newRow("both constant")
            << std::vector<double>{1, 1} << std::vector<double>{3, 3} << 2.0 << 0.0 << true;
    }
    void welchAgainstTables()
    {
        QFETCH(std::vector<double>, a);
        QFETCH(std::vector<double>, b);
        QFETCH(double, mean);
        QFETCH(double, ci95);
        QFETCH(bool, significant);
        const models::Difference d = models::welchDifference(a, b);
        QVERIFY2(std::fabs(d.mean - mean) < 1e-12, qPrintable(QString::number(d.mean)));
        QVERIFY2(std::fabs(d.ci95 - ci95) < 1e-7, qPrintable(QString::number(d.ci95, 'g', 12)));
        QCOMPARE(d.significant, significant);
    }

    void pairedAgainstTables()
    {
        // Differences 0.5, 0.5, 0.4, 0.6 (and a pair with no value, left out): mean 0.5, sd
        // sqrt(0.02 / 3), 3 degrees of freedom, t = 3.182446305.
        const models::Difference d = models::pairedDifference({1, 2, 3, 4, kNaN}, {1.5, 2.5, 3.4, 4.6, 5});
        QVERIFY(std::fabs(d.mean - 0.5) < 1e-12);
        QVERIFY2(std::fabs(d.ci95 - 3.182446305 * std::sqrt(0.02 / 3) / 2) < 1e-7,
                 qPrintable(QString::number(d.ci95)));
        QVERIFY(d.significant);
        const models::Difference none = models::pairedDifference({1, 2}, {1, 2});
        QCOMPARE(none.mean, 0.0);
        QCOMPARE(none.ci95, 0.0);
        QVERIFY(!none.significant);
        const models::Difference one = models::pairedDifference({1}, {5});
        QVERIFY(std::isnan(one.ci95) && !one.significant); // no interval: never significant
    }

    void significance()
    {
        const models::Scenario base = load(kShop);
        const auto runs = models::runVariants(base, {"base", "bigger", "same"}, options(3, 5));
        QCOMPARE(runs.size(), std::size_t(3));
        const models::Comparison bigger =
            models::compareRuns(*runs[0].result, *runs[1].result, models::defaultMethod(runs[0], runs[1]));
        QCOMPARE(bigger.method, models::ComparisonMethod::Paired);
        QCOMPARE(bigger.pairs, std::int64_t(5));
        // 10 -> 25 connections under 80% load: the p95 wait falls by about a second.
        const models::Difference wait = bigger.total[Metric::WaitP95S];
        QVERIFY2(wait.significant && wait.mean < -0.5,
                 qPrintable(QStringLiteral("%1 +/- %2").arg(wait.mean).arg(wait.ci95)));
        QCOMPARE(bigger.workloadNames, std::vector<std::string>{"api"});
        QVERIFY(bigger.workloads[0][Metric::WaitP95S].significant);
        // Arrivals do not depend on the pool: with common random numbers they are the same.
        QCOMPARE(bigger.total[Metric::Arrivals].mean, 0.0);
        QVERIFY(!bigger.total[Metric::Arrivals].significant);

        // A variant that changes nothing gives exactly the base's numbers in every replication.
        const models::Comparison same =
            models::compareRuns(*runs[0].result, *runs[2].result, models::defaultMethod(runs[0], runs[2]));
        for (std::size_t m = 0; m < models::kMetricCount; ++m) {
            const models::Difference& d = same.total.values[m];
            const auto name =
                QByteArray(models::kMetricNames[m].data(), qsizetype(models::kMetricNames[m].size()));
            QVERIFY2(d.mean == 0 && d.ci95 == 0 && !d.significant, name.constData());
        }
    }

    void pairsOverCommonReplications()
    {
        QByteArray text = kShop;
        text.replace("set: {pool.size: 10}", "set: {pool.size: 10, replications: 3}");
        const models::Scenario base = load(text);
        models::RunOptions o;
        o.threads = 2;
        const auto runs = models::runVariants(base, {"base", "same"}, o);
        QCOMPARE(runs[0].result->replications, std::int64_t(5));
        QCOMPARE(runs[1].result->replications, std::int64_t(3));
        const models::Comparison c =
            models::compareRuns(*runs[0].result, *runs[1].result, models::ComparisonMethod::Paired);
        QCOMPARE(c.pairs, std::int64_t(3));
        QCOMPARE(c.total[Metric::WaitP95S].mean, 0.0); // replications 0-2 are the same in both
        QCOMPARE(c.total[Metric::WaitP95S].ci95, 0.0);
    }

    /// The issue's demand: comparing two variants uses common random numbers, shown by a
    /// difference whose interval is much narrower than with independent streams.
    void commonRandomNumbersNarrowTheInterval_data()
    {
        QTest::addColumn<quint64>("seed");
        // Ratios of the half-widths seen (paired / independent), wait mean and wait ratio: seed 5
        // 0.20 and 0.16, seed 6 0.24 and 0.24; over seeds 1-8 at most 0.25 and 0.24.
        QTest::newRow("seed 5") << quint64(5);
        QTest::newRow("seed 6") << quint64(6);
    }
    void commonRandomNumbersNarrowTheInterval()
    {
        QFETCH(quint64, seed);
        // What does query logging cost? Holds 5% longer on a pool of 10 at 80% load: a small
        // effect next to the run-to-run spread of a queue, which independent runs must
        // average out and common random numbers cancel.
        const QByteArray text = R"(poolsim: 1
name: crn
horizon: 10m
warmup: 1m
replications: 10
pool: {size: 10, timeout: 1s}
workloads:
  - name: api
    arrivals: {poisson: 8/s}
    hold: {exponential: 1s}
variants:
  - name: logging
    set: {hold_scale: 1.05}
)";
        const models::Scenario base = load(text);
        const auto crn = models::runVariants(base, {"base", "logging"}, options(seed, 10));
        QVERIFY(crn[0].commonRandomNumbers && crn[1].commonRandomNumbers);
        QCOMPARE(models::defaultMethod(crn[0], crn[1]), models::ComparisonMethod::Paired);
        const models::Comparison paired =
            models::compareRuns(*crn[0].result, *crn[1].result, models::ComparisonMethod::Paired);
        // The same two variants on independent streams: logging on another seed.
        const auto other = models::runVariants(base, {"logging"}, options(seed + 1000, 10));
        const models::Comparison independent =
            models::compareRuns(*crn[0].result, *other[0].result, models::ComparisonMethod::Welch);
        for (const Metric m : {Metric::WaitMeanS, Metric::WaitRatio}) {
            const models::Difference p = paired.total[m], w = independent.total[m];
            const double ratio = p.ci95 / w.ci95;
            qInfo("%s: paired %+.4f +/- %.4f, independent %+.4f +/- %.4f, half-width ratio %.3f",
                  models::kMetricNames[static_cast<std::size_t>(m)].data(), p.mean, p.ci95, w.mean, w.ci95,
                  ratio);
            QVERIFY2(ratio < 0.5, qPrintable(QString::number(ratio)));
            // Both estimate the same effect: the paired difference lies within the independent
            // interval (plus the paired one's own half-width).
            QVERIFY(std::fabs(p.mean - w.mean) <= w.ci95 + p.ci95);
            QVERIFY(p.significant && p.mean > 0); // longer holds, longer waits: told apart
        }
    }

    void variantWithItsOwnSeedIsNotCommonRandomNumbers()
    {
        QByteArray text = kShop;
        text.replace("set: {pool.size: 10}", "set: {seed: 99}");
        const models::Scenario base = load(text);
        const auto runs = models::runVariants(base, {"bigger", "same"}, options(11, 3));
        QVERIFY(runs[0].commonRandomNumbers);
        QVERIFY(!runs[1].commonRandomNumbers);
        QCOMPARE(runs[0].result->seed, std::uint64_t(11));
        QCOMPARE(runs[1].result->seed, std::uint64_t(99)); // its own seed wins over the shared one
        QCOMPARE(models::defaultMethod(runs[0], runs[1]), models::ComparisonMethod::Welch);
        const auto warnings = models::variantWarnings(runs);
        QCOMPARE(warnings.size(), std::size_t(1));
        QVERIFY(warnings[0].find("'same'") != std::string::npos);

        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("seeded.yaml"), text);
        const Run r = runCli("compare", path, "--variants bigger,same --replications 3 --json -");
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = parseObject(r.out);
        QCOMPARE(j.value(QStringLiteral("warnings")).toArray().size(), 1);
        QCOMPARE(object(object(j, "differences"), "same").value(QStringLiteral("method")).toString(),
                 QStringLiteral("welch"));
        QCOMPARE(j.value(QStringLiteral("variants"))
                     .toArray()[1]
                     .toObject()
                     .value(QStringLiteral("common_random_numbers"))
                     .toBool(),
                 false);
    }
};

QTEST_GUILESS_MAIN(TestComparison)
#include "tst_comparison.moc"
