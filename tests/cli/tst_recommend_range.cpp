// `poolsim recommend` with a database server (database.capacity), simulated: where a pool can be
// too big, the smallest, largest and best meeting sizes agree with a scan of every size, also
// when the search's first doubling jumps over a narrow range; none meeting is reported as
// today; without a server nothing changes (no range, no new JSON keys); the command's text and
// JSON show the range.
#ifndef Q_MOC_RUN
#include "models/metrics/metrics.h"
#include "models/planning/recommend.h"
#include "models/planning/size_search.h"
#include "models/results/slo.h"
#include "models/scenario/scenario_planning.h"
#include "models/scenario/scenario_yaml.h"
#include "models/simulation/simulation.h"
#endif

#include "cli_test_support.h"

#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <limits>
#include <memory>
#include <optional>
#include <string>

using namespace poolsim;
using models::Metric;
using namespace clitest;

namespace {

// Poisson traffic of 10 ms queries on a 4-core server whose speed per query falls with the
// queries running at once (contention 0.05, coherency 0.02): offered load 2 at 200/s, so a
// pool of 2 cannot keep up, and above about 6 connections the server itself cannot.
const char* const kServer = R"(poolsim: 1
name: server
horizon: 1m
warmup: 10s
replications: 4
seed: 7
pool:
  size: 4
  timeout: none
database:
  capacity: {cores: 4, contention: 0.05, coherency: 0.02}
workloads:
  - name: api
    arrivals: {poisson: %1}
    hold: {exponential: 10ms}
slo:
  response_p99: %2
)";

QByteArray server(const char* rate, const char* p99)
{
    return QString::fromUtf8(kServer).arg(QLatin1String(rate), QLatin1String(p99)).toUtf8();
}

// The same pool without a server (tst_recommend's steady scenario).
const QByteArray kSteady = R"(poolsim: 1
name: steady
horizon: 4m
warmup: 30s
replications: 4
seed: 11
pool:
  size: 5
  timeout: 1s
workloads:
  - name: api
    arrivals: {poisson: 8/s}
    hold: {exponential: 1s}
slo:
  wait_p95: 100ms
  timeout_ratio: 1%
)";

constexpr std::int64_t kMaxPool = 12;

models::Scenario load(const QByteArray& yaml)
{
    return models::loadScenarioText(yaml.toStdString(), "recommend-test.yaml", "");
}

models::RunOptions runOptions()
{
    models::RunOptions o;
    o.threads = 2;
    return o;
}

models::Recommendation recommend(const models::Scenario& s, std::int64_t maxPool = kMaxPool)
{
    models::RecommendOptions o;
    o.maxPool = maxPool;
    o.run = runOptions();
    return models::recommendPoolSize(s, o);
}

/// Every size from 1 to kMaxPool, run as a user would with --set pool.size.
struct Scan
{
    std::optional<std::int64_t> smallest, largest, best, nearest; // nearest: lowest shortfall
    QString verdicts;                                             // "1 no, 2 no, 3 yes ..."
};

Scan scan(const models::Scenario& base)
{
    Scan s;
    double bestP99 = std::numeric_limits<double>::infinity();
    double lowest = std::numeric_limits<double>::infinity();
    for (std::int64_t size = 1; size <= kMaxPool; ++size) {
        std::vector<models::SettingChange> changes(1);
        changes[0].path = "pool.size";
        changes[0].value = std::to_string(size);
        const auto result = models::runScenario(models::applySettings(base, changes, "test"), runOptions());
        const models::SloReport slo = models::evaluateSlo(base.slo, *result);
        const double p99 = result->metrics[Metric::ResponseP99S].mean;
        s.verdicts += QStringLiteral("%1 %2, ").arg(size).arg(QLatin1String(slo.met() ? "yes" : "no"));
        if (models::sloShortfall(slo) < lowest) {
            lowest = models::sloShortfall(slo);
            s.nearest = size;
        }
        if (!slo.met())
            continue;
        if (!s.smallest)
            s.smallest = size;
        s.largest = size;
        if (p99 < bestP99) {
            bestP99 = p99;
            s.best = size;
        }
    }
    return s;
}

QJsonObject jsonOf(const models::Recommendation& rec)
{
    return parseObject(QByteArray::fromStdString(models::toJson(rec).dump()));
}

} // namespace

class TestRecommendRange : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The key property: the search's smallest, largest and best are the scan's, with fewer
    // simulations.
    void rangeAgreesWithLinearScan_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<bool>("wide");      // more than one size meets
        QTest::addColumn<bool>("overshoot"); // the gallop probed a size above the range first
        QTest::newRow("wide: 200/s, p99 <= 150ms") << server("200/s", "150ms") << true << false;
        // Offered load 2.7: 3 is too few, 6 (the first doubling) too many for the server.
        QTest::newRow("narrow: 270/s, p99 <= 300ms, the gallop jumps over it")
            << server("270/s", "300ms") << false << true;
    }
    void rangeAgreesWithLinearScan()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(bool, wide);
        QFETCH(bool, overshoot);
        const models::Scenario s = load(yaml);
        const models::Recommendation rec = recommend(s);
        const Scan want = scan(s);
        QVERIFY2(want.smallest, qPrintable(want.verdicts));
        QVERIFY2(rec.found(), qPrintable(want.verdicts));
        QCOMPARE(rec.search.poolSize, *want.smallest);
        QCOMPARE(rec.search.largestPoolSize, want.largest);
        QCOMPARE(rec.search.bestPoolSize, want.best);
        QVERIFY2(*want.largest < kMaxPool, "the fixture must have sizes too big for the server");
        QCOMPARE(*want.largest > *want.smallest, wide);

        // The gallop's order: did a size above the range miss before any size met?
        bool above = false;
        for (const std::size_t i : rec.search.probes) {
            if (rec.probes[i].met())
                break;
            above = above || rec.probes[i].poolSize > *want.largest;
        }
        QCOMPARE(above, overshoot);

        QVERIFY2(
            static_cast<std::int64_t>(rec.search.probes.size()) < kMaxPool,
            qPrintable(
                QStringLiteral("%1 probes, a scan needs %2").arg(rec.search.probes.size()).arg(kMaxPool)));
        QCOMPARE(rec.shown()->poolSize, *want.smallest);
        QVERIFY(rec.probeAt(*want.best));
        qInfo("%s; the search: %zu probes", qPrintable(want.verdicts), rec.search.probes.size());
    }

    // Nothing meets: not found, no range, and the probe shown is the size nearest to meeting
    // them, not the largest (an overloaded server).
    void noSizeMeets()
    {
        const models::Scenario s = load(server("200/s", "40ms"));
        const models::Recommendation rec = recommend(s);
        const Scan want = scan(s);
        QVERIFY2(!want.smallest, qPrintable(want.verdicts));
        QVERIFY(!rec.found());
        QVERIFY(!rec.search.largestPoolSize);
        QVERIFY(!rec.search.bestPoolSize);
        QVERIFY(rec.shown());
        QCOMPARE(rec.shown()->poolSize, *want.nearest);
        QVERIFY(static_cast<std::int64_t>(rec.search.probes.size()) < kMaxPool);
        const QJsonObject recommended = object(jsonOf(rec), "recommended");
        QVERIFY(recommended.value(QStringLiteral("pool_size")).isNull());
        QVERIFY(!recommended.contains(QStringLiteral("best_pool_size")));
        QVERIFY(!recommended.contains(QStringLiteral("largest_pool_size")));
    }

    // Without database.capacity (database.cores alone is HikariCP's formula, not a server) the
    // search is the monotonic one, and its JSON has exactly the keys it had.
    void withoutServerNothingChanges_data()
    {
        QTest::addColumn<QByteArray>("database");
        QTest::newRow("no database section") << QByteArray();
        QTest::newRow("database.cores only") << QByteArray("database: {cores: 4}\n");
    }
    void withoutServerNothingChanges()
    {
        QFETCH(QByteArray, database);
        QByteArray yaml = kSteady;
        yaml.replace("pool:\n", database + "pool:\n");
        const models::Recommendation rec = recommend(load(yaml), 1000);
        QVERIFY(rec.found());
        QVERIFY(!rec.search.largestPoolSize);
        QVERIFY(!rec.search.bestPoolSize);
        QStringList keys = object(jsonOf(rec), "recommended").keys();
        keys.sort();
        QCOMPARE(keys, (QStringList{QStringLiteral("checks"), QStringLiteral("instances"),
                                    QStringLiteral("metrics"), QStringLiteral("pool_size"),
                                    QStringLiteral("total_connections")}));

        QTemporaryDir dir;
        const Run r =
            runCli(QStringList{QStringLiteral("recommend"), writeFile(dir, QStringLiteral("s.yaml"), yaml),
                               QStringLiteral("--threads"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("Recommended: pool.size"), r.out.constData());
        QVERIFY2(!r.out.contains("Pool sizes that meet"), r.out.constData());
    }

    // The command: the range line, the note on the server, HikariCP's 4 x 2 + 1 = 9 above the
    // range, and the JSON keys, as the search found.
    void commandShowsTheRange()
    {
        QByteArray yaml = server("200/s", "150ms");
        yaml.replace("database:\n", "database:\n  cores: 4\n");
        const models::Recommendation rec = recommend(load(yaml));
        QVERIFY(rec.found());
        QVERIFY(rec.search.largestPoolSize && rec.search.bestPoolSize);
        const std::int64_t smallest = rec.search.poolSize, largest = *rec.search.largestPoolSize,
                           best = *rec.search.bestPoolSize;
        QVERIFY(largest > smallest);
        const double p99 = rec.probeAt(best)->result->metrics[Metric::ResponseP99S].mean;

        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("server.yaml"), yaml);
        const QStringList args{QStringLiteral("recommend"),  path,
                               QStringLiteral("--threads"),  QStringLiteral("2"),
                               QStringLiteral("--max-pool"), QString::number(kMaxPool)};
        const Run text = runCli(args);
        QCOMPARE(text.exitCode, 0);
        const QString line =
            QStringLiteral("Pool sizes that meet the service levels: %1 to %2 per instance; best %3 "
                           "(response p99 %4 ms)\n")
                .arg(smallest)
                .arg(largest)
                .arg(best)
                .arg(p99 * 1000, 0, 'f', 1);
        QVERIFY2(text.out.contains(line.toUtf8()), text.out.constData());
        QVERIFY2(
            text.out.contains(QStringLiteral("Above %1 the database server is overloaded (database.capacity)")
                                  .arg(largest)
                                  .toUtf8()),
            text.out.constData());
        QVERIFY2(
            text.out.contains(QStringLiteral("over-provisions by %1 connections per instance, above %2, the "
                                             "largest that meets them")
                                  .arg(9 - smallest)
                                  .arg(largest)
                                  .toUtf8()),
            text.out.constData());

        const Run json = runCli(args + QStringList{QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(json.exitCode, 0);
        const QJsonObject recommended = object(json.json(), "recommended");
        QCOMPARE(recommended.value(QStringLiteral("pool_size")).toInt(), int(smallest));
        QCOMPARE(recommended.value(QStringLiteral("best_pool_size")).toInt(), int(best));
        QCOMPARE(recommended.value(QStringLiteral("best_total_connections")).toInt(), int(best));
        QCOMPARE(recommended.value(QStringLiteral("largest_pool_size")).toInt(), int(largest));
        QCOMPARE(recommended.value(QStringLiteral("largest_total_connections")).toInt(), int(largest));
        QCOMPARE(object(recommended, "best_response_p99_s").value(QStringLiteral("mean")).toDouble(), p99);
    }
};

QTEST_GUILESS_MAIN(TestRecommendRange)
#include "tst_recommend_range.moc"
