// Service levels and alert rules of the failure loop: availability judged on the lower end of
// its interval (a minimum), the pool-size search's shortfall for a minimum, the instance-down
// default rule only where instances can fail, limits and signals refused (located) in a file
// whose instances never fail, and allowed when a variant or a swept value makes them fail.
// moc (Qt 6.4) cannot parse the C++20 headers these include; it needs only the test class.
#ifndef Q_MOC_RUN
#include "models/planning/size_search.h"
#include "models/results/alerts.h"
#include "models/results/result_json.h"
#include "models/results/slo.h"
#include "models/scenario/scenario_error.h"
#include "models/scenario/scenario_yaml.h"
#include "models/simulation/simulation.h"
#endif

#include <QtTest>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

using namespace poolsim::models;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Scenario load(const QByteArray& yaml)
{
    return loadScenarioText(yaml.toStdString(), "failing.yaml", ".");
}

/// The error loading `yaml` gives, or "" when it loads.
QByteArray loadError(const QByteArray& yaml)
{
    try {
        load(yaml);
    } catch (const ScenarioError& e) {
        return QByteArray(e.what());
    }
    return {};
}

const QByteArray kNeverFails = R"(poolsim: 1
name: never fails
horizon: 2m
workloads:
  - name: api
    arrivals: {poisson: 5/s}
    hold: 10ms
)";

const QByteArray kProbed = R"(poolsim: 1
name: probed
horizon: 2m
backend:
  instances: 2
  health_check: {every: 5s}
workloads:
  - name: api
    arrivals: {poisson: 5/s}
    hold: 10ms
)";

} // namespace

class TstFailureSloAlerts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- Keys and signals ---------------------------------------------------------------------

    void keysAndSignals()
    {
        QVERIFY(findSloKey("availability"));
        QCOMPARE(findSloKey("availability")->bound, SloBound::AtLeast);
        QCOMPARE(findSloKey("availability")->metric, Metric::Availability);
        QCOMPARE(findSloKey("downtime")->metric, Metric::DowntimeS);
        for (const char* key : {"crashes", "crash_replications", "failed_instances", "downtime", "crashed",
                                "unavailable", "probe_failures", "rejected", "client_timeouts"}) {
            QVERIFY2(findSloKey(key), key);
            QCOMPARE(findSloKey(key)->bound, SloBound::AtMost);
        }
        // A mean over the replications with a failure only: not a limit.
        QVERIFY(!findSloKey("first_crash_s"));
        QCOMPARE(sloKeyPart(*findSloKey("crashes")), ModelPart::InstanceFailures);
        QCOMPARE(sloKeyPart(*findSloKey("rejected")), ModelPart::LoadShedding);
        QCOMPARE(sloKeyPart(*findSloKey("client_timeouts")), ModelPart::ClientTimeouts);
        QCOMPARE(sloKeyPart(*findSloKey("wait_p95")), ModelPart::Pool);
        for (const SloKey& k : sloKeys())
            if (k.key != "availability")
                QCOMPARE(k.bound, SloBound::AtMost);
        const AlertSignal* down = findAlertSignal("instances_down");
        QVERIFY(down);
        QCOMPARE(down->series, Series::InstancesDown);
        QCOMPARE(alertSignalPart(*down), ModelPart::InstanceFailures);
    }

    // ---- A minimum: availability --------------------------------------------------------------

    void availabilityIsAMinimum_data()
    {
        QTest::addColumn<double>("mean");
        QTest::addColumn<double>("ci95");
        QTest::addColumn<double>("limit");
        QTest::addColumn<bool>("met");
        QTest::addColumn<bool>("certain");
        QTest::newRow("lower above") << 0.995 << 0.003 << 0.99 << true << true;
        QTest::newRow("lower at the limit") << 0.75 << 0.25 << 0.5 << true << true;
        QTest::newRow("mean above, lower below") << 0.995 << 0.008 << 0.99 << false << false;
        QTest::newRow("mean below, upper above") << 0.988 << 0.003 << 0.99 << false << false;
        QTest::newRow("upper below") << 0.98 << 0.005 << 0.99 << false << true;
        QTest::newRow("always up, zero width") << 1.0 << 0.0 << 0.999 << true << false;
        QTest::newRow("one replication") << 0.995 << kNaN << 0.99 << true << false;
        QTest::newRow("nothing measured") << kNaN << kNaN << 0.99 << false << false;
    }
    void availabilityIsAMinimum()
    {
        QFETCH(double, mean);
        QFETCH(double, ci95);
        QFETCH(double, limit);
        QFETCH(bool, met);
        QFETCH(bool, certain);
        RunResult r;
        r.metrics[Metric::Availability] = {mean, ci95};
        const SloReport report = evaluateSlo({SloLimit{"availability", "", limit, "x"}}, r);
        const SloCheck& c = report.checks.at(0);
        QCOMPARE(c.bound, SloBound::AtLeast);
        QCOMPARE(c.met, met);
        QCOMPARE(c.certain, certain);
        if (!std::isnan(mean)) {
            QCOMPARE(c.judged(), c.lower);
            QCOMPARE(c.lower, mean - (std::isnan(ci95) ? 0 : ci95));
        }
        QCOMPARE(std::string(judgedEndName(c)), std::string("lower"));
        // The shortfall the pool-size search reads is at most 1 exactly when the limit is met.
        if (!std::isnan(mean))
            QCOMPARE(sloShortfall(report) <= 1, met);
    }

    void minimumTexts()
    {
        const SloLimit availability{"availability", "", 0.999, "99.9%"};
        QCOMPARE(describeLimit(availability), std::string("availability >= 99.9%"));
        QCOMPARE(describeLimit({"crashes", "", 0, "0"}), std::string("crashes <= 0"));
        QVERIFY(anyMinimum({{"crashes", "", 0, "0"}, availability}));
        QVERIFY(!anyMinimum({{"crashes", "", 0, "0"}, {"wait_p95", "", 1, "1s"}}));

        // The JSON of a minimum has its lower end; a maximum's is as before (no new keys).
        RunResult r;
        r.metrics[Metric::Availability] = {0.99, 0.004};
        r.metrics[Metric::Crashes] = {0.5, 0.2};
        const nlohmann::ordered_json j =
            toJson(evaluateSlo({availability, SloLimit{"crashes", "", 0, "0"}}, r));
        const auto& checks = j["checks"];
        QCOMPARE(checks[0]["lower"].get<double>(), 0.986);
        QVERIFY(checks[0]["at_least"].get<bool>());
        QCOMPARE(checks[1].dump(), std::string(R"({"key":"crashes","limit":0.0,"text":"0","mean":0.5,)"
                                               R"("ci95":0.2,"upper":0.7,"met":false,"certain":true})"));
    }

    void shortfallOfAMinimumFallsAsItsLowerEndRises()
    {
        const auto shortfall = [](double mean, double limit) {
            RunResult r;
            r.metrics[Metric::Availability] = {mean, 0.0};
            return sloShortfall(evaluateSlo({SloLimit{"availability", "", limit, "x"}}, r));
        };
        QVERIFY(shortfall(0.90, 0.99) > shortfall(0.95, 0.99));
        QVERIFY(shortfall(0.95, 0.99) > 1);
        QCOMPARE(shortfall(0.99, 0.99), 1.0);
        QVERIFY(shortfall(1.0, 0.99) < 1);
        QVERIFY(std::isinf(shortfall(0.0, 0.99)));
        QVERIFY(shortfall(0.5, 0.0) <= 1); // a minimum of 0: anything measured meets it
    }

    // ---- Default alert rules ------------------------------------------------------------------

    void instanceDownRuleOnlyWhereInstancesCanFail()
    {
        QVERIFY(defaultAlertRules(ModelParts{}) == defaultAlertRules());
        QVERIFY(defaultAlertRules(ModelParts{}.with(ModelPart::DatabaseServer)) == defaultAlertRules());
        QVERIFY(defaultAlertRules(ModelParts{}.with(ModelPart::LoadShedding)) == defaultAlertRules());
        const std::vector<AlertRule>& failing =
            defaultAlertRules(ModelParts{}.with(ModelPart::InstanceFailures));
        QCOMPARE(failing.size(), defaultAlertRules().size() + 1);
        for (std::size_t i = 0; i < defaultAlertRules().size(); ++i)
            QVERIFY(failing[i] == defaultAlertRules()[i]);
        const AlertRule& down = failing.back();
        QCOMPARE(down.name, std::string("instance-down"));
        QCOMPARE(down.signal, std::string("instances_down"));
        QCOMPARE(down.threshold, 0.0);
        QVERIFY(!down.window && !down.forAtLeast);

        QVERIFY(effectiveAlertRules(load(kNeverFails)) == defaultAlertRules());
        QVERIFY(effectiveAlertRules(load(kProbed)) == failing);
        QByteArray overload = kNeverFails;
        overload.replace("workloads:", "backend: {max_pending: 10}\nworkloads:");
        QVERIFY(effectiveAlertRules(load(overload)) == failing);
        overload.replace("max_pending: 10", "max_pending: 10, on_overload: reject");
        QVERIFY(effectiveAlertRules(load(overload)) == defaultAlertRules());
        QVERIFY(effectiveAlertRules(load(kProbed + "alerts: []\n")).empty());
    }

    void instanceDownFiresWhileAnInstanceIsDown()
    {
        const AlertRule& down = defaultAlertRules(ModelParts{}.with(ModelPart::InstanceFailures)).back();
        const std::vector<double> bins = {0, 0, 0.5, 1, 0.25, 0, 0};
        SeriesView view{};
        view[static_cast<std::size_t>(Series::InstancesDown)] = &bins;
        const std::vector<AlertPeriod> periods = evaluateAlert(down, view, 10, 0, 4);
        QCOMPARE(periods.size(), std::size_t{1});
        QCOMPARE(periods[0].startS, 20.0);
        QCOMPARE(periods[0].durationS, 30.0);
        QCOMPARE(periods[0].peak, 1.0);
    }

    // ---- Limits and signals on parts a file does not have ------------------------------------

    void partlessLimitsAreLocatedErrors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("error");
        const auto row = [](const char* name, const QByteArray& tail, const char* error) {
            QTest::newRow(name) << kNeverFails + tail << QByteArray(error);
        };
        const char* failing =
            "needs backend.health_check, or backend.max_pending with on_overload: crash, in the "
            "scenario or in one of its variants (without, no instance ever fails)";
        row("crashes", "slo: {crashes: 0}\n",
            (std::string("failing.yaml:8:7: slo.crashes: crashes ") + failing).c_str());
        row("availability", "slo:\n  wait_p95: 1s\n  availability: 99.9%\n",
            (std::string("failing.yaml:10:3: slo.availability: availability ") + failing).c_str());
        row("a workload's", "slo: {workloads: {api: {crashed: 0}}}\n",
            (std::string("failing.yaml:8:25: slo.workloads.api.crashed: crashed ") + failing).c_str());
        row("rejected", "slo: {rejected: 0}\n",
            "failing.yaml:8:7: slo.rejected: rejected needs backend.max_pending with on_overload: reject, in "
            "the scenario or in one of its variants (without, no request is ever rejected)");
        row("client timeouts", "slo: {client_timeouts: 0}\n",
            "failing.yaml:8:7: slo.client_timeouts: client_timeouts needs a workload with a client_timeout, "
            "in "
            "the scenario or in one of its variants (without, no caller ever gives up)");
        row("alert signal", "alerts:\n  - {name: down, signal: instances_down, above: 0}\n",
            (std::string("failing.yaml:9:26: alerts[0].signal: instances_down ") + failing).c_str());
        // Where the scenario, a variant or a swept value has the part, the limit stands.
        row("with a health check", "slo: {crashes: 0}\nbackend: {health_check: {}}\n", "");
        row("with overload crashes", "slo: {crashes: 0}\nbackend: {max_pending: 5}\n", "");
        row("with load shedding", "slo: {rejected: 0}\nbackend: {max_pending: 5, on_overload: reject}\n", "");
        row("a variant's",
            "slo: {availability: 99%}\nvariants:\n  - {name: probed, set: {backend.health_check.every: "
            "5s}}\n",
            "");
        row("a swept value's", "slo: {crashes: 0}\nsweep: {backend.max_pending: [10, 20]}\n", "");
        row("a variant's client timeout",
            "slo: {client_timeouts: 0}\nvariants:\n  - {name: impatient, set: {workloads.api.client_timeout: "
            "1s}}\n",
            "");
    }
    void partlessLimitsAreLocatedErrors()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, error);
        QCOMPARE(loadError(text), error);
    }

    void overrideThatRemovesThePartIsAnError()
    {
        // --set on_overload=reject leaves nothing that can fail: the file's crashes limit is refused.
        const std::string text =
            (kNeverFails + "backend: {max_pending: 5}\nslo: {crashes: 0}\n").toStdString();
        QVERIFY(loadScenarioText(text, "failing.yaml", ".").slo.size() == 1);
        try {
            loadScenarioText(text, "failing.yaml", ".", {"backend.on_overload=reject"});
            QFAIL("no error");
        } catch (const ScenarioError& e) {
            QVERIFY2(QByteArray(e.what()).contains("slo.crashes: crashes needs backend.health_check"),
                     e.what());
        }
    }

    // ---- End to end -------------------------------------------------------------------------

    void runWithoutThePartMeetsALimitByNothingHappening()
    {
        // The base never fails (only the variant probes its instances): its crashes are 0 and its
        // availability 100%, met but, with an interval of width 0, not certain.
        const Scenario s = load(kNeverFails + "slo: {crashes: 0, availability: 99.9%}\nvariants:\n"
                                              "  - {name: probed, set: {backend.health_check.every: 5s}}\n");
        RunOptions options;
        options.replications = 2;
        options.threads = 1;
        const auto result = runScenario(s, options);
        const SloReport report = evaluateSlo(result->slo, *result);
        QVERIFY(report.met());
        QVERIFY(!report.decided());
        QCOMPARE(report.checks[1].lower, 1.0);
    }
};

QTEST_GUILESS_MAIN(TstFailureSloAlerts)
#include "tst_failure_slo_alerts.moc"
