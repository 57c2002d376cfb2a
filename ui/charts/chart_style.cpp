#include "ui/charts/chart_style.h"

#include "ui/core/qcustomplot_include.h"

#include <array>

namespace poolsim::ui {

namespace {

/// Hue (0..1), and lightness on a light and on a dark background, and the dash pattern. The
/// lightness steps alternate so that neighbours in the list differ most in greyscale; the
/// dash pattern changes with each entry so that even equal greys stay apart.
struct SeriesLook
{
    double hue;
    double lightOnLight, lightOnDark;
    Qt::PenStyle dash;
};

constexpr std::array<SeriesLook, 6> kLooks = {{
    {0.60, 0.30, 0.72, Qt::SolidLine},      // blue, dark
    {0.08, 0.55, 0.55, Qt::DashLine},       // orange, light
    {0.36, 0.22, 0.82, Qt::DotLine},        // green, darkest
    {0.80, 0.45, 0.62, Qt::DashDotLine},    // purple, middle
    {0.50, 0.38, 0.68, Qt::DashDotDotLine}, // teal
    {0.00, 0.62, 0.45, Qt::SolidLine},      // red, lightest
}};

const SeriesLook& look(int n)
{
    const int count = static_cast<int>(kLooks.size());
    return kLooks[static_cast<std::size_t>(((n % count) + count) % count)];
}

QColor mix(const QColor& a, const QColor& b, double t)
{
    auto channel = [t](float x, float y) {
        return static_cast<float>(static_cast<double>(x) * (1 - t) + static_cast<double>(y) * t);
    };
    return QColor::fromRgbF(channel(a.redF(), b.redF()), channel(a.greenF(), b.greenF()),
                            channel(a.blueF(), b.blueF()));
}

} // namespace

ChartStyle ChartStyle::fromPalette(const QPalette& palette)
{
    ChartStyle s;
    s.m_background = palette.color(QPalette::Base);
    s.m_foreground = palette.color(QPalette::Text);
    s.m_dark = s.m_background.lightnessF() < s.m_foreground.lightnessF();
    s.m_grid = mix(s.m_background, s.m_foreground, 0.15);
    s.m_muted = mix(s.m_background, s.m_foreground, 0.6);
    s.m_slo = s.m_dark ? QColor(255, 110, 110) : QColor(200, 0, 0);
    return s;
}

int ChartStyle::seriesStyleCount()
{
    return static_cast<int>(kLooks.size());
}

QColor ChartStyle::seriesColor(int n) const
{
    const SeriesLook& l = look(n);
    return QColor::fromHslF(static_cast<float>(l.hue), 0.75f,
                            static_cast<float>(m_dark ? l.lightOnDark : l.lightOnLight));
}

QPen ChartStyle::seriesPen(int n, double width) const
{
    QPen pen(seriesColor(n), width);
    pen.setStyle(look(n).dash);
    return pen;
}

QBrush ChartStyle::bandBrush(int n) const
{
    QColor c = seriesColor(n);
    c.setAlphaF(m_dark ? 0.30f : 0.22f);
    return QBrush(c);
}

QPen ChartStyle::limitPen() const
{
    QPen pen(m_foreground, 1.5);
    pen.setStyle(Qt::DashDotLine);
    return pen;
}

QPen ChartStyle::sloPen() const
{
    QPen pen(m_slo, 1.5);
    pen.setStyle(Qt::DashLine);
    return pen;
}

QPen ChartStyle::markerPen() const
{
    QPen pen(m_muted, 1);
    pen.setStyle(Qt::DashLine);
    return pen;
}

QPen ChartStyle::rulePen() const
{
    QPen pen(m_muted, 1.5);
    pen.setStyle(Qt::DotLine);
    return pen;
}

QPen ChartStyle::recommendationPen() const
{
    return QPen(m_foreground, 2);
}

QBrush ChartStyle::rangeBrush() const
{
    QColor c = seriesColor(2); // green: what meets, against the alerts' red
    c.setAlphaF(m_dark ? 0.20f : 0.12f);
    return QBrush(c);
}

QBrush ChartStyle::alertBrush() const
{
    QColor c = m_slo;
    c.setAlphaF(m_dark ? 0.22f : 0.14f);
    return QBrush(c);
}

QPen ChartStyle::alertPen() const
{
    QColor c = m_slo;
    c.setAlphaF(0.5f);
    return QPen(c, 1);
}

QBrush ChartStyle::warmupBrush() const
{
    QColor c = m_foreground;
    c.setAlphaF(0.08f);
    return QBrush(c, Qt::BDiagPattern);
}

QBrush ChartStyle::upBrush() const
{
    QColor c = seriesColor(2); // green, as what meets the service levels
    c.setAlphaF(m_dark ? 0.16f : 0.10f);
    return QBrush(c);
}

QBrush ChartStyle::downBrush() const
{
    QColor c = m_slo;
    c.setAlphaF(0.85f);
    return QBrush(c);
}

QPen ChartStyle::downPen() const
{
    return QPen(m_dark ? m_slo.lighter(130) : m_slo.darker(150), 1.2);
}

QBrush ChartStyle::barBrush(int n, bool hatched) const
{
    QColor c = seriesColor(n);
    c.setAlphaF(0.8f);
    return hatched ? QBrush(c, Qt::Dense4Pattern) : QBrush(c);
}

QPen ChartStyle::barPen(int n) const
{
    return QPen(seriesColor(n).darker(m_dark ? 100 : 130), 1);
}

QPen ChartStyle::crosshairPen() const
{
    QColor c = m_foreground;
    c.setAlphaF(0.6f);
    return QPen(c, 1);
}

void ChartStyle::applyToAxisRect(QCPAxisRect* rect) const
{
    rect->setBackground(QBrush(m_background));
    for (QCPAxis* axis : rect->axes()) {
        axis->setBasePen(QPen(m_foreground, 1));
        axis->setTickPen(QPen(m_foreground, 1));
        axis->setSubTickPen(QPen(m_foreground, 1));
        axis->setTickLabelColor(m_foreground);
        axis->setLabelColor(m_foreground);
        axis->grid()->setPen(QPen(m_grid, 1, Qt::SolidLine));
        axis->grid()->setSubGridPen(QPen(m_grid, 1, Qt::DotLine));
        axis->grid()->setZeroLinePen(Qt::NoPen);
    }
}

void ChartStyle::applyToLegend(QCPLegend* legend) const
{
    QColor back = m_background;
    back.setAlphaF(0.85f);
    legend->setBrush(QBrush(back));
    legend->setBorderPen(QPen(m_grid, 1));
    legend->setTextColor(m_foreground);
}

void ChartStyle::apply(QCustomPlot* plot) const
{
    plot->setBackground(QBrush(m_background));
    for (QCPAxisRect* rect : plot->axisRects())
        applyToAxisRect(rect);
    applyToLegend(plot->legend);
    for (int i = 0; i < plot->plotLayout()->elementCount(); ++i)
        if (auto* title = qobject_cast<QCPTextElement*>(plot->plotLayout()->elementAt(i)))
            title->setTextColor(m_foreground);
}

} // namespace poolsim::ui
