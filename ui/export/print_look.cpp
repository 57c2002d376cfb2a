#include "ui/export/print_look.h"

#include "ui/charts/chart_page.h"
#include "ui/core/qcustomplot_include.h"

namespace poolsim::ui {

QPalette PrintLook::lightPalette()
{
    QPalette p(QColor(239, 239, 239)); // the button colour a light palette is derived from
    p.setColor(QPalette::Window, QColor(239, 239, 239));
    p.setColor(QPalette::WindowText, Qt::black);
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::AlternateBase, QColor(247, 247, 247));
    p.setColor(QPalette::Text, Qt::black);
    p.setColor(QPalette::ButtonText, Qt::black);
    return p;
}

bool PrintLook::isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightnessF() < palette.color(QPalette::Text).lightnessF();
}

PrintLook::PrintLook(QCustomPlot* plot) : m_plot(plot)
{
    if (plot == nullptr || !isDark(plot->palette()))
        return;
    for (QWidget* w = plot->parentWidget(); w != nullptr && m_page == nullptr; w = w->parentWidget())
        m_page = qobject_cast<ChartPage*>(w);
    if (m_page == nullptr)
        return;
    for (QCPAxisRect* rect : plot->axisRects())
        for (QCPAxis* axis : rect->axes())
            if (axis != nullptr)
                m_ranges.append({QPointer<QCPAxis>(axis), {axis->range().lower, axis->range().upper}});
    m_hadOwnPalette = m_page->testAttribute(Qt::WA_SetPalette);
    m_palette = m_page->palette();
    m_page->setPalette(lightPalette()); // the page redraws in the light style
    restoreRanges();
}

PrintLook::~PrintLook()
{
    if (m_page == nullptr)
        return;
    m_page->setPalette(m_hadOwnPalette ? m_palette : QPalette()); // an empty palette: inherit again
    restoreRanges();
    if (m_plot)
        m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void PrintLook::restoreRanges()
{
    for (const auto& [axis, range] : m_ranges)
        if (axis)
            axis->setRange(range.first, range.second);
}

} // namespace poolsim::ui
