// `poolsim fit-usl` on the command line: the shipped example (docs/examples/usl-synthetic.csv,
// made from lambda 1800/s, sigma 0.04, kappa 0.0006 on 8 cores with +-3% noise) as a table, as
// JSON and as the YAML block to paste; a closed load test's curve with latencies, which fits the
// round trip too; and the exit codes and messages of bad input. The fits themselves are tested in
// tests/models/tst_usl_fit.cpp and tst_usl_round_trip_fit.cpp.
#include "cli_test_support.h"
#include "models/fitting/closed_loop.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <yaml-cpp/yaml.h>

#include <cmath>

using namespace clitest;

namespace {

const QString kExample = kSourceDir + QStringLiteral("/docs/examples/usl-synthetic.csv");

/// The example's rows as written in the file.
const double kConcurrency[] = {1, 2, 4, 8, 16, 32, 64, 128};
const double kMeasured[] = {1807.7, 3442.8, 6417.4, 10768.9, 8412.1, 5177.6, 2446.9, 890.9};

Run fitUsl(const QStringList& args)
{
    return runCli(QStringList{QStringLiteral("fit-usl")} + args);
}

/// What scripts/measure-postgres.sh writes for a one-core server (lambda 24,000/s, sigma 0.008,
/// kappa 0.00002) whose queries each spend 0.076 ms in their round trip; no pg_stat_statements.
QByteArray closedLoopCsv()
{
    poolsim::models::UslCurve server;
    server.lambda = 24000;
    server.sigma = 0.008;
    server.kappa = 0.00002;
    server.cores = 1;
    QByteArray csv("# measure-postgres.sh\nconcurrency,throughput_per_s,latency_ms,server_ms\n");
    for (const int n : {1, 2, 3, 4, 6, 8, 16, 32, 64}) {
        const poolsim::models::ClosedLoopFigures f = poolsim::models::closedLoop(server, 0.000076, n);
        csv += QStringLiteral("%1,%2,%3,\n")
                   .arg(n)
                   .arg(f.throughputPerS, 0, 'f', 6)
                   .arg(f.latencyS * 1000, 0, 'f', 6)
                   .toUtf8();
    }
    return csv;
}

} // namespace

class TestFitUslCli : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jsonOnExample()
    {
        const Run r =
            fitUsl({kExample, QStringLiteral("--cores"), QStringLiteral("8"), QStringLiteral("--json")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = r.json();
        QCOMPARE(j.value(QStringLiteral("model")).toString(), QStringLiteral("capped"));
        QCOMPARE(j.value(QStringLiteral("cores")).toInt(), 8);
        QCOMPARE(j.value(QStringLiteral("points")).toInt(), 8);
        // The parameters the file was made from, each within 4 of the fit's standard errors
        // (with 5 degrees of freedom, |t| > 4 has a chance of 1%; the noise here is +-3%).
        const QJsonObject errors = object(j, "std_errors");
        const std::pair<const char*, double> truth[] = {
            {"lambda_per_s", 1800}, {"sigma", 0.04}, {"kappa", 0.0006}};
        for (const auto& [key, value] : truth) {
            const double got = j.value(QLatin1String(key)).toDouble();
            const double se = errors.value(QLatin1String(key)).toDouble();
            QVERIFY2(se > 0 && std::fabs(got - value) <= 4 * se,
                     qPrintable(QStringLiteral("%1: %2 ± %3, made from %4")
                                    .arg(QLatin1String(key))
                                    .arg(got)
                                    .arg(se)
                                    .arg(value)));
        }
        const QJsonObject atBound = object(j, "at_bound");
        QCOMPARE(atBound.value(QStringLiteral("sigma")).toBool(true), false);
        QCOMPARE(atBound.value(QStringLiteral("kappa")).toBool(true), false);
        // sqrt((1 - sigma) / kappa) is about 40, so the capped curve peaks at the cores.
        QCOMPARE(j.value(QStringLiteral("peak_concurrency")).toDouble(), 8.0);
        const double r2 = j.value(QStringLiteral("r_squared")).toDouble();
        QVERIFY2(r2 > 0.99 && r2 < 1, qPrintable(QString::number(r2)));

        const QJsonArray rows = j.value(QStringLiteral("per_point")).toArray();
        QCOMPARE(rows.size(), qsizetype(std::size(kMeasured)));
        double peakFitted = 0;
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const QJsonObject row = rows.at(i).toObject();
            const std::size_t k = static_cast<std::size_t>(i);
            QCOMPARE(row.value(QStringLiteral("concurrency")).toDouble(), kConcurrency[k]);
            QCOMPARE(row.value(QStringLiteral("measured_per_s")).toDouble(), kMeasured[k]);
            const double fitted = row.value(QStringLiteral("fitted_per_s")).toDouble();
            const double residual = row.value(QStringLiteral("residual")).toDouble();
            QVERIFY2(std::fabs(residual - (kMeasured[k] - fitted) / kMeasured[k]) < 1e-12,
                     qPrintable(QString::number(i)));
            QVERIFY2(std::fabs(residual) < 0.03, qPrintable(QString::number(residual))); // within the noise
            peakFitted = std::max(peakFitted, fitted);
        }
        QCOMPARE(j.value(QStringLiteral("peak_throughput_per_s")).toDouble(), peakFitted); // at 8, a row
    }

    void textOnExample()
    {
        const Run r = fitUsl({kExample, QStringLiteral("--cores"), QStringLiteral("8")});
        QCOMPARE(r.exitCode, 0);
        const QString text = QString::fromUtf8(r.out);
        const QJsonObject j =
            fitUsl({kExample, QStringLiteral("--cores"), QStringLiteral("8"), QStringLiteral("--json")})
                .json();
        // The table says what the JSON says, rounded.
        const QString lambda = QString::number(j.value(QStringLiteral("lambda_per_s")).toDouble(), 'f', 1);
        const QString r2 = QString::number(j.value(QStringLiteral("r_squared")).toDouble(), 'f', 5);
        const QString expected[] = {
            QStringLiteral("^USL fit of .*usl-synthetic.csv: 8 points, capped at 8 cores$"),
            QStringLiteral("^  lambda \\(one query alone\\) +%1/s  ± ").arg(lambda),
            QStringLiteral("^  peak concurrency +8 \\(the cores;"),
            QStringLiteral("^  R squared +%1$").arg(r2),
            QStringLiteral("^ +128 +890.9 +[0-9.]+ +[-+][0-9.]+%$"),
            QStringLiteral("^  residual: \\(measured - fitted\\) / measured")};
        for (const QString& pattern : expected) {
            const QRegularExpression re(pattern, QRegularExpression::MultilineOption);
            QVERIFY2(re.match(text).hasMatch(), qPrintable(pattern + QStringLiteral("\n---\n") + text));
        }
        QCOMPARE(text.count(QLatin1Char('%')), 8); // one residual a point
    }

    void yamlOnExample()
    {
        const Run r =
            fitUsl({kExample, QStringLiteral("--cores"), QStringLiteral("8"), QStringLiteral("--yaml")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j =
            fitUsl({kExample, QStringLiteral("--cores"), QStringLiteral("8"), QStringLiteral("--json")})
                .json();
        const QString text = QString::fromUtf8(r.out);
        QVERIFY2(text.startsWith(QStringLiteral("# poolsim fit-usl ") + kExample +
                                 QStringLiteral(" --cores 8: R squared 0.99")),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("\ndatabase:\n  capacity:\n    cores: 8\n    contention: ")),
                 qPrintable(text));

        const YAML::Node root = YAML::Load(r.out.toStdString());
        QVERIFY(root.IsMap());
        QCOMPARE(root.size(), std::size_t{1});
        const YAML::Node capacity = root["database"]["capacity"];
        QVERIFY(capacity.IsMap());
        QCOMPARE(capacity.size(), std::size_t{3});
        QCOMPARE(capacity["cores"].as<int>(), 8);
        // Six significant digits: the block reproduces the fitted curve to about 1e-6.
        const double sigma = capacity["contention"].as<double>(), kappa = capacity["coherency"].as<double>();
        QVERIFY2(std::fabs(sigma / j.value(QStringLiteral("sigma")).toDouble() - 1) < 1e-5, qPrintable(text));
        QVERIFY2(std::fabs(kappa / j.value(QStringLiteral("kappa")).toDouble() - 1) < 1e-5, qPrintable(text));
    }

    void roundTripFromLatencies()
    {
        QTemporaryDir dir;
        const QString csv = writeFile(dir, QStringLiteral("measured.csv"), closedLoopCsv());
        const QJsonObject j =
            fitUsl({csv, QStringLiteral("--cores"), QStringLiteral("1"), QStringLiteral("--json")}).json();
        QVERIFY2(std::fabs(j.value(QStringLiteral("round_trip_ms")).toDouble() - 0.076) < 1e-5,
                 qPrintable(QString::number(j.value(QStringLiteral("round_trip_ms")).toDouble())));
        QVERIFY(std::fabs(j.value(QStringLiteral("lambda_per_s")).toDouble() / 24000 - 1) < 1e-4);
        QVERIFY(j.value(QStringLiteral("round_trip_limit_ms")).isNull()); // no server_ms
        QCOMPARE(object(j, "at_bound").value(QStringLiteral("round_trip")).toBool(true), false);
        // The closed loop's best: the round trip frees the one core for other queries.
        QVERIFY(j.value(QStringLiteral("best_concurrency")).toDouble() > 2);
        const QJsonObject first = j.value(QStringLiteral("per_point")).toArray().at(0).toObject();
        QVERIFY(std::fabs(first.value(QStringLiteral("fitted_latency_ms")).toDouble() /
                              first.value(QStringLiteral("measured_latency_ms")).toDouble() -
                          1) < 1e-4);

        const QString text =
            QString::fromUtf8(fitUsl({csv, QStringLiteral("--cores"), QStringLiteral("1")}).out);
        QVERIFY2(text.contains(QStringLiteral(": 9 points, capped at 1 core, with a round trip\n")),
                 qPrintable(text));
        QVERIFY2(QRegularExpression(QStringLiteral("\n  round trip \\(no server capacity\\) +0.076 ms  ± "))
                     .match(text)
                     .hasMatch(),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("\n  best connections ")), qPrintable(text));

        // --pure charges the round trip to the server, as before the round trip existed.
        const QJsonObject pure = fitUsl({csv, QStringLiteral("--cores"), QStringLiteral("1"),
                                         QStringLiteral("--json"), QStringLiteral("--pure")})
                                     .json();
        QVERIFY(!pure.contains(QStringLiteral("round_trip_ms")));
        QCOMPARE(pure.value(QStringLiteral("peak_concurrency")).toDouble(), 1.0);

        // The block pastes into a scenario that runs.
        const Run block =
            fitUsl({csv, QStringLiteral("--cores"), QStringLiteral("1"), QStringLiteral("--yaml")});
        QCOMPARE(block.exitCode, 0);
        const YAML::Node capacity = YAML::Load(block.out.toStdString())["database"]["capacity"];
        QCOMPARE(capacity.size(), std::size_t{4});
        QVERIFY2(capacity["round_trip"].as<std::string>() == "0.076ms", block.out.constData());
        const QString scenario = writeFile(dir, QStringLiteral("s.yaml"),
                                           "poolsim: 1\nname: fitted\nhorizon: 2s\nseed: 3\npool: {size: 4}\n"
                                           "workloads:\n  - {name: pgbench, arrivals: {users: 16, think: "
                                           "1ms}, hold: {exponential: 0.041667ms}}\n" +
                                               block.out);
        const Run run = runCli({QStringLiteral("run"), scenario, QStringLiteral("--quiet"),
                                QStringLiteral("--json"), QStringLiteral("-")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        // Each query holds its connection for its round trip beside its time on the server.
        const double hold =
            object(object(run.json(), "metrics"), "hold_mean_s").value(QStringLiteral("mean")).toDouble();
        QVERIFY2(hold > 0.000076 + 0.000041, qPrintable(QString::number(hold)));
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("csv"); // written to bad.csv
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message"); // stderr contains it; {FILE} is bad.csv's path
        const QByteArray ok = "clients,tps\n1,100\n2,190\n4,350\n";
        QTest::newRow("bad number") << QByteArray("clients,tps\n1,100\n2,fast\n4,350\n") << QStringList()
                                    << QStringLiteral(
                                           "{FILE}:3:3: column 2 (throughput): expected a positive number");
        QTest::newRow("one column") << ok + "\n# more\n8\n"
                                    << QStringList()
                                    << QStringLiteral("{FILE}:7:1: expected concurrency,throughput");
        QTest::newRow("two concurrencies") << QByteArray("1,100\n2,190\n") << QStringList()
                                           << QStringLiteral("{FILE}: expected rows at 3 or more distinct");
        QTest::newRow("not rising") << QByteArray("1,100\n2,100\n4,100\n") << QStringList()
                                    << QStringLiteral(
                                           "{FILE}: the throughput does not rise with concurrency");
        QTest::newRow("--yaml without --cores")
            << ok << QStringList{QStringLiteral("--yaml")}
            << QStringLiteral("--yaml needs --cores N: the block's cores");
        QTest::newRow("--cores 0") << ok << QStringList{QStringLiteral("--cores"), QStringLiteral("0")}
                                   << QStringLiteral("--cores: Value 0 not in range");
        QTest::newRow("--json with --yaml") << ok
                                            << QStringList{QStringLiteral("--json"), QStringLiteral("--yaml"),
                                                           QStringLiteral("--cores"), QStringLiteral("8")}
                                            << QStringLiteral("--json excludes --yaml");
    }
    void errors()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("bad.csv"), csv);
        const Run r = fitUsl(QStringList{path} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        const QString err = QString::fromUtf8(r.err);
        QVERIFY2(err.contains(QString(message).replace(QStringLiteral("{FILE}"), path)), qPrintable(err));
    }

    void missingFile()
    {
        const Run r = fitUsl({QStringLiteral("/nonexistent/usl.csv")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith("/nonexistent/usl.csv: cannot read the file"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestFitUslCli)
#include "tst_fit_usl_cli.moc"
