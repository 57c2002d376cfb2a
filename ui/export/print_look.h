#pragma once
// Exports are for slides and paper: a chart drawn on a dark palette (a dark desktop theme) is
// exported in the light look. While a PrintLook lives, the chart's page has a light palette
// (the page redraws in it) with the axes' ranges, zoom included, as the reader left them; the
// page's own palette and ranges come back when it goes. On a light palette it does nothing.
#include <QList>
#include <QPalette>
#include <QPointer>

class QCustomPlot;
class QCPAxis;
class QCPRange;

namespace poolsim::ui {

class ChartPage;

class PrintLook
{
public:
    explicit PrintLook(QCustomPlot* plot);
    ~PrintLook();
    PrintLook(const PrintLook&) = delete;
    PrintLook& operator=(const PrintLook&) = delete;

    /// The palette exports use: light window and base, dark text.
    static QPalette lightPalette();
    /// Whether a palette is dark (text lighter than its background).
    static bool isDark(const QPalette& palette);

private:
    void restoreRanges();

    QPointer<QCustomPlot> m_plot;
    QPointer<ChartPage> m_page;
    bool m_hadOwnPalette = false;
    QPalette m_palette;
    QList<QPair<QPointer<QCPAxis>, QPair<double, double>>> m_ranges;
};

} // namespace poolsim::ui
