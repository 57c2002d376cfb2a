#include "ui/chart_pages.h"

#include "ui/summary_page.h"
#include "ui/sweep_page.h"
#include "ui/timeline_page.h"
#include "ui/variants_page.h"
#include "ui/waits_page.h"

namespace poolsim::ui {

QList<ChartPage*> createChartPages(QWidget* parent)
{
    return {new TimelinePage(parent), new WaitsPage(parent), new VariantsPage(parent), new SweepPage(parent),
            new SummaryPage(parent)};
}

} // namespace poolsim::ui
