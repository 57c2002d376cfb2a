#include "ui/charts/metric_text.h"

#include "models/metrics/metric_catalogue.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace poolsim::ui {

using models::Metric;
using models::Series;

namespace {

// The catalogue's kind of number, as the charts write it (their own precision: about three
// significant figures, µs to days).
ValueUnit unitOf(models::NumberFormat format)
{
    switch (format) {
    case models::NumberFormat::Whole:
        return ValueUnit::Count;
    case models::NumberFormat::Percent:
        return ValueUnit::Fraction;
    case models::NumberFormat::Duration:
        return ValueUnit::Seconds;
    case models::NumberFormat::TwoDecimals:
        return ValueUnit::Level;
    case models::NumberFormat::Rate:
        return ValueUnit::Rate;
    case models::NumberFormat::Factor:
        return ValueUnit::Factor;
    }
    return ValueUnit::Level;
}

QString labelOf(std::string_view label)
{
    return QString::fromUtf8(label.data(), static_cast<qsizetype>(label.size()));
}

} // namespace

const std::vector<MetricInfo>& metricInfos()
{
    static const std::vector<MetricInfo> infos = [] {
        std::vector<MetricInfo> out;
        for (const models::MetricInfo& m : models::kMetricCatalogue)
            out.push_back({m.metric, labelOf(m.label), unitOf(m.format)});
        return out;
    }();
    return infos;
}

const MetricInfo& metricInfo(Metric metric)
{
    return metricInfos().at(static_cast<std::size_t>(metric));
}

std::vector<MetricInfo> metricInfos(models::ModelParts parts)
{
    std::vector<MetricInfo> out;
    for (const MetricInfo& info : metricInfos())
        if (models::applies(info.metric, parts))
            out.push_back(info);
    return out;
}

const std::vector<SeriesInfo>& seriesInfos()
{
    static const std::vector<SeriesInfo> infos = [] {
        std::vector<SeriesInfo> out;
        for (const models::SeriesInfo& s : models::kSeriesCatalogue)
            out.push_back({s.series, labelOf(s.label),
                           s.unit == models::MetricUnit::Count ? ValueUnit::Count : unitOf(s.format)});
        return out;
    }();
    return infos;
}

const SeriesInfo& seriesInfo(Series series)
{
    return seriesInfos().at(static_cast<std::size_t>(series));
}

std::vector<SeriesInfo> seriesInfos(models::ModelParts parts)
{
    std::vector<SeriesInfo> out;
    for (const SeriesInfo& info : seriesInfos())
        if (models::applies(info.series, parts))
            out.push_back(info);
    return out;
}

ValueUnit unitOf(models::SloUnit unit)
{
    switch (unit) {
    case models::SloUnit::Duration:
        return ValueUnit::Seconds;
    case models::SloUnit::Fraction:
        return ValueUnit::Fraction;
    case models::SloUnit::Count:
        break;
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

QString twoDigits(std::int64_t v)
{
    return QStringLiteral("%1").arg(v, 2, 10, QLatin1Char('0'));
}

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
        return QString::number(whole / 3600) + QStringLiteral("h ") + twoDigits(whole / 60 % 60) +
               QLatin1Char('m');
    return QString::number(whole / 86400) + QStringLiteral("d ") + twoDigits(whole / 3600 % 24) +
           QLatin1Char('h');
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
    case ValueUnit::Seconds:
        return formatSeconds(value);
    case ValueUnit::Level:
        return QString::number(value, 'f', std::fabs(value) >= 100 ? 1 : 2);
    case ValueUnit::Rate:
        return number(value, 3) + QStringLiteral("/s");
    case ValueUnit::Factor: // as the catalogue writes it: "1.84x"
        return QString::number(value, 'f', std::fabs(value) >= 100 ? 1 : 2) + QLatin1Char('x');
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
