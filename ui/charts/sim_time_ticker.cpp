#include "ui/charts/sim_time_ticker.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>

namespace poolsim::ui {

namespace {

constexpr double kMinute = 60, kHour = 3600, kDay = 86400;

/// The steps from one second to half a day, in seconds, and how many sub-ticks each gets so
/// that sub-ticks fall on round times too (15 s -> 3 sub-ticks of 5 s ... 1 h -> 3 of 15 min).
struct ClockStep
{
    double seconds;
    int subTicks;
};
constexpr std::array<ClockStep, 17> kClockSteps = {{
    {1, 4},
    {2, 1},
    {5, 4},
    {10, 1},
    {15, 2},
    {30, 2},
    {kMinute, 3},
    {2 * kMinute, 1},
    {5 * kMinute, 4},
    {10 * kMinute, 1},
    {15 * kMinute, 2},
    {30 * kMinute, 2},
    {kHour, 3},
    {2 * kHour, 1},
    {3 * kHour, 2},
    {6 * kHour, 1},
    {12 * kHour, 1},
}};

/// 1, 2, 5 x 10^k nearest to `value` (> 0), compared on a log scale.
double nearestDecade125(double value)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    double best = magnitude;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (std::fabs(std::log(m * magnitude / value)) < std::fabs(std::log(best / value)))
            best = m * magnitude;
    return best;
}

QString twoDigits(std::int64_t v)
{
    return QStringLiteral("%1").arg(v, 2, 10, QLatin1Char('0'));
}

} // namespace

SimTimeTicker::SimTimeTicker()
{
    setTickCount(6);
    setTickStepStrategy(tssReadability);
}

double SimTimeTicker::roundStep(double approximate)
{
    if (!(approximate > 0) || !std::isfinite(approximate))
        return 1;
    if (approximate < 0.75)
        return std::min(nearestDecade125(approximate), 0.5);
    if (approximate > 18 * kHour)
        return kDay * std::max(1.0, nearestDecade125(approximate / kDay));
    double best = kClockSteps.front().seconds;
    for (const ClockStep& s : kClockSteps)
        if (std::fabs(std::log(s.seconds / approximate)) < std::fabs(std::log(best / approximate)))
            best = s.seconds;
    return best;
}

SimTimeTicker::Format SimTimeTicker::formatFor(double largest, double step)
{
    (void)step;
    return largest > kDay ? Format::Days : Format::Clock;
}

QString SimTimeTicker::label(double seconds, Format format, double step)
{
    const QString sign = seconds < 0 ? QStringLiteral("-") : QString();
    double t = std::fabs(seconds);
    // Below one-second steps show tenths (or hundredths); round first so 59.999 shows as 1:00.
    const int decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : step >= 0.01 ? 2 : 3;
    const double scale = std::pow(10.0, decimals);
    t = std::round(t * scale) / scale;
    const auto whole = static_cast<std::int64_t>(std::floor(t));
    const double fraction = t - static_cast<double>(whole);
    QString secondsText = twoDigits(whole % 60);
    if (decimals > 0) {
        const QString frac = QString::number(fraction, 'f', decimals); // "0.5"
        secondsText += frac.mid(1);
    }
    const std::int64_t minutes = whole / 60 % 60;
    const std::int64_t hours = whole / 3600;
    switch (format) {
    case Format::Clock:
        return sign + twoDigits(hours) + QLatin1Char(':') + twoDigits(minutes) + QLatin1Char(':') +
               secondsText;
    case Format::Days: {
        const std::int64_t days = whole / 86400;
        if (step >= kDay)
            return sign + QString::number(days) + QLatin1Char('d');
        return sign + QString::number(days) + QStringLiteral("d ") + twoDigits(hours % 24) +
               QLatin1Char(':') + twoDigits(minutes) + QLatin1Char(':') + secondsText;
    }
    }
    return {};
}

double SimTimeTicker::getTickStep(const QCPRange& range)
{
    m_step = roundStep(range.size() / std::max(1, tickCount()));
    m_format = formatFor(std::max(std::fabs(range.lower), std::fabs(range.upper)), m_step);
    return m_step;
}

int SimTimeTicker::getSubTickCount(double tickStep)
{
    for (const ClockStep& s : kClockSteps)
        if (s.seconds == tickStep)
            return s.subTicks;
    if (tickStep >= kDay)
        return tickStep == kDay ? 3 : 1; // 6 h sub-ticks for one-day steps
    return QCPAxisTicker::getSubTickCount(tickStep);
}

QString SimTimeTicker::getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision)
{
    (void)locale;
    (void)formatChar;
    (void)precision;
    // Ticks are computed as origin + k * step: snap away the floating-point dust first.
    const double snapped = std::round(tick / m_step) * m_step;
    return label(snapped, m_format, m_step);
}

} // namespace poolsim::ui
