#include "models/metrics/metric_catalogue.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace poolsim::models {

namespace {

/// How `format` writes a value of about `magnitude`: the factor, the decimals, the unit after it.
struct Scale
{
    double factor;
    int decimals;
    const char* suffix;
};

Scale scaleFor(NumberFormat format, double magnitude)
{
    switch (format) {
    case NumberFormat::Whole:
        return {1, 0, ""};
    case NumberFormat::Percent:
        return {100, 3, "%"};
    case NumberFormat::Duration: // milliseconds while they round below 1000.0
        return magnitude * 1000 < 999.95 ? Scale{1000, 1, " ms"} : Scale{1, 3, " s"};
    case NumberFormat::TwoDecimals:
        return {1, 2, ""};
    case NumberFormat::Rate:
        return {1, 2, "/s"};
    case NumberFormat::Factor:
        return {1, 2, "x"};
    }
    return {1, 2, ""};
}

/// `v` with `decimals`; "+" before a positive value with `sign`; a value that rounds to zero
/// as "0" ("+0"), never "-0".
std::string number(double v, int decimals, bool sign)
{
    char buf[512]; // %f of the largest double: 309 digits
    std::snprintf(buf, sizeof buf, sign ? "%+.*f" : "%.*f", decimals, v);
    if (std::none_of(buf, buf + std::char_traits<char>::length(buf),
                     [](char c) { return c >= '1' && c <= '9'; }))
        std::snprintf(buf, sizeof buf, sign ? "%+.*f" : "%.*f", decimals, 0.0);
    return buf;
}

} // namespace

const MetricInfo* findMetric(std::string_view name)
{
    for (const MetricInfo& info : kMetricCatalogue)
        if (info.name == name)
            return &info;
    return nullptr;
}

std::string_view unitName(MetricUnit unit)
{
    switch (unit) {
    case MetricUnit::Count:
        return "count";
    case MetricUnit::Ratio:
        return "ratio";
    case MetricUnit::Seconds:
        return "seconds";
    case MetricUnit::Level:
        return "level";
    case MetricUnit::PerSecond:
        return "per second";
    case MetricUnit::Factor:
        return "factor";
    }
    return {};
}

std::string_view directionName(Direction direction)
{
    switch (direction) {
    case Direction::LowerIsBetter:
        return "lower is better";
    case Direction::HigherIsBetter:
        return "higher is better";
    case Direction::Neither:
        return "neither";
    }
    return {};
}

std::string formatValue(double value, NumberFormat format, bool sign)
{
    if (!std::isfinite(value))
        return "-";
    const Scale s = scaleFor(format, std::fabs(value));
    return number(value * s.factor, s.decimals, sign) + s.suffix;
}

NumberFormat preciseFormat(NumberFormat format, double value)
{
    const bool whole = !std::isfinite(value) || value == std::trunc(value);
    return format == NumberFormat::Whole && !whole ? NumberFormat::TwoDecimals : format;
}

std::string formatEstimate(double mean, double ci95, NumberFormat format, bool sign)
{
    if (!std::isfinite(mean))
        return "-";
    if (!std::isfinite(ci95))
        return formatValue(mean, format, sign);
    const Scale s = scaleFor(format, std::max(std::fabs(mean), std::fabs(ci95)));
    return number(mean * s.factor, s.decimals, sign) + " ± " + number(ci95 * s.factor, s.decimals, false) +
           s.suffix;
}

} // namespace poolsim::models
