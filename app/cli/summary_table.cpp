#include "app/cli/summary_table.h"

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
    char tail[200];
    std::snprintf(tail, sizeof tail, "\n  %llu events, %llu requests in %.2f s on %u threads\n",
                  static_cast<unsigned long long>(r.events), static_cast<unsigned long long>(r.requests),
                  r.wallSeconds, r.threads);
    out += tail;
    return out;
}

} // namespace poolsim::cli
