#include "app/cli/summary_table.h"

#include "models/results/alerts.h"
#include "models/results/slo.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace poolsim::cli {

using models::Metric;

namespace {
enum class Unit { Count, Ratio, Seconds, Level, Rate };

std::string formatValue(double v, Unit unit)
{
    if (!std::isfinite(v))
        return "-";
    char buf[64];
    switch (unit) {
    case Unit::Count:
        std::snprintf(buf, sizeof buf, "%.0f", v);
        break;
    case Unit::Ratio:
        std::snprintf(buf, sizeof buf, "%.3f%%", v * 100);
        break;
    case Unit::Seconds:
        if (v < 1)
            std::snprintf(buf, sizeof buf, "%.1f ms", v * 1000);
        else
            std::snprintf(buf, sizeof buf, "%.3f s", v);
        break;
    case Unit::Level:
        std::snprintf(buf, sizeof buf, "%.2f", v);
        break;
    case Unit::Rate:
        std::snprintf(buf, sizeof buf, "%.2f/s", v);
        break;
    }
    return buf;
}

struct Row
{
    Metric metric;
    const char* label;
    Unit unit;
};

constexpr Row kRows[] = {
    {Metric::Arrivals, "arrivals", Unit::Count},
    {Metric::Served, "served", Unit::Count},
    {Metric::Timeouts, "timeouts", Unit::Count},
    {Metric::Failures, "other failures", Unit::Count},
    {Metric::TimeoutRatio, "timeout ratio", Unit::Ratio},
    {Metric::WaitRatio, "served that waited", Unit::Ratio},
    {Metric::WaitMeanS, "wait mean", Unit::Seconds},
    {Metric::WaitP50S, "wait p50", Unit::Seconds},
    {Metric::WaitP95S, "wait p95", Unit::Seconds},
    {Metric::WaitP99S, "wait p99", Unit::Seconds},
    {Metric::WaitMaxS, "wait max", Unit::Seconds},
    {Metric::BusyMean, "connections in use", Unit::Level},
    {Metric::UtilizationMean, "utilization mean", Unit::Ratio},
    {Metric::UtilizationMax, "utilization max (bin)", Unit::Ratio},
    {Metric::WaitersMean, "waiting requests mean", Unit::Level},
    {Metric::WaitersMax, "waiting requests max", Unit::Count},
    {Metric::ThroughputPerS, "throughput", Unit::Rate},
    {Metric::ResponseP95S, "response p95", Unit::Seconds},
    {Metric::ResponseP99S, "response p99", Unit::Seconds},
    {Metric::Retries, "retries", Unit::Count},
    {Metric::Unfinished, "unfinished at horizon", Unit::Count},
};

std::string clock(double seconds)
{
    const auto s = static_cast<long long>(seconds);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    return buf;
}

/// The worst bins of the timeline: where a planner should look first.
std::string peaks(const models::RunResult& r)
{
    using models::Series;
    struct Peak
    {
        Series series;
        const char* label;
        Unit unit;
    };
    constexpr Peak kPeaks[] = {
        {Series::WaitersMax, "most waiting requests", Unit::Count},
        {Series::WaitP95S, "highest wait p95", Unit::Seconds},
        {Series::Timeouts, "most timeouts", Unit::Count},
        {Series::Failures, "most other failures", Unit::Count},
    };
    std::string out;
    char buf[200];
    std::snprintf(buf, sizeof buf, "\n  worst %g s bins of the timeline (mean over replications)\n", r.resolutionS);
    out += buf;
    for (const Peak& p : kPeaks) {
        const auto& mean = r.series[static_cast<std::size_t>(p.series)].mean;
        std::size_t best = mean.size();
        for (std::size_t i = 0; i < mean.size(); ++i)
            if (!std::isnan(mean[i]) && (best == mean.size() || mean[i] > mean[best]))
                best = i;
        if (best == mean.size() || mean[best] <= 0)
            std::snprintf(buf, sizeof buf, "  %-24s %16s\n", p.label, "none");
        else
            std::snprintf(buf, sizeof buf, "  %-24s %16s  at %s\n", p.label,
                          formatValue(mean[best], p.unit == Unit::Count ? Unit::Level : p.unit).c_str(),
                          clock(static_cast<double>(best) * r.resolutionS).c_str());
        out += buf;
    }
    return out;
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
        std::snprintf(buf, sizeof buf, whole / 60 % 60 ? "%lldh %lldm" : "%lldh", whole / 3600, whole / 60 % 60);
    return buf;
}

/// A service-level or alert value in its unit: 7.228 s, 83.5%, 12.
std::string levelText(double v, models::SloUnit unit)
{
    switch (unit) {
    case models::SloUnit::Duration: return formatValue(v, Unit::Seconds);
    case models::SloUnit::Fraction: {
        if (!std::isfinite(v))
            return "-";
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.3g%%", v * 100);
        return buf;
    }
    case models::SloUnit::Count: break;
    }
    if (!std::isfinite(v))
        return "-";
    char buf[32];
    std::snprintf(buf, sizeof buf, v == std::floor(v) && std::fabs(v) < 1e15 ? "%.0f" : "%.2f", v);
    return buf;
}

/// Each limit of the scenario's slo: met or missed, the mean and the upper end of its 95%
/// interval (what "met" is decided on), and the limit as written.
std::string serviceLevels(const models::RunResult& r)
{
    if (r.slo.empty())
        return {};
    const models::SloReport report = models::evaluateSlo(r.slo, r);
    std::string out = "\n  service levels (met: the upper end of the 95% CI is within the limit): ";
    out += report.met() ? "all met\n" : "NOT MET\n";
    char buf[320];
    std::snprintf(buf, sizeof buf, "  %-36s %-7s %12s %12s %10s\n", "limit", "result", "mean", "upper", "limit");
    out += buf;
    for (const models::SloCheck& c : report.checks) {
        const models::SloKey* key = models::findSloKey(c.limit.key);
        const models::SloUnit unit = key ? key->unit : models::SloUnit::Count;
        // "met" when sure; "missed" when even the lower end is over; "unsure" when the
        // interval straddles the limit (more replications would tell).
        const char* result = c.met ? "met" : c.certain ? "MISSED" : "unsure";
        std::snprintf(buf, sizeof buf, "  %-36s %-7s %12s %12s %10s\n", models::describeLimit(c.limit).c_str(), result,
                      levelText(c.estimate.mean, unit).c_str(), levelText(c.upper, unit).c_str(), c.limit.text.c_str());
        out += buf;
    }
    return out;
}

/// The peak of an alert's signal: "wait_p95 7.228 s", "utilization 100.0%", "timeouts 12 in 5m".
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
    out += rules == models::defaultAlertRules() ? "the default rules" : "the scenario's rules";
    out += ", on the mean over replications)\n";
    const bool any = std::any_of(r.alerts.begin(), r.alerts.end(), [](const models::AlertOutcome& a) {
        return !a.periods.empty() || a.firedReplications > 0;
    });
    if (!any)
        return out + "  no alerts fired\n";
    char buf[320];
    std::snprintf(buf, sizeof buf, "  %-20s %-9s %-9s %-16s %-26s %s\n", "alert", "first at", "lasting",
                  "periods (total)", "peak", "fired in");
    out += buf;
    for (const models::AlertOutcome& a : r.alerts) {
        if (a.periods.empty() && a.firedReplications == 0)
            continue;
        const std::string firedIn = std::to_string(a.firedReplications) + " of " + std::to_string(r.replications) +
                                    (r.replications == 1 ? " replication" : " replications");
        if (a.periods.empty()) {
            // Fired in some replications, not on the mean: an occasional spike.
            std::snprintf(buf, sizeof buf, "  %-20s %-9s %-9s %-16s %-26s %s\n", a.rule.name.c_str(), "-", "-", "0",
                          "(not on the mean)", firedIn.c_str());
        } else {
            const models::AlertPeriod& first = a.periods.front();
            double peak = first.peak, total = 0;
            for (const models::AlertPeriod& p : a.periods) {
                peak = std::max(peak, p.peak);
                total += p.durationS;
            }
            const std::string periods = std::to_string(a.periods.size()) + " (" + span(total) + ")";
            std::snprintf(buf, sizeof buf, "  %-20s %-9s %-9s %-16s %-26s %s\n", a.rule.name.c_str(),
                          clock(first.startS).c_str(), span(first.durationS).c_str(), periods.c_str(),
                          peakText(a.rule, peak, r.resolutionS).c_str(), firedIn.c_str());
        }
        out += buf;
    }
    return out;
}

std::string line(const char* label, const std::string& mean, const std::string& ci)
{
    char buf[160];
    std::snprintf(buf, sizeof buf, "  %-24s %16s  %s\n", label, mean.c_str(), ci.c_str());
    return buf;
}
} // namespace

std::string summaryTable(const models::RunResult& r)
{
    std::string out;
    char head[512];
    std::snprintf(head, sizeof head,
                  "%s\n  %lld replications, seed %llu, horizon %.0f s (warm-up %.0f s), pool %lld connections%s\n\n",
                  r.scenarioName.empty() ? "(unnamed scenario)" : r.scenarioName.c_str(),
                  static_cast<long long>(r.replications), static_cast<unsigned long long>(r.seed), r.horizonS,
                  r.warmupS, static_cast<long long>(r.poolSizeTotal), r.complete ? "" : "  [STOPPED EARLY]");
    out += head;
    out += line("metric", "mean", "+/- 95% CI");
    for (const Row& row : kRows) {
        const auto& e = r.metrics[row.metric];
        out += line(row.label, formatValue(e.mean, row.unit),
                    std::isfinite(e.ci95) ? formatValue(e.ci95, row.unit) : std::string("-"));
    }
    if (!r.workloadNames.empty()) {
        char buf[256];
        std::snprintf(buf, sizeof buf, "\n  %-20s %10s %10s %10s %12s %12s %12s\n", "workload", "arrivals", "served",
                      "failed", "wait p95", "wait p99", "response p95");
        out += buf;
        for (std::size_t w = 0; w < r.workloadNames.size(); ++w) {
            const auto& m = r.workloadMetrics[w];
            std::snprintf(buf, sizeof buf, "  %-20s %10s %10s %10s %12s %12s %12s\n", r.workloadNames[w].c_str(),
                          formatValue(m[Metric::Arrivals].mean, Unit::Count).c_str(),
                          formatValue(m[Metric::Served].mean, Unit::Count).c_str(),
                          formatValue(m[Metric::Timeouts].mean + m[Metric::Failures].mean, Unit::Count).c_str(),
                          formatValue(m[Metric::WaitP95S].mean, Unit::Seconds).c_str(),
                          formatValue(m[Metric::WaitP99S].mean, Unit::Seconds).c_str(),
                          formatValue(m[Metric::ResponseP95S].mean, Unit::Seconds).c_str());
            out += buf;
        }
    }
    out += peaks(r);
    out += serviceLevels(r);
    out += alerts(r);
    char tail[200];
    std::snprintf(tail, sizeof tail, "\n  %llu events, %llu requests in %.2f s on %u threads\n",
                  static_cast<unsigned long long>(r.events), static_cast<unsigned long long>(r.requests),
                  r.wallSeconds, r.threads);
    out += tail;
    return out;
}

} // namespace poolsim::cli
