// The failure loop on the command line: the failure story right under `poolsim run`'s header
// and its metric rows, the `failures` block of the JSON, the story per variant and the rows of
// `poolsim compare` (table, markdown, JSON), service levels on failures (availability judged
// on its lower end, --check's lines, located load errors), the instance-down alert, and
// `recommend` sizing a pool so that no instance fails. None of it shows without the loop.
#include "cli_test_support.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace clitest;

namespace {

// Two reports take the whole pool of 2 from 31 s; the probes at 35, 40 and 45 s cannot get a
// connection within 2 s, so the instance fails at 47 s in every replication and is down for
// the 20 s restart: availability 1 - 20 / 300. With 4 connections (after) it never fails.
const QByteArray kStarved = R"(poolsim: 1
name: reports starve the probe
horizon: 5m
replications: 3
seed: 4
pool: {size: 2, timeout: none}
backend:
  health_check: {every: 5s, timeout: 2s, failures: 3}
  restart: 20s
workloads:
  - name: api
    arrivals: {poisson: 1/s}
    hold: 10ms
  - name: reports
    arrivals: {burst: {at: 31s, count: 2, within: 0s}}
    hold: 60s
variants:
  - name: before
    set: {pool.size: 2}
  - name: after
    set: {pool.size: 4}
slo:
  crashes: 0
  availability: 99%
)";

const QByteArray kStory =
    "An instance failed in every one of 3 replications, first at 00:00:47. 1.00 failures per "
    "replication, availability 93.333%.";

// The same without a health check: nothing can fail, and nothing of the loop shows.
QByteArray neverFails()
{
    QByteArray text = kStarved;
    text.replace("  health_check: {every: 5s, timeout: 2s, failures: 3}\n", "");
    text.replace("slo:\n  crashes: 0\n  availability: 99%\n", "slo: {wait_p95: 1s}\n");
    return text;
}

QStringList lines(const QByteArray& text)
{
    return QString::fromUtf8(text).split(QLatin1Char('\n'));
}

} // namespace

class TestFailureCli : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_starved, m_never;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_starved = writeFile(m_dir, QStringLiteral("starved.yaml"), kStarved);
        m_never = writeFile(m_dir, QStringLiteral("never.yaml"), neverFails());
    }

    // ---- poolsim run ----------------------------------------------------------------------------

    void summaryTellsTheStoryFirst()
    {
        const Run r = runCli("run", m_starved, "--threads 1");
        QCOMPARE(r.exitCode, 0);
        const QStringList out = lines(r.out);
        QCOMPARE(out[0], QStringLiteral("reports starve the probe"));
        QVERIFY(out[1].startsWith(QLatin1String("  3 replications")));
        QCOMPARE(out[2], QString());
        // The sentence, wrapped at 100 columns, before the metric table.
        QCOMPARE(out[3] + QLatin1Char(' ') + out[4].trimmed(),
                 QStringLiteral("  ") + QString::fromUtf8(kStory));
        QVERIFY(out[3].size() <= 100 && out[4].startsWith(QLatin1String("  ")));
        QCOMPARE(out[5], QString());
        QVERIFY(out[6].trimmed().startsWith(QLatin1String("metric")));
        const QString text = QString::fromUtf8(r.out);
        for (const char* row :
             {"instance failures                        1.00", "replications with a failure",
              "first instance failure               47.000 s", "instance downtime",
              "availability                          93.333%", "failed with their instance", "no instance up",
              "failed health checks", "most instances down"})
            QVERIFY2(text.contains(QLatin1String(row)), row);
        // Parts this scenario does not have.
        QVERIFY(!text.contains(QLatin1String("rejected (overload)")));
        QVERIFY(!text.contains(QLatin1String("client timeouts")));
        // Availability is judged on the lower end of its interval, and says so.
        QVERIFY(text.contains(QLatin1String("the lower end for a minimum): NOT MET")));
        QVERIFY(text.contains(QLatin1String("availability >= 99%                  MISSED")));
        QVERIFY(text.contains(QLatin1String("93.333% (lower)")));
        // The instance-down default rule fired where the instance was down.
        QVERIFY(text.contains(QLatin1String("alerts (the default rules")));
        QVERIFY(text.contains(QLatin1String("instance-down        00:00:47  20 s")));
    }

    void withoutTheLoopNothingShows()
    {
        const Run r = runCli("run", m_never, "--threads 1");
        QCOMPARE(r.exitCode, 0);
        const QStringList out = lines(r.out);
        QCOMPARE(out[2], QString());
        QVERIFY(out[3].trimmed().startsWith(QLatin1String("metric")));
        const QString text = QString::fromUtf8(r.out);
        for (const char* absent : {"instance", "availability", "health check"})
            QVERIFY2(!text.contains(QLatin1String(absent)), absent);
        const QJsonObject j = runCli("run", m_never, "--quiet --json -").json();
        QVERIFY(!j.contains(QStringLiteral("failures")));
        QCOMPARE(j.value(QStringLiteral("alerts")).toArray().size(), 4);
        QVERIFY(!object(j, "metrics").contains(QStringLiteral("crashes")));
    }

    void loadSheddingAndClientTimeoutsHaveTheirRows()
    {
        QByteArray text = neverFails();
        text.replace("  restart: 20s\n", "  max_pending: 3\n  on_overload: reject\n");
        text.replace("    hold: 10ms\n", "    hold: 10ms\n    client_timeout: 5s\n");
        const QString path = writeFile(m_dir, QStringLiteral("shedding.yaml"), text);
        const Run r = runCli("run", path);
        QCOMPARE(r.exitCode, 0);
        const QString out = QString::fromUtf8(r.out);
        QVERIFY(out.contains(QLatin1String("rejected (overload)")));
        QVERIFY(out.contains(QLatin1String("client timeouts")));
        // Its instances cannot fail: no story, no instance rows, no instance-down rule.
        QVERIFY(!out.contains(QLatin1String("instance")));
        QVERIFY(lines(r.out)[3].trimmed().startsWith(QLatin1String("metric")));
    }

    void jsonHasTheFailures()
    {
        const Run r = runCli("run", m_starved, "--quiet --json -");
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = r.json();
        const QStringList keys = j.keys();
        QVERIFY(keys.contains(QStringLiteral("failures")));
        const QJsonObject f = object(j, "failures");
        QCOMPARE(f.value(QStringLiteral("text")).toString(), QString::fromUtf8(kStory));
        QCOMPARE(f.value(QStringLiteral("replications")).toInt(), 3);
        QCOMPARE(f.value(QStringLiteral("replications_with_failure")).toInt(), 3);
        QCOMPARE(f.value(QStringLiteral("cascaded_replications")).toInt(), 0);
        QCOMPARE(f.value(QStringLiteral("instances")).toInt(), 1);
        const QJsonObject first = object(f, "first_failure_s");
        QCOMPARE(first.value(QStringLiteral("mean")).toDouble(), 47.0);
        QCOMPARE(first.value(QStringLiteral("min")).toDouble(), 47.0);
        QCOMPARE(first.value(QStringLiteral("max")).toDouble(), 47.0);
        QCOMPARE(f.value(QStringLiteral("failures_per_replication")).toDouble(), 1.0);
        QCOMPARE(f.value(QStringLiteral("recorded_per_replication_max")).toInt(), 1000);
        const QJsonArray reps = f.value(QStringLiteral("per_replication")).toArray();
        QCOMPARE(reps.size(), 3);
        for (const QJsonValue& rep : reps) {
            QVERIFY(!rep.toObject().value(QStringLiteral("capped")).toBool());
            const QJsonArray events = rep.toObject().value(QStringLiteral("events")).toArray();
            QCOMPARE(events.size(), 1);
            const QJsonObject e = events[0].toObject();
            QCOMPARE(e.value(QStringLiteral("at_s")).toDouble(), 47.0);
            QCOMPARE(e.value(QStringLiteral("instance")).toInt(), 0);
            QCOMPARE(e.value(QStringLiteral("cause")).toString(), QStringLiteral("health_check"));
        }
        const QJsonObject metrics = object(j, "metrics");
        for (const char* name : {"crashes", "crash_replications", "first_crash_s", "failed_instances",
                                 "downtime_s", "availability", "crashed", "unavailable", "probe_failures"})
            QVERIFY2(metrics.contains(QLatin1String(name)), name);
        QVERIFY(!metrics.contains(QStringLiteral("rejected")));
        QVERIFY(!metrics.contains(QStringLiteral("client_timeouts")));

        // The availability limit: judged on its lower end, which the JSON gives.
        const QJsonArray checks = object(j, "slo").value(QStringLiteral("checks")).toArray();
        QCOMPARE(checks.size(), 2);
        const QJsonObject availability = checks[1].toObject();
        QCOMPARE(availability.value(QStringLiteral("key")).toString(), QStringLiteral("availability"));
        QVERIFY(availability.value(QStringLiteral("at_least")).toBool());
        QVERIFY(!availability.value(QStringLiteral("met")).toBool());
        QVERIFY(qAbs(availability.value(QStringLiteral("lower")).toDouble() - 280.0 / 300) < 1e-12);
        QVERIFY(!checks[0].toObject().contains(QStringLiteral("lower")));

        const QJsonArray alerts = j.value(QStringLiteral("alerts")).toArray();
        QCOMPARE(alerts.size(), 5);
        const QJsonObject down = alerts[4].toObject();
        QCOMPARE(down.value(QStringLiteral("name")).toString(), QStringLiteral("instance-down"));
        QCOMPARE(down.value(QStringLiteral("signal")).toString(), QStringLiteral("instances_down"));
        QCOMPARE(down.value(QStringLiteral("fired_replications")).toInt(), 3);
        const QJsonObject period = down.value(QStringLiteral("periods")).toArray()[0].toObject();
        QCOMPARE(period.value(QStringLiteral("start_s")).toDouble(), 47.0);
        QCOMPARE(period.value(QStringLiteral("duration_s")).toDouble(), 20.0);
    }

    void checkNamesTheLowerBound()
    {
        const Run r = runCli("run", m_starved, "--quiet --check");
        QCOMPARE(r.exitCode, 3);
        QCOMPARE(QString::fromUtf8(r.err),
                 QStringLiteral(
                     "poolsim: service level not met: crashes <= 0: 1.00 ± 0.00 (upper 95% bound 1.00)\n"
                     "poolsim: service level not met: availability >= 99%: 93.333 ± 0.000% (lower "
                     "95% bound 93.333%)\n"));
        // With enough connections nothing fails: met, exit 0.
        QCOMPARE(runCli("run", m_starved, "--quiet --check --variant after").exitCode, 0);
    }

    void userRuleOnInstancesDown()
    {
        QByteArray text = kStarved;
        text += "alerts:\n  - {name: down-long, signal: instances_down, above: 0.5, for: 15s}\n"
                "  - {name: down-longer, signal: instances_down, above: 0.5, for: 30s}\n";
        const QString path = writeFile(m_dir, QStringLiteral("rules.yaml"), text);
        const QJsonArray alerts =
            runCli("run", path, "--quiet --json -").json().value(QStringLiteral("alerts")).toArray();
        QCOMPARE(alerts.size(), 2);
        QCOMPARE(alerts[0].toObject().value(QStringLiteral("fired_replications")).toInt(), 3);
        QCOMPARE(alerts[1].toObject().value(QStringLiteral("fired_replications")).toInt(), 0);
    }

    // ---- Load errors --------------------------------------------------------------------------

    void limitsOnFailuresNeedInstancesThatCanFail()
    {
        QByteArray text = neverFails();
        text.replace("slo: {wait_p95: 1s}\n", "slo: {wait_p95: 1s, crashes: 0}\n");
        const QString path = writeFile(m_dir, QStringLiteral("bad.yaml"), text);
        for (const char* command : {"validate", "run", "compare", "recommend", "sweep"}) {
            const Run r = runCli({QLatin1String(command), path});
            QCOMPARE(r.exitCode, 2);
            QCOMPARE(QString::fromUtf8(r.err),
                     path +
                         QStringLiteral(":21:21: slo.crashes: crashes needs backend.health_check, or "
                                        "backend.max_pending with on_overload: crash, in the scenario or in "
                                        "one of its variants (without, no instance ever fails)\n"));
        }
        // A --set that gives the instances a health check makes the limit stand.
        const Run ok = runCli({QStringLiteral("validate"), path, QStringLiteral("--set"),
                               QStringLiteral("backend.health_check.every=5s")});
        QCOMPARE(ok.exitCode, 0);
    }

    // ---- poolsim compare ------------------------------------------------------------------------

    void compareHasRowsAndAStoryPerVariant()
    {
        const Run r = runCli("compare", m_starved);
        QCOMPARE(r.exitCode, 0);
        const QString text = QString::fromUtf8(r.out);
        QVERIFY(text.contains(QStringLiteral("\n  instance failures\n    before: ") +
                              QString::fromUtf8(kStory) +
                              QStringLiteral("\n    after: No instance failed in 3 replications.\n")));
        for (const char* row : {"  instance failures   ", "  availability   ",
                                "  failed with their instance  ", "  first instance failure  "})
            QVERIFY2(text.contains(QLatin1String(row)), row);
        QVERIFY(text.contains(QLatin1String("the lower end for a minimum)\n    before: NOT met\n")));
        QVERIFY(text.contains(QLatin1String("    after: met\n")));
        QVERIFY(text.contains(QLatin1String("before: 1 of 5 rules: instance-down")));
        QVERIFY(text.contains(QLatin1String("after: 1 of 5 rules: slow-responses")));

        // Markdown: the table's rows, then the stories below it.
        const Run md = runCli("compare", m_starved, "--markdown");
        const QStringList out = lines(md.out);
        QCOMPARE(out.size(), 10); // header, rule, 2 rows, "", heading, "", 2 stories, ""
        for (int i = 0; i < 4; ++i)
            QVERIFY(out[i].startsWith(QLatin1Char('|')));
        QCOMPARE(out[5], QStringLiteral("Instance failures:"));
        QCOMPARE(out[7], QStringLiteral("- before: ") + QString::fromUtf8(kStory));
        QCOMPARE(out[8], QStringLiteral("- after: No instance failed in 3 replications."));

        // JSON: the differences of the failure metrics, and each variant's failures block.
        const QJsonObject j = runCli("compare", m_starved, "--quiet --json -").json();
        const QJsonObject diff = object(object(object(j, "differences"), "after"), "metrics");
        QCOMPARE(object(diff, "crashes").value(QStringLiteral("mean")).toDouble(), -1.0);
        QVERIFY(diff.contains(QStringLiteral("availability")));
        const QJsonArray variants = j.value(QStringLiteral("variants")).toArray();
        QCOMPARE(object(object(variants[1].toObject(), "result"), "failures")
                     .value(QStringLiteral("replications_with_failure"))
                     .toInt(),
                 0);
    }

    void compareWithoutTheLoopHasNone()
    {
        const Run r = runCli("compare", m_never);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(!r.out.contains("instance"));
        QVERIFY(!r.out.contains("lower end"));
        const Run md = runCli("compare", m_never, "--markdown");
        QCOMPARE(lines(md.out).size(), 5); // header, rule, 2 rows, ""
    }

    // ---- poolsim recommend ----------------------------------------------------------------------

    void recommendSizesThePoolSoThatNoInstanceFails()
    {
        const Run r = runCli("recommend", m_starved, "--quiet --json -");
        QCOMPARE(r.exitCode, 0);
        const QJsonObject j = r.json();
        // Two reports hold two connections for a minute: the probe needs a third.
        QCOMPARE(object(j, "recommended").value(QStringLiteral("pool_size")).toInt(), 3);
        bool sawTwo = false;
        for (const QJsonValue& v : j.value(QStringLiteral("probes")).toArray()) {
            const QJsonObject p = v.toObject();
            const double crashes =
                object(object(p, "metrics"), "crashes").value(QStringLiteral("mean")).toDouble();
            QCOMPARE(p.value(QStringLiteral("met")).toBool(), crashes == 0);
            if (p.value(QStringLiteral("pool_size")).toInt() == 2) {
                sawTwo = true;
                QCOMPARE(crashes, 1.0);
            }
        }
        QVERIFY(sawTwo);
        const Run text = runCli("recommend", m_starved);
        QVERIFY(text.out.contains("crashes <= 0; availability >= 99%"));
        QVERIFY(text.out.contains("instance failures  availability  for"));
    }
};

QTEST_GUILESS_MAIN(TestFailureCli)
#include "tst_failure_cli.moc"
