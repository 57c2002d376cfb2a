#pragma once
// The desktop program's window: the scenario editor in a dock on the left, the chart pages in
// the middle, File and Run menus with a toolbar, and the job's state in the status bar. It owns
// the document and the job runner and passes between them: every document change goes to the
// pages, every job outcome too. Dialogs go through virtual hooks a test can answer.
#include <QElapsedTimer>
#include <QList>
#include <QMainWindow>
#include <QString>
#include <QTimer>

#ifndef Q_MOC_RUN
#include "ui/core/run_controller.h"
#include "ui/core/run_outcome.h"
#endif
#include "ui/core/app_settings.h"

#include <cstdint>
#include <vector>

class QAction;
class QDockWidget;
class QLabel;
class QTabWidget;

namespace poolsim::ui {

class ChartExportMenu;
class ChartPage;
class RecentFilesMenu;
class RunStatusWidget;
class ScenarioDocument;
class RunController;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    /// The answer to "save the changes first?".
    enum class UnsavedChoice { Save, Discard, Cancel };

    /// Wait after the last edit before live mode re-runs (edits in between restart the wait).
    static constexpr int kLiveDebounceMs = 400;
    /// Live mode runs at most this many replications: a quick picture, not the final numbers.
    static constexpr std::int64_t kLiveReplications = 4;

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    ScenarioDocument& document() { return *m_document; }
    RunController& runController() { return *m_controller; }
    RunStatusWidget& runStatus() { return *m_status; }
    const QList<ChartPage*>& chartPages() const { return m_pages; }
    /// The last outcome handed to the pages (of any kind), or null.
    OutcomePtr lastOutcome() const { return m_lastOutcome; }
    bool isLiveMode() const;
    /// The scenario was edited after the last Run shown (the status bar says so).
    bool resultsAreStale() const;

    QAction* runAction() const { return m_runAction; }
    QAction* stopAction() const { return m_stopAction; }
    QAction* liveAction() const { return m_liveAction; }

    /// Adds a page as a tab: it gets every document change and job outcome from now on.
    void addChartPage(ChartPage* page);

    /// Opens `path` after asking about unsaved changes. A file that fails to load is reported
    /// (located) and leaves the open scenario as it was. True when opened.
    bool openFile(const QString& path);
    /// The template scenario, after asking about unsaved changes.
    bool newFile();
    /// Save (Save As when the scenario has no file yet). True when saved.
    bool saveFile();
    bool saveFileAs();
    /// Asks about unsaved changes; true when the caller may go on (saved or discarded).
    bool maybeSaveChanges();
    /// Applies what is typed in the editor's focused field (or YAML tab) but not yet entered,
    /// so Run, Save, Close and the exports see it. An invalid value stays marked at its field.
    void commitPendingEdits();

    /// Starts a job on the document's scenario; returns its number.
    std::uint64_t startJob(const JobRequest& request, bool live = false);

public Q_SLOTS:
    void runScenario();
    void stopJob();
    void setLiveMode(bool on);

protected:
    // Hooks for what would be a modal dialog; tests override them.
    virtual UnsavedChoice askUnsavedChanges();
    virtual void showError(const QString& title, const QString& message);
    virtual void showMessage(const QString& title, const QString& message);
    /// A file to open / to save to; empty when the user cancelled.
    virtual QString askOpenPath();
    virtual QString askSavePath();
    /// File > Export charts... / Export report...: the exporter's dialogs.
    virtual void exportCharts();
    virtual void exportReport();

    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createLayout();
    void restoreLayout();
    void updateTitle();
    void documentChanged();
    void jobFinished(const OutcomePtr& outcome);
    void jobFailed(std::uint64_t job, const QString& message);
    void showOutcome(const OutcomePtr& outcome);
    void updateStaleMark();
    void liveFollowUp(const OutcomePtr& outcome);
    void rememberRecent(const QString& path);
    /// A new scenario replaced the old one: its results no longer apply.
    void discardResults();

    AppSettings m_settings;
    ScenarioDocument* m_document;
    RunController* m_controller;
    RunStatusWidget* m_status = nullptr;
    QLabel* m_staleMark = nullptr;
    QTabWidget* m_tabs = nullptr;
    QDockWidget* m_editorDock = nullptr;
    QWidget* m_pagesPlaceholder = nullptr;
    RecentFilesMenu* m_recentMenu = nullptr;
    ChartExportMenu* m_exportMenu = nullptr;
    QList<ChartPage*> m_pages;
    OutcomePtr m_lastOutcome;
    OutcomePtr m_lastRun;            // what the exports use
    OutcomePtr m_lastRecommendation; // the report includes it

    QAction* m_newAction = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_saveAsAction = nullptr;
    QAction* m_exportChartsAction = nullptr;
    QAction* m_exportReportAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_runAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_liveAction = nullptr;

    QTimer m_liveTimer; // the debounce of live mode
    QElapsedTimer m_jobClock;
    bool m_jobLive = false;             // the current job was started by live mode
    bool m_stopAsked = false;           // the user stopped the current job
    std::uint64_t m_firstWantedJob = 0; // outcomes of older jobs belong to a replaced scenario
};

} // namespace poolsim::ui
