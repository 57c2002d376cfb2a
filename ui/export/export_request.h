#pragma once
// What a window hands to the exporter: the window to parent dialogs on, the document (its file
// name and hash name the files), the pages and the last run. A plain struct, so that the window
// (ui/window) passes it down and the exporter never includes the window.
#ifndef Q_MOC_RUN
#include "ui/core/run_outcome.h"
#endif

#include <QList>

class QWidget;

namespace poolsim::ui {

class AppSettings;
class ChartPage;
class ScenarioDocument;

/// What the export actions hand to the exporter.
struct ExportRequestContext
{
    QWidget* window = nullptr;
    const ScenarioDocument* document = nullptr;
    QList<ChartPage*> pages;
    OutcomePtr lastRun; // the last Run outcome shown, or null
    AppSettings* settings = nullptr;
};

} // namespace poolsim::ui
