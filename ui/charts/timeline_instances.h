#pragma once
// The Timeline page's Instances chart, shown for a run whose instances can fail (the
// InstanceFailures part: backend.health_check, or max_pending with on_overload crash): one lane
// per instance, instance 1 at the top, calm where it was up and filled in the alert colour to
// the share of each bin it was down (mean over replications), with a mark where it failed in any
// replication (a triangle for a failed health check, a diamond for an overload).
#include "models/planning/comparison.h"
#include "ui/charts/chart_style.h"

#include <QString>
#include <QStringList>

#include <cstddef>

class QCPAxisRect;
class QCPLegend;

namespace poolsim::ui {

/// The lanes of `run`'s Instances chart: its instances; 0 when they cannot fail.
int instanceLanes(const models::VariantRun& run);

/// The chart's height beside the others' (the connections' is 1.6) for `lanes` lanes.
double instancesChartStretch(int lanes);

/// Draws `run` into `rect` (its lanes, their down shares and the failure marks), with its legend
/// entries in `legend`, after the style was applied.
void drawInstancesChart(QCPAxisRect* rect, QCPLegend* legend, const ChartStyle& style,
                        const models::VariantRun& run);

/// The instance (0-based) whose lane is at plot y `y` of a chart of `lanes` lanes; -1 outside.
int instanceAtY(int lanes, double y);

/// The lane's tooltip at `timeS`: how long the instance was down in that bin, and its failures
/// in the bin, each with its replication. Empty outside the run or the lanes.
QString instanceTipAt(const models::VariantRun& run, int instance, double timeS);

/// The crosshair's lines for bin `bin` (empty when instances cannot fail).
QStringList instancesValuesAt(const models::VariantRun& run, std::size_t bin);

} // namespace poolsim::ui
