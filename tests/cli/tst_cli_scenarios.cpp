// Every command on every shipped scenario, as a pipeline would run them: each exits as it
// should, its JSON has the keys a pipeline reads, and --check agrees with the JSON's verdict.
// Runs are short (2 replications; the all-day scenario cut to its first 7 hours) because what
// the scenarios answer is pinned by tst_golden; here the commands must work on real files.
#include "cli_test_support.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace clitest;

namespace {
/// `poolsim COMMAND FILE ARGS...` with the short-run options.
Run poolsim(const QString& command, const QString& name, QStringList args)
{
    QStringList all{command, kSourceDir + QStringLiteral("/scenarios/") + name};
    if (command != QLatin1String("validate")) {
        all << QStringLiteral("--replications") << QStringLiteral("2") << QStringLiteral("--quiet");
        if (name == QLatin1String("production-day.yaml"))
            all << QStringLiteral("--set") << QStringLiteral("horizon=7h"); // the first shift change is at 6h
    }
    all += args;
    return runCli(all, 300000);
}

QString describe(const Run& r)
{
    return QStringLiteral("exit %1, stderr: %2").arg(r.exitCode).arg(QString::fromUtf8(r.err));
}
} // namespace

class TestCliScenarios : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void commands_data()
    {
        QTest::addColumn<QString>("name");
        const QStringList files = QDir(kSourceDir + QStringLiteral("/scenarios"))
                                      .entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 8);
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << f;
    }

    void commands()
    {
        QFETCH(QString, name);
        const QStringList json{QStringLiteral("--json"), QStringLiteral("-")};

        const Run validate = poolsim(QStringLiteral("validate"), name, {});
        QVERIFY2(validate.exitCode == 0 && validate.out == "ok\n", qPrintable(describe(validate)));

        // run: the verdict in the JSON, and --check exits 3 exactly when it is "not met".
        const Run run = poolsim(QStringLiteral("run"), name, json);
        QVERIFY2(run.exitCode == 0, qPrintable(describe(run)));
        const QJsonObject runJson = run.json();
        QVERIFY(runJson.value(QStringLiteral("metrics")).toObject().contains(QStringLiteral("wait_p95_s")));
        QVERIFY(runJson.value(QStringLiteral("alerts")).isArray());
        const QJsonObject slo = runJson.value(QStringLiteral("slo")).toObject();
        QVERIFY2(!slo.isEmpty(), "every shipped scenario states its service levels");
        const Run checked = poolsim(QStringLiteral("run"), name, {QStringLiteral("--check")});
        QCOMPARE(checked.exitCode, slo.value(QStringLiteral("met")).toBool() ? 0 : 3);

        // compare: every variant, with differences against the baseline.
        const Run compare = poolsim(QStringLiteral("compare"), name, json);
        QVERIFY2(compare.exitCode == 0, qPrintable(describe(compare)));
        const QJsonArray variants = compare.json().value(QStringLiteral("variants")).toArray();
        QVERIFY(variants.size() >= 2);
        QCOMPARE(compare.json().value(QStringLiteral("differences")).toObject().size(), variants.size() - 1);

        // sweep: two pool sizes, one row each.
        const Run sweep =
            poolsim(QStringLiteral("sweep"), name,
                    json + QStringList{QStringLiteral("--param"), QStringLiteral("pool.size=20,40")});
        QVERIFY2(sweep.exitCode == 0, qPrintable(describe(sweep)));
        QCOMPARE(sweep.json().value(QStringLiteral("points")).toArray().size(), 2);

        // recommend: a size (or a clear "none"), and the keys a pipeline reads.
        const Run recommend =
            poolsim(QStringLiteral("recommend"), name,
                    json + QStringList{QStringLiteral("--max-pool"), QStringLiteral("200")});
        QVERIFY2(recommend.exitCode == 0, qPrintable(describe(recommend)));
        const QJsonObject recommended = recommend.json().value(QStringLiteral("recommended")).toObject();
        QVERIFY(recommended.contains(QStringLiteral("pool_size")) &&
                recommended.contains(QStringLiteral("instances")));
        if (recommend.json().value(QStringLiteral("found")).toBool())
            QVERIFY(recommended.value(QStringLiteral("pool_size")).toInt() >= 1);

        // analytic: figures, or a plain "not applicable" for scenarios without steady traffic.
        const Run analytic = poolsim(QStringLiteral("analytic"), name, json);
        QVERIFY2(analytic.exitCode == 0, qPrintable(describe(analytic)));
        const QJsonObject a = analytic.json();
        QVERIFY(a.contains(QStringLiteral("applicable")));
        if (a.value(QStringLiteral("applicable")).toBool())
            QVERIFY(a.value(QStringLiteral("verdict")).toObject().contains(QStringLiteral("agree")));
    }
};

QTEST_GUILESS_MAIN(TestCliScenarios)
#include "tst_cli_scenarios.moc"
