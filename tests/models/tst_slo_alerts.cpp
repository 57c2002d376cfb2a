// Service levels and alert rules: evaluateAlert on synthetic series (windows, `for`, warm-up,
// NaN bins, utilization, peaks, gaps, the horizon), the default rules, evaluateSlo on a
// synthetic result, and end to end: a burst that causes timeouts fires the timeouts rule where
// the burst is, in every replication, and the JSON shows it.
// moc (Qt 6.4) cannot parse the C++20 headers these include; it needs only the test class.
#ifndef Q_MOC_RUN
#include "models/results/alerts.h"
#include "models/results/result_json.h"
#include "models/results/slo.h"
#include "models/scenario/scenario_yaml.h"
#include "models/simulation/simulation.h"
#endif

#include <QtTest>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

using namespace poolsim::models;
using poolsim::engine::SimTime;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

SimTime seconds(double s)
{
    return SimTime::fromTicks(std::llround(s * 1e9));
}

/// "1,2,nan" -> {1, 2, NaN}.
std::vector<double> parseSeries(const QByteArray& text)
{
    std::vector<double> out;
    for (const QByteArray& v : text.split(','))
        out.push_back(v.trimmed() == "nan" ? kNaN : v.trimmed().toDouble());
    return out;
}

/// "start/duration/peak;..." with 9 significant digits.
QByteArray describe(const std::vector<AlertPeriod>& periods)
{
    QByteArray out;
    for (const AlertPeriod& p : periods)
        out += (out.isEmpty() ? "" : ";") + QByteArray::number(p.startS, 'g', 9) + "/" +
               QByteArray::number(p.durationS, 'g', 9) + "/" + QByteArray::number(p.peak, 'g', 9);
    return out;
}

Scenario load(const QByteArray& yaml)
{
    return loadScenarioText(yaml.toStdString(), "alerts.yaml", ".");
}

/// A pool of 2 with a 1 s timeout and light traffic, hit at 2m by 30 requests holding 2 s each:
/// most of them time out from 2m1s on (bin 12 of 10 s).
const QByteArray kBurst = R"(poolsim: 1
name: burst
horizon: 5m
resolution: 10s
replications: 4
seed: 11
pool:
  size: 2
  timeout: 1s
workloads:
  - name: api
    arrivals: {poisson: 0.2/s}
    hold: 50ms
  - name: burst
    arrivals: {burst: {at: 2m, count: 30, within: 500ms}}
    hold: 2s
)";

} // namespace

class TstSloAlerts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- evaluateAlert ----------------------------------------------------------------------

    void evaluateAlert_data()
    {
        QTest::addColumn<QByteArray>("signal");
        QTest::addColumn<QByteArray>("above"); // in the signal's unit, as a number
        QTest::addColumn<double>("windowS");   // 0: none (one bin)
        QTest::addColumn<double>("forS");      // -1: none
        QTest::addColumn<double>("warmupS");
        QTest::addColumn<double>("poolSize");
        QTest::addColumn<double>("resolutionS");
        QTest::addColumn<double>("horizonS"); // inf: not given
        QTest::addColumn<QByteArray>("series");
        QTest::addColumn<QByteArray>("periods");
        const double inf = std::numeric_limits<double>::infinity();
        const auto row = [&](const char* name, const char* signal, const char* above, double window,
                             double forS, const char* series, const char* periods) {
            QTest::newRow(name) << QByteArray(signal) << QByteArray(above) << window << forS << 0.0 << 10.0
                                << 10.0 << inf << QByteArray(series) << QByteArray(periods);
        };
        row("one bin above", "busy", "4", 0, -1, "0,5,0", "10/10/5");
        row("at the threshold is not above", "busy", "4", 0, -1, "0,4,0", "");
        row("window sum of a count", "timeouts", "0", 30, -1, "0,1,0,0,0,0", "10/30/1");
        row("window sum above only summed", "timeouts", "2", 30, -1, "1,1,1,0,0", "20/10/3");
        row("window mean of a level", "busy", "3", 20, -1, "0,6,6,0,0", "20/10/6");
        row("window max of a percentile", "wait_p95", "1", 30, -1, "0,2,0,0,0", "10/30/2");
        row("window rounded up to bins", "timeouts", "0", 25, -1, "1,0,0,0,0", "0/30/1");
        row("for: equal is not longer", "busy", "1", 0, 30, "5,5,5,0", "");
        row("for: longer fires", "busy", "1", 0, 20, "5,5,5,0", "0/30/5");
        row("for: each period on its own", "busy", "1", 0, 15, "5,0,5,5,0", "20/20/5");
        row("for zero: any bin", "busy", "1", 0, 0, "0,5,0", "10/10/5");
        row("NaN bins never fire and split", "wait_p95", "1", 0, -1, "nan,2,nan,2", "10/10/2;30/10/2");
        row("NaN inside a window is skipped", "wait_p95", "1", 20, -1, "2,nan,0,0", "0/20/2");
        row("all NaN", "response_p99", "1", 0, -1, "nan,nan,nan", "");
        row("peak is the highest", "busy", "4", 0, -1, "5,9,7,0", "0/30/9");
        row("periods split by a gap", "waiters", "0", 0, -1, "5,0,5,5,0", "0/10/5;20/20/5");
        row("period open at the end", "busy_max", "4", 0, -1, "0,0,5,6", "20/20/6");
        row("utilization divides by the pool", "utilization", "0.8", 0, -1, "8,9,10,7", "10/20/1");

        QTest::newRow("utilization over instances")
            << QByteArray("utilization") << QByteArray("0.8") << 0.0 << -1.0 << 0.0 << 20.0 << 10.0 << inf
            << QByteArray("9,17,0") << QByteArray("10/10/0.85");
        QTest::newRow("warm-up bins left out")
            << QByteArray("busy") << QByteArray("4") << 0.0 << -1.0 << 10.0 << 10.0 << 10.0 << inf
            << QByteArray("5,5,0,0") << QByteArray("10/10/5");
        QTest::newRow("bin straddling the warm-up left out")
            << QByteArray("busy") << QByteArray("4") << 0.0 << -1.0 << 12.0 << 10.0 << 10.0 << inf
            << QByteArray("5,5,5,0") << QByteArray("20/10/5");
        QTest::newRow("window starts after the warm-up")
            << QByteArray("timeouts") << QByteArray("0") << 30.0 << -1.0 << 10.0 << 10.0 << 10.0 << inf
            << QByteArray("3,0,0,0") << QByteArray("");
        QTest::newRow("for in decimal seconds")
            << QByteArray("busy") << QByteArray("1") << 0.0 << 0.3 << 0.0 << 10.0 << 0.1 << inf
            << QByteArray("5,5,5,0") << QByteArray("");
        QTest::newRow("partial last bin ends at the horizon")
            << QByteArray("busy") << QByteArray("4") << 0.0 << -1.0 << 0.0 << 10.0 << 10.0 << 35.0
            << QByteArray("0,0,5,5") << QByteArray("20/15/5");
        QTest::newRow("for against the clamped duration")
            << QByteArray("busy") << QByteArray("4") << 0.0 << 15.0 << 0.0 << 10.0 << 10.0 << 35.0
            << QByteArray("0,0,5,5") << QByteArray("");
        QTest::newRow("clamped duration longer than for")
            << QByteArray("busy") << QByteArray("4") << 0.0 << 12.0 << 0.0 << 10.0 << 10.0 << 35.0
            << QByteArray("0,0,5,5") << QByteArray("20/15/5");
    }
    void evaluateAlert()
    {
        QFETCH(QByteArray, signal);
        QFETCH(QByteArray, above);
        QFETCH(double, windowS);
        QFETCH(double, forS);
        QFETCH(double, warmupS);
        QFETCH(double, poolSize);
        QFETCH(double, resolutionS);
        QFETCH(double, horizonS);
        QFETCH(QByteArray, series);
        QFETCH(QByteArray, periods);
        AlertRule rule;
        rule.name = "test";
        rule.signal = signal.toStdString();
        rule.threshold = above.toDouble();
        rule.thresholdText = above.toStdString();
        if (windowS > 0)
            rule.window = seconds(windowS);
        if (forS >= 0)
            rule.forAtLeast = seconds(forS);
        const AlertSignal* s = findAlertSignal(rule.signal);
        QVERIFY(s);
        const std::vector<double> values = parseSeries(series);
        SeriesView view{};
        view[static_cast<std::size_t>(s->series)] = &values;
        QCOMPARE(
            describe(poolsim::models::evaluateAlert(rule, view, resolutionS, warmupS, poolSize, horizonS)),
            periods);
    }

    void unknownSignalThrows()
    {
        AlertRule rule;
        rule.signal = "latency";
        const std::vector<double> values = {1, 2};
        SeriesView view{};
        view.fill(&values);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 poolsim::models::evaluateAlert(rule, view, 10, 0, 10));
    }

    // ---- Default rules ----------------------------------------------------------------------

    void defaultRules()
    {
        const std::vector<AlertRule>& rules = defaultAlertRules();
        QCOMPARE(rules.size(), std::size_t{4});
        const auto check = [&](std::size_t i, const char* name, const char* signal, double above,
                               double windowS, double forS) {
            QCOMPARE(rules[i].name, std::string(name));
            QCOMPARE(rules[i].signal, std::string(signal));
            QCOMPARE(rules[i].threshold, above);
            QCOMPARE(rules[i].window ? rules[i].window->seconds() : 0.0, windowS);
            QCOMPARE(rules[i].forAtLeast ? rules[i].forAtLeast->seconds() : 0.0, forS);
            QVERIFY(findAlertSignal(rules[i].signal));
        };
        check(0, "pool-saturated", "utilization", 0.8, 0, 60);
        check(1, "slow-waits", "wait_p95", 1.0, 0, 0);
        check(2, "timeouts", "timeouts", 0.0, 300, 0);
        check(3, "slow-responses", "response_p99", 5.0, 0, 0);

        const QByteArray base =
            "poolsim: 1\nhorizon: 1h\nworkloads:\n  - {name: a, arrivals: {poisson: 1/s}, hold: 1s}\n";
        QVERIFY(effectiveAlertRules(load(base)) == rules);
        QVERIFY(effectiveAlertRules(load(base + "alerts: []\n")).empty());
        const std::vector<AlertRule> own =
            effectiveAlertRules(load(base + "alerts: [{signal: busy, above: 3}]\n"));
        QCOMPARE(own.size(), std::size_t{1});
        QCOMPARE(own[0].signal, std::string("busy"));
    }

    void defaultSaturationNeedsMoreThanAMinute_data()
    {
        QTest::addColumn<int>("fullBins"); // of 10 s at 100% utilization
        QTest::addColumn<bool>("fires");
        QTest::newRow("50 s") << 5 << false;
        QTest::newRow("60 s") << 6 << false;
        QTest::newRow("70 s") << 7 << true;
    }
    void defaultSaturationNeedsMoreThanAMinute()
    {
        QFETCH(int, fullBins);
        QFETCH(bool, fires);
        std::vector<double> busy(20, 2.0);
        for (int i = 0; i < fullBins; ++i)
            busy[static_cast<std::size_t>(5 + i)] = 10.0;
        SeriesView view{};
        view[static_cast<std::size_t>(Series::BusyMean)] = &busy;
        const std::vector<AlertPeriod> periods =
            poolsim::models::evaluateAlert(defaultAlertRules()[0], view, 10, 0, 10);
        QCOMPARE(!periods.empty(), fires);
        if (fires) {
            QCOMPARE(periods[0].startS, 50.0);
            QCOMPARE(periods[0].durationS, 10.0 * fullBins);
            QCOMPARE(periods[0].peak, 1.0);
        }
    }

    // ---- evaluateSlo --------------------------------------------------------------------------

    void evaluateSlo_data()
    {
        QTest::addColumn<QByteArray>("workload");
        QTest::addColumn<double>("limit");
        QTest::addColumn<bool>("met");
        QTest::addColumn<bool>("certain");
        // All requests: wait p95 0.8 s +/- 0.1 s. "reports": response p95 20 s +/- 5 s.
        QTest::newRow("upper within") << QByteArray() << 1.0 << true << true;
        QTest::newRow("upper at the limit") << QByteArray() << 0.9 << true << true;
        QTest::newRow("mean within, upper over") << QByteArray() << 0.85 << false << false;
        QTest::newRow("mean over, lower within") << QByteArray() << 0.75 << false << false;
        QTest::newRow("lower over") << QByteArray() << 0.6 << false << true;
        QTest::newRow("workload within") << QByteArray("reports") << 30.0 << true << true;
        QTest::newRow("workload over") << QByteArray("reports") << 24.0 << false << false;
    }
    void evaluateSlo()
    {
        QFETCH(QByteArray, workload);
        QFETCH(double, limit);
        QFETCH(bool, met);
        QFETCH(bool, certain);
        RunResult r;
        r.workloadNames = {"api", "reports"};
        r.metrics[Metric::WaitP95S] = {0.8, 0.1};
        r.workloadMetrics.resize(2);
        r.workloadMetrics[0][Metric::ResponseP95S] = {1000, 1}; // would pass nothing
        r.workloadMetrics[1][Metric::ResponseP95S] = {20, 5};
        const char* key = workload.isEmpty() ? "wait_p95" : "response_p95";
        const SloLimit l{key, workload.toStdString(), limit, "x"};
        const SloReport report = poolsim::models::evaluateSlo({l}, r);
        QCOMPARE(report.checks.size(), std::size_t{1});
        const SloCheck& c = report.checks[0];
        QCOMPARE(c.met, met);
        QCOMPARE(c.certain, certain);
        QCOMPARE(report.met(), met);
        QCOMPARE(report.decided(), certain);
        const double mean = workload.isEmpty() ? 0.8 : 20, half = workload.isEmpty() ? 0.1 : 5;
        QCOMPARE(c.estimate.mean, mean);
        QCOMPARE(c.upper, mean + half);
        QCOMPARE(c.lower, mean - half);
    }

    void zeroWidthIntervalIsNotCertain_data()
    {
        QTest::addColumn<double>("mean");
        QTest::addColumn<double>("ci95");
        QTest::addColumn<bool>("met");
        QTest::addColumn<bool>("certain");
        // No timeouts in any replication: met, but a rare event may just not have happened yet.
        QTest::newRow("zero, zero width") << 0.0 << 0.0 << true << false;
        QTest::newRow("one replication") << 0.0 << std::nan("") << true << false;
        QTest::newRow("zero width above") << 2.0 << 0.0 << false << true;
        QTest::newRow("nothing measured") << std::nan("") << std::nan("") << false << false;
    }
    void zeroWidthIntervalIsNotCertain()
    {
        QFETCH(double, mean);
        QFETCH(double, ci95);
        QFETCH(bool, met);
        QFETCH(bool, certain);
        RunResult r;
        r.metrics[Metric::Timeouts] = {mean, ci95};
        const SloCheck c = poolsim::models::evaluateSlo({SloLimit{"timeouts", "", 0.0, "0"}}, r).checks.at(0);
        QCOMPARE(c.met, met);
        QCOMPARE(c.certain, certain);
    }

    void stalledPoolMissesWaitLimits()
    {
        // Ten requests each take 2 connections one by one from a pool of 8 with no timeout:
        // they deadlock within seconds and nothing more is served. Requests still waiting at
        // the horizon count with their wait so far, so the wait limits see the stall.
        const auto result = runScenario(load(R"(poolsim: 1
horizon: 10m
replications: 2
pool: {size: 8, timeout: none}
workloads:
  - name: nested
    arrivals: {burst: {at: 1s, count: 10, within: 0s}}
    hold: 1s
    connections: 2
    acquire: one_by_one
  - {name: api, arrivals: {poisson: 5/s}, hold: 50ms}
slo:
  wait_p95: 1s
  workloads:
    nested: {wait_p95: 1s}
)"),
                                        RunOptions{});
        QVERIFY(result->metrics[Metric::Unfinished].mean > 1000);
        QVERIFY(result->metrics[Metric::WaitMaxS].mean > 500);
        const SloReport report = poolsim::models::evaluateSlo(result->slo, *result);
        QCOMPARE(report.checks.size(), std::size_t{2});
        QVERIFY(!report.checks[0].met);
        QVERIFY(!report.checks[1].met);
        QVERIFY(result->workloadMetrics[0][Metric::WaitP95S].mean > 500);
    }

    void evaluateSloReport()
    {
        RunResult r;
        r.workloadNames = {"api"};
        r.workloadMetrics.resize(1);
        r.metrics[Metric::TimeoutRatio] = {0.002, kNaN}; // one replication: no interval
        r.metrics[Metric::Timeouts] = {3, 1};
        const SloReport none = poolsim::models::evaluateSlo({}, r);
        QVERIFY(none.met() && none.decided() && none.checks.empty());

        const SloReport report =
            poolsim::models::evaluateSlo({{"timeout_ratio", "", 0.001, "0.1%"}, {"timeouts", "", 5, "5"}}, r);
        QCOMPARE(report.checks[0].upper, 0.002); // the mean itself
        QVERIFY(!report.checks[0].met);
        QVERIFY(report.checks[1].met);
        QVERIFY(!report.met());
        QCOMPARE(describeLimit(report.checks[0].limit), std::string("timeout_ratio <= 0.1%"));
        QCOMPARE(describeLimit({"wait_p95", "api", 1, "1s"}), std::string("api: wait_p95 <= 1s"));

        try {
            poolsim::models::evaluateSlo({{"wait_p95", "web", 1, "1s"}}, r);
            QFAIL("no error");
        } catch (const std::invalid_argument& e) {
            QCOMPARE(QByteArray(e.what()),
                     QByteArray("the service level names workload 'web', which the scenario does not have"));
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 poolsim::models::evaluateSlo({{"latency", "", 1, "1"}}, r));
    }

    // ---- End to end ---------------------------------------------------------------------------

    void burstFiresTimeoutsAlert()
    {
        RunOptions options;
        options.threads = 2;
        const auto result = runScenario(load(kBurst), options);
        QCOMPARE(result->replications, std::int64_t{4});
        QCOMPARE(result->alerts.size(), defaultAlertRules().size());
        const AlertOutcome& timeouts = result->alerts[2];
        QCOMPARE(timeouts.rule.name, std::string("timeouts"));
        // Every replication times out requests of the burst...
        QCOMPARE(timeouts.firedReplications, std::int64_t{4});
        for (const MetricValues& rep : result->replicationMetrics)
            QVERIFY(rep[Metric::Timeouts] > 0);
        // ... from the burst's bin (2m: timeouts at 2m1s), and for the 5-minute window after
        // the last of them, up to the horizon.
        QCOMPARE(timeouts.periods.size(), std::size_t{1});
        QCOMPARE(timeouts.periods[0].startS, 120.0);
        QCOMPARE(timeouts.periods[0].durationS, 180.0);
        // The peak is the most timeouts in a window: all of them, on the mean over replications.
        QCOMPARE(timeouts.periods[0].peak, result->metrics[Metric::Timeouts].mean);
        // The pool is full for seconds, not for more than a minute.
        QCOMPARE(result->alerts[0].rule.name, std::string("pool-saturated"));
        QVERIFY(result->alerts[0].periods.empty());
        QCOMPARE(result->alerts[0].firedReplications, std::int64_t{0});
    }

    void quietScenarioFiresNothing()
    {
        RunOptions options;
        options.threads = 2;
        QByteArray quiet = kBurst;
        quiet.replace("count: 30", "count: 1");
        const auto result = runScenario(load(quiet), options);
        for (const AlertOutcome& a : result->alerts) {
            QVERIFY2(a.periods.empty(), a.rule.name.c_str());
            QCOMPARE(a.firedReplications, std::int64_t{0});
        }
    }

    void firedReplicationsCountsEach()
    {
        // Rare timeouts: a rule over the whole horizon fires in exactly the replications that
        // had one (the seed gives some with and some without).
        const QByteArray yaml = R"(poolsim: 1
horizon: 2m
resolution: 10s
replications: 12
seed: 5
pool:
  size: 2
  timeout: 100ms
workloads:
  - name: api
    arrivals: {poisson: 0.5/s}
    hold: {exponential: 500ms}
alerts:
  - {name: any timeout, signal: timeouts, above: 0, window: 2m}
)";
        RunOptions options;
        options.threads = 2;
        const auto result = runScenario(load(yaml), options);
        std::int64_t withTimeouts = 0;
        for (const MetricValues& rep : result->replicationMetrics)
            withTimeouts += rep[Metric::Timeouts] > 0 ? 1 : 0;
        QVERIFY2(withTimeouts > 0 && withTimeouts < 12,
                 "the fixture needs replications with and without timeouts");
        QCOMPARE(result->alerts.size(), std::size_t{1});
        QCOMPARE(result->alerts[0].firedReplications, withTimeouts);
    }

    // ---- JSON -----------------------------------------------------------------------------------

    void jsonKeys()
    {
        QByteArray yaml = kBurst;
        yaml += "slo:\n  timeout_ratio: 50%\n  workloads:\n    burst: {timeouts: 0}\n";
        RunOptions options;
        options.threads = 2;
        const auto result = runScenario(load(yaml), options);
        const nlohmann::ordered_json j = toJson(*result);

        QVERIFY(j.contains("slo"));
        const SloReport report = poolsim::models::evaluateSlo(result->slo, *result);
        QCOMPARE(j["slo"]["met"].get<bool>(), report.met());
        QVERIFY(!report.met()); // the burst's timeouts
        const auto& checks = j["slo"]["checks"];
        QCOMPARE(checks.size(), std::size_t{2});
        std::vector<std::string> keys;
        for (const auto& [key, value] : checks[1].items())
            keys.push_back(key);
        QCOMPARE(keys, (std::vector<std::string>{"key", "workload", "limit", "text", "mean", "ci95", "upper",
                                                 "met", "certain"}));
        QVERIFY(!checks[0].contains("workload")); // all requests
        QCOMPARE(checks[0]["key"].get<std::string>(), std::string("timeout_ratio"));
        QCOMPARE(checks[0]["limit"].get<double>(), 0.5);
        QCOMPARE(checks[0]["text"].get<std::string>(), std::string("50%"));
        QCOMPARE(checks[1]["workload"].get<std::string>(), std::string("burst"));
        QCOMPARE(checks[1]["met"].get<bool>(), false);
        QCOMPARE(checks[1]["mean"].get<double>(), report.checks[1].estimate.mean);
        QCOMPARE(checks[1]["upper"].get<double>(), report.checks[1].upper);

        const auto& alerts = j["alerts"];
        QCOMPARE(alerts.size(), result->alerts.size());
        keys.clear();
        for (const auto& [key, value] : alerts[2].items())
            keys.push_back(key);
        QCOMPARE(keys, (std::vector<std::string>{"name", "signal", "unit", "above", "above_text", "window_s",
                                                 "for_s", "fired_replications", "periods"}));
        QCOMPARE(alerts[0]["above"].get<double>(), 0.8);
        QCOMPARE(alerts[0]["above_text"].get<std::string>(), std::string("80%"));
        QCOMPARE(alerts[0]["unit"].get<std::string>(), std::string("fraction"));
        QCOMPARE(alerts[0]["window_s"].get<double>(), 10.0); // one bin
        QCOMPARE(alerts[0]["for_s"].get<double>(), 60.0);
        QCOMPARE(alerts[2]["window_s"].get<double>(), 300.0);
        QCOMPARE(alerts[2]["fired_replications"].get<std::int64_t>(), result->alerts[2].firedReplications);
        const auto& period = alerts[2]["periods"][0];
        QCOMPARE(period["start_s"].get<double>(), result->alerts[2].periods[0].startS);
        QCOMPARE(period["duration_s"].get<double>(), result->alerts[2].periods[0].durationS);
        QCOMPARE(period["peak"].get<double>(), result->alerts[2].periods[0].peak);

        // No limits: no "slo" key; no rules: an empty list.
        const auto plain = runScenario(load(QByteArray(kBurst) + "alerts: []\n"), options);
        const nlohmann::ordered_json k = toJson(*plain);
        QVERIFY(!k.contains("slo"));
        QVERIFY(k["alerts"].is_array() && k["alerts"].empty());
    }
};

QTEST_APPLESS_MAIN(TstSloAlerts)
#include "tst_slo_alerts.moc"
