// Variants of a scenario and their comparison: the variants' changes really apply, `run
// --variant/--all-variants` and `compare` behave as a pipeline needs (exit codes, JSON shape,
// located errors), and comparisons use common random numbers, which makes the difference's
// interval far narrower than comparing independent runs.
#ifndef Q_MOC_RUN
#include "models/comparison.h"
#include "models/scenario_yaml.h"
#include "models/simulation.h"
#endif

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

namespace models = poolsim::models;
using models::Metric;

namespace {
const QString kCli = QStringLiteral(POOLSIM_CLI);

struct Run
{
    int exitCode = -1;
    QByteArray out, err;
};

Run runCli(const QStringList& args)
{
    QProcess p;
    p.start(kCli, args);
    p.closeWriteChannel();
    if (!p.waitForFinished(120000))
        qFatal("poolsim did not finish");
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

/// `poolsim COMMAND FILE OPTIONS...`, the options given as one space-separated string.
Run runCli(const char* command, const QString& file, const char* options = "")
{
    QStringList args{QLatin1String(command), file};
    args << QString::fromLatin1(options).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    return runCli(args);
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write fixture");
    f.write(text);
    return path;
}

QJsonObject parseObject(const QByteArray& text)
{
    QJsonParseError error;
    const QJsonObject j = QJsonDocument::fromJson(text, &error).object();
    if (error.error != QJsonParseError::NoError)
        qWarning("bad JSON: %s", qPrintable(error.errorString()));
    return j;
}

QJsonObject object(const QJsonObject& j, const char* key)
{
    return j.value(QLatin1String(key)).toObject();
}

double metricMean(const QJsonObject& result, const char* metric)
{
    return object(object(result, "metrics"), metric).value(QStringLiteral("mean")).toDouble();
}

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

class TestVariants : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // ---- The variants' changes apply ---------------------------------------------------------

    void variantValuesApplied()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("shop.yaml"), kShop);
        const Run r = runCli("run", path, "--all-variants --json -");
        QCOMPARE(r.exitCode, 0);
        const QJsonArray variants = parseObject(r.out).value(QStringLiteral("variants")).toArray();
        QCOMPARE(variants.size(), 3);
        const QJsonObject bigger = object(variants[0].toObject(), "result");
        const QJsonObject logging = object(variants[1].toObject(), "result");
        const QJsonObject same = object(variants[2].toObject(), "result");
        QCOMPARE(bigger.value(QStringLiteral("pool_size_total")).toInt(), 25);
        QCOMPARE(logging.value(QStringLiteral("pool_size_total")).toInt(), 40);
        QCOMPARE(same.value(QStringLiteral("pool_size_total")).toInt(), 10);
        // A pool of 25 barely queues: connections in use = arrival rate x hold = 8 (Little's law),
        // within the run's interval and 2%.
        const QJsonObject busy = object(object(bigger, "metrics"), "busy_mean");
        const double busyBigger = busy.value(QStringLiteral("mean")).toDouble();
        QVERIFY2(std::fabs(busyBigger - 8) <= busy.value(QStringLiteral("ci95")).toDouble() + 0.16,
                 qPrintable(QString::number(busyBigger)));
        // hold_scale 2 on the same requests (common random numbers) doubles every hold, and with
        // room in the pool, the connections in use: 2 within 3% (requests cut by the horizon).
        const double ratio = metricMean(logging, "busy_mean") / busyBigger;
        QVERIFY2(std::fabs(ratio - 2) <= 0.06, qPrintable(QString::number(ratio)));
        const double holdRatio = metricMean(logging, "hold_mean_s") / metricMean(bigger, "hold_mean_s");
        QVERIFY2(std::fabs(holdRatio - 2) <= 0.06, qPrintable(QString::number(holdRatio)));
        // The same arrivals in every variant: they do not depend on the pool.
        QCOMPARE(metricMean(logging, "arrivals"), metricMean(bigger, "arrivals"));
        // The pool of 10 queues (about 40% wait, Erlang C), the pool of 25 nearly never.
        QVERIFY(metricMean(same, "wait_ratio") > 0.25);
        QVERIFY(metricMean(bigger, "wait_ratio") < 0.01);
    }

    void baseNameIsTheScenarioAsWritten()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("shop.yaml"), kShop);
        const Run plain = runCli("run", path, "--json -");
        const Run base = runCli("run", path, "--variant base --json -");
        const Run bigger = runCli("run", path, "--variant bigger --json -");
        QCOMPARE(plain.exitCode, 0); // no --check: a missed service level does not change the exit code
        QCOMPARE(base.exitCode, 0);
        QCOMPARE(bigger.exitCode, 0);
        const QJsonObject p = parseObject(plain.out), b = parseObject(base.out), g = parseObject(bigger.out);
        QCOMPARE(b.value(QStringLiteral("variant")).toString(), QStringLiteral("base"));
        QCOMPARE(g.value(QStringLiteral("variant")).toString(), QStringLiteral("bigger"));
        QVERIFY(!p.contains(QStringLiteral("variant")));
        QCOMPARE(b.value(QStringLiteral("pool_size_total")).toInt(), 10);
        QCOMPARE(g.value(QStringLiteral("pool_size_total")).toInt(), 25);
        // base is exactly the plain run: same seed, same figures in every replication.
        QCOMPARE(b.value(QStringLiteral("seed")).toInt(), 11);
        QCOMPARE(b.value(QStringLiteral("metrics")), p.value(QStringLiteral("metrics")));
        QCOMPARE(b.value(QStringLiteral("per_replication")), p.value(QStringLiteral("per_replication")));
        QVERIFY(g.value(QStringLiteral("metrics")) != p.value(QStringLiteral("metrics")));
    }

    // ---- Errors --------------------------------------------------------------------------------

    void unknownVariant_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::addColumn<QByteArray>("options");
        QTest::newRow("run --variant") << QByteArray("run") << QByteArray("--variant nope");
        QTest::newRow("compare --variants") << QByteArray("compare") << QByteArray("--variants bigger,nope");
        QTest::newRow("compare --baseline") << QByteArray("compare") << QByteArray("--baseline nope");
    }
    void unknownVariant()
    {
        QFETCH(QByteArray, command);
        QFETCH(QByteArray, options);
        QTemporaryDir dir;
        const Run r = runCli(command.constData(), writeFile(dir, QStringLiteral("shop.yaml"), kShop),
                             options.constData());
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains("no variant named 'nope'") && r.err.contains("bigger, logging, same"),
                 r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
    }

    void variantOptionsExcludeEachOther()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("shop.yaml"), kShop);
        const Run r = runCli("run", path, "--variant bigger --all-variants");
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("excludes"), r.err.constData());
    }

    void noVariantsToCompare()
    {
        QTemporaryDir dir;
        QByteArray text = kShop;
        text.truncate(text.indexOf("variants:"));
        const QString path = writeFile(dir, QStringLiteral("plain.yaml"), text);
        for (const char* command : {"compare", "run"}) {
            QStringList args{QLatin1String(command), path};
            if (QByteArray(command) == "run")
                args << QStringLiteral("--all-variants");
            const Run r = runCli(args);
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains("no variants"), r.err.constData());
        }
        // base alone is refused rather than shown compared with itself.
        const Run self = runCli("compare", path, "--variants base");
        QCOMPARE(self.exitCode, 2);
        QVERIFY2(self.err.contains("nothing to compare"), self.err.constData());
    }

    void badSetEntryIsLocated_data()
    {
        QTest::addColumn<QByteArray>("set");
        QTest::addColumn<QString>("expected");
        // The set entry's value is on line 23 of the fixture, column 22: `    set: {pool.size: VALUE}`.
        QTest::newRow("not a number") << QByteArray("{pool.size: abc}")
                                      << QStringLiteral("bad.yaml:23:22: pool.size: expected an integer");
        QTest::newRow("out of range")
            << QByteArray("{pool.size: 0}")
            << QStringLiteral("bad.yaml:23:22: pool.size: expected an integer from 1");
        QTest::newRow("unknown path")
            << QByteArray("{pool.sise: 5}") << QStringLiteral("bad.yaml:23:22: pool: unknown key 'sise'");
    }
    void badSetEntryIsLocated()
    {
        QFETCH(QByteArray, set);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        QByteArray text = kShop;
        text.replace("set: {pool.size: 10}", "set: " + set);
        const QString path = writeFile(dir, QStringLiteral("bad.yaml"), text);
        for (const char* command : {"run", "compare", "validate"}) {
            const Run r = runCli(command, path);
            QCOMPARE(r.exitCode, 2);
            const QString err = QString::fromUtf8(r.err);
            QVERIFY2(err.startsWith(path + QStringLiteral(":23:22: ")) && err.contains(expected) &&
                         err.contains(QStringLiteral("variant 'same'")),
                     qPrintable(err));
            QCOMPARE(err.count(QLatin1Char('\n')), 1);
        }
    }

    // ---- JSON shapes ---------------------------------------------------------------------------

    void runAllVariantsJsonShape()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("shop.yaml"), kShop);
        const Run r = runCli("run", path, "--all-variants --json - --replications 2");
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = parseObject(r.out);
        QCOMPARE(j.value(QStringLiteral("scenario")).toString(), QStringLiteral("shop"));
        QCOMPARE(j.value(QStringLiteral("seed")).toInt(), 11);
        QVERIFY(j.value(QStringLiteral("warnings")).toArray().isEmpty());
        const QJsonArray variants = j.value(QStringLiteral("variants")).toArray();
        const QStringList names{QStringLiteral("bigger"), QStringLiteral("logging"), QStringLiteral("same")};
        QCOMPARE(variants.size(), names.size());
        for (qsizetype i = 0; i < variants.size(); ++i) {
            const QJsonObject v = variants[i].toObject();
            QCOMPARE(v.value(QStringLiteral("name")).toString(), names[i]);
            QVERIFY(!v.value(QStringLiteral("description")).toString().isEmpty());
            QVERIFY(object(v, "set").contains(QStringLiteral("pool.size")));
            QCOMPARE(v.value(QStringLiteral("seed")).toInt(), 11);
            QCOMPARE(v.value(QStringLiteral("common_random_numbers")).toBool(), true);
            const QJsonObject result = object(v, "result");
            QCOMPARE(v.value(QStringLiteral("slo_met")).toBool(), names[i] != QStringLiteral("same"));
            QCOMPARE(object(result, "slo").value(QStringLiteral("checks")).toArray().size(), 1);
            QCOMPARE(result.value(QStringLiteral("replications")).toInt(), 2);
            QVERIFY(object(object(result, "metrics"), "wait_p95_s").value(QStringLiteral("mean")).isDouble());
            QCOMPARE(result.value(QStringLiteral("per_replication")).toArray().size(), 2);
        }
        QCOMPARE(object(variants[1].toObject(), "set").value(QStringLiteral("hold_scale")).toString(),
                 QStringLiteral("2"));
    }

    void compareJsonShape()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("shop.yaml"), kShop);
        const Run r = runCli("compare", path, "--json -");
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = parseObject(r.out);
        QCOMPARE(j.value(QStringLiteral("scenario")).toString(), QStringLiteral("shop"));
        QCOMPARE(j.value(QStringLiteral("baseline")).toString(),
                 QStringLiteral("bigger")); // the first variant
        const QJsonArray variants = j.value(QStringLiteral("variants")).toArray();
        QCOMPARE(variants.size(), 3);
        QCOMPARE(variants[0].toObject().value(QStringLiteral("slo_met")).toBool(), true);
        QCOMPARE(variants[2].toObject().value(QStringLiteral("slo_met")).toBool(), false);
        const QJsonObject differences = object(j, "differences");
        QCOMPARE(differences.keys(), (QStringList{QStringLiteral("logging"), QStringLiteral("same")}));
        for (const QString& name : differences.keys()) {
            const QJsonObject d = differences.value(name).toObject();
            QCOMPARE(d.value(QStringLiteral("method")).toString(), QStringLiteral("paired"));
            QCOMPARE(d.value(QStringLiteral("pairs")).toInt(), 5);
            for (const char* metric :
                 {"arrivals", "timeouts", "wait_p95_s", "utilization_max", "unfinished"}) {
                const QJsonObject m = object(object(d, "metrics"), metric);
                QVERIFY2(m.value(QStringLiteral("mean")).isDouble() &&
                             m.value(QStringLiteral("ci95")).isDouble() &&
                             m.value(QStringLiteral("significant")).isBool(),
                         metric);
            }
            QVERIFY(object(object(object(d, "workloads"), "api"), "metrics")
                        .contains(QStringLiteral("wait_p95_s")));
        }
        // --baseline moves the baseline first; the difference is measured from it.
        const Run b = runCli("compare", path, "--variants bigger,same --baseline same --json -");
        QCOMPARE(b.exitCode, 0);
        const QJsonObject jb = parseObject(b.out);
        QCOMPARE(jb.value(QStringLiteral("baseline")).toString(), QStringLiteral("same"));
        const QJsonObject d = object(object(object(jb, "differences"), "bigger"), "metrics");
        QVERIFY(object(d, "wait_p95_s").value(QStringLiteral("mean")).toDouble() <
                0); // the bigger pool waits less
    }

    void compareTables()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("shop.yaml"), kShop);
        const char* const args = "--variants same,bigger --replications 3";
        const Run r = runCli("compare", path, args);
        QCOMPARE(r.exitCode, 0);
        const QString table = QString::fromUtf8(r.out);
        QVERIFY2(table.contains(QStringLiteral("bigger - same")) &&
                     table.contains(QStringLiteral("baseline 'same'")),
                 qPrintable(table));
        for (const char* label :
             {"arrivals", "timeouts", "timeout ratio", "wait mean", "wait p95", "wait p99",
              "utilization mean", "utilization max", "waiting requests max", "response p95", "unfinished"})
            QVERIFY2(table.contains(QLatin1String(label)), label);
        // The bigger pool's lower p95 wait is marked significant; the equal arrivals are not.
        const auto rowOf = [&](const char* label) {
            for (const QString& line : table.split(QLatin1Char('\n')))
                if (line.trimmed().startsWith(QLatin1String(label)))
                    return line;
            return QString();
        };
        QVERIFY2(rowOf("wait p95").endsWith(QStringLiteral(" *")), qPrintable(rowOf("wait p95")));
        QVERIFY2(!rowOf("arrivals").endsWith(QStringLiteral(" *")), qPrintable(rowOf("arrivals")));
        QVERIFY2(table.contains(QStringLiteral("same: NOT met")) &&
                     table.contains(QStringLiteral("bigger: met")),
                 qPrintable(table));
        QVERIFY2(table.contains(QStringLiteral("alerts that fired")), qPrintable(table));

        // The markdown table is the same on any thread count (no wall times), one row per variant.
        const Run md1 = runCli("compare", path, (QByteArray(args) + " --markdown --threads 1").constData());
        const Run md2 = runCli("compare", path, (QByteArray(args) + " --markdown --threads 2").constData());
        QCOMPARE(md1.exitCode, 0);
        QCOMPARE(md1.out, md2.out);
        const QList<QByteArray> lines = md1.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 4);
        QCOMPARE(lines[0],
                 QByteArray("| variant | pool | timeouts | timeout ratio | wait p95 | utilization max | "
                            "unfinished | SLO met |"));
        QVERIFY2(lines[2].startsWith("| same | 10 x 1 | ") && lines[2].endsWith("| no (wait_p95 <= 500ms) |"),
                 lines[2].constData());
        QVERIFY2(lines[3].startsWith("| bigger | 25 x 1 | ") && lines[3].endsWith("| yes |"),
                 lines[3].constData());
    }

    // ---- --check -------------------------------------------------------------------------------

    void checkExitCodes_data()
    {
        QTest::addColumn<QByteArray>("command");
        QTest::addColumn<QByteArray>("options");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("failing"); // a variant named in stderr, or empty
        const auto row = [](const char* name, const char* command, const char* options, int code,
                            const char* failing) {
            QTest::newRow(name) << QByteArray(command) << QByteArray(options) << code
                                << QString::fromLatin1(failing);
        };
        row("run meets", "run", "--variant bigger --check", 0, "");
        row("run misses", "run", "--variant same --check", 3, "same");
        row("run base misses", "run", "--check", 3, "");
        row("run misses, no --check", "run", "--variant same", 0, "");
        row("run all: one misses", "run", "--all-variants --check", 3, "same");
        // compare judges the variants, not the baseline they are measured against.
        row("compare: baseline misses", "compare", "--variants same,bigger --check", 0, "");
        row("compare: variant misses", "compare", "--variants bigger,same --check", 3, "same");
        row("compare misses, no --check", "compare", "--variants bigger,same", 0, "");
    }
    void checkExitCodes()
    {
        QFETCH(QByteArray, command);
        QFETCH(QByteArray, options);
        QFETCH(int, exitCode);
        QFETCH(QString, failing);
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("out.json"));
        QStringList args{QString::fromLatin1(command), writeFile(dir, QStringLiteral("shop.yaml"), kShop),
                         QStringLiteral("--json"), json};
        args << QString::fromLatin1(options + " --replications 3 --quiet").split(QLatin1Char(' '));
        const Run r = runCli(args);
        QCOMPARE(r.exitCode, exitCode);
        QVERIFY(QFile::exists(json)); // outputs are written whether or not the levels are met
        const QString err = QString::fromUtf8(r.err);
        if (exitCode == 3) {
            QVERIFY2(err.contains(QStringLiteral("service level not met")) &&
                         err.contains(QStringLiteral("wait_p95 <= 500ms")),
                     qPrintable(err));
            if (!failing.isEmpty())
                QVERIFY2(err.contains(QStringLiteral("variant '%1'").arg(failing)), qPrintable(err));
            QVERIFY2(!err.contains(QStringLiteral("variant 'bigger'")), qPrintable(err));
        } else {
            QVERIFY2(err.isEmpty(), qPrintable(err));
        }
    }

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

QTEST_GUILESS_MAIN(TestVariants)
#include "tst_variants.moc"
