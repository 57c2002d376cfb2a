#pragma once
// The context menu of every chart in the window: Copy chart, and Save chart as PNG / SVG / PDF,
// at the export size and scale last chosen (AppSettings), under the traceable file name
// `<stem>-<hash>-<key>.<ext>` in the last export folder. Attached to a page, it serves whatever
// plots the page has at the moment of the click.
#include "ui/export/chart_export.h"

#include <QObject>
#include <QString>

#include <functional>

class QMenu;

namespace poolsim::ui {

class AppSettings;

class ChartExportMenu : public QObject
{
    Q_OBJECT
public:
    /// The file names' stem and hash at the moment of the export (the document changes); the
    /// window passes exportNaming (ui/export_actions.h) of its current state.
    using Naming = std::function<ExportNaming()>;
    /// Asks where to save, starting from `suggested`; empty when cancelled.
    using SavePathPrompt =
        std::function<QString(QWidget* parent, const QString& suggested, ChartFormat format)>;
    /// Tells the user an export failed.
    using ErrorReport = std::function<void(QWidget* parent, const QString& message)>;

    ChartExportMenu(AppSettings* settings, Naming naming, QObject* parent = nullptr);

    /// Right-clicking any of the page's plots opens the menu.
    void attach(ChartPage* page);
    /// The menu for one plot (the context menu shows it; tests trigger its actions).
    QMenu* createMenu(const NamedPlot& plot, QWidget* parent);

    void setSavePathPrompt(SavePathPrompt prompt) { m_askPath = std::move(prompt); }
    void setErrorReport(ErrorReport report) { m_reportError = std::move(report); }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    ChartSize chosenSize() const;
    void save(const NamedPlot& plot, ChartFormat format, QWidget* parent);

    AppSettings* m_settings;
    Naming m_naming;
    SavePathPrompt m_askPath;
    ErrorReport m_reportError;
};

} // namespace poolsim::ui
