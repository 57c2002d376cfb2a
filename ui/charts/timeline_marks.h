#pragma once
// What the Timeline page draws over its charts besides the data: the warm-up (left out of every
// figure) hatched, the periods in which alert rules fired on the mean series shaded on the
// connections chart, and the scenario's bursts and batches as dashed lines through all three
// charts, labelled along the line.
#include "models/planning/comparison.h"
#include "ui/charts/chart_style.h"

#include <array>

class QCPAxisRect;
class QCPLegend;
class QCustomPlot;

namespace poolsim::ui {

/// `charts`: connections, waiting requests, failures (top to bottom); `legend` gets the alert
/// shading's entry. The marks come from the run's own scenario (what ran, not what is edited).
void drawTimelineMarks(QCustomPlot* plot, const std::array<QCPAxisRect*, 3>& charts, QCPLegend* legend,
                       const models::VariantRun& run, const ChartStyle& style);

} // namespace poolsim::ui
