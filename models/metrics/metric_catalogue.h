#pragma once
// What every metric and series is for a reader, in one place: its JSON name (metrics.h, never
// renamed), a label, its unit, how a value is written and, for metrics, which way is better.
// Tables choose which metrics they show and in what order; the words and numbers come from here.
#include "models/metrics/metrics.h"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace poolsim::models {

/// What a value measures.
enum class MetricUnit {
    Count,     // requests (per replication; a mean over replications has a fraction)
    Ratio,     // a share from 0 to 1
    Seconds,   // a duration
    Level,     // a time-average or a level: connections in use, waiting requests
    PerSecond, // a rate
    Factor     // how many times longer: a query's duration over its demand
};

/// How a value is written (formatValue). Non-finite values are written "-".
enum class NumberFormat {
    Whole,       // 36174: no decimals
    Percent,     // 0.507%: the ratio x 100, three decimals
    Duration,    // 20.4 ms below 1 s, 7.511 s from 1 s on
    TwoDecimals, // 1.12
    Rate,        // 20.10/s
    Factor       // 1.84x
};

/// Which way a metric is better, for a reader judging a difference.
enum class Direction { LowerIsBetter, HigherIsBetter, Neither };

struct MetricInfo
{
    Metric metric;
    std::string_view name;  // the JSON key (kMetricNames)
    std::string_view label; // for people: "wait p95", "served that waited"
    MetricUnit unit;
    NumberFormat format;
    Direction direction;
    ModelPart part; // shown only when the scenario has it
};

struct SeriesInfo
{
    Series series;
    std::string_view name; // the JSON and CSV key (kSeriesNames)
    std::string_view label;
    MetricUnit unit;
    NumberFormat format; // of a bin's value in results: a mean over replications
    ModelPart part;
};

/// Every metric, in the order of Metric.
inline constexpr std::array<MetricInfo, kMetricCount> kMetricCatalogue = [] {
    using enum MetricUnit;
    using F = NumberFormat;
    using D = Direction;
    const auto m = [](Metric metric, std::string_view label, MetricUnit unit, NumberFormat format,
                      Direction d, ModelPart part = ModelPart::Pool) {
        return MetricInfo{metric, metricName(metric), label, unit, format, d, part};
    };
    constexpr ModelPart server = ModelPart::DatabaseServer;
    constexpr ModelPart failing = ModelPart::InstanceFailures;
    return std::array<MetricInfo, kMetricCount>{{
        m(Metric::Arrivals, "arrivals", Count, F::Whole, D::Neither),
        m(Metric::Served, "served", Count, F::Whole, D::HigherIsBetter),
        m(Metric::Timeouts, "timeouts", Count, F::Whole, D::LowerIsBetter),
        m(Metric::Failures, "other failures", Count, F::Whole, D::LowerIsBetter),
        m(Metric::TimeoutRatio, "timeout ratio", Ratio, F::Percent, D::LowerIsBetter),
        m(Metric::WaitRatio, "served that waited", Ratio, F::Percent, D::LowerIsBetter),
        m(Metric::WaitMeanS, "wait mean", Seconds, F::Duration, D::LowerIsBetter),
        m(Metric::WaitP50S, "wait p50", Seconds, F::Duration, D::LowerIsBetter),
        m(Metric::WaitP95S, "wait p95", Seconds, F::Duration, D::LowerIsBetter),
        m(Metric::WaitP99S, "wait p99", Seconds, F::Duration, D::LowerIsBetter),
        m(Metric::WaitMaxS, "wait max", Seconds, F::Duration, D::LowerIsBetter),
        m(Metric::BusyMean, "connections in use", Level, F::TwoDecimals, D::Neither),
        m(Metric::UtilizationMean, "utilization mean", Ratio, F::Percent, D::Neither),
        m(Metric::UtilizationMax, "utilization max (bin)", Ratio, F::Percent, D::Neither),
        m(Metric::WaitersMean, "waiting requests mean", Level, F::TwoDecimals, D::LowerIsBetter),
        m(Metric::WaitersMax, "waiting requests max", Count, F::Whole, D::LowerIsBetter),
        m(Metric::ThroughputPerS, "throughput", PerSecond, F::Rate, D::HigherIsBetter),
        m(Metric::ResponseP95S, "response p95", Seconds, F::Duration, D::LowerIsBetter),
        m(Metric::ResponseP99S, "response p99", Seconds, F::Duration, D::LowerIsBetter),
        m(Metric::Retries, "retries", Count, F::Whole, D::LowerIsBetter),
        m(Metric::ConnectFailures, "connect failures", Count, F::Whole, D::LowerIsBetter),
        m(Metric::Refused, "refused by the database", Count, F::Whole, D::LowerIsBetter),
        m(Metric::ResponseMeanS, "response mean", Seconds, F::Duration, D::LowerIsBetter),
        m(Metric::HoldMeanS, "connection time per request", Seconds, F::Duration, D::LowerIsBetter),
        m(Metric::OpenMean, "open connections", Level, F::TwoDecimals, D::Neither),
        m(Metric::Unfinished, "unfinished at horizon", Count, F::Whole, D::LowerIsBetter),
        m(Metric::DbActiveMean, "database queries running", Level, F::TwoDecimals, D::Neither, server),
        m(Metric::DbActiveMax, "database queries running max", Count, F::Whole, D::Neither, server),
        m(Metric::DbSlowdownMean, "database slowdown", Factor, F::Factor, D::LowerIsBetter, server),
        m(Metric::DbThroughputPerS, "database queries", PerSecond, F::Rate, D::HigherIsBetter, server),
        m(Metric::Crashes, "instance failures", Count, F::TwoDecimals, D::LowerIsBetter, failing),
        m(Metric::CrashReplications, "replications with a failure", Ratio, F::Percent, D::LowerIsBetter,
          failing),
        m(Metric::FirstCrashS, "first instance failure", Seconds, F::Duration, D::HigherIsBetter, failing),
        m(Metric::FailedInstances, "instances that failed", Count, F::TwoDecimals, D::LowerIsBetter, failing),
        m(Metric::DowntimeS, "instance downtime", Seconds, F::Duration, D::LowerIsBetter, failing),
        m(Metric::Availability, "availability", Ratio, F::Percent, D::HigherIsBetter, failing),
        m(Metric::Crashed, "failed with their instance", Count, F::Whole, D::LowerIsBetter, failing),
        m(Metric::Rejected, "rejected (overload)", Count, F::Whole, D::LowerIsBetter,
          ModelPart::LoadShedding),
        m(Metric::Unavailable, "no instance up", Count, F::Whole, D::LowerIsBetter, failing),
        m(Metric::ClientTimeouts, "client timeouts", Count, F::Whole, D::LowerIsBetter,
          ModelPart::ClientTimeouts),
        m(Metric::ProbeFailures, "failed health checks", Count, F::Whole, D::LowerIsBetter, failing),
    }};
}();

/// Every series, in the order of Series. A bin of a result's series is a mean over
/// replications, so counts per bin have fractions: two decimals.
inline constexpr std::array<SeriesInfo, kSeriesCount> kSeriesCatalogue = [] {
    using enum MetricUnit;
    using F = NumberFormat;
    const auto s = [](Series series, std::string_view label, MetricUnit unit, NumberFormat format,
                      ModelPart part = ModelPart::Pool) {
        return SeriesInfo{series, kSeriesNames[static_cast<std::size_t>(series)], label, unit, format, part};
    };
    constexpr ModelPart server = ModelPart::DatabaseServer;
    return std::array<SeriesInfo, kSeriesCount>{{
        s(Series::BusyMean, "connections in use", Level, F::TwoDecimals),
        s(Series::BusyMax, "connections in use (peak in bin)", Level, F::TwoDecimals),
        s(Series::WaitersMean, "waiting requests", Level, F::TwoDecimals),
        s(Series::WaitersMax, "waiting requests (peak in bin)", Level, F::TwoDecimals),
        s(Series::OpenMean, "open connections", Level, F::TwoDecimals),
        s(Series::Arrivals, "arrivals per bin", Count, F::TwoDecimals),
        s(Series::Served, "served per bin", Count, F::TwoDecimals),
        s(Series::Timeouts, "timeouts per bin", Count, F::TwoDecimals),
        s(Series::Failures, "other failures per bin", Count, F::TwoDecimals),
        s(Series::WaitP50S, "wait p50", Seconds, F::Duration),
        s(Series::WaitP95S, "wait p95", Seconds, F::Duration),
        s(Series::WaitP99S, "wait p99", Seconds, F::Duration),
        s(Series::ResponseP50S, "response p50", Seconds, F::Duration),
        s(Series::ResponseP95S, "response p95", Seconds, F::Duration),
        s(Series::ResponseP99S, "response p99", Seconds, F::Duration),
        s(Series::DbActiveMean, "database queries running", Level, F::TwoDecimals, server),
        s(Series::DbActiveMax, "database queries running (peak in bin)", Level, F::TwoDecimals, server),
        s(Series::DbSlowdownMean, "database slowdown", Factor, F::Factor, server),
        s(Series::InstancesDown, "instances down", Level, F::TwoDecimals, ModelPart::InstanceFailures),
    }};
}();

constexpr bool catalogueInEnumOrder()
{
    for (std::size_t i = 0; i < kMetricCount; ++i)
        if (static_cast<std::size_t>(kMetricCatalogue[i].metric) != i)
            return false;
    for (std::size_t i = 0; i < kSeriesCount; ++i)
        if (static_cast<std::size_t>(kSeriesCatalogue[i].series) != i)
            return false;
    return true;
}
static_assert(catalogueInEnumOrder(), "kMetricCatalogue and kSeriesCatalogue follow the enums' order");

/// A metric's or a series' entry. (Not metricInfo/seriesInfo: ui/metric_text.h has functions of
/// those names taking a Metric or a Series, and argument-dependent lookup would make every call
/// of them ambiguous.)
constexpr const MetricInfo& catalogue(Metric m)
{
    return kMetricCatalogue[static_cast<std::size_t>(m)];
}
constexpr const SeriesInfo& catalogue(Series s)
{
    return kSeriesCatalogue[static_cast<std::size_t>(s)];
}
constexpr std::string_view metricLabel(Metric m)
{
    return catalogue(m).label;
}

/// Whether a result of a scenario with `parts` has the metric or series (it measures the pool,
/// or an optional part the scenario has).
constexpr bool applies(Metric m, ModelParts parts)
{
    return parts.has(catalogue(m).part);
}
constexpr bool applies(Series s, ModelParts parts)
{
    return parts.has(catalogue(s).part);
}

/// The metric with this JSON name, or nullptr.
const MetricInfo* findMetric(std::string_view name);

/// "count", "ratio", "seconds", "level", "per second".
std::string_view unitName(MetricUnit unit);
/// "lower is better", "higher is better", "neither".
std::string_view directionName(Direction direction);

/// `value` written in `format`: "36174", "0.507%", "20.4 ms", "7.511 s", "1.12", "20.10/s";
/// "-" when not finite. With `sign`, a positive value gets a "+" (differences). A value that
/// rounds to zero is written without a sign ("0", "+0" with `sign`), never "-0".
std::string formatValue(double value, NumberFormat format, bool sign = false);

/// A mean and its 95% confidence half-width in one unit, so that the two read together:
/// "36174 ± 357", "0.720 ± 0.150%", "39.3 ± 13.4 ms", "1.234 ± 0.056 s" (a duration is in
/// milliseconds when both are below 1 s). The mean alone when the half-width is not finite
/// (one replication); "-" when the mean is not. `sign` as for formatValue, on the mean.
std::string formatEstimate(double mean, double ci95, NumberFormat format, bool sign = false);

/// A value of a metric or of a series, in its catalogue format.
inline std::string formatMetricValue(Metric m, double value, bool sign = false)
{
    return formatValue(value, catalogue(m).format, sign);
}
inline std::string formatMetricEstimate(Metric m, double mean, double ci95, bool sign = false)
{
    return formatEstimate(mean, ci95, catalogue(m).format, sign);
}
inline std::string formatSeriesValue(Series s, double value)
{
    return formatValue(value, catalogue(s).format);
}

/// Where a small difference from zero matters (a value judged against a limit: a mean of 0.33
/// timeouts against `timeouts: 0` must not read "0"): `format`, except that Whole keeps two
/// decimals for a value that is not whole ("0.33"; "2" stays "2").
NumberFormat preciseFormat(NumberFormat format, double value);
inline std::string formatPreciseValue(Metric m, double value)
{
    return formatValue(value, preciseFormat(catalogue(m).format, value));
}
/// As formatMetricEstimate, two decimals for a count when the mean or the half-width is not whole.
inline std::string formatPreciseEstimate(Metric m, double mean, double ci95)
{
    return formatEstimate(mean, ci95, preciseFormat(preciseFormat(catalogue(m).format, mean), ci95));
}

} // namespace poolsim::models
