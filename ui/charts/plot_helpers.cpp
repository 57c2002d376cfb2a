#include "ui/charts/plot_helpers.h"

#include "models/planning/comparison.h"
#include "models/results/series_decimation.h"

#include "ui/charts/zoom_decimation.h"
#include "ui/core/qcustomplot_include.h"

#include <algorithm>

namespace poolsim::ui {

namespace {

QVector<double> toQVector(const std::vector<double>& v)
{
    return QVector<double>(v.begin(), v.end());
}

/// Graphs and bars alike: a short series decimated once; a long one kept by a ZoomDecimation
/// that decimates it again for the visible range.
template <typename Plottable>
void setDecimatedData(Plottable* plottable, std::span<const double> x, std::span<const double> y)
{
    const auto apply = [plottable](const models::XYSeries& d) {
        plottable->setData(toQVector(d.x), toQVector(d.y), true);
    };
    if (x.size() <= models::kMaxPlotPoints || x.size() != y.size()) {
        ZoomDecimation::detach(plottable);
        apply(models::decimateMinMax(x, y, models::kMaxPlotPoints));
        return;
    }
    ZoomDecimation::attach(plottable, plottable->keyAxis(), {x.begin(), x.end()}, {y.begin(), y.end()},
                           apply);
}

} // namespace

void setLineData(QCPGraph* graph, std::span<const double> x, std::span<const double> y)
{
    setDecimatedData(graph, x, y);
}

void setBarsData(QCPBars* bars, std::span<const double> x, std::span<const double> y)
{
    setDecimatedData(bars, x, y);
}

std::vector<double> binCentres(const models::RunResult& result)
{
    std::size_t bins = 0;
    for (const models::SeriesBand& band : result.series)
        bins = std::max(bins, band.mean.size());
    std::vector<double> x(bins);
    const double width = result.resolutionS > 0 ? result.resolutionS : 1;
    for (std::size_t i = 0; i < bins; ++i) {
        const double start = static_cast<double>(i) * width;
        const double end = result.horizonS > start ? std::min(start + width, result.horizonS) : start + width;
        x[i] = (start + end) / 2;
    }
    return x;
}

QCPItemRect* addSpan(QCustomPlot* plot, QCPAxisRect* rect, double from, double to, const QString& objectName)
{
    auto* area = new QCPItemRect(plot);
    area->setObjectName(objectName);
    area->setClipAxisRect(rect);
    for (QCPItemPosition* p : {area->topLeft, area->bottomRight}) {
        p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        p->setAxisRect(rect);
        p->setTypeX(QCPItemPosition::ptPlotCoords);
        p->setTypeY(QCPItemPosition::ptAxisRectRatio);
    }
    area->topLeft->setCoords(from, 0);
    area->bottomRight->setCoords(to, 1);
    area->setSelectable(false);
    return area;
}

QCPItemStraightLine* addVerticalLine(QCustomPlot* plot, QCPAxisRect* rect, double x, const QPen& pen,
                                     const QString& objectName)
{
    auto* line = new QCPItemStraightLine(plot);
    line->setObjectName(objectName);
    line->setClipAxisRect(rect);
    for (QCPItemPosition* p : {line->point1, line->point2}) {
        p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        p->setAxisRect(rect);
        p->setTypeX(QCPItemPosition::ptPlotCoords);
        p->setTypeY(QCPItemPosition::ptAxisRectRatio);
    }
    line->point1->setCoords(x, 0);
    line->point2->setCoords(x, 1);
    line->setPen(pen);
    line->setSelectable(false);
    return line;
}

QCPItemStraightLine* addHorizontalLine(QCustomPlot* plot, QCPAxisRect* rect, double y, const QPen& pen,
                                       const QString& objectName)
{
    auto* line = new QCPItemStraightLine(plot);
    line->setObjectName(objectName);
    line->setClipAxisRect(rect);
    for (QCPItemPosition* p : {line->point1, line->point2}) {
        p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        p->setAxisRect(rect);
        p->setTypeX(QCPItemPosition::ptAxisRectRatio);
        p->setTypeY(QCPItemPosition::ptPlotCoords);
    }
    line->point1->setCoords(0, y);
    line->point2->setCoords(1, y);
    line->setPen(pen);
    line->setSelectable(false);
    return line;
}

namespace {

QCPItemText* makeLabel(QCustomPlot* plot, QCPAxisRect* rect, const QString& text, Qt::Alignment alignment,
                       const QColor& color)
{
    auto* label = new QCPItemText(plot);
    label->setClipAxisRect(rect);
    label->position->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    label->position->setAxisRect(rect);
    label->setPositionAlignment(alignment);
    label->setText(text);
    label->setColor(color);
    QFont font = plot->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    label->setFont(font);
    label->setPadding(QMargins(3, 1, 3, 1));
    // Over lines and bars a label stays readable on a veil of the chart's background.
    QColor veil = rect->backgroundBrush().color();
    veil.setAlphaF(0.75f);
    label->setBrush(QBrush(veil));
    label->setSelectable(false);
    return label;
}

} // namespace

QCPItemText* addLabel(QCustomPlot* plot, QCPAxisRect* rect, double x, double yRatio, const QString& text,
                      Qt::Alignment alignment, const QColor& color, double rotation)
{
    QCPItemText* label = makeLabel(plot, rect, text, alignment, color);
    label->position->setTypeX(QCPItemPosition::ptPlotCoords);
    label->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    label->position->setCoords(x, yRatio);
    label->setRotation(rotation);
    return label;
}

QCPItemText* addLabelAtY(QCustomPlot* plot, QCPAxisRect* rect, double xRatio, double y, const QString& text,
                         Qt::Alignment alignment, const QColor& color)
{
    QCPItemText* label = makeLabel(plot, rect, text, alignment, color);
    label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    label->position->setTypeY(QCPItemPosition::ptPlotCoords);
    label->position->setCoords(xRatio, y);
    return label;
}

QCPLegend* legendIn(QCustomPlot* plot, QCPAxisRect* rect, Qt::Alignment corner, const ChartStyle& style)
{
    QCPLegend* legend = nullptr;
    if (rect == plot->axisRect()) {
        legend = plot->legend;
    } else {
        legend = new QCPLegend;
        rect->insetLayout()->addElement(legend, corner);
        legend->setLayer(QStringLiteral("legend"));
    }
    for (int i = 0; i < rect->insetLayout()->elementCount(); ++i)
        if (rect->insetLayout()->elementAt(i) == legend)
            rect->insetLayout()->setInsetAlignment(i, corner);
    legend->setVisible(true);
    QFont font = plot->font();
    font.setPointSizeF(font.pointSizeF() * 0.85);
    legend->setFont(font);
    legend->setIconSize(24, 10);
    legend->setRowSpacing(0);
    style.applyToLegend(legend);
    return legend;
}

void showEmptyNote(QCustomPlot* plot, const QString& text, const ChartStyle& style)
{
    auto* note = new QCPItemText(plot);
    note->setObjectName(QStringLiteral("empty-note"));
    note->position->setType(QCPItemPosition::ptViewportRatio);
    note->position->setCoords(0.5, 0.5);
    note->setText(text);
    note->setColor(style.foreground());
    note->setSelectable(false);
}

namespace {

/// A name as a file-name part: lower case, runs of anything but letters, digits, '.' and '_'
/// become one '-'.
QString keyPart(const QString& name)
{
    QString out;
    for (const QChar c : name.toLower())
        if (c.isLetterOrNumber() || c == QLatin1Char('.') || c == QLatin1Char('_'))
            out += c;
        else if (!out.endsWith(QLatin1Char('-')))
            out += QLatin1Char('-');
    while (out.endsWith(QLatin1Char('-')))
        out.chop(1);
    while (out.startsWith(QLatin1Char('-')))
        out.remove(0, 1);
    return out;
}

} // namespace

NamedPlot namedForChoice(const QString& key, const QString& title, QCustomPlot* plot, const QString& run,
                         const QString& scope)
{
    NamedPlot named{key, title, plot};
    QStringList shown;
    if (!run.isEmpty()) {
        shown << run;
        if (run.toStdString() != models::kBaseVariantName)
            named.key += QLatin1Char('-') + keyPart(run);
    }
    if (!scope.isEmpty()) {
        shown << scope;
        named.key += QLatin1Char('-') + keyPart(scope);
    }
    if (!shown.isEmpty())
        named.title += QStringLiteral(" (%1)").arg(shown.join(QStringLiteral(", ")));
    return named;
}

} // namespace poolsim::ui
