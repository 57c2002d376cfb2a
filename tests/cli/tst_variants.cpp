// Variants of a scenario: their changes really apply, and `run --variant/--all-variants` and
// `compare` behave as a pipeline needs (exit codes, JSON shape, located errors). The
// differences themselves and common random numbers: tst_comparison.
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

    void setThatAVariantOverridesIsRefused_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("options");
        QTest::addColumn<int>("exitCode");
        // "bigger" sets pool.size: a --set of it would be lost under the variant's value.
        QTest::newRow("run --variant")
            << QStringLiteral("run") << QStringLiteral("--variant bigger --set pool.size=30") << 2;
        QTest::newRow("compare") << QStringLiteral("compare")
                                 << QStringLiteral("--variants base,bigger --set pool.size=30") << 2;
        QTest::newRow("recommend --variant")
            << QStringLiteral("recommend") << QStringLiteral("--variant bigger --set pool.size=30") << 2;
        QTest::newRow("another path")
            << QStringLiteral("run")
            << QStringLiteral("--variant bigger --set pool.timeout=5s --replications 2") << 0;
        QTest::newRow("base sets nothing")
            << QStringLiteral("run") << QStringLiteral("--variant base --set pool.size=30 --replications 2")
            << 0;
    }
    void setThatAVariantOverridesIsRefused()
    {
        QFETCH(QString, command);
        QFETCH(QString, options);
        QFETCH(int, exitCode);
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("shop.yaml"), kShop);
        const Run r = runCli(command.toLatin1().constData(), path,
                             (options + QStringLiteral(" --quiet")).toLatin1().constData());
        QCOMPARE(r.exitCode, exitCode);
        if (exitCode == 2)
            QVERIFY2(r.err.contains("variant 'bigger' sets pool.size too"), r.err.constData());
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
        // Values with "±" (two bytes, one column) line up under their headings.
        const QString head = rowOf("metric");
        const qsizetype differences = head.indexOf(QStringLiteral("bigger - same"));
        QVERIFY2(differences > 0, qPrintable(head));
        for (const char* label :
             {"arrivals", "timeout ratio", "wait p95", "utilization mean", "unfinished"}) {
            const QString row = rowOf(label);
            QVERIFY2(row.contains(QStringLiteral(" ± ")), qPrintable(row));
            QVERIFY2(row.mid(differences - 2, 2) == QStringLiteral("  ") &&
                         row.at(differences) != QLatin1Char(' '),
                     qPrintable(row));
        }
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
                 QByteArray("| variant | pool | wait p95 | wait p99 | wait max | waiting requests max | "
                            "timeouts | instance failures | first failure | SLO met |"));
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
};

QTEST_GUILESS_MAIN(TestVariants)
#include "tst_variants.moc"
