#pragma once
// The series every chart of the Timeline page draws the same way: a level's mean over
// replications as a line over its min-max band, and the peak within each bin as a dotted line.
#include "models/results/run_result.h"
#include "ui/charts/chart_style.h"

#include <QString>

#include <vector>

class QCPAxisRect;
class QCPGraph;
class QCPLegend;

namespace poolsim::ui::timeline {

/// The series' per-bin mean (`which` 0), lowest (-1) or highest (1) replication.
const std::vector<double>& band(const models::RunResult& r, models::Series s, int which);
/// The largest finite value of `v`, at least `floor`.
double maxOf(const std::vector<double>& v, double floor);
/// A graph on the rect's bottom and left axes, named for the legend and found by `objectName`.
QCPGraph* addGraph(QCPAxisRect* rect, const QString& name, const QString& objectName);

/// The mean of a series as a line (`key`) over its min-max band across replications
/// (`key`-min, `key`-max) in the `look`-th series style.
void addBandedSeries(QCPAxisRect* rect, QCPLegend* legend, const ChartStyle& style, int look,
                     const models::RunResult& r, models::Series s, const std::vector<double>& x,
                     const QString& label, const QString& key);

/// The highest level within each bin (mean over replications), thin and dotted over the
/// series (`key`-peak).
void addPeakSeries(QCPAxisRect* rect, QCPLegend* legend, const ChartStyle& style, int look,
                   const models::RunResult& r, models::Series s, const std::vector<double>& x,
                   const QString& key);

} // namespace poolsim::ui::timeline
