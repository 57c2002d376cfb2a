// Parameter sweeps: every point is exactly the run of that point's scenario (through the
// library and through the command line), whatever the thread count; grids come out first
// parameter outer; --until-slo stops points once their verdicts are certain (a stopped point is
// the first k replications of a full run) and the sweep at its first point meeting the service
// levels; the CSV and JSON shapes; located errors for bad values; the file's sweep: as default.
#ifndef Q_MOC_RUN
#include "models/metrics/metric_catalogue.h"
#include "models/planning/sweep.h"
#include "models/results/result_json.h"
#include "models/results/slo.h"
#include "models/scenario/scenario_error.h"
#include "models/scenario/scenario_planning.h"
#include "models/scenario/scenario_yaml.h"
#include "models/simulation/simulation.h"
#endif

#include "cli_test_support.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <string>
#include <vector>

using namespace poolsim;
using namespace clitest;

namespace {

/// Metrics a run without optional parts (a database server) reports.
int poolMetricCount()
{
    int n = 0;
    for (const models::MetricInfo& info : models::kMetricCatalogue)
        n += models::applies(info.metric, models::ModelParts{}) ? 1 : 0;
    return n;
}

// M/M/c-like traffic (offered load 10 connections) plus a burst of long reports, against a
// 200 ms pool timeout. With wait_p95 <= 150ms the answer is clear: sizes 5 and 10 miss it by far
// (p95 near the timeout, about 180 ms and more), 15 meets it by far (about 60 ms), and from 20
// on nobody waits.
const char* const kScenario = R"(poolsim: 1
name: sweep-test
horizon: 3m
warmup: 20s
replications: 4
seed: 5
resolution: 5s
pool: {size: 5, timeout: 200ms}
workloads:
  - name: api
    arrivals: {poisson: 20/s}
    hold: {exponential: 500ms}
  - name: reports
    arrivals: {burst: {at: 1m, count: 3, within: 5s}}
    hold: 5s
slo:
  wait_p95: 150ms
)";

models::Scenario scenario(const std::string& extra = {})
{
    return models::loadScenarioText(std::string(kScenario) + extra, "sweep-test.yaml", ".");
}

models::SweepParam param(const std::string& path, std::vector<std::string> values)
{
    models::SweepParam p;
    p.path = path;
    p.values = std::move(values);
    return p;
}

/// A run's JSON without the wall-clock fields (they differ between any two runs), then its
/// per-bin series: equal strings mean bit-identical results.
std::string stableJson(const models::RunResult& r)
{
    auto j = models::toJson(r);
    j["engine"].erase("wall_s");
    j["engine"].erase("requests_per_s");
    j["engine"].erase("threads");
    return j.dump(1) + "\n" + models::seriesCsv(r);
}

/// Everything a sweep decided and measured, for comparing sweeps run differently.
std::string stableSweep(const models::SweepResult& s)
{
    std::string out;
    for (const models::SweepPoint& p : s.points) {
        for (const std::string& v : p.values)
            out += v + " ";
        out += std::to_string(p.row) + "/" + std::to_string(p.column) +
               (p.stoppedEarly ? " early " : " full ") + (p.slo.met() ? "met\n" : "missed\n") +
               stableJson(*p.result) + "\n";
    }
    return out;
}

models::SweepOptions options(unsigned threads, bool untilSlo = false,
                             std::optional<std::int64_t> replications = {})
{
    models::SweepOptions o;
    o.run.threads = threads;
    o.run.replications = replications;
    o.untilSlo = untilSlo;
    o.keepSeries = true;
    return o;
}

/// Counts progress reports: none means nothing ran.
class CountingObserver : public engine::RunObserver
{
public:
    void progress(double, std::uint64_t) override { ++calls; }
    int calls = 0;
};

// ---- The command line ---------------------------------------------------------------------------

QStringList args(std::initializer_list<const char*> list)
{
    QStringList out;
    for (const char* a : list)
        out << QString::fromUtf8(a);
    return out;
}
} // namespace

class TestSweep : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // ---- Library -------------------------------------------------------------------------------

    void pointEqualsItsOwnRun_data()
    {
        QTest::addColumn<unsigned>("threads");
        QTest::newRow("1 thread") << 1u;
        QTest::newRow("3 threads") << 3u;
    }
    void pointEqualsItsOwnRun()
    {
        QFETCH(unsigned, threads);
        const models::Scenario base = scenario();
        const std::vector<models::SweepParam> params = {param("pool.size", {"5", "10", "15"})};
        const models::SweepResult sweep = models::runSweep(base, params, options(threads, false, 3));
        QCOMPARE(sweep.points.size(), std::size_t(3));
        std::uint64_t events = 0;
        for (const models::SweepPoint& p : sweep.points) {
            // The same point as `run --set pool.size=X`: the file with the value set, same seed.
            models::SettingChange change;
            change.path = "pool.size";
            change.value = p.values[0];
            const models::Scenario alone = models::applySettings(base, {change}, "--set");
            models::RunOptions o;
            o.replications = 3;
            o.threads = 2;
            const auto expected = models::runScenario(alone, o);
            QCOMPARE(p.result->poolSizeTotal, static_cast<std::int64_t>(std::stoll(p.values[0])));
            QVERIFY2(stableJson(*p.result) == stableJson(*expected), p.values[0].c_str());
            QCOMPARE(p.result->replications, std::int64_t(3));
            QVERIFY(!p.stoppedEarly);
            events += p.result->events;
        }
        QCOMPARE(sweep.events, events);
        QVERIFY(sweep.complete);
        QCOMPARE(sweep.threads, threads);
    }

    void gridIsFirstParameterOuter()
    {
        const std::vector<models::SweepParam> params = {param("pool.size", {"4", "8", "12"}),
                                                        param("backend.instances", {"1", "2"})};
        const models::SweepResult sweep = models::runSweep(scenario(), params, options(2, false, 2));
        const std::vector<std::vector<std::string>> order = {{"4", "1"}, {"4", "2"},  {"8", "1"},
                                                             {"8", "2"}, {"12", "1"}, {"12", "2"}};
        QCOMPARE(sweep.points.size(), order.size());
        QCOMPARE(models::sweepGrid(params), order);
        for (std::size_t i = 0; i < order.size(); ++i) {
            const models::SweepPoint& p = sweep.points[i];
            QCOMPARE(p.values, order[i]);
            QCOMPARE(p.row, i / 2);
            QCOMPARE(p.column, i % 2);
            // Each point really ran with its values: the pool over all instances is their product.
            QCOMPARE(p.result->poolSizeTotal,
                     static_cast<std::int64_t>(std::stoll(order[i][0]) * std::stoll(order[i][1])));
        }
    }

    void threadCountDoesNotMatter_data()
    {
        QTest::addColumn<bool>("untilSlo");
        QTest::newRow("every replication") << false;
        QTest::newRow("until the service levels") << true;
    }
    void threadCountDoesNotMatter()
    {
        QFETCH(bool, untilSlo);
        const models::Scenario base = scenario();
        const std::vector<models::SweepParam> params = {param("pool.size", {"5", "10", "15"}),
                                                        param("pool.timeout", {"200ms", "1s"})};
        const std::string one = stableSweep(models::runSweep(base, params, options(1, untilSlo, 5)));
        QVERIFY(one.size() > 10000);
        for (const unsigned threads : {2u, 3u})
            QVERIFY2(stableSweep(models::runSweep(base, params, options(threads, untilSlo, 5))) == one,
                     qPrintable(QStringLiteral("%1 threads differ from 1").arg(threads)));
    }

    void untilSloStopsAtFirstPointMeetingIt()
    {
        const models::Scenario base = scenario();
        const std::vector<std::string> sizes = {"5", "10", "15", "20", "25", "30"};
        const std::int64_t requested = 8;
        // The answer from full runs, point by point in order.
        std::size_t firstMet = sizes.size();
        for (std::size_t i = 0; i < sizes.size() && firstMet == sizes.size(); ++i) {
            models::SettingChange change;
            change.path = "pool.size";
            change.value = sizes[i];
            models::RunOptions o;
            o.replications = requested;
            const auto full = models::runScenario(models::applySettings(base, {change}, "--set"), o);
            if (models::evaluateSlo(full->slo, *full).met())
                firstMet = i;
        }
        QVERIFY2(firstMet > 0 && firstMet + 1 < sizes.size(), "the fixture's answer is not in the middle");

        const models::SweepResult sweep =
            models::runSweep(base, {param("pool.size", sizes)}, options(2, true, requested));
        QCOMPARE(sweep.points.size(), firstMet + 1); // the sweep ends at the first point meeting it
        bool anyStoppedEarly = false;
        for (std::size_t i = 0; i < sweep.points.size(); ++i) {
            const models::SweepPoint& p = sweep.points[i];
            QCOMPARE(p.values[0], sizes[i]);
            QCOMPARE(p.slo.met(), i == firstMet);
            QCOMPARE(p.requestedReplications, requested);
            QVERIFY(p.result->replications >= 3 && p.result->replications <= requested);
            // Stopped early exactly when fewer ran, and only with every verdict certain.
            QCOMPARE(p.stoppedEarly, p.result->replications < requested);
            if (p.stoppedEarly)
                QVERIFY(p.slo.decided());
            anyStoppedEarly = anyStoppedEarly || p.stoppedEarly;
        }
        QVERIFY(anyStoppedEarly); // these verdicts are clear after 3 replications
    }

    void stoppedPointIsTheFirstReplicationsOfAFullRun()
    {
        const models::Scenario base = scenario();
        const std::int64_t requested = 8;
        const models::SweepResult sweep =
            models::runSweep(base, {param("pool.size", {"5", "10", "15"})}, options(2, true, requested));
        int checked = 0;
        for (const models::SweepPoint& p : sweep.points) {
            if (!p.stoppedEarly)
                continue;
            models::SettingChange change;
            change.path = "pool.size";
            change.value = p.values[0];
            const models::Scenario alone = models::applySettings(base, {change}, "--param");
            models::RunOptions o;
            o.replications = p.result->replications;
            QVERIFY2(stableJson(*p.result) == stableJson(*models::runScenario(alone, o)),
                     p.values[0].c_str());
            if (checked++ > 0)
                continue; // the full run once is enough
            o.replications = requested;
            const auto full = models::runScenario(alone, o);
            const auto k = static_cast<std::size_t>(p.result->replications);
            QVERIFY(k < full->replicationMetrics.size());
            for (std::size_t r = 0; r < k; ++r)
                QVERIFY(p.result->replicationMetrics[r].values == full->replicationMetrics[r].values);
        }
        QVERIFY(checked >= 2);
    }

    void rowsStopSeparatelyInAGrid()
    {
        // Each row of a grid stops at its own first point meeting the service levels: row by row,
        // the grid equals a one-parameter sweep of that row's scenario.
        const models::Scenario base = scenario();
        const std::vector<models::SweepParam> params = {param("pool.timeout", {"200ms", "1s"}),
                                                        param("pool.size", {"5", "10", "15", "20", "25"})};
        const models::SweepResult grid = models::runSweep(base, params, options(2, true, 4));
        std::size_t next = 0;
        for (std::size_t row = 0; row < 2; ++row) {
            models::SettingChange change;
            change.path = "pool.timeout";
            change.value = params[0].values[row];
            const models::SweepResult line = models::runSweep(
                models::applySettings(base, {change}, "--param"), {params[1]}, options(2, true, 4));
            QVERIFY(line.points.size() < params[1].values.size()); // the row did stop early
            QVERIFY(line.points.back().slo.met());
            for (const models::SweepPoint& p : line.points) {
                QVERIFY(next < grid.points.size());
                const models::SweepPoint& q = grid.points[next++];
                QCOMPARE(q.row, row);
                QCOMPARE(q.values, (std::vector<std::string>{params[0].values[row], p.values[0]}));
                QCOMPARE(q.stoppedEarly, p.stoppedEarly);
                QVERIFY2(stableJson(*q.result) == stableJson(*p.result), p.values[0].c_str());
            }
        }
        QCOMPARE(next, grid.points.size());
    }

    void whatToSweep()
    {
        const models::Scenario withSweep = scenario("sweep:\n  pool.size: [4, 8]\n");
        QCOMPARE(models::sweepParams(withSweep, {}).size(), std::size_t(1));
        QCOMPARE(models::sweepParams(withSweep, {}).front().values, (std::vector<std::string>{"4", "8"}));
        const auto requested =
            models::sweepParams(withSweep, {models::parseSweepParam("pool.timeout=1s,2s")});
        QCOMPARE(requested.front().path, std::string("pool.timeout"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, models::sweepParams(scenario(), {}));
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument,
            models::sweepParams(scenario(), {param("pool.size", {"1"}), param("pool.size", {"2"})}));
        QVERIFY_THROWS_EXCEPTION(
            std::invalid_argument,
            models::sweepParams(scenario(), {param("a", {"1"}), param("b", {"1"}), param("c", {"1"})}));
        // --until-slo needs service levels.
        models::Scenario plain = scenario();
        plain.slo.clear();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 models::runSweep(plain, {param("pool.size", {"5"})}, options(1, true)));
    }

    void badValueIsLocatedAndRunsNothing()
    {
        CountingObserver observer;
        try {
            models::runSweep(scenario(), {param("pool.size", {"5", "10", "0"})}, options(2), &observer);
            QFAIL("a pool of 0 was accepted");
        } catch (const models::ScenarioError& e) {
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.startsWith(QStringLiteral("--param")), qPrintable(message));
            QVERIFY2(message.contains(QStringLiteral("pool.size")) && message.contains(QStringLiteral("'0'")),
                     qPrintable(message));
        }
        QCOMPARE(observer.calls, 0);
    }

    // ---- Command line --------------------------------------------------------------------------

    void cliPointEqualsRun()
    {
        QTemporaryDir dir;
        const QString file = writeFile(dir, QStringLiteral("s.yaml"), kScenario);
        const Run sweep = runCli({QStringLiteral("sweep"), file, QStringLiteral("--param"),
                                  QStringLiteral("pool.size=5,12"), QStringLiteral("--replications"),
                                  QStringLiteral("3"), QStringLiteral("--seed"), QStringLiteral("11"),
                                  QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(sweep.exitCode, 0);
        const Run run =
            runCli({QStringLiteral("run"), file, QStringLiteral("--set"), QStringLiteral("pool.size=12"),
                    QStringLiteral("--replications"), QStringLiteral("3"), QStringLiteral("--seed"),
                    QStringLiteral("11"), QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject point =
            parseObject(sweep.out).value(QStringLiteral("points")).toArray().at(1).toObject();
        QCOMPARE(point.value(QStringLiteral("values")).toObject().value(QStringLiteral("pool.size")).toInt(),
                 12);
        const QJsonObject expected = parseObject(run.out).value(QStringLiteral("metrics")).toObject();
        QCOMPARE(expected.size(), poolMetricCount());
        QCOMPARE(point.value(QStringLiteral("metrics")).toObject(), expected);
    }

    void cliJsonShape()
    {
        QTemporaryDir dir;
        const QString file = writeFile(dir, QStringLiteral("s.yaml"), kScenario);
        const Run r = runCli({QStringLiteral("sweep"), file, QStringLiteral("--param"),
                              QStringLiteral("pool.size=5:15:5"), QStringLiteral("--until-slo"),
                              QStringLiteral("--replications"), QStringLiteral("6"), QStringLiteral("--json"),
                              QStringLiteral("-")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = parseObject(r.out);
        QCOMPARE(j.value(QStringLiteral("scenario")).toString(), QStringLiteral("sweep-test"));
        const QJsonArray params = j.value(QStringLiteral("params")).toArray();
        QCOMPARE(params.size(), 1);
        QCOMPARE(params.at(0).toObject().value(QStringLiteral("path")).toString(),
                 QStringLiteral("pool.size"));
        QCOMPARE(params.at(0).toObject().value(QStringLiteral("values")).toArray(), (QJsonArray{5, 10, 15}));
        const QJsonArray points = j.value(QStringLiteral("points")).toArray();
        QCOMPARE(points.size(), 3);
        for (int i = 0; i < points.size(); ++i) {
            const QJsonObject p = points.at(i).toObject();
            QCOMPARE(p.value(QStringLiteral("values")).toObject().value(QStringLiteral("pool.size")).toInt(),
                     5 * (i + 1));
            const int reps = p.value(QStringLiteral("replications")).toInt();
            QVERIFY(reps >= 3 && reps <= 6);
            QCOMPARE(p.value(QStringLiteral("stopped_early")).toBool(), reps < 6);
            const QJsonObject metrics = p.value(QStringLiteral("metrics")).toObject();
            QCOMPARE(metrics.size(), poolMetricCount()); // no database-server metrics without a server
            for (const models::MetricInfo& info : models::kMetricCatalogue) {
                const std::string_view name = info.name;
                const QJsonObject m =
                    metrics.value(QLatin1String(name.data(), qsizetype(name.size()))).toObject();
                QCOMPARE(m.contains(QStringLiteral("mean")) && m.contains(QStringLiteral("ci95")),
                         info.part == models::ModelPart::Pool);
            }
            const QJsonObject slo = p.value(QStringLiteral("slo")).toObject();
            QCOMPARE(slo.value(QStringLiteral("met")).toBool(), i == 2);
            const QJsonObject check = slo.value(QStringLiteral("checks")).toArray().at(0).toObject();
            QCOMPARE(check.value(QStringLiteral("key")).toString(), QStringLiteral("wait_p95"));
            QCOMPARE(check.value(QStringLiteral("text")).toString(), QStringLiteral("150ms"));
            QCOMPARE(check.value(QStringLiteral("limit")).toDouble(), 0.15);
            QCOMPARE(check.value(QStringLiteral("met")).toBool(), i == 2);
            QVERIFY(check.value(QStringLiteral("upper")).toDouble() >=
                    check.value(QStringLiteral("mean")).toDouble());
        }
        const QJsonObject engine = j.value(QStringLiteral("engine")).toObject();
        for (const char* key : {"events", "requests", "wall_s", "threads"})
            QVERIFY2(engine.value(QLatin1String(key)).isDouble(), key);
    }

    void cliCsvAndTable()
    {
        QTemporaryDir dir;
        const QString file = writeFile(dir, QStringLiteral("s.yaml"), kScenario);
        const QString csv = dir.filePath(QStringLiteral("out.csv"));
        const Run r = runCli({QStringLiteral("sweep"), file, QStringLiteral("--param"),
                              QStringLiteral("pool.size=5,20"), QStringLiteral("--param"),
                              QStringLiteral("backend.instances=1,2,3"), QStringLiteral("--replications"),
                              QStringLiteral("2"), QStringLiteral("--csv"), csv, QStringLiteral("--metrics"),
                              QStringLiteral("wait_p95_s,timeouts")});
        QCOMPARE(r.exitCode, 0);
        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 6);
        const QList<QByteArray> header = lines.first().split(',');
        QCOMPARE(header.size(), 2 + 2 * poolMetricCount() + 2);
        QCOMPARE(header.mid(0, 4),
                 (QList<QByteArray>{"pool.size", "backend.instances", "arrivals_mean", "arrivals_ci95"}));
        QCOMPARE(header.mid(header.size() - 2), (QList<QByteArray>{"replications", "slo_met"}));
        QVERIFY(lines.at(1).startsWith("5,1,"));
        QVERIFY(lines.at(6).startsWith("20,3,"));
        for (const QByteArray& line : lines.mid(1)) {
            QCOMPARE(line.split(',').size(), header.size());
            QVERIFY(line.endsWith(",2,true") || line.endsWith(",2,false"));
        }
        // The table: chosen metrics only (under their labels), one row per point.
        const QString table = QString::fromUtf8(r.out);
        QVERIFY2(table.contains(QStringLiteral("wait p95")) && table.contains(QStringLiteral("slo met")),
                 qPrintable(table));
        QVERIFY(!table.contains(QStringLiteral("utilization mean")));
        int rows = 0;
        for (const QString& line : table.split(QLatin1Char('\n')))
            rows += line.startsWith(QStringLiteral("  5 ")) || line.startsWith(QStringLiteral("  20 "));
        QCOMPARE(rows, 6);
    }

    void cliFileSweepAndCheck()
    {
        QTemporaryDir dir;
        const QString file =
            writeFile(dir, QStringLiteral("s.yaml"), QByteArray(kScenario) + "sweep:\n  pool.size: [4, 8]\n");
        Run r = runCli({QStringLiteral("sweep"), file, QStringLiteral("--replications"), QStringLiteral("2"),
                        QStringLiteral("--json"), QStringLiteral("-"), QStringLiteral("--check")});
        QCOMPARE(r.exitCode, 3); // neither 4 nor 8 meets wait_p95 <= 150ms
        QJsonArray points = parseObject(r.out).value(QStringLiteral("points")).toArray();
        QCOMPARE(points.size(), 2);
        QCOMPARE(points.at(1)
                     .toObject()
                     .value(QStringLiteral("values"))
                     .toObject()
                     .value(QStringLiteral("pool.size"))
                     .toInt(),
                 8);
        // --param replaces the file's sweep; a point meeting the service levels passes --check.
        r = runCli({QStringLiteral("sweep"), file, QStringLiteral("--param"), QStringLiteral("pool.size=25"),
                    QStringLiteral("--replications"), QStringLiteral("2"), QStringLiteral("--json"),
                    QStringLiteral("-"), QStringLiteral("--check")});
        QCOMPARE(r.exitCode, 0);
        points = parseObject(r.out).value(QStringLiteral("points")).toArray();
        QCOMPARE(points.size(), 1);
        QCOMPARE(points.at(0)
                     .toObject()
                     .value(QStringLiteral("values"))
                     .toObject()
                     .value(QStringLiteral("pool.size"))
                     .toInt(),
                 25);
    }

    void cliErrors_data()
    {
        QTest::addColumn<QStringList>("options");
        QTest::addColumn<QString>("expected");
        QTest::newRow("value out of range")
            << args({"--param", "pool.size=5,0"})
            << QStringLiteral("--param: pool.size: expected an integer from 1 to 100000, got '0'");
        QTest::newRow("bad duration") << args({"--param", "pool.timeout=1s,soon"})
                                      << QStringLiteral("--param: pool.timeout: expected a duration");
        QTest::newRow("bad range") << args({"--param", "pool.size=9:1"})
                                   << QStringLiteral("--param: expected a range");
        QTest::newRow("unknown workload") << args({"--param", "workloads.nope.arrivals.poisson=1/s,2/s"})
                                          << QStringLiteral("no entry named 'nope'");
        QTest::newRow("not KEY=VALUE")
            << args({"--param", "pool.size"}) << QStringLiteral("--param: expected KEY=VALUE");
        QTest::newRow("three parameters") << args({"--param", "pool.size=1", "--param", "pool.timeout=1s",
                                                   "--param", "backend.instances=1"})
                                          << QStringLiteral("at most two --param");
        QTest::newRow("nothing to sweep") << QStringList() << QStringLiteral("nothing to sweep");
        QTest::newRow("unknown metric") << args({"--param", "pool.size=5", "--metrics", "wait_p95"})
                                        << QStringLiteral("--metrics: unknown metric 'wait_p95'");
    }
    void cliErrors()
    {
        QFETCH(QStringList, options);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString file = writeFile(dir, QStringLiteral("s.yaml"), kScenario);
        const Run r = runCli(QStringList{QStringLiteral("sweep"), file} + options);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.count(QLatin1Char('\n')) == 1 && err.contains(expected), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
