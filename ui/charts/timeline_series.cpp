#include "ui/charts/timeline_series.h"

#include "ui/charts/plot_helpers.h"
#include "ui/core/qcustomplot_include.h"

#include <algorithm>
#include <cmath>

namespace poolsim::ui::timeline {

const std::vector<double>& band(const models::RunResult& r, models::Series s, int which)
{
    const models::SeriesBand& b = r.series[static_cast<std::size_t>(s)];
    return which < 0 ? b.min : which > 0 ? b.max : b.mean;
}

double maxOf(const std::vector<double>& v, double floor)
{
    double m = floor;
    for (double x : v)
        if (std::isfinite(x))
            m = std::max(m, x);
    return m;
}

QCPGraph* addGraph(QCPAxisRect* rect, const QString& name, const QString& objectName)
{
    QCPGraph* g = rect->parentPlot()->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    g->setName(name);
    g->setObjectName(objectName);
    g->setSelectable(QCP::stNone);
    return g;
}

void addBandedSeries(QCPAxisRect* rect, QCPLegend* legend, const ChartStyle& style, int look,
                     const models::RunResult& r, models::Series s, const std::vector<double>& x,
                     const QString& label, const QString& key)
{
    QCPGraph* low = addGraph(rect, QString(), key + QStringLiteral("-min"));
    QCPGraph* high = addGraph(rect, QStringLiteral("min-max of %1 replications").arg(r.replications),
                              key + QStringLiteral("-max"));
    QCPGraph* mean = addGraph(rect, label, key);
    low->setPen(Qt::NoPen);
    high->setPen(Qt::NoPen);
    high->setBrush(style.bandBrush(look));
    high->setChannelFillGraph(low);
    mean->setPen(style.seriesPen(look));
    setLineData(low, x, band(r, s, -1));
    setLineData(high, x, band(r, s, 1));
    setLineData(mean, x, band(r, s, 0));
    mean->addToLegend(legend);
    if (r.replications > 1)
        high->addToLegend(legend);
}

void addPeakSeries(QCPAxisRect* rect, QCPLegend* legend, const ChartStyle& style, int look,
                   const models::RunResult& r, models::Series s, const std::vector<double>& x,
                   const QString& key)
{
    // A bin's average hides a pool saturated for 10 s of a minute; its peak shows it.
    QCPGraph* peak = addGraph(rect, QStringLiteral("peak in bin (mean)"), key + QStringLiteral("-peak"));
    QPen pen = style.seriesPen(look, 1.2);
    pen.setStyle(Qt::DotLine);
    peak->setPen(pen);
    setLineData(peak, x, band(r, s, 0));
    peak->addToLegend(legend);
}

} // namespace poolsim::ui::timeline
