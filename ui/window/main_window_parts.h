#pragma once
// The main window's parts that other areas provide (the scenario editor, the chart pages, the
// exporter), each made in exactly one place so the window does not depend on how far they are.
#ifndef Q_MOC_RUN
#include "ui/core/run_outcome.h"
#endif
#include "ui/export/export_request.h"

#include <QList>
#include <QString>

class QWidget;

namespace poolsim::ui {

class ChartPage;
class ScenarioDocument;

/// The scenario editor for the left dock, editing `document`.
QWidget* createScenarioEditorWidget(ScenarioDocument* document, QWidget* parent);

/// The pages of the central tab widget, in tab order.
QList<ChartPage*> createChartPageWidgets(QWidget* parent);

/// File > Export charts... and File > Export report...: asks what and where, then exports.
/// Returns a message for the window to show (empty when there is nothing to say). The report
/// includes `recommendation` (the last Recommend outcome) when there is one.
QString exportChartsInteractively(const ExportRequestContext& context);
QString exportReportInteractively(const ExportRequestContext& context, const OutcomePtr& recommendation);

} // namespace poolsim::ui
