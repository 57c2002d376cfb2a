// The poolsim command line, run as a user or a pipeline would: exit codes, the JSON shape,
// located one-line errors, overrides, output files, and a clean stop on Ctrl-C.
#include "cli_test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace clitest;

namespace {
const QByteArray kSmall = R"(poolsim: 1
name: small
horizon: 10m
warmup: 1m
replications: 3
seed: 7
pool:
  size: 5
  timeout: 1s
workloads:
  - name: api
    arrivals: {poisson: 4/s}
    hold: {exponential: 1s}
)";
} // namespace

class TestCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void validateOk()
    {
        const Run r =
            runCli({QStringLiteral("validate"), kSourceDir + QStringLiteral("/scenarios/mm50-timeout.yaml")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out, QByteArray("ok\n"));
        QVERIFY(r.err.isEmpty());
    }

    void badScenarioIsOneLocatedLine_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown distribution")
            << QByteArray(kSmall).replace("exponential: 1s", "expo: 1s")
            << QStringLiteral("bad.yaml:13:12: workloads[0].hold: unknown distribution 'expo'");
        QTest::newRow("negative size") << QByteArray(kSmall).replace("size: 5", "size: -5")
                                       << QStringLiteral("bad.yaml:8:9: pool.size:");
        QTest::newRow("syntax error")
            << QByteArray(kSmall).replace("pool:\n", "pool: [\n") << QStringLiteral("bad.yaml:");
        // Values that load but could not run: caught by validate too, located.
        QTest::newRow("pool too large")
            << QByteArray(kSmall).replace("size: 5", "size: 2000000")
            << QStringLiteral("bad.yaml:8:9: pool.size: expected an integer from 1 to 100000");
        QTest::newRow("rate too high")
            << QByteArray(kSmall).replace("poisson: 4/s", "poisson: 1e300/s")
            << QStringLiteral("workloads[0].arrivals.poisson: rate '1e300/s' is too high");
        QTest::newRow("gamma cv too small")
            << QByteArray(kSmall).replace("{exponential: 1s}", "{gamma: {mean: 1s, cv: 1e-200}}")
            << QStringLiteral("bad.yaml:13:19: workloads[0].hold.gamma: cv must be");
        QTest::newRow("horizon too long")
            << QByteArray(kSmall).replace("horizon: 10m", "horizon: 100000d")
            << QStringLiteral("bad.yaml:3:10: horizon: duration '100000d' is too large");
    }
    void badScenarioIsOneLocatedLine()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("bad.yaml"), text);
        for (const char* command : {"validate", "run"}) {
            const Run r = runCli({QLatin1String(command), path});
            QCOMPARE(r.exitCode, 2);
            QVERIFY(r.out.isEmpty());
            const QString err = QString::fromUtf8(r.err);
            QVERIFY2(err.endsWith(QLatin1Char('\n')) && err.count(QLatin1Char('\n')) == 1, qPrintable(err));
            QVERIFY2(err.contains(expected), qPrintable(err));
        }
    }

    void missingFileAndBadUsage()
    {
        Run r = runCli({QStringLiteral("run"), QStringLiteral("/nonexistent/x.yaml")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("/nonexistent/x.yaml"));
        QCOMPARE(runCli({}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("frobnicate")}).exitCode, 2);
        QCOMPARE(runCli({QStringLiteral("run"), QStringLiteral("--replications"), QStringLiteral("0"),
                         QStringLiteral("x.yaml")})
                     .exitCode,
                 2);
        QCOMPARE(runCli({QStringLiteral("--version")}).exitCode, 0);
    }

    void jsonShape()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("small.yaml"), kSmall);
        const Run r = runCli({QStringLiteral("run"), path, QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(r.exitCode, 0);
        QJsonParseError error;
        const QJsonObject j = QJsonDocument::fromJson(r.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(j.value(QStringLiteral("scenario")).toString(), QStringLiteral("small"));
        QCOMPARE(j.value(QStringLiteral("replications")).toInt(), 3);
        QCOMPARE(j.value(QStringLiteral("seed")).toInt(), 7);
        QCOMPARE(j.value(QStringLiteral("horizon_s")).toDouble(), 600.0);
        QCOMPARE(j.value(QStringLiteral("warmup_s")).toDouble(), 60.0);
        const char* const names[] = {"arrivals",         "served",          "timeouts",      "failures",
                                     "timeout_ratio",    "wait_ratio",      "wait_mean_s",   "wait_p50_s",
                                     "wait_p95_s",       "wait_p99_s",      "wait_max_s",    "busy_mean",
                                     "utilization_mean", "utilization_max", "waiters_mean",  "waiters_max",
                                     "throughput_per_s", "response_p95_s",  "response_p99_s"};
        const QJsonObject metrics = j.value(QStringLiteral("metrics")).toObject();
        const QJsonObject api = j.value(QStringLiteral("workloads"))
                                    .toObject()
                                    .value(QStringLiteral("api"))
                                    .toObject()
                                    .value(QStringLiteral("metrics"))
                                    .toObject();
        for (const char* name : names) {
            for (const QJsonObject& m : {metrics, api}) {
                const QJsonObject e = m.value(QLatin1String(name)).toObject();
                QVERIFY2(e.value(QStringLiteral("mean")).isDouble(), name);
                QVERIFY2(e.value(QStringLiteral("ci95")).isDouble(), name);
            }
        }
        QVERIFY(
            metrics.value(QStringLiteral("arrivals")).toObject().value(QStringLiteral("mean")).toDouble() >
            1000);
        // Each replication's own figures; their mean is the estimate.
        const QJsonArray reps = j.value(QStringLiteral("per_replication")).toArray();
        QCOMPARE(reps.size(), 3);
        double sum = 0;
        for (const auto& rep : reps) {
            const QJsonObject o = rep.toObject();
            sum += o.value(QStringLiteral("metrics")).toObject().value(QStringLiteral("served")).toDouble();
            QVERIFY(o.value(QStringLiteral("workloads"))
                        .toObject()
                        .value(QStringLiteral("api"))
                        .toObject()
                        .value(QStringLiteral("wait_p95_s"))
                        .isDouble());
        }
        QCOMPARE(sum / 3,
                 metrics.value(QStringLiteral("served")).toObject().value(QStringLiteral("mean")).toDouble());
        const QJsonObject engine = j.value(QStringLiteral("engine")).toObject();
        for (const char* key : {"events", "requests", "wall_s", "requests_per_s"})
            QVERIFY2(engine.value(QLatin1String(key)).isDouble(), key);
        QVERIFY(engine.value(QStringLiteral("events")).toDouble() >
                engine.value(QStringLiteral("requests")).toDouble());
    }

    void overridesAndOptions()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("small.yaml"), kSmall);
        const Run r =
            runCli({QStringLiteral("run"), path, QStringLiteral("--set"), QStringLiteral("pool.size=25"),
                    QStringLiteral("--replications"), QStringLiteral("2"), QStringLiteral("--seed"),
                    QStringLiteral("99"), QStringLiteral("--threads"), QStringLiteral("1"),
                    QStringLiteral("--json"), QStringLiteral("-")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j.value(QStringLiteral("pool_size_total")).toInt(), 25);
        QCOMPARE(j.value(QStringLiteral("replications")).toInt(), 2);
        QCOMPARE(j.value(QStringLiteral("seed")).toInt(), 99);
        const Run bad =
            runCli({QStringLiteral("run"), path, QStringLiteral("--set"), QStringLiteral("pool.size=abc")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains("pool.size"), bad.err.constData());
    }

    void outputFiles()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("small.yaml"), kSmall);
        const QString json = dir.filePath(QStringLiteral("out.json"));
        const QString csv = dir.filePath(QStringLiteral("series.csv"));
        const Run r = runCli({QStringLiteral("run"), path, QStringLiteral("--quiet"),
                              QStringLiteral("--json"), json, QStringLiteral("--series-csv"), csv});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.isEmpty());
        QFile j(json);
        QVERIFY(j.open(QIODevice::ReadOnly));
        QVERIFY(QJsonDocument::fromJson(j.readAll()).isObject());
        QFile c(csv);
        QVERIFY(c.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = c.readAll().trimmed().split('\n');
        QVERIFY(lines.first().startsWith("time_s,busy_mean_mean,busy_mean_min,busy_mean_max"));
        QCOMPARE(lines.size(), 1 + 600); // 10 minutes at the default 1 s resolution
        // An output path that cannot be written: a clear error, exit 2, nothing left behind.
        const Run bad = runCli({QStringLiteral("run"), path, QStringLiteral("--json"),
                                dir.filePath(QStringLiteral("no/such/dir/out.json"))});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.startsWith("poolsim: error: cannot save"), bad.err.constData());
    }

    void summaryTable()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("small.yaml"), kSmall);
        const Run r = runCli({QStringLiteral("run"), path});
        QCOMPARE(r.exitCode, 0);
        for (const char* label :
             {"timeout ratio", "wait p95", "wait p99", "utilization mean", "throughput", "± 95% CI", "api"})
            QVERIFY2(r.out.contains(label), label);
    }

    void ctrlCStopsCleanly()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("long.yaml"),
                                       QByteArray(kSmall).replace("horizon: 10m", "horizon: 10000h"));
        const QString json = dir.filePath(QStringLiteral("out.json"));
        QProcess p;
        p.start(kCli, {QStringLiteral("run"), path, QStringLiteral("--json"), json});
        QVERIFY(p.waitForStarted());
        QTest::qWait(700);
        ::kill(static_cast<pid_t>(p.processId()), SIGINT);
        QVERIFY2(p.waitForFinished(10000), "Ctrl-C did not stop the run within 10 s");
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 130);
        QVERIFY(p.readAllStandardError().contains("interrupted"));
        QVERIFY(!QFile::exists(json));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
