#pragma once
// The chart area's pages, in tab order: Timeline, Waits, Variants, Sweep, Summary.
#include "ui/charts/chart_page.h"

#include <QList>

namespace poolsim::ui {

/// New pages, parented to `parent`, in tab order.
QList<ChartPage*> createChartPages(QWidget* parent);

} // namespace poolsim::ui
