#include "app/cli/summary_table.h"

#include "app/cli/job.h"
#include "app/cli/text_table.h"
#include "models/metrics/metric_catalogue.h"
#include "models/results/alerts.h"
#include "models/results/failure_story.h"
#include "models/results/slo.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <optional>
#include <vector>

namespace poolsim::cli {

using models::Metric;

namespace {

/// The summary's metrics, in its order; labels and formats are the catalogue's.
constexpr Metric kRows[] = {
    Metric::Arrivals,        Metric::Served,         Metric::Timeouts,     Metric::Failures,
    Metric::TimeoutRatio,    Metric::WaitRatio,      Metric::WaitMeanS,    Metric::WaitP50S,
    Metric::WaitP95S,        Metric::WaitP99S,       Metric::WaitMaxS,     Metric::BusyMean,
    Metric::UtilizationMean, Metric::UtilizationMax, Metric::WaitersMean,  Metric::WaitersMax,
    Metric::ThroughputPerS,  Metric::ResponseP95S,   Metric::ResponseP99S, Metric::Retries,
    Metric::Unfinished,
};
/// With a database server: its load, and how much it stretched the queries' time on it.
constexpr Metric kServerRows[] = {Metric::DbActiveMean, Metric::DbActiveMax, Metric::DbSlowdownMean,
                                  Metric::DbThroughputPerS, Metric::HoldMeanS};
/// The failure loop's, each shown when the run has its part (instances that can fail, load
/// shedding, client timeouts): how often instances failed and for how long, and the requests
/// that failed because of it.
constexpr Metric kFailureRows[] = {Metric::Crashes,         Metric::CrashReplications, Metric::FirstCrashS,
                                   Metric::FailedInstances, Metric::DowntimeS,         Metric::Availability,
                                   Metric::Crashed,         Metric::Unavailable,       Metric::Rejected,
                                   Metric::ClientTimeouts,  Metric::ProbeFailures};

/// The metrics and the worst bins below them share their first columns, so that they line up:
/// `labels` wide (at least 24).
TextTable metricTable(std::size_t labels)
{
    return TextTable({{Align::Left, std::max<std::size_t>(24, labels)}, {Align::Right, 16}, {Align::Left}});
}

/// `text` in lines of at most `width` columns (a longer word has a line of its own), each
/// starting with `indent` and ending in "\n".
std::string wrapped(const std::string& text, const std::string& indent, std::size_t width)
{
    std::string out, line;
    std::size_t from = 0;
    while (from < text.size()) {
        std::size_t to = text.find(' ', from);
        if (to == std::string::npos)
            to = text.size();
        const std::string word = text.substr(from, to - from);
        if (!line.empty() && indent.size() + displayWidth(line) + 1 + displayWidth(word) > width) {
            out += indent + line + "\n";
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
        from = to + 1;
    }
    if (!line.empty())
        out += indent + line + "\n";
    return out;
}

std::string clock(double seconds)
{
    return models::formatClock(seconds);
}

/// The worst bins of the timeline: where a planner should look first.
std::string peaks(const models::RunResult& r, std::size_t labels)
{
    using models::Series;
    struct Peak
    {
        Series series;
        const char* what; // the worst bin of the series, in words
    };
    constexpr Peak kPeaks[] = {
        {Series::WaitersMax, "most waiting requests"},
        {Series::WaitP95S, "highest wait p95"},
        {Series::Timeouts, "most timeouts"},
        {Series::Failures, "most other failures"},
        {Series::InstancesDown, "most instances down"},
    };
    char buf[200];
    std::snprintf(buf, sizeof buf, "\n  worst %g s bins of the timeline (mean over replications)\n",
                  r.resolutionS);
    TextTable table = metricTable(labels);
    for (const Peak& p : kPeaks) {
        if (!models::applies(p.series, r.parts))
            continue;
        const auto& mean = r.series[static_cast<std::size_t>(p.series)].mean;
        std::size_t best = mean.size();
        for (std::size_t i = 0; i < mean.size(); ++i)
            if (!std::isnan(mean[i]) && (best == mean.size() || mean[i] > mean[best]))
                best = i;
        if (best == mean.size() || mean[best] <= 0)
            table.addRow({p.what, "none"});
        else
            table.addRow({p.what, models::formatSeriesValue(p.series, mean[best]),
                          "at " + clock(static_cast<double>(best) * r.resolutionS)});
    }
    return buf + table.text();
}

/// A length of time as a person reads it: 250 ms, 45 s, 2m 30s, 1h 5m.
std::string span(double seconds)
{
    if (!std::isfinite(seconds))
        return "-";
    char buf[64];
    const auto whole = static_cast<long long>(std::llround(seconds));
    if (seconds < 1)
        std::snprintf(buf, sizeof buf, "%.0f ms", seconds * 1000);
    else if (seconds < 60)
        std::snprintf(buf, sizeof buf, "%.3g s", seconds);
    else if (whole < 3600)
        std::snprintf(buf, sizeof buf, whole % 60 ? "%lldm %llds" : "%lldm", whole / 60, whole % 60);
    else
        std::snprintf(buf, sizeof buf, whole / 60 % 60 ? "%lldh %lldm" : "%lldh", whole / 3600,
                      whole / 60 % 60);
    return buf;
}

/// An alert's level in its signal's unit: 7.228 s, 83.500%, 12.
std::string levelText(double v, models::SloUnit unit)
{
    const models::NumberFormat format = models::numberFormat(unit);
    return models::formatValue(v, models::preciseFormat(format, v));
}

/// Each limit of the scenario's slo: met or missed, the mean and the upper end of its 95%
/// interval (what "met" is decided on), and the limit as written.
std::string serviceLevels(const models::RunResult& r)
{
    if (r.slo.empty())
        return {};
    const models::SloReport report = models::evaluateSlo(r.slo, r);
    // A minimum (availability) is judged on the lower end: then the column says which end.
    const bool minimum = models::anyMinimum(r.slo);
    std::string out = minimum ? "\n  service levels (met: the upper end of the 95% CI is within the limit; "
                                "the lower end for a minimum): "
                              : "\n  service levels (met: the upper end of the 95% CI is within the limit): ";
    out += report.met() ? "all met\n" : "NOT MET\n";
    TextTable table(
        {{Align::Left, 36}, {Align::Left, 7}, {Align::Right, 12}, {Align::Right, 12}, {Align::Right, 10}},
        "  ", 1);
    table.addRow({"limit", "result", "mean", minimum ? "95% end" : "upper", "limit"});
    for (const models::SloCheck& c : report.checks) {
        // "met" when sure; "missed" when even the other end is beyond the limit; "unsure" when
        // the interval straddles the limit (more replications would tell).
        const char* result = c.met ? "met" : c.certain ? "MISSED" : "unsure";
        table.addRow({models::describeLimit(c.limit), result,
                      models::limitValueText(c.limit, c.estimate.mean),
                      models::limitValueText(c.limit, c.judged()) +
                          (c.bound == models::SloBound::AtLeast ? " (lower)" : ""),
                      c.limit.text});
    }
    return out + table.text();
}

/// The peak of an alert's signal: "wait_p95 7.228 s", "utilization 100.000%", "timeouts 12 in 5m".
std::string peakText(const models::AlertRule& rule, double peak, double resolutionS)
{
    const models::AlertSignal* signal = models::findAlertSignal(rule.signal);
    std::string out = rule.signal + " " + levelText(peak, signal ? signal->unit : models::SloUnit::Count);
    if (signal && signal->combine == models::AlertSignal::Combine::Sum)
        out += " in " + span(rule.window ? rule.window->seconds() : resolutionS);
    return out;
}

/// Each rule that fired: where on the mean series across replications (its first period, how
/// many periods), its peak, and in how many replications it fired at all.
std::string alerts(const models::RunResult& r)
{
    if (r.alerts.empty())
        return {};
    std::vector<models::AlertRule> rules;
    for (const models::AlertOutcome& a : r.alerts)
        rules.push_back(a.rule);
    std::string out = "\n  alerts (";
    out += rules == models::defaultAlertRules(r.parts) ? "the default rules" : "the scenario's rules";
    out += ", on the mean over replications)\n";
    const bool any = std::any_of(r.alerts.begin(), r.alerts.end(), [](const models::AlertOutcome& a) {
        return !a.periods.empty() || a.firedReplications > 0;
    });
    if (!any)
        return out + "  no alerts fired\n";
    TextTable table({{Align::Left, 20},
                     {Align::Left, 9},
                     {Align::Left, 9},
                     {Align::Left, 16},
                     {Align::Left, 26},
                     {Align::Left}},
                    "  ", 1);
    table.addRow({"alert", "first at", "lasting", "periods (total)", "peak", "fired in"});
    for (const models::AlertOutcome& a : r.alerts) {
        if (a.periods.empty() && a.firedReplications == 0)
            continue;
        const std::string firedIn = std::to_string(a.firedReplications) + " of " +
                                    std::to_string(r.replications) +
                                    (r.replications == 1 ? " replication" : " replications");
        if (a.periods.empty()) {
            // Fired in some replications, not on the mean: an occasional spike.
            table.addRow({a.rule.name, "-", "-", "0", "(not on the mean)", firedIn});
        } else {
            const models::AlertPeriod& first = a.periods.front();
            double peak = first.peak, total = 0;
            for (const models::AlertPeriod& p : a.periods) {
                peak = std::max(peak, p.peak);
                total += p.durationS;
            }
            const std::string periods = std::to_string(a.periods.size()) + " (" + span(total) + ")";
            table.addRow({a.rule.name, clock(first.startS), span(first.durationS), periods,
                          peakText(a.rule, peak, r.resolutionS), firedIn});
        }
    }
    return out + table.text();
}
} // namespace

std::string summaryTable(const models::RunResult& r)
{
    std::string out;
    char head[512];
    std::snprintf(
        head, sizeof head,
        "%s\n  %lld replications, seed %llu, horizon %.0f s (warm-up %.0f s), pool %lld connections%s\n\n",
        r.scenarioName.empty() ? "(unnamed scenario)" : r.scenarioName.c_str(),
        static_cast<long long>(r.replications), static_cast<unsigned long long>(r.seed), r.horizonS,
        r.warmupS, static_cast<long long>(r.poolSizeTotal), r.complete ? "" : "  [STOPPED EARLY]");
    out += head;
    if (const std::optional<models::FailureStory> story = models::failureStory(r))
        out += wrapped(story->sentence(), "  ", 100) + "\n";
    std::vector<Metric> rows(std::begin(kRows), std::end(kRows));
    if (r.parts.has(models::ModelPart::DatabaseServer))
        rows.insert(rows.end(), std::begin(kServerRows), std::end(kServerRows));
    for (const Metric m : kFailureRows)
        if (models::applies(m, r.parts))
            rows.push_back(m);
    std::size_t labels = 0;
    for (const Metric m : rows)
        labels = std::max(labels, displayWidth(models::metricLabel(m)));
    TextTable metrics = metricTable(labels);
    metrics.addRow({"metric", "mean", "± 95% CI"});
    for (const Metric m : rows) {
        const auto& e = r.metrics[m];
        metrics.addRow({std::string(models::metricLabel(m)), models::formatMetricValue(m, e.mean),
                        models::formatMetricValue(m, e.ci95)});
    }
    out += metrics.text();
    if (!r.workloadNames.empty()) {
        // Per workload: its counts (failed: timeouts and other failures) and its waits.
        constexpr Metric kColumns[] = {Metric::Arrivals, Metric::Served,   Metric::Timeouts,
                                       Metric::WaitP95S, Metric::WaitP99S, Metric::ResponseP95S};
        TextTable table({{Align::Left, 20},
                         {Align::Right, 10},
                         {Align::Right, 10},
                         {Align::Right, 10},
                         {Align::Right, 12},
                         {Align::Right, 12},
                         {Align::Right, 12}},
                        "  ", 1);
        std::vector<std::string> header = {"workload"};
        for (const Metric m : kColumns)
            header.emplace_back(m == Metric::Timeouts ? "failed" : models::metricLabel(m));
        table.addRow(header);
        for (std::size_t w = 0; w < r.workloadNames.size(); ++w) {
            const auto& wm = r.workloadMetrics[w];
            std::vector<std::string> row = {r.workloadNames[w]};
            for (const Metric m : kColumns)
                row.push_back(models::formatMetricValue(
                    m, m == Metric::Timeouts ? wm[Metric::Timeouts].mean + wm[Metric::Failures].mean
                                             : wm[m].mean));
            table.addRow(row);
        }
        out += "\n" + table.text();
    }
    out += peaks(r, labels);
    out += serviceLevels(r);
    out += alerts(r);
    char tail[200];
    std::snprintf(tail, sizeof tail, "\n  %llu events, %llu requests in %.2f s on %s\n",
                  static_cast<unsigned long long>(r.events), static_cast<unsigned long long>(r.requests),
                  r.wallSeconds, workersText(r.threads, r.processes).c_str());
    out += tail;
    return out;
}

} // namespace poolsim::cli
