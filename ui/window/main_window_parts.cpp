#include "ui/window/main_window_parts.h"

#include "ui/charts/chart_pages.h"
#include "ui/editor/scenario_editor.h"
#include "ui/export/export_actions.h"

namespace poolsim::ui {

QWidget* createScenarioEditorWidget(ScenarioDocument* document, QWidget* parent)
{
    return new ScenarioEditor(document, parent);
}

QList<ChartPage*> createChartPageWidgets(QWidget* parent)
{
    return createChartPages(parent);
}

QString exportChartsInteractively(const ExportRequestContext& context)
{
    return exportChartsWithDialog(context);
}

QString exportReportInteractively(const ExportRequestContext& context, const OutcomePtr& recommendation)
{
    return exportReportWithDialog(context, {}, recommendation);
}

} // namespace poolsim::ui
