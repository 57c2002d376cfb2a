#pragma once
// What the Timeline page draws over its charts besides the data: the warm-up (left out of every
// figure) hatched, the periods in which alert rules fired on the mean series shaded on the
// connections chart, and the scenario's bursts and batches as dashed lines through every chart,
// labelled along the line.
#include "models/planning/comparison.h"
#include "ui/charts/chart_style.h"

#include <vector>

class QCPAxisRect;
class QCPLegend;
class QCustomPlot;

namespace poolsim::ui {

/// `charts`: the charts shown, top to bottom, the connections first; `legend` gets the alert
/// shading's entry. The marks come from the run's own scenario (what ran, not what is edited).
void drawTimelineMarks(QCustomPlot* plot, const std::vector<QCPAxisRect*>& charts, QCPLegend* legend,
                       const models::VariantRun& run, const ChartStyle& style);

} // namespace poolsim::ui
