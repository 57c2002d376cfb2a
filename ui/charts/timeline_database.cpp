#include "ui/charts/timeline_database.h"

#include "ui/charts/metric_text.h"
#include "ui/charts/plot_helpers.h"
#include "ui/charts/timeline_series.h"
#include "ui/core/qcustomplot_include.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace poolsim::ui {

using models::Series;
using namespace timeline;

namespace {

QString text(const char* source)
{
    return QCoreApplication::translate("TimelinePage", source);
}

/// Ticks written as the slowdown is everywhere else: "1.5x".
class FactorTicker : public QCPAxisTicker
{
protected:
    QString getTickLabel(double tick, const QLocale& locale, QChar formatChar, int precision) override
    {
        return QCPAxisTicker::getTickLabel(tick, locale, formatChar, precision) + QLatin1Char('x');
    }
};

// Looks of the chart's series (ChartStyle's n-th series): the queries in the connections'
// solid blue (the same kind of level, one floor down), the slowdown in the purple look, dashed:
// apart from the blue in hue and in greyscale, and light enough on a dark background for its
// axis' labels to read (the red look is not).
constexpr int kQueriesLook = 0;
constexpr int kSlowdownLook = 3;

} // namespace

void setUpDatabaseChart(QCPAxisRect* rect)
{
    rect->axis(QCPAxis::atLeft)->setLabel(text("queries running"));
    QCPAxis* right = rect->axis(QCPAxis::atRight);
    right->setVisible(true);
    right->setTickLabels(true);
    right->setTicker(QSharedPointer<QCPAxisTicker>(new FactorTicker));
    right->setLabel(text("slowdown"));
    right->grid()->setVisible(false); // the queries' grid is the chart's
}

void drawDatabaseChart(QCPAxisRect* rect, QCPLegend* legend, const ChartStyle& style,
                       const models::VariantRun& run, const std::vector<double>& x)
{
    const models::RunResult& r = *run.result;
    QCustomPlot* plot = rect->parentPlot();

    addBandedSeries(rect, legend, style, kQueriesLook, r, Series::DbActiveMean, x,
                    text("queries running (mean)"), QStringLiteral("db-active"));
    addPeakSeries(rect, legend, style, kQueriesLook, r, Series::DbActiveMax, x, QStringLiteral("db-active"));

    // The cores: below them every query runs as fast as alone (but for contention); above,
    // they share the cores and each slows down.
    const auto cores = static_cast<double>(run.scenario.database.capacityCores());
    QCPGraph* coresLine = addGraph(rect, text("cores (%1)").arg(run.scenario.database.capacityCores()),
                                   QStringLiteral("cores"));
    coresLine->setPen(style.limitPen());
    coresLine->setData({0.0, r.horizonS}, {cores, cores}, true);
    coresLine->addToLegend(legend);
    addLabelAtY(plot, rect, 0.995, cores, text("cores"), Qt::AlignRight | Qt::AlignBottom,
                style.foreground());
    const double queriesTop = std::max(
        {maxOf(band(r, Series::DbActiveMean, 1), 1.0), maxOf(band(r, Series::DbActiveMax, 0), 1.0), cores});
    rect->axis(QCPAxis::atLeft)->setRange(0, queriesTop * 1.12);

    // The slowdown on the right axis of the same chart rather than on a chart of its own: it is
    // what the queries running cause (each runs at min(1, cores/n) / (1 + sigma(n-1) +
    // kappa n(n-1)) of its speed alone), so the two read best at one height against one time,
    // and a fifth chart would take height from the pool's. The axis starts at 1x, a query alone,
    // which lines up with no queries at the left; it wears the line's colour so that it is not
    // read as queries.
    QCPAxis* right = rect->axis(QCPAxis::atRight);
    QCPGraph* slowdown = plot->addGraph(rect->axis(QCPAxis::atBottom), right);
    slowdown->setName(text("query slowdown (mean, right axis)"));
    slowdown->setObjectName(QStringLiteral("db-slowdown"));
    slowdown->setSelectable(QCP::stNone);
    QPen pen = style.seriesPen(kSlowdownLook, 1.8);
    pen.setStyle(Qt::DashLine);
    slowdown->setPen(pen);
    setLineData(slowdown, x, band(r, Series::DbSlowdownMean, 0));
    slowdown->addToLegend(legend);
    const QColor colour = style.seriesColor(kSlowdownLook);
    right->setTickLabelColor(colour);
    right->setLabelColor(colour);
    right->setBasePen(QPen(colour, 1));
    right->setTickPen(QPen(colour, 1));
    right->setSubTickPen(QPen(colour, 1));
    const double slowest = maxOf(band(r, Series::DbSlowdownMean, 0), 1.0);
    right->setRange(1, std::max(1.5, 1 + (slowest - 1) * 1.15));
}

QStringList databaseValuesAt(const models::VariantRun& run, std::size_t bin)
{
    const models::RunResult& r = *run.result;
    if (!r.parts.has(models::ModelPart::DatabaseServer))
        return {};
    auto at = [&](Series s, int which) {
        const std::vector<double>& v = band(r, s, which);
        return bin < v.size() ? v[bin] : std::nan("");
    };
    return {text("database queries running: %1 on average (replications %2 to %3), peak %4; cores %5")
                .arg(formatValue(at(Series::DbActiveMean, 0), ValueUnit::Level),
                     formatValue(at(Series::DbActiveMean, -1), ValueUnit::Level),
                     formatValue(at(Series::DbActiveMean, 1), ValueUnit::Level),
                     formatValue(at(Series::DbActiveMax, 0), ValueUnit::Level))
                .arg(run.scenario.database.capacityCores()),
            text("query slowdown: %1 (queries that ended in the bin)")
                .arg(formatValue(at(Series::DbSlowdownMean, 0), ValueUnit::Factor))};
}

} // namespace poolsim::ui
