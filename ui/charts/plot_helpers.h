#pragma once
// Small pieces every chart page uses: handing (decimated) data to QCustomPlot, straight marker
// lines with labels, and the x positions of a run's time-series bins.
#include "models/results/run_result.h"
#include "ui/charts/chart_page.h"
#include "ui/charts/chart_style.h"

#include <QString>
#include <QVector>

#include <span>
#include <vector>

class QCPAxisRect;
class QCPBars;
class QCPGraph;
class QCPItemRect;
class QCPItemStraightLine;
class QCPItemText;
class QCPLegend;
class QCustomPlot;

namespace poolsim::ui {

/// Sets the graph's data to (x, y), min-max decimated to at most models::kMaxPlotPoints
/// (x ascending), and decimated again for the visible range on every zoom or pan when the
/// series is longer (ZoomDecimation). Every page hands line data to QCustomPlot through here.
void setLineData(QCPGraph* graph, std::span<const double> x, std::span<const double> y);
/// The same for bars.
void setBarsData(QCPBars* bars, std::span<const double> x, std::span<const double> y);

/// The middle of each time-series bin of `result`, in simulated seconds (the last bin may be
/// cut short by the horizon).
std::vector<double> binCentres(const models::RunResult& result);

/// A vertical line at plot x `x` in `rect`, clipped to it.
QCPItemStraightLine* addVerticalLine(QCustomPlot* plot, QCPAxisRect* rect, double x, const QPen& pen,
                                     const QString& objectName);
/// A translucent area over `rect` from plot x `from` to `to`, its full height, clipped to it
/// (its pen and brush left to the caller).
QCPItemRect* addSpan(QCustomPlot* plot, QCPAxisRect* rect, double from, double to, const QString& objectName);
/// A horizontal line at plot y `y` in `rect`, clipped to it.
QCPItemStraightLine* addHorizontalLine(QCustomPlot* plot, QCPAxisRect* rect, double y, const QPen& pen,
                                       const QString& objectName);
/// A label at plot x `x` and at `yRatio` of the rect's height (0 top, 1 bottom), aligned by
/// `alignment` in its own (possibly rotated) frame.
QCPItemText* addLabel(QCustomPlot* plot, QCPAxisRect* rect, double x, double yRatio, const QString& text,
                      Qt::Alignment alignment, const QColor& color, double rotation = 0);
/// A label at plot y `y` and at `xRatio` of the rect's width (0 left, 1 right).
QCPItemText* addLabelAtY(QCustomPlot* plot, QCPAxisRect* rect, double xRatio, double y, const QString& text,
                         Qt::Alignment alignment, const QColor& color);

/// A legend inside `rect` (the plot's own legend for the main rect; a new one otherwise),
/// styled, at `corner`.
QCPLegend* legendIn(QCustomPlot* plot, QCPAxisRect* rect, Qt::Alignment corner, const ChartStyle& style);

/// A centred note ("no data") over an empty plot.
/// A chart's export key and title, naming what the page's choosers show: `base` (the run
/// shown, its key part only when it is not the base) and `scope` (a workload; empty for all
/// requests). "timeline" with run "after" gives "timeline-after" and "Timeline (after)".
NamedPlot namedForChoice(const QString& key, const QString& title, QCustomPlot* plot, const QString& run,
                         const QString& scope = QString());

void showEmptyNote(QCustomPlot* plot, const QString& text, const ChartStyle& style);

} // namespace poolsim::ui
