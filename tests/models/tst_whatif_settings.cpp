// What-if changes applied to scenarios: applySettings and scenarioVariant (values checked as if
// written in the file, errors located at the change), and the sweep ranges (expandSweepValues,
// parseSweepParam).
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
/// kApi with a client timeout on api (lines 5 to 10 after kHead).
const QByteArray kApiGivingUp = "workloads:\n  - name: api\n    arrivals: {poisson: 5/s}\n    hold: 100ms\n"
                                "    client_timeout: 3s\n"
                                "  - {name: reports, arrivals: {poisson: 1/m}, hold: 5s, connections: 2}\n";

Scenario load(const QByteArray& yaml)
{
    return loadScenarioText(yaml.toStdString(), "scenario.yaml", kDataDir);
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

class TstWhatIfSettings : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void applySettingsAppliesValues()
    {
        const Scenario base =
            load(kBaseText + "slo: {wait_p95: 1s}\nalerts: []\n"
                             "variants:\n  - {name: a, set: {pool.size: 20}}\nsweep: {pool.size: [5, 6]}\n");
        const Scenario out = applySettings(base,
                                           {{"pool.size", "25", "", 0, 0},
                                            {"workloads.api.arrivals.poisson", "60/s", "", 0, 0},
                                            {"name", "Peak: 2x", "", 0, 0},
                                            {"description", "load #2", "", 0, 0},
                                            {"slo.wait_p95", "250ms", "", 0, 0}},
                                           "test");
        QCOMPARE(out.pool.size, std::optional<std::int64_t>(25));
        QCOMPARE(std::get<PoissonArrivals>(out.workloads[0].arrivals).rate, (Rate{60, 's'}));
        // Values are text as written, not YAML to read again.
        QCOMPARE(out.name, std::string("Peak: 2x"));
        QCOMPARE(out.description, std::string("load #2"));
        QCOMPARE(out.slo.size(), std::size_t{1});
        QCOMPARE(out.slo[0].limit, 0.25);
        QVERIFY(out.alerts && out.alerts->empty()); // kept
        QVERIFY(out.variants.empty());
        QVERIFY(out.sweep.empty());
        // Everything else is the base's.
        Scenario same = out;
        same.pool = base.pool;
        same.workloads = base.workloads;
        same.name = base.name;
        same.description = base.description;
        same.slo = base.slo;
        same.variants = base.variants;
        same.sweep = base.sweep;
        QVERIFY(same == base);
    }

    void applySettingsReachFailureLoop()
    {
        // The failure loop's values take the paths --set takes, in variants and sweeps too.
        const Scenario base =
            load(kHead + "backend:\n  health_check: {every: 20s}\n  max_pending: 50\n" + kApiGivingUp);
        const Scenario out = applySettings(base,
                                           {{"backend.health_check.every", "30s", "", 0, 0},
                                            {"backend.health_check.timeout", "2s", "", 0, 0},
                                            {"backend.health_check.failures", "4", "", 0, 0},
                                            {"backend.health_check.hold", "3ms", "", 0, 0},
                                            {"backend.restart", "none", "", 0, 0},
                                            {"backend.max_pending", "100", "", 0, 0},
                                            {"backend.on_overload", "reject", "", 0, 0},
                                            {"workloads.api.client_timeout", "1500ms", "", 0, 0},
                                            {"workloads.api.cancel_on_timeout", "true", "", 0, 0},
                                            {"workloads.reports.client_timeout", "none", "", 0, 0}},
                                           "test");
        HealthCheck check;
        check.every = SimTime::fromTicks(30 * kS);
        check.timeout = SimTime::fromTicks(2 * kS);
        check.failures = 4;
        check.hold = ConstantDist{SimTime::fromTicks(3'000'000)};
        QVERIFY(out.backend.healthCheck == check);
        QCOMPARE(out.backend.restart, std::optional<Timeout>(Timeout{std::nullopt}));
        QCOMPARE(out.backend.maxPending, std::optional<std::int64_t>(100));
        QCOMPARE(out.backend.onOverload, std::optional<OverloadAction>(OverloadAction::Reject));
        QCOMPARE(out.workloads[0].clientTimeout, std::optional<SimTime>(SimTime::fromTicks(1500'000'000)));
        QCOMPARE(out.workloads[0].cancelOnTimeout, std::optional<bool>(true));
        QVERIFY(!out.workloads[1].clientTimeout);
        // And back: the base's client timeout can be switched off.
        QVERIFY(!applySettings(base, {{"workloads.api.client_timeout", "none", "", 0, 0}}, "test")
                     .workloads[0]
                     .clientTimeout);

        // A file's variants and sweeps over them are checked when it loads.
        const Scenario planned =
            load(kBaseText +
                 "variants:\n  - {name: checked, set: {backend.health_check.failures: 1, "
                 "workloads.api.client_timeout: 2s, workloads.api.cancel_on_timeout: true}}\n"
                 "sweep:\n  backend.max_pending: [0, 10, 100]\n  workloads.api.client_timeout: [1s, none]\n");
        const Scenario checked = scenarioVariant(planned, findVariant(planned, "checked"));
        QCOMPARE(checked.backend.healthCheck->failures, std::optional<std::int64_t>(1));
        QCOMPARE(checked.workloads[0].cancelOnTimeout, std::optional<bool>(true));
        QCOMPARE(joined(planned.sweep[1].values), QByteArray("1s|none"));
    }

    void applySettingsWithoutChanges()
    {
        const Scenario base = load(kBaseText + "variants:\n  - {name: a, set: {pool.size: 20}}\n");
        Scenario expected = base;
        expected.variants.clear();
        QVERIFY(applySettings(base, {}, "test") == expected);
    }

    void applySettingsResolvesDataFiles()
    {
        // The fixture replays trace.csv and reads holds.csv, relative to its folder.
        const Scenario base = loadData("full.yaml");
        const Scenario out = applySettings(base, {{"pool.size", "13", "", 0, 0}}, "test");
        QCOMPARE(out.pool.size, std::optional<std::int64_t>(13));
        QCOMPARE(out.workloads, base.workloads);
        QCOMPARE(out.sourcePath, base.sourcePath);
    }

    void applySettingsErrors_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("line"); // 0: a change without a place
        QTest::addColumn<QString>("message");
        QTest::newRow("no place, bad value") << "pool.size"
                                             << "abc" << 0
                                             << "sweep run: pool.size: expected an integer from 1 to 100000, "
                                                "got 'abc' (from sweep run pool.size=abc)";
        QTest::newRow("no place, unknown key")
            << "pool.sise"
            << "3" << 0
            << "sweep run: pool: unknown key 'sise' (expected one of size, timeout, min_idle, connect_time, "
               "connect_timeout, idle_timeout, max_lifetime) (from sweep run pool.sise=3)";
        QTest::newRow("no place, breaks another value")
            << "pool.size"
            << "1" << 0
            << "sweep run: workloads[1].connections: connections 2 exceeds pool.size 1 (from sweep run "
               "pool.size=1): "
               "a request could never get them";
        QTest::newRow("no place, bad path") << "pool..size"
                                            << "3" << 0
                                            << "sweep run: bad key 'pool..size': empty name (expected a path "
                                               "such as pool.size or workloads[0].hold) "
                                               "(from sweep run pool..size=3)";
        QTest::newRow("no place, on_overload without max_pending")
            << "backend.on_overload"
            << "reject" << 0
            << "sweep run: backend.on_overload: 'on_overload' needs max_pending (how many requests may wait "
               "for "
               "a connection at one instance before it is overloaded) (from sweep run "
               "backend.on_overload=reject)";
        QTest::newRow("no place, cancel_on_timeout without client_timeout")
            << "workloads.reports.cancel_on_timeout"
            << "true" << 0
            << "sweep run: workloads[1].cancel_on_timeout: 'cancel_on_timeout' needs the workload's "
               "client_timeout "
               "(how long the caller waits for a try before it gives up) (from sweep run "
               "workloads.reports.cancel_on_timeout=true)";
        QTest::newRow("no place, bad health check")
            << "backend.health_check.every"
            << "0s" << 0
            << "sweep run: backend.health_check.every: expected a duration > 0, got '0s' (from sweep run "
               "backend.health_check.every=0s)";
        QTest::newRow("placed, bad client_timeout") << "workloads.api.client_timeout"
                                                    << "soon" << 4
                                                    << "other.yaml:4:9: workloads[0].client_timeout: "
                                                       "expected a duration such as 250ms, 1.5s, 10m or 2h, "
                                                       "or none, got 'soon' (set by sweep run)";
        QTest::newRow("placed, bad value") << "pool.size"
                                           << "abc" << 7
                                           << "other.yaml:7:9: pool.size: expected an integer from 1 to "
                                              "100000, got 'abc' (set by sweep run)";
    }
    void applySettingsErrors()
    {
        QFETCH(QString, path);
        QFETCH(QString, value);
        QFETCH(int, line);
        QFETCH(QString, message);
        const Scenario base = load(kBaseText);
        const SettingChange change{path.toStdString(), value.toStdString(), line ? "other.yaml" : "", line,
                                   line ? 9 : 0};
        try {
            applySettings(base, {change}, "sweep run");
            QFAIL("no error");
        } catch (const ScenarioError& e) {
            QCOMPARE(QString::fromStdString(e.what()), message);
        }
    }

    void scenarioVariantIsNamedAndLocated()
    {
        const std::string path = kDataDir + "/whatif.yaml"; // never read: only names the source
        Scenario base = load(kBaseText + "name: base\nvariants:\n  - name: big\n    set: {pool.size: 30}\n"
                                         "  - name: renamed\n    set: {name: Other}\n");
        base.sourcePath = path;
        const Scenario big = scenarioVariant(base, findVariant(base, "big"));
        QCOMPARE(big.name, std::string("base [big]"));
        QCOMPARE(big.pool.size, std::optional<std::int64_t>(30));
        QCOMPARE(big.sourcePath, path);
        QCOMPARE(scenarioVariant(base, findVariant(base, "renamed")).name, std::string("Other"));

        // A variant changed after loading (by a program) reports its set entry and the variant.
        Variant bad = base.variants[0];
        bad.set[0].value = "lots";
        try {
            scenarioVariant(base, bad);
            QFAIL("no error");
        } catch (const ScenarioError& e) {
            QCOMPARE(
                QString::fromStdString(e.what()),
                QStringLiteral("scenario.yaml:13:22: pool.size: expected an integer from 1 to 100000, got "
                               "'lots' (set by variant 'big')"));
        }
        try {
            findVariant(base, "huge");
            QFAIL("no error");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString::fromStdString(e.what()),
                     QStringLiteral("no variant named 'huge' in the scenario (it has big, renamed)"));
        }
    }

    // ---- Sweep values -----------------------------------------------------------------------

    void expandSweepValues_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("values");
        QTest::newRow("range") << "5:60:5" << QByteArray("5|10|15|20|25|30|35|40|45|50|55|60");
        QTest::newRow("range step 1") << "5:8" << QByteArray("5|6|7|8");
        QTest::newRow("range not reaching TO") << "1:10:4" << QByteArray("1|5|9");
        QTest::newRow("one value range") << "3:3:1" << QByteArray("3");
        QTest::newRow("decimals") << "1:1.5:0.1" << QByteArray("1|1.1|1.2|1.3|1.4|1.5");
        QTest::newRow("decimals from 0.1") << "0.1:0.3:0.1" << QByteArray("0.1|0.2|0.3");
        QTest::newRow("across zero") << "-0.3:0.3:0.1" << QByteArray("-0.3|-0.2|-0.1|0|0.1|0.2|0.3");
        QTest::newRow("spaces") << " 2 : 6 : 2 " << QByteArray("2|4|6");
        QTest::newRow("exponents") << "1e3:3e3:1e3" << QByteArray("1000|2000|3000");
        QTest::newRow("durations") << "250ms:1s:250ms" << QByteArray("250ms|500ms|750ms|1s");
        QTest::newRow("minutes") << "1m:3m:1m" << QByteArray("1m|2m|3m");
        QTest::newRow("mixed seconds") << "30:90s:30s" << QByteArray("30s|1m|1.5m");
        QTest::newRow("list") << "10, 25,50" << QByteArray("10|25|50");
        QTest::newRow("list of rates") << "5/s,300/m" << QByteArray("5/s|300/m");
        QTest::newRow("single value") << "none" << QByteArray("none");
    }
    void expandSweepValues()
    {
        QFETCH(QString, text);
        QFETCH(QByteArray, values);
        QCOMPARE(joined(poolsim::models::expandSweepValues(text.toStdString())), values);
    }

    void decimalRangeIsExact()
    {
        // Each value is the double nearest its decimal, as if typed: 1.1 is 1.1, not 1.1000000000000001.
        const std::vector<std::string> v = poolsim::models::expandSweepValues("1:1.5:0.1");
        const double expected[] = {1.0, 1.1, 1.2, 1.3, 1.4, 1.5};
        QCOMPARE(v.size(), std::size_t{6});
        for (std::size_t i = 0; i < v.size(); ++i)
            QCOMPARE(std::stod(v[i]), expected[i]);
    }

    void badSweepValues_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        const QString range =
            QStringLiteral("expected a range FROM:TO:STEP of numbers (5:60:5) or durations "
                           "(5s:30s:5s) with FROM <= TO and STEP > 0, or a list such as 10,25,50, "
                           "got '%1'");
        for (const char* text :
             {"", "  ", "5:1", "1:5:0", "1:5:-1", "a:b", "1:2:3:4", "1s:2s:0s", "2s:1s", "1:5:x"})
            QTest::newRow(text) << QString::fromUtf8(text) << range.arg(QString::fromUtf8(text));
        QTest::newRow("empty list item") << "1,,2"
                                         << "expected a list of values such as 10,25,50, got '1,,2'";
        QTest::newRow("trailing comma") << "1,"
                                        << "expected a list of values such as 10,25,50, got '1,'";
        QTest::newRow("too many numbers") << "1:10001"
                                          << "the range '1:10001' has more than 10000 values";
        QTest::newRow("too many decimals") << "0:1:0.0001"
                                           << "the range '0:1:0.0001' has more than 10000 values";
        QTest::newRow("too many durations") << "1ms:1h:1ms"
                                            << "the range '1ms:1h:1ms' has more than 10000 values";
        QTest::newRow("step below 12 digits")
            << "1e6:1.0000000000001e6:1e-8"
            << "the step of the range '1e6:1.0000000000001e6:1e-8' is too small to tell its values apart";
    }
    void badSweepValues()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        try {
            const std::vector<std::string> values = poolsim::models::expandSweepValues(text.toStdString());
            QFAIL(("no error; values: " + joined(values)).constData());
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QString::fromStdString(e.what()), message);
        }
    }

    void parseSweepParam_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QByteArray>("values");
        QTest::newRow("range") << "pool.size=4:10:3"
                               << "pool.size"
                               << "4:10:3" << QByteArray("4|7|10");
        QTest::newRow("workload rates") << "workloads.api.arrivals.poisson=10/s,20/s"
                                        << "workloads.api.arrivals.poisson"
                                        << "10/s,20/s" << QByteArray("10/s|20/s");
        QTest::newRow("brackets") << "workloads[0].hold=100ms:300ms:100ms"
                                  << "workloads[0].hold"
                                  << "100ms:300ms:100ms" << QByteArray("100ms|200ms|300ms");
        QTest::newRow("one value") << "pool.timeout=none"
                                   << "pool.timeout"
                                   << "none" << QByteArray("none");
    }
    void parseSweepParam()
    {
        QFETCH(QString, option);
        QFETCH(QString, path);
        QFETCH(QString, text);
        QFETCH(QByteArray, values);
        const SweepParam p = poolsim::models::parseSweepParam(option.toStdString());
        QCOMPARE(QString::fromStdString(p.path), path);
        QCOMPARE(QString::fromStdString(p.text), text);
        QCOMPARE(joined(p.values), values);
    }

    void badSweepParam_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("message");
        QTest::newRow("no value")
            << "pool.size"
            << "--param: expected KEY=VALUE such as pool.size=20 (from --param pool.size)";
        QTest::newRow("no key") << "=5:10"
                                << "--param: expected KEY=VALUE such as pool.size=20 (from --param =5:10)";
        QTest::newRow("bad path")
            << "pool..size=1:3"
            << "--param: bad key 'pool..size': empty name (expected a path such as pool.size or "
               "workloads[0].hold) (from --param pool..size=1:3)";
        QTest::newRow("bad range")
            << "pool.size=5:1"
            << "--param: expected a range FROM:TO:STEP of numbers (5:60:5) or durations "
               "(5s:30s:5s) with FROM <= TO and STEP > 0, or a list such as 10,25,50, got '5:1' "
               "(from --param pool.size=5:1)";
        QTest::newRow("empty value")
            << "pool.size="
            << "--param: expected a range FROM:TO:STEP of numbers (5:60:5) or durations "
               "(5s:30s:5s) with FROM <= TO and STEP > 0, or a list such as 10,25,50, got '' "
               "(from --param pool.size=)";
    }
    void badSweepParam()
    {
        QFETCH(QString, option);
        QFETCH(QString, message);
        try {
            poolsim::models::parseSweepParam(option.toStdString());
            QFAIL("no error");
        } catch (const ScenarioError& e) {
            QCOMPARE(QString::fromStdString(e.what()), message);
        }
    }

    void failureLoopWhatIfErrors_data()
    {
        QTest::addColumn<QByteArray>("yaml"); // after kHead
        QTest::addColumn<QString>("message");
        // kHead is 4 lines, kApi 5 more.
        QTest::newRow("variant turns off a needed client timeout")
            << QByteArray(kApiGivingUp)
                       .replace("client_timeout: 3s\n", "client_timeout: 3s\n    cancel_on_timeout: true\n") +
                   "variants:\n  - {name: off, set: {workloads.api.client_timeout: none}}\n"
            << "scenario.yaml:10:5: workloads[0].cancel_on_timeout: 'cancel_on_timeout' needs the workload's "
               "client_timeout (how long the caller waits for a try before it gives up), and client_timeout "
               "is "
               "none (set by variant 'off')";
        QTest::newRow("variant overloads without max_pending")
            << kApi + "variants:\n  - {name: shed, set: {backend.on_overload: reject}}\n"
            << "scenario.yaml:11:45: backend.on_overload: 'on_overload' needs max_pending (how many requests "
               "may "
               "wait for a connection at one instance before it is overloaded) (set by variant 'shed')";
        QTest::newRow("sweep of a bad restart") << kApi + "sweep:\n  backend.restart: [1s, never]\n"
                                                << "scenario.yaml:11:25: backend.restart: expected a "
                                                   "duration such as 250ms, 1.5s, 10m or 2h, or none, "
                                                   "got 'never' (set by sweep backend.restart=never)";
    }
    void failureLoopWhatIfErrors()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, message);
        try {
            load(kHead + yaml);
            QFAIL("no error");
        } catch (const ScenarioError& e) {
            QCOMPARE(QString::fromStdString(e.what()), message);
        }
    }

    void applySettingsResolvesDataFilesOfText()
    {
        // A scenario loaded from text resolves its data files against the folder given with
        // the text, and so must every changed copy of it (the GUI edits scenarios this way).
        QFile f(QString::fromStdString(kDataDir + "/full.yaml"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const Scenario base = loadScenarioText(f.readAll().toStdString(), "edited scenario", kDataDir);
        QCOMPARE(base.dataDir, kDataDir);
        const Scenario out = applySettings(base, {{"pool.size", "13", "", 0, 0}}, "test");
        QCOMPARE(out.pool.size, std::optional<std::int64_t>(13));
        QCOMPARE(out.workloads, base.workloads);
        QCOMPARE(out.dataDir, kDataDir);
    }
};

QTEST_APPLESS_MAIN(TstWhatIfSettings)
#include "tst_whatif_settings.moc"
