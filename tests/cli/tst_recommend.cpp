// `poolsim recommend`: the recommendation is the smallest size meeting the service levels (a
// linear scan agrees) with fewer simulations than the scan; the rules of thumb; the database
// budget and its alternatives; the deadlock-free size of nested acquisitions; the command line.
#ifndef Q_MOC_RUN
#include "models/metrics/metrics.h"
#include "models/planning/recommend.h"
#include "models/results/slo.h"
#include "models/scenario/scenario_planning.h"
#include "models/scenario/scenario_yaml.h"
#include "models/simulation/simulation.h"
#endif

#include "cli_test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <stdexcept>
#include <string>

using namespace poolsim;
using models::Metric;
using namespace clitest;

namespace {

// A pool in front of steady traffic: offered load 8 connections (or 20 at 20/s).
const char* const kSteady = R"(poolsim: 1
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
    arrivals: {poisson: %3}
    hold: {exponential: 1s}
slo:
  wait_p95: %1
  timeout_ratio: %2
)";

QByteArray steady(const char* waitP95 = "100ms", const char* timeoutRatio = "1%", const char* rate = "8/s")
{
    return QString::fromUtf8(kSteady)
        .arg(QLatin1String(waitP95), QLatin1String(timeoutRatio), QLatin1String(rate))
        .toUtf8();
}

// Four instances sharing a database with room for 17 client connections (20 - 3 reserved).
const QByteArray kOverBudget = R"(poolsim: 1
name: over budget
horizon: 4m
warmup: 30s
replications: 3
seed: 5
pool:
  size: 5
  timeout: 2s
backend:
  instances: 4
database:
  max_connections: 20
workloads:
  - name: api
    arrivals: {poisson: 10/s}
    hold: {exponential: 1s}
slo:
  wait_p95: 250ms
  timeout_ratio: 1%
)";

// Two users whose requests take three connections one by one, both at 10 s (constant think
// time), with no pool timeout: below 2 x (3 - 1) + 1 = 5 both hold connections and wait for
// ever; from 5 on one always finishes. The horizon ends before their second requests.
const char* const kNested = R"(poolsim: 1
name: nested
horizon: 15s
replications: 2
seed: 3
pool:
  size: %2
  timeout: none
workloads:
  - name: nested
    arrivals: {users: %1, think: 10s}
    hold: 10ms
    connections: 3
    acquire: one_by_one
slo:
  unfinished: 0
)";

QByteArray nested(int users, int poolSize)
{
    return QString::fromUtf8(kNested).arg(users).arg(poolSize).toUtf8();
}

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

models::Recommendation recommend(const models::Scenario& s,
                                 std::optional<std::int64_t> instances = std::nullopt,
                                 std::int64_t maxPool = 1000)
{
    models::RecommendOptions o;
    o.instances = instances;
    o.maxPool = maxPool;
    o.run = runOptions();
    return models::recommendPoolSize(s, o);
}

/// An independent run of `base` at (size, instances), as a user would make it with --set.
std::shared_ptr<const models::RunResult> runAt(const models::Scenario& base, std::int64_t size,
                                               std::int64_t instances = 0)
{
    std::vector<models::SettingChange> changes(1);
    changes[0].path = "pool.size";
    changes[0].value = std::to_string(size);
    if (instances > 0) {
        changes.emplace_back();
        changes.back().path = "backend.instances";
        changes.back().value = std::to_string(instances);
    }
    models::Scenario s = models::applySettings(base, changes, "test");
    s.database.maxConnections.reset(); // as the search does: the budget is weighed apart
    return models::runScenario(s, runOptions());
}

bool metAt(const models::Scenario& base, std::int64_t size, std::int64_t instances = 0)
{
    return models::evaluateSlo(base.slo, *runAt(base, size, instances)).met();
}

QJsonValue at(const QJsonObject& j, const char* a, const char* b)
{
    return object(j, a).value(QLatin1String(b));
}

} // namespace

class TestRecommend : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The key property: every size below the recommendation misses the service levels, the
    // recommendation meets them, and the search ran fewer simulations than a scan would.
    void smallestSizeAgreesWithLinearScan_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<int>("instances");
        QTest::addColumn<bool>("belowStart"); // found by galloping down from the offered load
        QTest::newRow("strict: above the offered load") << steady("100ms", "1%") << 0 << false;
        QTest::newRow("lenient: below the offered load") << steady("2s", "40%", "20/s") << 0 << true;
        QTest::newRow("two instances") << steady("100ms", "1%") << 2 << false;
    }
    void smallestSizeAgreesWithLinearScan()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(int, instances);
        QFETCH(bool, belowStart);
        const models::Scenario s = load(yaml);
        const models::Recommendation rec =
            recommend(s, instances > 0 ? std::optional<std::int64_t>(instances) : std::nullopt);
        QVERIFY(rec.found());
        const std::int64_t answer = rec.search.poolSize;
        std::int64_t scanned = 0;
        for (std::int64_t size = 1; size <= answer + 2; ++size) {
            ++scanned;
            const bool met = metAt(s, size, instances);
            if (size < answer)
                QVERIFY2(
                    !met,
                    qPrintable(
                        QStringLiteral("size %1 below the answer %2 meets the SLO").arg(size).arg(answer)));
            else if (size == answer)
                QVERIFY2(met, qPrintable(QStringLiteral("the answer %1 misses the SLO").arg(answer)));
        }
        QVERIFY2(static_cast<std::int64_t>(rec.search.probes.size()) < answer,
                 qPrintable(
                     QStringLiteral("%1 probes, a scan needs %2").arg(rec.search.probes.size()).arg(answer)));
        QVERIFY(static_cast<std::int64_t>(rec.probes.size()) < scanned);
        // The recommended probe is the one at the answer, and it met.
        QCOMPARE(rec.shown()->poolSize, answer);
        QVERIFY(rec.shown()->met());
        QCOMPARE(rec.search.instances, instances > 0 ? instances : 1);
        QCOMPARE(answer < rec.search.start, belowStart);
    }

    // With the largest size allowed below the answer: not found, and the best probe shown.
    void notFoundBelowMaxPool()
    {
        const models::Scenario s = load(steady());
        const models::Recommendation full = recommend(s);
        QVERIFY(full.found());
        const std::int64_t maxPool = full.search.poolSize - 2;
        const models::Recommendation rec = recommend(s, std::nullopt, maxPool);
        QVERIFY(!rec.found());
        QVERIFY(rec.needsAttention());
        QCOMPARE(rec.search.maxSize, maxPool);
        QVERIFY(rec.shown());
        QVERIFY(!rec.shown()->met());
        QCOMPARE(rec.shown()->poolSize, maxPool); // the largest: it meets the most limits here
        QVERIFY(!rec.database.total);
    }

    void usersRule_data()
    {
        QTest::addColumn<QByteArray>("extra");
        QTest::addColumn<bool>("applicable");
        QTest::addColumn<int>("users");
        QTest::addColumn<int>("poolSize");
        const QByteArray pops = "  - name: clerks\n    arrivals: {users: 7, think: 20s}\n    hold: 100ms\n"
                                "  - name: managers\n    arrivals: {users: 12, think: 1m}\n    hold: 300ms\n";
        QTest::newRow("backend.users 40") << QByteArray("backend: {users: 40}\n") << true << 40 << 70;
        QTest::newRow("odd users round up") << QByteArray("backend: {users: 5}\n") << true << 5 << 18;
        QTest::newRow("summed populations 7 + 12") << pops << true << 19 << 39;
        QTest::newRow("backend.users wins")
            << (QByteArray("backend: {users: 3}\n") + pops) << true << 3 << 15;
        QTest::newRow("neither") << QByteArray() << false << 0 << 0;
    }
    void usersRule()
    {
        QFETCH(QByteArray, extra);
        QFETCH(bool, applicable);
        QFETCH(int, users);
        QFETCH(int, poolSize);
        QByteArray yaml = "poolsim: 1\nhorizon: 1m\npool: {size: 10}\n";
        if (extra.startsWith("backend"))
            yaml += extra.left(extra.indexOf('\n') + 1);
        yaml += "workloads:\n  - name: api\n    arrivals: {poisson: 1/s}\n    hold: 10ms\n";
        if (extra.contains("name:"))
            yaml += extra.mid(extra.indexOf("  - name:"));
        const models::RuleOfThumb r = models::usersRule(load(yaml));
        QCOMPARE(r.applicable, applicable);
        if (applicable) {
            QCOMPARE(r.users, std::int64_t(users));
            QCOMPARE(r.poolSize, std::int64_t(poolSize));
        }
    }

    void hikariRule_data()
    {
        QTest::addColumn<QByteArray>("database");
        QTest::addColumn<int>("instances");
        QTest::addColumn<int>("total");
        QTest::addColumn<int>("poolSize");
        QTest::newRow("4 cores, spindles default 1") << QByteArray("{cores: 4}") << 1 << 9 << 9;
        QTest::newRow("4 cores, 3 spindles, 2 instances")
            << QByteArray("{cores: 4, spindles: 3}") << 2 << 11 << 6;
        QTest::newRow("8 cores, SSD (0 spindles), 3 instances")
            << QByteArray("{cores: 8, spindles: 0}") << 3 << 16 << 6;
        QTest::newRow("16 cores, 2 spindles, 2 instances")
            << QByteArray("{cores: 16, spindles: 2}") << 2 << 34 << 17;
        QTest::newRow("no cores") << QByteArray("{max_connections: 100}") << 1 << 0 << 0;
    }
    void hikariRule()
    {
        QFETCH(QByteArray, database);
        QFETCH(int, instances);
        QFETCH(int, total);
        QFETCH(int, poolSize);
        const QByteArray yaml = "poolsim: 1\nhorizon: 1m\ndatabase: " + database +
                                "\nworkloads:\n  - name: api\n    arrivals: {poisson: 1/s}\n    hold: 10ms\n";
        const models::RuleOfThumb r = models::hikariRule(load(yaml), instances);
        QCOMPARE(r.applicable, total > 0);
        QCOMPARE(r.total, std::int64_t(total));
        QCOMPARE(r.poolSize, std::int64_t(poolSize));
    }

    // Each rule is simulated at its size; its verdict is what a run at that size says, and the
    // difference to the recommendation is reported.
    void rulesAreJudgedBySimulation()
    {
        QByteArray yaml = steady();
        yaml.replace("pool:\n", "backend: {users: 4}\ndatabase: {cores: 12, spindles: 2}\npool:\n");
        const models::Scenario s = load(yaml);
        const models::Recommendation rec = recommend(s);
        QVERIFY(rec.found());
        for (const models::RuleOfThumb* rule : {&rec.usersRule, &rec.hikariRule}) {
            QVERIFY(rule->applicable);
            QVERIFY(rule->probe);
            const models::Probe& p = rec.probes[*rule->probe];
            QCOMPARE(p.poolSize, rule->poolSize);
            QCOMPARE(p.met(), metAt(s, rule->poolSize));
        }
        QCOMPARE(rec.usersRule.poolSize, std::int64_t(16));
        QCOMPARE(rec.hikariRule.poolSize, std::int64_t(26));
        const QJsonObject j =
            QJsonDocument::fromJson(QByteArray::fromStdString(models::toJson(rec).dump())).object();
        const QJsonObject rules = j.value(QStringLiteral("rules")).toObject();
        QCOMPARE(at(rules, "users_rule", "versus_recommended").toInt(), int(16 - rec.search.poolSize));
        QCOMPARE(at(rules, "hikari_rule", "versus_recommended").toInt(), int(26 - rec.search.poolSize));
        QCOMPARE(at(rules, "hikari_rule", "met").toBool(), rec.probes[*rec.hikariRule.probe].met());
    }

    void budgetBreachAndAlternatives()
    {
        const models::Scenario s = load(kOverBudget);
        const models::Recommendation rec = recommend(s);
        QVERIFY(rec.found());
        QCOMPARE(rec.search.instances, std::int64_t(4));
        QCOMPARE(rec.database.budget, std::optional<std::int64_t>(17));
        QCOMPARE(*rec.database.total, rec.search.poolSize * 4);
        QVERIFY2(*rec.database.total > 17, "the fixture must break the budget");
        QCOMPARE(rec.database.fits, std::optional<bool>(false));
        QCOMPARE(*rec.database.postgresMaxConnectionsNeeded, *rec.database.total + 3);
        QVERIFY(rec.needsAttention());
        QVERIFY(rec.alternatives);

        // (a) the largest smaller instance count that fits, at its own smallest size.
        const models::BudgetAlternatives& a = *rec.alternatives;
        QVERIFY(a.fewerInstances);
        const std::int64_t n = a.fewerInstances->instances, size = a.fewerInstances->poolSize;
        QVERIFY(n < 4);
        QVERIFY(n * size <= 17);
        QVERIFY(metAt(s, size, n));
        QVERIFY(size == a.fewerInstances->minSize || !metAt(s, size - 1, n));
        for (std::int64_t between = n + 1; between < 4; ++between) // none of them fits
            QVERIFY(!metAt(s, 17 / between, between));

        // (b) the largest pool within the budget: floor(17 / 4) per instance, as simulated.
        QCOMPARE(a.largestPool, std::int64_t(4));
        QVERIFY(a.largestPoolProbe);
        const models::Probe& p = rec.probes[*a.largestPoolProbe];
        QCOMPARE(p.poolSize, std::int64_t(4));
        QVERIFY(!p.met());
        QCOMPARE(p.result->metrics[Metric::WaitP95S].mean, runAt(s, 4)->metrics[Metric::WaitP95S].mean);

        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("budget.yaml"), kOverBudget);
        const Run r =
            runCli({QStringLiteral("recommend"), path, QStringLiteral("--threads"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("BREAKS the budget"), r.out.constData());
        QVERIFY2(r.out.contains(QStringLiteral("(a) fewer instances: %1 instance").arg(n).toUtf8()),
                 r.out.constData());
        QVERIFY2(r.out.contains("(b) the largest pool within the budget, 4 per instance (16 in all)"),
                 r.out.constData());
        QVERIFY2(
            r.out.contains(QStringLiteral("max_connections >= %1").arg(*rec.database.total + 3).toUtf8()),
            r.out.constData());
    }

    void deadlockFreeSize_data()
    {
        QTest::addColumn<int>("users");
        QTest::newRow("2 users") << 2;
        QTest::newRow("3 users") << 3;
    }
    void deadlockFreeSize()
    {
        QFETCH(int, users);
        const int minSize = users * (3 - 1) + 1;
        const std::vector<models::DeadlockWarning> w = models::deadlockWarnings(load(nested(users, 10)));
        QCOMPARE(w.size(), std::size_t(1));
        QCOMPARE(w[0].threads, std::optional<std::int64_t>(users));
        QCOMPARE(w[0].connections, std::int64_t(3));
        QCOMPARE(w[0].minPoolSize, std::optional<std::int64_t>(minSize));
        // Simulated: every size the scenario allows below it deadlocks, it and above do not.
        for (int size = 3; size <= minSize + 1; ++size) {
            const double unfinished = runAt(load(nested(users, 10)), size)->metrics[Metric::Unfinished].mean;
            if (size < minSize)
                QVERIFY2(unfinished > 0, qPrintable(QStringLiteral("pool %1: no deadlock").arg(size)));
            else
                QVERIFY2(unfinished == 0,
                         qPrintable(QStringLiteral("pool %1: %2 unfinished").arg(size).arg(unfinished)));
        }
        // With unfinished: 0 as the service level, the recommendation is that size.
        const models::Recommendation rec = recommend(load(nested(users, 10)));
        QVERIFY(rec.found());
        QCOMPARE(rec.search.poolSize, std::int64_t(minSize));
    }

    void deadlockThreadsByArrivals_data()
    {
        QTest::addColumn<QByteArray>("arrivals");
        QTest::addColumn<int>("threads");
        QTest::newRow("batch: concurrency")
            << QByteArray("{batch: {at: 1s, items: 40, concurrency: 6}}") << 6;
        QTest::newRow("burst: count") << QByteArray("{burst: {at: 1s, count: 9, within: 1s}}") << 9;
        QTest::newRow("poisson: unbounded") << QByteArray("{poisson: 5/s}") << 0;
        QTest::newRow("profile: unbounded") << QByteArray("{profile: [[0s, 5/s]]}") << 0;
    }
    void deadlockThreadsByArrivals()
    {
        QFETCH(QByteArray, arrivals);
        QFETCH(int, threads);
        const QByteArray yaml =
            "poolsim: 1\nhorizon: 1m\nworkloads:\n  - name: together\n    arrivals: " + arrivals +
            "\n    hold: 10ms\n    connections: 2\n  - name: nested\n    arrivals: " + arrivals +
            "\n    hold: 10ms\n    connections: 2\n    acquire: one_by_one\n";
        const std::vector<models::DeadlockWarning> w = models::deadlockWarnings(load(yaml));
        QCOMPARE(w.size(), std::size_t(1)); // acquire: together cannot deadlock this way
        QCOMPARE(w[0].name, std::string("nested"));
        if (threads > 0) {
            QCOMPARE(w[0].threads, std::optional<std::int64_t>(threads));
            QCOMPARE(w[0].minPoolSize, std::optional<std::int64_t>(threads + 1));
        } else {
            QVERIFY(!w[0].threads);
            QVERIFY(!w[0].minPoolSize);
        }
    }

    // --instances N is the same as writing backend.instances: N.
    void instancesOption()
    {
        const models::Recommendation viaOption = recommend(load(steady()), 3);
        QByteArray yaml = steady();
        yaml.replace("pool:\n", "backend: {instances: 3}\npool:\n");
        const models::Recommendation viaFile = recommend(load(yaml));
        QVERIFY(viaOption.found());
        QCOMPARE(viaOption.search.instances, std::int64_t(3));
        QCOMPARE(viaOption.search.poolSize, viaFile.search.poolSize);
        for (const models::Probe& p : viaOption.probes)
            QCOMPARE(p.instances, std::int64_t(3));

        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("steady.yaml"), steady());
        const Run r = runCli({QStringLiteral("recommend"), path, QStringLiteral("--instances"),
                              QStringLiteral("3"), QStringLiteral("--threads"), QStringLiteral("2"),
                              QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = r.json();
        QCOMPARE(at(j, "recommended", "instances").toInt(), 3);
        QCOMPARE(at(j, "recommended", "pool_size").toInt(), int(viaOption.search.poolSize));
    }

    void noSloIsAnError()
    {
        QByteArray yaml = steady();
        yaml.truncate(yaml.indexOf("slo:"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, recommend(load(yaml)));
        QTemporaryDir dir;
        const Run r =
            runCli({QStringLiteral("recommend"), writeFile(dir, QStringLiteral("no-slo.yaml"), yaml)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("no service levels"), r.err.constData());
    }

    void checkExitCodes_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("withCheck");
        QTest::newRow("met and within the budget") << steady() << QStringList() << 0;
        QTest::newRow("no size up to --max-pool")
            << steady() << QStringList{QStringLiteral("--max-pool"), QStringLiteral("4")} << 3;
        QTest::newRow("over the database budget") << kOverBudget << QStringList() << 3;
    }
    void checkExitCodes()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QStringList, extra);
        QFETCH(int, withCheck);
        QTemporaryDir dir;
        const QStringList args =
            QStringList{QStringLiteral("recommend"), writeFile(dir, QStringLiteral("s.yaml"), yaml),
                        QStringLiteral("--threads"), QStringLiteral("2"), QStringLiteral("--quiet")} +
            extra;
        const Run plain = runCli(args);
        QCOMPARE(plain.exitCode, 0);
        QVERIFY(plain.out.isEmpty());
        QCOMPARE(runCli(args + QStringList{QStringLiteral("--check")}).exitCode, withCheck);
    }

    void jsonKeys()
    {
        QTemporaryDir dir;
        QByteArray yaml = steady();
        yaml.replace("pool:\n", "database: {cores: 2, max_connections: 100}\npool:\n");
        const QString path = writeFile(dir, QStringLiteral("s.yaml"), yaml);
        const Run r = runCli({QStringLiteral("recommend"), path, QStringLiteral("--threads"),
                              QStringLiteral("2"), QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = r.json();
        QCOMPARE(j.value(QStringLiteral("found")).toBool(), true);
        const int size = at(j, "recommended", "pool_size").toInt();
        QVERIFY(size > 0);
        QCOMPARE(at(j, "recommended", "instances").toInt(), 1);
        QCOMPARE(j.value(QStringLiteral("slo")).toArray().size(), 2);
        QCOMPARE(j.value(QStringLiteral("slo"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("limit"))
                     .toString(),
                 QStringLiteral("wait_p95 <= 100ms"));
        const QJsonArray probes = j.value(QStringLiteral("probes")).toArray();
        QVERIFY(!probes.isEmpty());
        bool sawAnswer = false;
        for (const QJsonValue& p : probes) {
            const QJsonObject o = p.toObject();
            for (const char* key : {"instances", "pool_size", "met", "metrics", "checks", "purpose"})
                QVERIFY2(o.contains(QLatin1String(key)), key);
            if (o.value(QStringLiteral("pool_size")).toInt() == size) {
                sawAnswer = true;
                QVERIFY(o.value(QStringLiteral("met")).toBool());
            }
            if (o.value(QStringLiteral("pool_size")).toInt() == size - 1)
                QVERIFY(!o.value(QStringLiteral("met")).toBool());
        }
        QVERIFY(sawAnswer);
        const QJsonObject rules = j.value(QStringLiteral("rules")).toObject();
        QCOMPARE(at(rules, "users_rule", "applicable").toBool(), false);
        QVERIFY(at(rules, "users_rule", "pool_size").isNull());
        QCOMPARE(at(rules, "hikari_rule", "pool_size").toInt(), 5);
        QVERIFY(at(rules, "hikari_rule", "met").isBool());
        const QJsonObject db = j.value(QStringLiteral("database")).toObject();
        QCOMPARE(db.value(QStringLiteral("budget")).toInt(), 97);
        QCOMPARE(db.value(QStringLiteral("total")).toInt(), size);
        QCOMPARE(db.value(QStringLiteral("fits")).toBool(), true);
        QCOMPARE(db.value(QStringLiteral("postgres_max_connections_needed")).toInt(), size + 3);
        QVERIFY(j.value(QStringLiteral("alternatives")).isNull());
        QVERIFY(j.value(QStringLiteral("deadlock_warnings")).isArray());

        // Not found: null recommendation, the best probe instead.
        const Run none = runCli({QStringLiteral("recommend"), path, QStringLiteral("--threads"),
                                 QStringLiteral("2"), QStringLiteral("--max-pool"), QStringLiteral("3"),
                                 QStringLiteral("--json"), QStringLiteral("-")});
        const QJsonObject n = none.json();
        QCOMPARE(n.value(QStringLiteral("found")).toBool(), false);
        QVERIFY(at(n, "recommended", "pool_size").isNull());
        QVERIFY(at(n, "recommended", "instances").isNull());
        QCOMPARE(at(n, "best_probe", "pool_size").toInt(), 3);
        QVERIFY(at(n, "database", "fits").isNull());
    }

    void deadlockInCommandOutput()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("nested.yaml"), nested(2, 10));
        const Run r =
            runCli({QStringLiteral("recommend"), path, QStringLiteral("--threads"), QStringLiteral("2")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("deadlock-free from pool 5 = 2 x (3 - 1) + 1"), r.out.constData());
        QVERIFY2(r.out.contains("Recommended: pool.size 5 per instance"), r.out.constData());
        const Run j = runCli({QStringLiteral("recommend"), path, QStringLiteral("--threads"),
                              QStringLiteral("2"), QStringLiteral("--json"), QStringLiteral("-")});
        const QJsonObject w = j.json().value(QStringLiteral("deadlock_warnings")).toArray().at(0).toObject();
        QCOMPARE(w.value(QStringLiteral("min_pool_size")).toInt(), 5);
        QCOMPARE(w.value(QStringLiteral("at_pool_size")).toInt(), 5);
        QCOMPARE(w.value(QStringLiteral("unfinished")).toDouble(), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestRecommend)
#include "tst_recommend.moc"
