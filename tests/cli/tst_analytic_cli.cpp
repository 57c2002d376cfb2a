// `poolsim analytic` on the command line: the JSON's shape with and without figures, and the
// exit codes and messages. The check itself is tested in tests/models/tst_analytic_check.cpp.
#ifndef Q_MOC_RUN
#include "models/analytic/analytic.h"
#endif

#include "analytic_check_fixtures.h"
#include "check_close.h"
#include "cli_test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace poolsim;
using namespace clitest;
using namespace analyticcheck;

namespace {
constexpr int kCliTimeoutMs = 60000; // the command's checks here simulate a few minutes
} // namespace

class TestAnalyticCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cliJson()
    {
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("small.yaml"), small());
        const Run r = runCli({QStringLiteral("analytic"), path, QStringLiteral("--json"), QStringLiteral("-"),
                              QStringLiteral("--replications"), QStringLiteral("3"), QStringLiteral("--seed"),
                              QStringLiteral("5")},
                             kCliTimeoutMs);
        QCOMPARE(r.exitCode, 0);
        QJsonParseError error;
        const QJsonObject j = QJsonDocument::fromJson(r.out, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(j.value(QStringLiteral("applicable")).toBool(), true);
        QCOMPARE(j.value(QStringLiteral("stable")).toBool(), true);
        const QJsonObject in = j.value(QStringLiteral("inputs")).toObject();
        QCOMPARE(in.value(QStringLiteral("lambda_per_s")).toDouble(), 4.0);
        QCOMPARE(in.value(QStringLiteral("mean_hold_s")).toDouble(), 1.0);
        QCOMPARE(in.value(QStringLiteral("offered_load")).toDouble(), 4.0);
        QCOMPARE(in.value(QStringLiteral("servers")).toInt(), 5);
        QCOMPARE(in.value(QStringLiteral("timeout_s")).toDouble(), 1.0);
        QCOMPARE(in.value(QStringLiteral("model")).toString(), QStringLiteral("mmc_fixed_timeout"));
        QCOMPARE(in.value(QStringLiteral("workloads")).toArray().size(), 1);

        const auto exact = models::analytic::fixedTimeoutFigures(5, 4, 1, 1);
        const QJsonObject figures = j.value(QStringLiteral("figures")).toObject();
        const std::pair<const char*, double> keys[] = {{"offered_load", 4.0},
                                                       {"wait_ratio", exact.waitRatio},
                                                       {"wait_mean_s", exact.waitMeanS},
                                                       {"wait_p95_s", exact.waitP95S},
                                                       {"timeout_ratio", exact.timeoutRatio},
                                                       {"utilization_mean", exact.utilization}};
        QCOMPARE(figures.size(), qsizetype(std::size(keys)));
        for (const auto& [key, value] : keys) {
            const QJsonObject f = figures.value(QLatin1String(key)).toObject();
            CHECK_CLOSE(f.value(QStringLiteral("analytic")).toDouble(), value, 1e-12, 0);
            const QJsonObject sim = f.value(QStringLiteral("simulated")).toObject();
            QVERIFY2(sim.value(QStringLiteral("mean")).isDouble() &&
                         sim.value(QStringLiteral("ci95")).isDouble(),
                     key);
            QCOMPARE(f.value(QStringLiteral("allowed")).toArray().size(), 2);
            QVERIFY2(f.value(QStringLiteral("agree")).isBool(), key);
        }
        const QJsonObject sim = j.value(QStringLiteral("simulation")).toObject();
        QCOMPARE(sim.value(QStringLiteral("replications")).toInt(), 3);
        QCOMPARE(sim.value(QStringLiteral("seed")).toInt(), 5);
        QCOMPARE(sim.value(QStringLiteral("horizon_s")).toDouble(), 180.0);
        const QJsonObject verdict = j.value(QStringLiteral("verdict")).toObject();
        QVERIFY(verdict.value(QStringLiteral("agree")).isBool());
        QVERIFY(!verdict.value(QStringLiteral("text")).toString().isEmpty());
        QVERIFY(j.value(QStringLiteral("caveats")).isArray());
        const QJsonObject slo = j.value(QStringLiteral("slo")).toObject();
        QVERIFY(slo.value(QStringLiteral("met")).toBool());
        QVERIFY(slo.value(QStringLiteral("judged")).isArray() &&
                slo.value(QStringLiteral("not_judged")).isArray());
    }

    void cliJsonWithoutFigures()
    {
        QTemporaryDir dir;
        // No steady part, and an unstable queue: applicable false; unbounded waits as null.
        const QString none = writeFile(dir, QStringLiteral("none.yaml"),
                                       "poolsim: 1\nhorizon: 1m\nworkloads:\n  - name: b\n"
                                       "    arrivals: {burst: {at: 1s, count: 3}}\n    hold: 1s\n");
        Run r = runCli({QStringLiteral("analytic"), none, QStringLiteral("--json"), QStringLiteral("-")},
                       kCliTimeoutMs);
        QCOMPARE(r.exitCode, 0);
        QJsonObject j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j.value(QStringLiteral("applicable")).toBool(true), false);
        QVERIFY(j.value(QStringLiteral("figures")).isNull());
        QVERIFY(j.value(QStringLiteral("inputs")).isNull());
        QVERIFY(!j.value(QStringLiteral("reason")).toString().isEmpty());
        QCOMPARE(j.value(QStringLiteral("caveats")).toArray().size(), 1);

        const QString unstable =
            writeFile(dir, QStringLiteral("unstable.yaml"),
                      scenario("2", "none", "25/s", "{exponential: 100ms}", "", "1m", "5s"));
        r = runCli({QStringLiteral("analytic"), unstable, QStringLiteral("--json"), QStringLiteral("-")},
                   kCliTimeoutMs);
        QCOMPARE(r.exitCode, 0);
        j = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(j.value(QStringLiteral("stable")).toBool(true), false);
        const QJsonObject wait =
            j.value(QStringLiteral("figures")).toObject().value(QStringLiteral("wait_mean_s")).toObject();
        QVERIFY(wait.value(QStringLiteral("analytic")).isNull());
        QCOMPARE(wait.value(QStringLiteral("unbounded")).toBool(), true);
        QVERIFY(wait.value(QStringLiteral("agree")).isNull());
    }

    void cliExitCodes_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("output"); // a line the table (or the error) contains
        const QStringList check{QStringLiteral("--check")};
        QTest::newRow("table") << small() << QStringList() << 0 << QStringLiteral("  verdict ");
        QTest::newRow("--check, met")
            << small("slo: {timeout_ratio: 50%}\n") << check << 0 << QStringLiteral("timeout_ratio <= 50%");
        QTest::newRow("--check, not met")
            << small("slo: {wait_mean: 1ms}\n") << check << 3 << QStringLiteral("NOT MET");
        QTest::newRow("not met without --check")
            << small("slo: {wait_mean: 1ms}\n") << QStringList() << 0 << QStringLiteral("NOT MET");
        QTest::newRow("--check, a limit it cannot judge")
            << small("slo: {response_p95: 1ms}\n") << check << 0
            << QStringLiteral("response_p95 <= 1ms: not judged, not a closed-form figure");
        QTest::newRow("--check, no Poisson part")
            << QByteArray("poolsim: 1\nhorizon: 1m\nworkloads:\n  - name: b\n    arrivals: {burst: {at: 1s, "
                          "count: 3}}\n"
                          "    hold: 1s\nslo: {wait_p95: 1ms}\n")
            << check << 0 << QStringLiteral("No figures");
        QTest::newRow("bad --set") << small()
                                   << QStringList{QStringLiteral("--set"), QStringLiteral("pool.size=abc")}
                                   << 2 << QStringLiteral("pool.size");
    }
    void cliExitCodes()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, output);
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("s.yaml"), yaml);
        const Run r = runCli(QStringList{QStringLiteral("analytic"), path} + args, kCliTimeoutMs);
        QCOMPARE(r.exitCode, exitCode);
        const QString text = QString::fromUtf8(exitCode == 2 ? r.err : r.out);
        QVERIFY2(text.contains(output), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestAnalyticCli)
#include "tst_analytic_cli.moc"
