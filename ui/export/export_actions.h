#pragma once
// What File > Export charts... and File > Export report... do in the window: ask what and where
// (through prompts a test can answer), export, and say what happened. The window's hooks in
// ui/window/main_window_parts.h (exportChartsInteractively / exportReportInteractively) call
// these with what it shows, in an ExportRequestContext.
#include "ui/export/chart_export.h"
#include "ui/export/export_request.h"

#include <QString>

#include <functional>

namespace poolsim::ui {

class ExportDialog;

/// The questions the exports ask; empty members fall back to modal dialogs.
struct ExportPrompts
{
    /// Shows the (filled-in) dialog; true when the user pressed Export.
    std::function<bool(ExportDialog& dialog)> runDialog;
    /// The report's path, starting from `suggested`; empty when cancelled.
    std::function<QString(QWidget* parent, const QString& suggested)> askReportPath;
};

/// Every chart of every page with data, in the formats, size and folder the dialog chose.
/// Returns the message to show: how many files went where, what failed, or why there is nothing
/// to export; empty when the user cancelled.
QString exportChartsWithDialog(const ExportRequestContext& context, const ExportPrompts& prompts = {});

/// The report of the last run (with `recommendation` when there is one) as one PDF. Returns the
/// message to show, empty when cancelled.
QString exportReportWithDialog(const ExportRequestContext& context, const ExportPrompts& prompts = {},
                               const OutcomePtr& recommendation = nullptr);

/// The names exported files get from what the window shows: the document's file stem, and the
/// hash of the scenario that made the charts (the last run's, else the document's).
ExportNaming exportNaming(const ExportRequestContext& context);

} // namespace poolsim::ui
