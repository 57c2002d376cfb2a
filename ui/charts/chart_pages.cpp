#include "ui/charts/chart_pages.h"

#include "ui/charts/summary_page.h"
#include "ui/charts/sweep_page.h"
#include "ui/charts/timeline_page.h"
#include "ui/charts/variants_page.h"
#include "ui/charts/waits_page.h"

namespace poolsim::ui {

QList<ChartPage*> createChartPages(QWidget* parent)
{
    return {new TimelinePage(parent), new WaitsPage(parent), new VariantsPage(parent), new SweepPage(parent),
            new SummaryPage(parent)};
}

} // namespace poolsim::ui
