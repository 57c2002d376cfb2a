#include "ui/charts/metric_text.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace poolsim::ui {

using models::Metric;
using models::Series;

const std::vector<MetricInfo>& metricInfos()
{
    static const std::vector<MetricInfo> infos = {
        {Metric::Arrivals, QStringLiteral("arrivals"), ValueUnit::Count},
        {Metric::Served, QStringLiteral("served"), ValueUnit::Count},
        {Metric::Timeouts, QStringLiteral("timeouts"), ValueUnit::Count},
        {Metric::Failures, QStringLiteral("other failures"), ValueUnit::Count},
        {Metric::TimeoutRatio, QStringLiteral("timeout ratio"), ValueUnit::Fraction},
        {Metric::WaitRatio, QStringLiteral("served that waited"), ValueUnit::Fraction},
        {Metric::WaitMeanS, QStringLiteral("wait mean"), ValueUnit::Seconds},
        {Metric::WaitP50S, QStringLiteral("wait p50"), ValueUnit::Seconds},
        {Metric::WaitP95S, QStringLiteral("wait p95"), ValueUnit::Seconds},
        {Metric::WaitP99S, QStringLiteral("wait p99"), ValueUnit::Seconds},
        {Metric::WaitMaxS, QStringLiteral("wait max"), ValueUnit::Seconds},
        {Metric::BusyMean, QStringLiteral("connections in use"), ValueUnit::Level},
        {Metric::UtilizationMean, QStringLiteral("utilization mean"), ValueUnit::Fraction},
        {Metric::UtilizationMax, QStringLiteral("utilization max (bin)"), ValueUnit::Fraction},
        {Metric::WaitersMean, QStringLiteral("waiting requests mean"), ValueUnit::Level},
        {Metric::WaitersMax, QStringLiteral("waiting requests max"), ValueUnit::Level},
        {Metric::ThroughputPerS, QStringLiteral("throughput"), ValueUnit::Rate},
        {Metric::ResponseP95S, QStringLiteral("response p95"), ValueUnit::Seconds},
        {Metric::ResponseP99S, QStringLiteral("response p99"), ValueUnit::Seconds},
        {Metric::Retries, QStringLiteral("retries"), ValueUnit::Count},
        {Metric::ConnectFailures, QStringLiteral("connect failures"), ValueUnit::Count},
        {Metric::Refused, QStringLiteral("refused by the database"), ValueUnit::Count},
        {Metric::ResponseMeanS, QStringLiteral("response mean"), ValueUnit::Seconds},
        {Metric::HoldMeanS, QStringLiteral("connection time per request"), ValueUnit::Seconds},
        {Metric::OpenMean, QStringLiteral("open connections"), ValueUnit::Level},
        {Metric::Unfinished, QStringLiteral("unfinished at horizon"), ValueUnit::Count},
    };
    return infos;
}

const MetricInfo& metricInfo(Metric metric)
{
    for (const MetricInfo& info : metricInfos())
        if (info.metric == metric)
            return info;
    throw std::out_of_range("metricInfo: unknown metric");
}

const std::vector<SeriesInfo>& seriesInfos()
{
    static const std::vector<SeriesInfo> infos = {
        {Series::BusyMean, QStringLiteral("connections in use"), ValueUnit::Level},
        {Series::BusyMax, QStringLiteral("connections in use (peak in bin)"), ValueUnit::Level},
        {Series::WaitersMean, QStringLiteral("waiting requests"), ValueUnit::Level},
        {Series::WaitersMax, QStringLiteral("waiting requests (peak in bin)"), ValueUnit::Level},
        {Series::OpenMean, QStringLiteral("open connections"), ValueUnit::Level},
        {Series::Arrivals, QStringLiteral("arrivals per bin"), ValueUnit::Count},
        {Series::Served, QStringLiteral("served per bin"), ValueUnit::Count},
        {Series::Timeouts, QStringLiteral("timeouts per bin"), ValueUnit::Count},
        {Series::Failures, QStringLiteral("other failures per bin"), ValueUnit::Count},
        {Series::WaitP50S, QStringLiteral("wait p50"), ValueUnit::Seconds},
        {Series::WaitP95S, QStringLiteral("wait p95"), ValueUnit::Seconds},
        {Series::WaitP99S, QStringLiteral("wait p99"), ValueUnit::Seconds},
        {Series::ResponseP50S, QStringLiteral("response p50"), ValueUnit::Seconds},
        {Series::ResponseP95S, QStringLiteral("response p95"), ValueUnit::Seconds},
        {Series::ResponseP99S, QStringLiteral("response p99"), ValueUnit::Seconds},
    };
    return infos;
}

const SeriesInfo& seriesInfo(Series series)
{
    for (const SeriesInfo& info : seriesInfos())
        if (info.series == series)
            return info;
    throw std::out_of_range("seriesInfo: unknown series");
}

ValueUnit unitOf(models::SloUnit unit)
{
    switch (unit) {
    case models::SloUnit::Duration: return ValueUnit::Seconds;
    case models::SloUnit::Fraction: return ValueUnit::Fraction;
    case models::SloUnit::Count: break;
    }
    return ValueUnit::Count;
}

namespace {

/// Fewer decimals for larger numbers: 1234, 123.4, 12.34, 1.234 -> about 3-4 figures.
QString number(double v, int significant)
{
    const double a = std::fabs(v);
    int decimals = 0;
    if (a > 0 && a < 1e15) {
        const int digits = static_cast<int>(std::floor(std::log10(a))) + 1; // before the point
        decimals = std::max(0, std::min(6, significant - digits));
    }
    return QString::number(v, 'f', decimals);
}

QString twoDigits(std::int64_t v) { return QStringLiteral("%1").arg(v, 2, 10, QLatin1Char('0')); }

} // namespace

QString formatSeconds(double seconds)
{
    if (!std::isfinite(seconds))
        return QStringLiteral("-");
    if (seconds < 0)
        return QLatin1Char('-') + formatSeconds(-seconds);
    if (seconds == 0)
        return QStringLiteral("0 s");
    if (seconds < 1e-3)
        return number(seconds * 1e6, 3) + QStringLiteral(" µs");
    if (seconds < 1)
        return number(seconds * 1e3, 3) + QStringLiteral(" ms");
    if (seconds < 60)
        return number(seconds, 3) + QStringLiteral(" s");
    const auto whole = static_cast<std::int64_t>(std::llround(seconds));
    if (whole < 3600)
        return QString::number(whole / 60) + QStringLiteral("m ") + twoDigits(whole % 60) + QLatin1Char('s');
    if (whole < 86400)
        return QString::number(whole / 3600) + QStringLiteral("h ") + twoDigits(whole / 60 % 60) + QLatin1Char('m');
    return QString::number(whole / 86400) + QStringLiteral("d ") + twoDigits(whole / 3600 % 24) + QLatin1Char('h');
}

QString formatClock(double seconds)
{
    if (!std::isfinite(seconds))
        return QStringLiteral("-");
    const QString sign = seconds < 0 ? QStringLiteral("-") : QString();
    const auto whole = static_cast<std::int64_t>(std::floor(std::fabs(seconds)));
    const QString ms = twoDigits(whole / 60 % 60) + QLatin1Char(':') + twoDigits(whole % 60);
    if (whole <= 86400) // hh:mm:ss, as the time axis: 00:15:00 is never read as 15 hours
        return sign + twoDigits(whole / 3600) + QLatin1Char(':') + ms;
    return sign + QString::number(whole / 86400) + QStringLiteral("d ") + twoDigits(whole / 3600 % 24) +
           QLatin1Char(':') + ms;
}

QString formatValue(double value, ValueUnit unit)
{
    if (!std::isfinite(value))
        return QStringLiteral("-");
    switch (unit) {
    case ValueUnit::Count:
        if (value == std::floor(value) && std::fabs(value) < 1e15)
            return QString::number(value, 'f', 0);
        return number(value, 3);
    case ValueUnit::Fraction:
        if (value == 0)
            return QStringLiteral("0%");
        if (std::fabs(value) < 1e-5) // closed forms give 1e-9; six zeros say nothing
            return value > 0 ? QStringLiteral("< 0.001%") : QStringLiteral("> -0.001%");
        return number(value * 100, 3) + QLatin1Char('%');
    case ValueUnit::Seconds: return formatSeconds(value);
    case ValueUnit::Level: return QString::number(value, 'f', std::fabs(value) >= 100 ? 1 : 2);
    case ValueUnit::Rate: return number(value, 3) + QStringLiteral("/s");
    }
    return {};
}

QString formatSigned(double value, ValueUnit unit)
{
    if (!std::isfinite(value) || value < 0)
        return formatValue(value, unit);
    return QLatin1Char('+') + formatValue(value, unit);
}

QString formatEstimate(const models::Estimate& estimate, ValueUnit unit)
{
    QString text = formatValue(estimate.mean, unit);
    if (std::isfinite(estimate.mean) && std::isfinite(estimate.ci95))
        text += QStringLiteral(" ± ") + formatValue(estimate.ci95, unit);
    return text;
}

} // namespace poolsim::ui
