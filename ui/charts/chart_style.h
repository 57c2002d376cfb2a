#pragma once
// The colours and line styles of every chart, taken from the widget's palette so that charts
// follow a light or a dark desktop, and chosen to stay apart when printed in greyscale: series
// differ in lightness and in dash pattern, not in hue alone. Pages rebuild their plots with a
// new style on QEvent::PaletteChange (as hotspot does).
#include <QBrush>
#include <QColor>
#include <QPalette>
#include <QPen>

class QCustomPlot;
class QCPAxisRect;
class QCPLegend;

namespace poolsim::ui {

class ChartStyle
{
public:
    static ChartStyle fromPalette(const QPalette& palette);

    /// Whether the palette is dark (light text on a dark base).
    bool isDark() const { return m_dark; }

    QColor background() const { return m_background; }
    QColor foreground() const { return m_foreground; }
    QColor grid() const { return m_grid; }

    /// The n-th series' colour and pen: n = 0 is the darkest (in a light palette) and solid;
    /// later ones alternate lighter and darker and change dash pattern. Cycles after
    /// seriesStyleCount().
    QColor seriesColor(int n) const;
    QPen seriesPen(int n, double width = 2.0) const;
    /// A translucent fill in the series' colour (confidence and min-max bands).
    QBrush bandBrush(int n) const;
    static int seriesStyleCount();

    /// The pool size and other limits of the system: foreground, dash-dot.
    QPen limitPen() const;
    /// Service-level limits: red, dashed.
    QPen sloPen() const;
    QColor sloColor() const { return m_slo; }
    /// Markers of scenario events (bursts, batches) and of quantiles: muted foreground, dashed.
    QPen markerPen() const;
    /// Rules of thumb and recommendations: marker-like but dotted / solid.
    QPen rulePen() const;
    QPen recommendationPen() const;
    /// A range of values that all meet the service levels (pool sizes), as a translucent area.
    QBrush rangeBrush() const;
    /// Alert periods and warm-up, as translucent areas.
    QBrush alertBrush() const;
    QPen alertPen() const;
    QBrush warmupBrush() const;
    /// An instance's lane on the Timeline: calm (faint green) while it is up, the alert colour,
    /// nearly opaque, where it was down; failure marks in a darker alert colour.
    QBrush upBrush() const;
    QBrush downBrush() const;
    QPen downPen() const;
    /// Bars (timeouts, histogram) in the n-th series' colour; a second set stacked on a first
    /// is `hatched` so that the two stay apart in greyscale.
    QBrush barBrush(int n, bool hatched = false) const;
    QPen barPen(int n) const;
    /// The crosshair line.
    QPen crosshairPen() const;

    /// Background, axes, ticks, labels, grids and legends of every axis rect of `plot`.
    void apply(QCustomPlot* plot) const;
    void applyToAxisRect(QCPAxisRect* rect) const;
    void applyToLegend(QCPLegend* legend) const;

private:
    bool m_dark = false;
    QColor m_background, m_foreground, m_grid, m_muted, m_slo;
};

} // namespace poolsim::ui
