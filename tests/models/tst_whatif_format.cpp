// The what-if sections of the scenario format (variants, slo, alerts, sweep) and backend.users,
// database.cores/spindles: each key read as written, save -> load round trips that keep the
// values' written forms, and located errors for bad input (applying changes: tst_whatif_settings).
// moc (Qt 6.4) cannot parse the C++20 headers these include; it needs only the test class.
#ifndef Q_MOC_RUN
#include "models/scenario/scenario_error.h"
#include "models/scenario/scenario_planning.h"
#include "models/scenario/scenario_yaml.h"
#include "models/scenario/units.h"
#endif

#include <QtTest>

#include <exception>
#include <stdexcept>
#include <string>
#include <vector>

#include "scenario_test_support.h"

namespace {

const QByteArray kHead = "poolsim: 1\nhorizon: 1h\nseed: 3\nreplications: 2\n";
const QByteArray kApi = "workloads:\n  - name: api\n    arrivals: {poisson: 5/s}\n    hold: 100ms\n"
                        "  - {name: reports, arrivals: {poisson: 1/m}, hold: 5s, connections: 2}\n";
/// kHead + kApi: 9 lines, so what-if sections start on line 10.
const QByteArray kBaseText = kHead + kApi;

Scenario load(const QByteArray& yaml)
{
    return loadScenarioText(yaml.toStdString(), "scenario.yaml", kDataDir);
}

/// what() of the error loading `yaml`, or "(no error)".
std::string loadError(const QByteArray& yaml)
{
    try {
        load(yaml);
    } catch (const ScenarioError& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("not a ScenarioError: ") + e.what();
    }
    return "(no error)";
}

/// Every value's written form, which Scenario::operator== leaves out (80% and 0.8 are equal).
std::string writtenForms(const Scenario& s)
{
    std::string out;
    for (const Variant& v : s.variants)
        for (const SettingChange& c : v.set)
            out += "set " + c.path + "=" + c.value + "\n";
    for (const SloLimit& l : s.slo)
        out += "slo " + l.workload + "/" + l.key + "=" + l.text + "\n";
    if (s.alerts)
        for (const AlertRule& r : *s.alerts)
            out += "alert " + r.name + " above " + r.thresholdText + "\n";
    for (const SweepParam& p : s.sweep)
        out += "sweep " + p.path + "=" + p.text + "\n";
    return out;
}

/// "5|10|15": values in one comparable string.
QByteArray joined(const std::vector<std::string>& values)
{
    QByteArray out;
    for (std::size_t i = 0; i < values.size(); ++i)
        out += (i ? "|" : "") + QByteArray::fromStdString(values[i]);
    return out;
}

} // namespace

class TstWhatIfFormat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- Reading ------------------------------------------------------------------------

    void readsVariants()
    {
        const Scenario s =
            load(kBaseText + "variants:\n"
                             "  - name: bigger\n"
                             "    description: More connections.\n"
                             "    set: {pool.size: 25, \"workloads[0].hold\": 200ms, name: \"Peak: 2x\"}\n"
                             "  - name: as is\n");
        QCOMPARE(s.variants.size(), std::size_t{2});
        const Variant& v = s.variants[0];
        QCOMPARE(v.name, std::string("bigger"));
        QCOMPARE(v.description, std::string("More connections."));
        QCOMPARE(v.set.size(), std::size_t{3});
        QCOMPARE(v.set[0].path, std::string("pool.size"));
        QCOMPARE(v.set[0].value, std::string("25"));
        QCOMPARE(v.set[0].file, std::string("scenario.yaml"));
        QCOMPARE(v.set[0].line, 13);
        QCOMPARE(v.set[0].column, 22);
        QCOMPARE(v.set[1].path, std::string("workloads[0].hold"));
        QCOMPARE(v.set[1].value, std::string("200ms"));
        QCOMPARE(v.set[2].value, std::string("Peak: 2x"));
        QCOMPARE(s.variants[1].name, std::string("as is"));
        QVERIFY(s.variants[1].set.empty());
        QVERIFY(s.variants[1].description.empty());
    }

    void readsSloLimit_data()
    {
        QTest::addColumn<QByteArray>("entry");
        QTest::addColumn<QString>("key");
        QTest::addColumn<double>("limit");
        QTest::newRow("duration ms") << QByteArray("wait_p95: 250ms") << "wait_p95" << 0.25;
        QTest::newRow("duration plain seconds") << QByteArray("response_p99: 2") << "response_p99" << 2.0;
        QTest::newRow("duration zero") << QByteArray("wait_max: 0") << "wait_max" << 0.0;
        QTest::newRow("percentage") << QByteArray("timeout_ratio: 0.1%") << "timeout_ratio" << 0.001;
        QTest::newRow("percentage 100") << QByteArray("utilization_max: 100%") << "utilization_max" << 1.0;
        QTest::newRow("fraction") << QByteArray("utilization_mean: 0.9") << "utilization_mean" << 0.9;
        QTest::newRow("count zero") << QByteArray("timeouts: 0") << "timeouts" << 0.0;
        QTest::newRow("count decimal") << QByteArray("waiters_mean: 2.5") << "waiters_mean" << 2.5;
        QTest::newRow("count large") << QByteArray("unfinished: 1e3") << "unfinished" << 1000.0;
    }
    void readsSloLimit()
    {
        QFETCH(QByteArray, entry);
        QFETCH(QString, key);
        QFETCH(double, limit);
        const Scenario s = load(kBaseText + "slo:\n  " + entry + "\n");
        QCOMPARE(s.slo.size(), std::size_t{1});
        QCOMPARE(QString::fromStdString(s.slo[0].key), key);
        QVERIFY(s.slo[0].workload.empty());
        QCOMPARE(s.slo[0].limit, limit);
        QCOMPARE(QByteArray::fromStdString(s.slo[0].key + ": " + s.slo[0].text), entry);
    }

    void readsWorkloadSlo()
    {
        const Scenario s =
            load(kBaseText + "slo:\n  wait_p95: 1s\n  workloads:\n"
                             "    reports: {response_p95: 30s, timeouts: 0}\n    api: {wait_p99: 50ms}\n");
        QCOMPARE(s.slo.size(), std::size_t{4});
        QCOMPARE(s.slo[0].workload, std::string());
        QCOMPARE(s.slo[1].workload, std::string("reports"));
        QCOMPARE(s.slo[1].key, std::string("response_p95"));
        QCOMPARE(s.slo[1].limit, 30.0);
        QCOMPARE(s.slo[2].workload, std::string("reports"));
        QCOMPARE(s.slo[2].key, std::string("timeouts"));
        QCOMPARE(s.slo[3].workload, std::string("api"));
        QCOMPARE(s.slo[3].limit, 0.05);
        // An empty slo, or a workload given no limits, sets none.
        QVERIFY(load(kBaseText + "slo:\n").slo.empty());
        QVERIFY(load(kBaseText + "slo: {workloads: {api: {}}}\n").slo.empty());
    }

    void readsAlerts()
    {
        QVERIFY(!load(kBaseText).alerts.has_value()); // absent: the default rules apply
        const Scenario none = load(kBaseText + "alerts: []\n");
        QVERIFY(none.alerts.has_value());
        QVERIFY(none.alerts->empty());

        const Scenario s =
            load(kBaseText + "alerts:\n"
                             "  - {name: busy pool, signal: utilization, above: 90%, window: 1m, for: 2m}\n"
                             "  - {signal: wait_p99, above: 500ms}\n"
                             "  - {name: many timeouts, signal: timeouts, above: 10, window: 5m, for: 0}\n");
        QCOMPARE(s.alerts->size(), std::size_t{3});
        const AlertRule& a = (*s.alerts)[0];
        QCOMPARE(a.name, std::string("busy pool"));
        QCOMPARE(a.signal, std::string("utilization"));
        QCOMPARE(a.threshold, 0.9);
        QCOMPARE(a.thresholdText, std::string("90%"));
        QCOMPARE(a.window, std::optional<SimTime>(sec(60)));
        QCOMPARE(a.forAtLeast, std::optional<SimTime>(sec(120)));
        const AlertRule& b = (*s.alerts)[1];
        QCOMPARE(b.name, std::string("wait_p99")); // the signal's name when none is given
        QCOMPARE(b.threshold, 0.5);
        QVERIFY(!b.window);
        QVERIFY(!b.forAtLeast);
        const AlertRule& c = (*s.alerts)[2];
        QCOMPARE(c.threshold, 10.0);
        QCOMPARE(c.forAtLeast, std::optional<SimTime>(SimTime::zero()));
    }

    void readsSweep()
    {
        const Scenario s =
            load(kBaseText + "sweep:\n  pool.size: 5:20:5\n  pool.timeout: [250ms, 1s, none]\n");
        QCOMPARE(s.sweep.size(), std::size_t{2});
        QCOMPARE(s.sweep[0].path, std::string("pool.size"));
        QCOMPARE(joined(s.sweep[0].values), QByteArray("5|10|15|20"));
        QCOMPARE(s.sweep[0].text, std::string("5:20:5"));
        QCOMPARE(s.sweep[1].path, std::string("pool.timeout"));
        QCOMPARE(joined(s.sweep[1].values), QByteArray("250ms|1s|none"));
        QVERIFY(s.sweep[1].text.empty()); // a list
        const Scenario list = load(kBaseText + "sweep: {backend.instances: \"1, 2,4\"}\n");
        QCOMPARE(joined(list.sweep[0].values), QByteArray("1|2|4"));
        QCOMPARE(list.sweep[0].text, std::string("1, 2,4"));
    }

    void readsSizingInputs()
    {
        const Scenario s = load(kHead + "backend: {users: 400}\ndatabase: {cores: 8, spindles: 0}\n" + kApi);
        QCOMPARE(s.backend.users, std::optional<std::int64_t>(400));
        QCOMPARE(s.database.cores, std::optional<std::int64_t>(8));
        QCOMPARE(s.database.spindles, std::optional<std::int64_t>(0));
        const Scenario none = load(kBaseText);
        QVERIFY(!none.backend.users && !none.database.cores && !none.database.spindles);
    }

    // ---- Round trips ----------------------------------------------------------------------

    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        const auto row = [](const char* name, const QByteArray& whatIf) {
            QTest::newRow(name) << kHead + "backend: {users: 120}\ndatabase: {cores: 4}\n" + kApi + whatIf;
        };
        row("variants",
            "variants:\n  - name: bigger\n    description: |\n      Two lines\n      of text.\n"
            "    set: {pool.size: 25, \"workloads[reports].connections\": 1, pool.timeout: none}\n"
            "  - name: quoted\n    set: {name: \"Peak: 2x\", description: \"load #2\", slo.timeout_ratio: "
            "80%}\n"
            "  - name: plain\nslo: {timeout_ratio: 1%}\n");
        row("slo with percentages and fractions",
            "slo: {utilization_mean: 80%, wait_ratio: 0.25, wait_p95: 1.5s}\n");
        row("workload slo",
            "slo:\n  timeouts: 0\n  workloads:\n    reports: {response_p95: 30s}\n    api: {wait_p99: 50ms, "
            "timeout_ratio: 0.5%}\n");
        row("only workload slo", "slo: {workloads: {reports: {response_mean: 10s}}}\n");
        row("no alerts", "alerts: []\n");
        row("alerts",
            "alerts:\n  - {name: \"busy: pool\", signal: utilization, above: 80%, for: 1m}\n"
            "  - {signal: timeouts, above: 0, window: 5m}\n  - {name: slow, signal: wait_p95, above: 1s, "
            "window: 30s, for: 0s}\n");
        row("sweep range", "sweep: {pool.size: 5:60:5}\n");
        row("sweep durations and list", "sweep:\n  pool.timeout: 250ms:1s:250ms\n  "
                                        "\"workloads[api].arrivals.poisson\": [5/s, 10/s, 20/s]\n");
        row("sweep comma list", "sweep: {pool.size: \"8,12, 16\"}\n");
    }
    void roundTrip()
    {
        QFETCH(QByteArray, yaml);
        const Scenario first = load(yaml);
        const std::string saved = saveScenarioText(first);
        const Scenario second = loadScenarioText(saved, "saved.yaml", kDataDir);
        if (!(second == first))
            QFAIL(qPrintable(QStringLiteral("not equal after save:\n") + QString::fromStdString(saved)));
        QCOMPARE(QString::fromStdString(writtenForms(second)), QString::fromStdString(writtenForms(first)));
        QCOMPARE(second.backend.users, std::optional<std::int64_t>(120));
        QCOMPARE(second.database.cores, std::optional<std::int64_t>(4));
        // Canonical: the saved text saves to itself.
        QCOMPARE(QString::fromStdString(saveScenarioText(second)), QString::fromStdString(saved));
    }

    void savesNoAlertsAsEmptyList()
    {
        const std::string saved = saveScenarioText(load(kBaseText + "alerts: []\n"));
        QVERIFY2(saved.find("\nalerts: []\n") != std::string::npos, saved.c_str());
        QVERIFY(saveScenarioText(load(kBaseText)).find("alerts") == std::string::npos);
    }

    void savesLimitsGroupedByWorkload()
    {
        // Limits built in any order save as one map per workload (a workload's limits apart
        // would be a duplicate key), the limits on all requests first.
        Scenario s = load(kBaseText);
        s.slo = {{"wait_p95", "api", 0.1, "100ms"},
                 {"timeouts", "", 0, "0"},
                 {"response_p95", "reports", 30, "30s"},
                 {"wait_p99", "api", 0.2, "200ms"}};
        const std::string saved = saveScenarioText(s);
        const Scenario back = loadScenarioText(saved, "saved.yaml", kDataDir);
        QCOMPARE(back.slo.size(), std::size_t{4});
        QCOMPARE(back.slo[0], s.slo[1]);
        QCOMPARE(back.slo[1], s.slo[0]);
        QCOMPARE(back.slo[2], s.slo[3]);
        QCOMPARE(back.slo[3], s.slo[2]);
    }

    void savesValuesMadeWithoutText()
    {
        // Limits and thresholds made by a program may lack their written form: the value is
        // written in the key's unit so that the file loads back to it.
        Scenario s = load(kBaseText);
        s.slo = {
            {"response_mean", "", 1.5, ""}, {"utilization_mean", "", 0.7, ""}, {"waiters_max", "api", 3, ""}};
        s.alerts = std::vector<AlertRule>{{"slow", "wait_p95", 0.25, "", std::nullopt, sec(60)}};
        const std::string saved = saveScenarioText(s);
        const Scenario back = loadScenarioText(saved, "saved.yaml", kDataDir);
        QVERIFY2(back == s, saved.c_str());
        QCOMPARE(back.slo[0].text, std::string("1.5s"));
        QCOMPARE(back.slo[1].text, std::string("0.7"));
        QCOMPARE((*back.alerts)[0].thresholdText, std::string("250ms"));
    }

    // ---- Errors ---------------------------------------------------------------------------

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("message");
        const auto row = [](const char* name, const QByteArray& whatIf, const char* message) {
            QTest::newRow(name) << kBaseText + whatIf << QString::fromUtf8(message);
        };
        // variants (line 10 is the section's first)
        row("variants not a list", "variants: {a: 1}\n",
            "scenario.yaml:10:11: variants: expected a list of variants (each - name: ..., set: {pool.size: "
            "25}), got a map");
        row("variant without name", "variants:\n  - set: {pool.size: 3}\n",
            "scenario.yaml:11:5: variants[0]: missing required key 'name' (what the variant is called, such "
            "as after)");
        row("variant name with comma", "variants:\n  - name: \"a,b\"\n",
            "scenario.yaml:11:11: variants[0].name: a variant needs a name without commas");
        row("variant name empty", "variants:\n  - name: \"\"\n",
            "scenario.yaml:11:11: variants[0].name: a variant needs a name without commas");
        row("duplicate variant", "variants:\n  - name: a\n  - name: a\n",
            "scenario.yaml:12:11: variants[1].name: duplicate variant name 'a' (also variants[0])");
        row("variant unknown key", "variants:\n  - {name: a, sets: {pool.size: 3}}\n",
            "scenario.yaml:11:15: variants[0]: unknown key 'sets' (expected one of name, description, set)");
        row("set not a map", "variants:\n  - {name: a, set: [pool.size]}\n",
            "scenario.yaml:11:20: variants[0].set: expected a map of changes such as {pool.size: 25, "
            "pool.timeout: "
            "15s}, got a list");
        row("set value a list", "variants:\n  - {name: a, set: {pool.size: [1]}}\n",
            "scenario.yaml:11:32: variants[0].set.pool.size: expected a single value (a number, a duration, "
            "none...), "
            "got a list");
        row("set value bad", "variants:\n  - name: big\n    set: {pool.size: abc}\n",
            "scenario.yaml:12:22: pool.size: expected an integer from 1 to 100000, got 'abc' (set by variant "
            "'big')");
        row("set unknown key", "variants:\n  - name: big\n    set: {pool.sise: 3}\n",
            "scenario.yaml:12:22: pool: unknown key 'sise' (expected one of size, timeout, min_idle, "
            "connect_time, "
            "connect_timeout, idle_timeout, max_lifetime) (set by variant 'big')");
        row("set bad path", "variants:\n  - name: big\n    set: {\"pool..size\": 3}\n",
            "scenario.yaml:12:25: bad key 'pool..size': empty name (expected a path such as pool.size or "
            "workloads[0].hold) (set by variant 'big')");
        row("set unknown workload", "variants:\n  - name: big\n    set: {workloads.web.hold: 1s}\n",
            "scenario.yaml:12:31: workloads: no entry named 'web' (there are api, reports) (set by variant "
            "'big')");
        row("set breaks another value", "variants:\n  - name: small\n    set: {pool.size: 1}\n",
            "scenario.yaml:9:70: workloads[1].connections: connections 2 exceeds pool.size 1 (set by variant "
            "'small'): a request could never get them");
        // slo
        row("slo not a map", "slo: [1]\n",
            "scenario.yaml:10:6: slo: expected a map with keys wait_mean, wait_p50, wait_p95, wait_p99, "
            "wait_max, "
            "response_mean, response_p95, response_p99, timeout_ratio, wait_ratio, utilization_mean, "
            "utilization_max, "
            "timeouts, failures, refused, connect_failures, unfinished, waiters_mean, waiters_max, "
            "crashes, crash_replications, failed_instances, downtime, availability, crashed, unavailable, "
            "probe_failures, rejected, client_timeouts, "
            "workloads, got a list");
        row("slo unknown key", "slo: {wait_p96: 1s}\n",
            "scenario.yaml:10:7: slo: unknown key 'wait_p96' (expected one of wait_mean, wait_p50, wait_p95, "
            "wait_p99, "
            "wait_max, response_mean, response_p95, response_p99, timeout_ratio, wait_ratio, "
            "utilization_mean, "
            "utilization_max, timeouts, failures, refused, connect_failures, unfinished, waiters_mean, "
            "waiters_max, "
            "crashes, crash_replications, failed_instances, downtime, availability, crashed, unavailable, "
            "probe_failures, rejected, client_timeouts, "
            "workloads)");
        row("slo duration word", "slo: {wait_p95: fast}\n",
            "scenario.yaml:10:17: slo.wait_p95: expected a duration such as 1s or 250ms, got 'fast'");
        row("slo negative duration", "slo: {wait_p95: -1s}\n",
            "scenario.yaml:10:17: slo.wait_p95: expected a duration such as 1s or 250ms, got '-1s'");
        row("slo percentage over 100", "slo: {timeout_ratio: 150%}\n",
            "scenario.yaml:10:22: slo.timeout_ratio: expected a percentage up to 100% such as 90%, or a "
            "fraction up to "
            "1 such as 0.9, got '150%'");
        row("slo fraction written as percent number", "slo: {utilization_mean: 80}\n",
            "scenario.yaml:10:25: slo.utilization_mean: expected a percentage up to 100% such as 90%, or a "
            "fraction "
            "up to 1 such as 0.9, got '80'");
        row("slo negative count", "slo: {timeouts: -1}\n",
            "scenario.yaml:10:17: slo.timeouts: expected a number >= 0, got '-1'");
        row("slo count word", "slo: {timeouts: none}\n",
            "scenario.yaml:10:17: slo.timeouts: expected a number >= 0, got 'none'");
        row("slo limit a list", "slo: {timeouts: [1]}\n",
            "scenario.yaml:10:17: slo.timeouts: expected a number >= 0, got a list");
        row("slo unknown workload", "slo:\n  workloads:\n    apx: {wait_p95: 1s}\n",
            "scenario.yaml:12:5: slo.workloads: no workload named 'apx' (the workloads are api, reports)");
        row("slo unknown workload without limits", "slo: {workloads: {apx: {}}}\n",
            "scenario.yaml:10:19: slo.workloads: no workload named 'apx' (the workloads are api, reports)");
        row("slo workloads a list", "slo: {workloads: [api]}\n",
            "scenario.yaml:10:18: slo.workloads: expected a map from workload names to limits, such as "
            "{reports: "
            "{response_p95: 30s}}, got a list");
        row("slo workloads nested", "slo: {workloads: {api: {workloads: {}}}}\n",
            "scenario.yaml:10:25: slo.workloads.api: unknown key 'workloads' (expected one of wait_mean, "
            "wait_p50, "
            "wait_p95, wait_p99, wait_max, response_mean, response_p95, response_p99, timeout_ratio, "
            "wait_ratio, "
            "utilization_mean, utilization_max, timeouts, failures, refused, connect_failures, unfinished, "
            "waiters_mean, waiters_max, crashes, crash_replications, failed_instances, downtime, "
            "availability, crashed, unavailable, probe_failures, rejected, client_timeouts)");
        row("slo workload bad value", "slo: {workloads: {api: {wait_p95: soon}}}\n",
            "scenario.yaml:10:35: slo.workloads.api.wait_p95: expected a duration such as 1s or 250ms, got "
            "'soon'");
        // alerts
        row("alerts a map", "alerts: {a: 1}\n",
            "scenario.yaml:10:9: alerts: expected a list of rules (each - {name: ..., signal: utilization, "
            "above: 80%, "
            "for: 1m}), got a map");
        row("alerts empty", "alerts:\n",
            "scenario.yaml:10:1: alerts: expected a list of rules (each - {name: ..., signal: utilization, "
            "above: 80%, "
            "for: 1m}), got nothing");
        row("alert unknown signal", "alerts:\n  - {name: x, signal: utilisation, above: 80%}\n",
            "scenario.yaml:11:23: alerts[0].signal: expected one of utilization, busy, busy_max, waiters, "
            "waiters_max, "
            "wait_p50, wait_p95, wait_p99, response_p50, response_p95, response_p99, timeouts, failures, "
            "arrivals, instances_down, got "
            "'utilisation'");
        row("alert without signal", "alerts:\n  - {name: x, above: 80%}\n",
            "scenario.yaml:11:5: alerts[0]: missing required key 'signal' (what to watch: utilization, busy, "
            "busy_max, "
            "waiters, waiters_max, wait_p50, wait_p95, wait_p99, response_p50, response_p95, response_p99, "
            "timeouts, "
            "failures, arrivals, instances_down)");
        row("alert without threshold", "alerts:\n  - {signal: busy}\n",
            "scenario.yaml:11:5: alerts[0]: missing required key 'above' (the threshold, such as 80% or 1s)");
        row("alert utilization as a number", "alerts:\n  - {signal: utilization, above: 80}\n",
            "scenario.yaml:11:34: alerts[0].above: expected a percentage up to 100% such as 90%, or a "
            "fraction up to 1 "
            "such as 0.9, got '80'");
        row("alert duration threshold a count", "alerts:\n  - {signal: wait_p95, above: 10%}\n",
            "scenario.yaml:11:31: alerts[0].above: expected a duration such as 1s or 250ms, got '10%'");
        row("alert zero window", "alerts:\n  - {signal: wait_p95, above: 1s, window: 0s}\n",
            "scenario.yaml:11:43: alerts[0].window: expected a duration > 0, got '0s'");
        row("alert bad for", "alerts:\n  - {signal: wait_p95, above: 1s, for: soon}\n",
            "scenario.yaml:11:40: alerts[0].for: expected a duration such as 250ms, 1.5s, 10m or 2h, got "
            "'soon'");
        row("alert empty name", "alerts:\n  - {name: \"\", signal: busy, above: 5}\n",
            "scenario.yaml:11:12: alerts[0].name: an alert rule needs a name (or leave it out: the "
            "signal's)");
        row("alert unknown key", "alerts:\n  - {signal: busy, above: 5, every: 1m}\n",
            "scenario.yaml:11:30: alerts[0]: unknown key 'every' (expected one of name, signal, above, "
            "window, for)");
        // sweep
        row("sweep a list", "sweep: [pool.size]\n",
            "scenario.yaml:10:8: sweep: expected a map of swept values such as {pool.size: 5:60:5, "
            "backend.instances: "
            "[1, 2, 4]}, got a list");
        row("sweep three parameters",
            "sweep:\n  pool.size: 1:3\n  pool.timeout: [1s, 2s]\n  backend.instances: [1, 2]\n",
            "scenario.yaml:13:3: sweep: at most two parameters can be swept at once (a grid)");
        row("sweep range backwards", "sweep: {pool.size: \"5:1\"}\n",
            "scenario.yaml:10:20: sweep.pool.size: expected a range FROM:TO:STEP of numbers (5:60:5) or "
            "durations "
            "(5s:30s:5s) with FROM <= TO and STEP > 0, or a list such as 10,25,50, got '5:1'");
        row("sweep empty text", "sweep: {pool.size: \"\"}\n",
            "scenario.yaml:10:20: sweep.pool.size: expected a range FROM:TO:STEP of numbers (5:60:5) or "
            "durations "
            "(5s:30s:5s) with FROM <= TO and STEP > 0, or a list such as 10,25,50, got ''");
        row("sweep too many durations", "sweep: {pool.timeout: 1ms:1h:1ms}\n",
            "scenario.yaml:10:23: sweep.pool.timeout: the range '1ms:1h:1ms' has more than 10000 values");
        row("sweep empty list", "sweep: {pool.size: []}\n",
            "scenario.yaml:10:20: sweep.pool.size: expected a range such as 5:60:5 or a list such as [10, "
            "25, 50], got "
            "an empty list");
        row("sweep list of maps", "sweep: {pool.size: [{a: 1}]}\n",
            "scenario.yaml:10:21: sweep.pool.size[0]: expected a single value, got a map");
        row("sweep bad list value", "sweep: {pool.size: [5, abc]}\n",
            "scenario.yaml:10:24: pool.size: expected an integer from 1 to 100000, got 'abc' (set by sweep "
            "pool.size=abc)");
        row("sweep bad range value", "sweep: {pool.size: 2:3:0.5}\n",
            "scenario.yaml:10:20: pool.size: expected an integer from 1 to 100000, got '2.5' (set by sweep "
            "pool.size=2.5)");
        row("sweep unknown path", "sweep: {pool.sise: [5]}\n",
            "scenario.yaml:10:21: pool: unknown key 'sise' (expected one of size, timeout, min_idle, "
            "connect_time, "
            "connect_timeout, idle_timeout, max_lifetime) (set by sweep pool.sise=5)");
        // backend.users, database.cores / spindles
        row("users negative", "backend: {users: -1}\n",
            "scenario.yaml:10:18: backend.users: expected an integer from 0 to 100000000, got '-1'");
        row("users fractional", "backend: {users: 1.5}\n",
            "scenario.yaml:10:18: backend.users: expected an integer from 0 to 100000000, got '1.5'");
        row("cores zero", "database: {cores: 0}\n",
            "scenario.yaml:10:19: database.cores: expected an integer from 1 to 100000, got '0'");
        row("cores word", "database: {cores: many}\n",
            "scenario.yaml:10:19: database.cores: expected an integer from 1 to 100000, got 'many'");
        row("spindles negative", "database: {cores: 4, spindles: -1}\n",
            "scenario.yaml:10:32: database.spindles: expected an integer from 0 to 100000, got '-1'");
    }
    void badInput()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, message);
        QCOMPARE(QString::fromStdString(loadError(yaml)), message);
    }

    // ---- applySettings and variants ---------------------------------------------------------
};

QTEST_APPLESS_MAIN(TstWhatIfFormat)
#include "tst_whatif_format.moc"
