#pragma once
// The Timeline page's database chart, shown for a run whose scenario has a database server
// (database.capacity): the queries running on the server (mean over replications over its
// min-max band, and the peak within each bin) against the server's cores, and on a second
// axis at the right the slowdown of the queries that ended in each bin (duration / demand).
#include "models/planning/comparison.h"
#include "ui/charts/chart_style.h"

#include <QStringList>

#include <cstddef>
#include <vector>

class QCPAxisRect;
class QCPLegend;

namespace poolsim::ui {

/// The axes of a new database chart: queries at the left, the slowdown ("1.5x") at the right.
void setUpDatabaseChart(QCPAxisRect* rect);

/// Draws `run` (which has a server) into `rect`, with its legend entries in `legend`; `x` are
/// the bins' centres. After the style was applied: the right axis takes its line's colour.
void drawDatabaseChart(QCPAxisRect* rect, QCPLegend* legend, const ChartStyle& style,
                       const models::VariantRun& run, const std::vector<double>& x);

/// The crosshair's lines for bin `bin` of `run` (empty without a server).
QStringList databaseValuesAt(const models::VariantRun& run, std::size_t bin);

} // namespace poolsim::ui
