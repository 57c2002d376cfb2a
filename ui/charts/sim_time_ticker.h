#pragma once
// Axis ticks for simulated seconds: labels as a clock, hh:mm:ss up to a day (00:15:00 is a
// quarter of an hour, never 15 hours) and with days beyond, at the round steps people read time in (1, 2, 5,
// 10, 15, 30 s; 1, 2, 5, 10, 15, 30 min; 1, 2, 3, 6, 12 h; days), never at 0:00:07.3 steps.
#include "ui/core/qcustomplot_include.h"

#include <QString>

namespace poolsim::ui {

class SimTimeTicker : public QCPAxisTicker
{
public:
    enum class Format {
        Clock, // 01:12:30 (and 00:12:30.5 below one-second steps), up to 24:00:00
        Days   // 2d 06:00:00 beyond a day (2d when the step is whole days)
    };

    SimTimeTicker();

    /// The round step nearest to `approximate` seconds: below a second 0.1/0.2/0.5 x 10^k, then
    /// the clock steps listed above, then whole days (1, 2, 5, 10, ... x days).
    static double roundStep(double approximate);
    /// The label format for a visible range reaching `largest` seconds from 0 with ticks every
    /// `step` seconds.
    static Format formatFor(double largest, double step);
    /// `seconds` as a clock in that format; negative times get a leading '-'.
    static QString label(double seconds, Format format, double step);

protected:
    double getTickStep(const QCPRange& range) override;
    int getSubTickCount(double tickStep) override;
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override;

private:
    double m_step = 1;
    Format m_format = Format::Clock;
};

} // namespace poolsim::ui
