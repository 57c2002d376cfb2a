#include "models/results/result_json.h"

#include "models/metrics/metric_catalogue.h"
#include "models/results/alerts.h"
#include "models/results/failure_story.h"
#include "models/results/slo.h"

#include <charconv>
#include <cmath>
#include <optional>

namespace poolsim::models {

namespace {
nlohmann::ordered_json number(double v)
{
    if (!std::isfinite(v))
        return nullptr; // ci95 of a single replication, or no data
    return v;
}

// Metrics of parts the scenario does not have are left out, not written as zeros.
nlohmann::ordered_json valuesJson(const MetricValues& m, ModelParts parts)
{
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < kMetricCount; ++i)
        if (applies(static_cast<Metric>(i), parts))
            j[std::string(kMetricNames[i])] = number(m.values[i]);
    return j;
}

nlohmann::ordered_json metricsJson(const MetricEstimates& m, ModelParts parts)
{
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < kMetricCount; ++i)
        if (applies(static_cast<Metric>(i), parts))
            j[std::string(kMetricNames[i])] = {{"mean", number(m.values[i].mean)},
                                               {"ci95", number(m.values[i].ci95)}};
    return j;
}

const char* unitName(SloUnit unit)
{
    switch (unit) {
    case SloUnit::Duration:
        return "seconds";
    case SloUnit::Fraction:
        return "fraction";
    case SloUnit::Count:
        break;
    }
    return "count";
}

/// Every rule (the scenario's or the defaults) with where it fired on the mean series and in
/// how many replications it fired at all.
nlohmann::ordered_json alertsJson(const RunResult& r)
{
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const AlertOutcome& a : r.alerts) {
        const AlertSignal* signal = findAlertSignal(a.rule.signal);
        nlohmann::ordered_json periods = nlohmann::ordered_json::array();
        for (const AlertPeriod& p : a.periods)
            periods.push_back({{"start_s", p.startS}, {"duration_s", p.durationS}, {"peak", number(p.peak)}});
        out.push_back({{"name", a.rule.name},
                       {"signal", a.rule.signal},
                       {"unit", signal ? unitName(signal->unit) : "count"},
                       {"above", number(a.rule.threshold)},
                       {"above_text", a.rule.thresholdText},
                       // The window actually used: one bin when the rule gives none.
                       {"window_s", a.rule.window ? a.rule.window->seconds() : r.resolutionS},
                       {"for_s", a.rule.forAtLeast ? a.rule.forAtLeast->seconds() : 0.0},
                       {"fired_replications", a.firedReplications},
                       {"periods", periods}});
    }
    return out;
}

const char* causeName(InstanceFailureCause cause)
{
    switch (cause) {
    case InstanceFailureCause::HealthCheck:
        break;
    case InstanceFailureCause::Overload:
        return "overload";
    }
    return "health_check";
}

/// With instances that can fail: the failure story's figures, and per replication its
/// failures as recorded (the first kMaxRecordedFailures, warm-up included).
nlohmann::ordered_json failuresJson(const RunResult& r, const FailureStory& story)
{
    nlohmann::ordered_json j;
    j["text"] = story.sentence();
    j["replications"] = story.replications;
    j["replications_with_failure"] = story.withFailure;
    j["cascaded_replications"] = story.cascaded;
    j["instances"] = story.instances;
    const bool any = story.withFailure > 0;
    j["first_failure_s"] = {{"mean", any ? number(story.firstMeanS) : nullptr},
                            {"min", any ? number(story.firstMinS) : nullptr},
                            {"max", any ? number(story.firstMaxS) : nullptr}};
    j["failures_per_replication"] = number(story.failuresMean);
    j["availability"] = number(story.availability);
    j["recorded_per_replication_max"] = kMaxRecordedFailures;
    nlohmann::ordered_json reps = nlohmann::ordered_json::array();
    for (const std::vector<InstanceFailureEvent>& events : r.replicationFailures) {
        nlohmann::ordered_json list = nlohmann::ordered_json::array();
        for (const InstanceFailureEvent& e : events)
            list.push_back({{"at_s", e.atS}, {"instance", e.instance}, {"cause", causeName(e.cause)}});
        reps.push_back({{"events", list}, {"capped", events.size() >= kMaxRecordedFailures}});
    }
    j["per_replication"] = reps;
    return j;
}

void appendNumber(std::string& out, double v)
{
    if (std::isnan(v))
        return; // an empty field: no value in this bin (no waits to take percentiles of)
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}
} // namespace

nlohmann::ordered_json toJson(const SloReport& report)
{
    nlohmann::ordered_json checks = nlohmann::ordered_json::array();
    for (const SloCheck& c : report.checks) {
        nlohmann::ordered_json j;
        j["key"] = c.limit.key;
        if (!c.limit.workload.empty())
            j["workload"] = c.limit.workload;
        j["limit"] = number(c.limit.limit);
        j["text"] = c.limit.text;
        j["mean"] = number(c.estimate.mean);
        j["ci95"] = number(c.estimate.ci95);
        j["upper"] = number(c.upper);
        if (c.bound == SloBound::AtLeast) { // a minimum (availability): judged on the lower end
            j["lower"] = number(c.lower);
            j["at_least"] = true;
        }
        j["met"] = c.met;
        j["certain"] = c.certain;
        checks.push_back(j);
    }
    return {{"met", report.met()}, {"checks", checks}};
}

nlohmann::ordered_json toJson(const RunResult& r)
{
    nlohmann::ordered_json j;
    j["scenario"] = r.scenarioName;
    j["replications"] = r.replications;
    j["seed"] = r.seed;
    j["horizon_s"] = r.horizonS;
    j["warmup_s"] = r.warmupS;
    j["resolution_s"] = r.resolutionS;
    j["pool_size_total"] = r.poolSizeTotal;
    j["complete"] = r.complete;
    j["metrics"] = metricsJson(r.metrics, r.parts);
    nlohmann::ordered_json workloads = nlohmann::ordered_json::object();
    for (std::size_t w = 0; w < r.workloadNames.size(); ++w)
        workloads[r.workloadNames[w]] = {{"metrics", metricsJson(r.workloadMetrics[w], r.parts)}};
    j["workloads"] = workloads;
    // Each replication's own figures, which the estimates above summarise.
    nlohmann::ordered_json reps = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < r.replicationMetrics.size(); ++i) {
        nlohmann::ordered_json rep = {{"metrics", valuesJson(r.replicationMetrics[i], r.parts)}};
        nlohmann::ordered_json perWorkload = nlohmann::ordered_json::object();
        for (std::size_t w = 0; w < r.workloadNames.size() && i < r.replicationWorkloadMetrics.size(); ++w)
            perWorkload[r.workloadNames[w]] = valuesJson(r.replicationWorkloadMetrics[i][w], r.parts);
        rep["workloads"] = perWorkload;
        reps.push_back(rep);
    }
    j["per_replication"] = reps;
    if (const std::optional<FailureStory> story = failureStory(r))
        j["failures"] = failuresJson(r, *story);
    if (!r.slo.empty())
        j["slo"] = toJson(evaluateSlo(r.slo, r));
    j["alerts"] = alertsJson(r);
    const double perSecond = r.wallSeconds > 0 ? static_cast<double>(r.requests) / r.wallSeconds : 0.0;
    j["engine"] = {{"events", r.events},
                   {"requests", r.requests},
                   {"wall_s", r.wallSeconds},
                   {"requests_per_s", perSecond},
                   {"threads", r.threads}};
    if (r.processes > 1)
        j["engine"]["processes"] = r.processes;
    return j;
}

std::string seriesCsv(const RunResult& r)
{
    std::vector<std::size_t> shown; // series of parts the scenario does not have are left out
    for (std::size_t s = 0; s < kSeriesCount; ++s)
        if (applies(static_cast<Series>(s), r.parts))
            shown.push_back(s);
    std::string out = "time_s";
    for (const std::size_t s : shown)
        for (const char* stat : {"mean", "min", "max"})
            out += "," + std::string(kSeriesNames[s]) + "_" + stat;
    out += '\n';
    const std::size_t bins = r.series[0].mean.size();
    for (std::size_t i = 0; i < bins; ++i) {
        appendNumber(out, static_cast<double>(i) * r.resolutionS);
        for (const std::size_t s : shown) {
            const SeriesBand& b = r.series[s];
            for (const auto* v : {&b.mean, &b.min, &b.max}) {
                out += ',';
                appendNumber(out, (*v)[i]);
            }
        }
        out += '\n';
    }
    return out;
}

} // namespace poolsim::models
