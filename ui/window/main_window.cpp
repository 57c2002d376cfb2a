#include "ui/window/main_window.h"

#include "ui/charts/chart_page.h"
#include "ui/core/app_settings.h"
#include "ui/core/recent_files_menu.h"
#include "ui/core/run_controller.h"
#include "ui/core/run_status_widget.h"
#include "ui/core/scenario_document.h"
#include "ui/export/chart_export_menu.h"
#include "ui/export/export_actions.h"
#include "ui/window/main_window_parts.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>

#include <algorithm>

namespace poolsim::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_document(new ScenarioDocument(this)), m_controller(new RunController(this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setAcceptDrops(true);
    // Right-clicking a chart exports it; names come from the window's state at that moment.
    m_exportMenu = new ChartExportMenu(
        &m_settings,
        [this] {
            return exportNaming({this, m_document, m_pages, m_lastRun, &m_settings});
        },
        this);
    createActions();
    createMenus();
    createLayout();

    m_liveTimer.setSingleShot(true);
    m_liveTimer.setInterval(kLiveDebounceMs);
    connect(&m_liveTimer, &QTimer::timeout, this, [this] {
        // The edited scenario first, so the charts follow the edit quickly; jobFinished then
        // starts the variants and the check (liveFollowUp).
        JobRequest request;
        request.replications = std::min(m_document->scenario().effectiveReplications(), kLiveReplications);
        request.baseOnly = true;
        startJob(request, true);
    });

    connect(m_document, &ScenarioDocument::changed, this, &MainWindow::documentChanged);
    connect(m_document, &ScenarioDocument::modifiedChanged, this, &QWidget::setWindowModified);
    connect(m_document, &ScenarioDocument::filePathChanged, this, &MainWindow::updateTitle);

    connect(m_controller, &RunController::progress, this,
            [this](std::uint64_t, double fraction, double perSecond) {
                m_status->jobProgress(fraction, perSecond);
            });
    connect(m_controller, &RunController::jobFinished, this, &MainWindow::jobFinished);
    connect(m_controller, &RunController::jobFailed, this, &MainWindow::jobFailed);

    restoreLayout();
    updateTitle();
    documentChanged();
}

MainWindow::~MainWindow()
{
    // The editor goes first, while the document it edits still exists: a field losing the
    // focus as it is destroyed applies its text to the document.
    delete m_editorDock;
    m_editorDock = nullptr;
}

void MainWindow::createActions()
{
    const auto make = [this](const QString& name, const QString& text, const QKeySequence& key,
                             QStyle::StandardPixmap icon = QStyle::SP_CustomBase) {
        auto* action = new QAction(text, this);
        action->setObjectName(name);
        if (!key.isEmpty())
            action->setShortcut(key);
        if (icon != QStyle::SP_CustomBase)
            action->setIcon(style()->standardIcon(icon));
        return action;
    };
    m_newAction = make(QStringLiteral("actionNew"), tr("&New"), QKeySequence::New, QStyle::SP_FileIcon);
    m_openAction =
        make(QStringLiteral("actionOpen"), tr("&Open..."), QKeySequence::Open, QStyle::SP_DialogOpenButton);
    m_saveAction =
        make(QStringLiteral("actionSave"), tr("&Save"), QKeySequence::Save, QStyle::SP_DialogSaveButton);
    m_saveAsAction = make(QStringLiteral("actionSaveAs"), tr("Save &As..."), QKeySequence::SaveAs);
    m_exportChartsAction = make(QStringLiteral("actionExportCharts"), tr("Export &charts..."), {});
    m_exportReportAction = make(QStringLiteral("actionExportReport"), tr("Export &report..."), {});
    m_quitAction = make(QStringLiteral("actionQuit"), tr("&Quit"), QKeySequence::Quit);
    m_runAction =
        make(QStringLiteral("actionRun"), tr("&Run"), QKeySequence(Qt::Key_F5), QStyle::SP_MediaPlay);
    m_stopAction =
        make(QStringLiteral("actionStop"), tr("&Stop"), QKeySequence(Qt::Key_Escape), QStyle::SP_MediaStop);
    m_liveAction = make(QStringLiteral("actionLive"), tr("&Live mode"), {}, QStyle::SP_BrowserReload);

    m_runAction->setToolTip(tr("Run the scenario and its variants (F5)"));
    m_stopAction->setToolTip(tr("Stop the running job (Esc); what finished is shown"));
    m_stopAction->setEnabled(false);
    m_liveAction->setCheckable(true);
    m_liveAction->setToolTip(
        tr("Re-run after every edit, with at most %1 replications").arg(kLiveReplications));

    connect(m_newAction, &QAction::triggered, this, [this] { newFile(); });
    connect(m_openAction, &QAction::triggered, this, [this] {
        const QString path = askOpenPath();
        if (!path.isEmpty())
            openFile(path);
    });
    connect(m_saveAction, &QAction::triggered, this, [this] { saveFile(); });
    connect(m_saveAsAction, &QAction::triggered, this, [this] { saveFileAs(); });
    connect(m_exportChartsAction, &QAction::triggered, this, &MainWindow::exportCharts);
    connect(m_exportReportAction, &QAction::triggered, this, &MainWindow::exportReport);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_runAction, &QAction::triggered, this, &MainWindow::runScenario);
    connect(m_stopAction, &QAction::triggered, this, &MainWindow::stopJob);
    connect(m_liveAction, &QAction::toggled, this, &MainWindow::setLiveMode);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addAction(m_openAction);
    m_recentMenu = new RecentFilesMenu(this);
    connect(m_recentMenu, &RecentFilesMenu::openRequested, this,
            [this](const QString& path) { openFile(path); });
    file->addMenu(m_recentMenu);
    file->addSeparator();
    file->addAction(m_saveAction);
    file->addAction(m_saveAsAction);
    file->addSeparator();
    file->addAction(m_exportChartsAction);
    file->addAction(m_exportReportAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(m_runAction);
    run->addAction(m_stopAction);
    run->addSeparator();
    run->addAction(m_liveAction);

    QToolBar* toolbar = addToolBar(tr("Run"));
    toolbar->setObjectName(QStringLiteral("runToolBar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolbar->addAction(m_openAction);
    toolbar->addAction(m_saveAction);
    toolbar->addSeparator();
    toolbar->addAction(m_runAction);
    toolbar->addAction(m_stopAction);
    toolbar->addAction(m_liveAction);
}

void MainWindow::createLayout()
{
    m_editorDock = new QDockWidget(tr("Scenario"), this);
    m_editorDock->setObjectName(QStringLiteral("editorDock"));
    m_editorDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    m_editorDock->setWidget(createScenarioEditorWidget(m_document, m_editorDock));
    addDockWidget(Qt::LeftDockWidgetArea, m_editorDock);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("chartTabs"));
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    const QList<ChartPage*> pages = createChartPageWidgets(m_tabs);
    for (ChartPage* page : pages)
        addChartPage(page);
    if (pages.isEmpty()) {
        m_pagesPlaceholder = new QLabel(tr("The charts are not available in this build."), m_tabs);
        m_pagesPlaceholder->setEnabled(false);
        static_cast<QLabel*>(m_pagesPlaceholder)->setAlignment(Qt::AlignCenter);
        m_tabs->addTab(m_pagesPlaceholder, tr("Charts"));
    }

    m_status = new RunStatusWidget(this);
    statusBar()->addWidget(m_status, 1);
    m_staleMark =
        new QLabel(tr("The results are of an earlier version of the scenario: press Run (F5)"), this);
    m_staleMark->setObjectName(QStringLiteral("staleResults"));
    m_staleMark->setToolTip(tr("The scenario was edited after the results shown were made"));
    m_staleMark->setStyleSheet(QStringLiteral("QLabel { color: #b35900; font-weight: bold; }"));
    m_staleMark->hide();
    statusBar()->addPermanentWidget(m_staleMark);
    resize(1280, 800);
}

void MainWindow::restoreLayout()
{
    const QByteArray geometry = m_settings.windowGeometry();
    if (!geometry.isEmpty())
        restoreGeometry(geometry);
    const QByteArray state = m_settings.windowState();
    if (!state.isEmpty())
        restoreState(state);
}

void MainWindow::addChartPage(ChartPage* page)
{
    if (m_pagesPlaceholder) {
        m_tabs->removeTab(m_tabs->indexOf(m_pagesPlaceholder));
        delete m_pagesPlaceholder;
        m_pagesPlaceholder = nullptr;
    }
    m_pages.append(page);
    m_tabs->addTab(page, page->title());
    connect(page, &ChartPage::sweepRequested, this,
            [this, page](const std::vector<models::SweepParam>& params) {
                JobRequest request;
                request.kind = JobKind::Sweep;
                request.sweep = params;
                // The Sweep page says whether to stop at the first value meeting the service levels.
                request.untilSlo = page->property("untilSlo").toBool();
                startJob(request);
            });
    connect(page, &ChartPage::recommendRequested, this, [this] {
        JobRequest request;
        request.kind = JobKind::Recommend;
        startJob(request);
    });
    m_exportMenu->attach(page);
    page->setScenario(m_document->scenario());
    page->setOutcome(m_lastOutcome);
}

void MainWindow::updateTitle()
{
    const QString path = m_document->filePath();
    const QString name = path.isEmpty() ? tr("untitled.yaml") : QFileInfo(path).fileName();
    setWindowTitle(tr("%1[*] - PoolSim").arg(name));
    setWindowFilePath(path);
    setWindowModified(m_document->isModified());
}

bool MainWindow::isLiveMode() const
{
    return m_liveAction->isChecked();
}

void MainWindow::documentChanged()
{
    for (ChartPage* page : std::as_const(m_pages))
        page->setScenario(m_document->scenario());
    updateStaleMark();
    if (isLiveMode())
        m_liveTimer.start(); // restarts the wait: a burst of edits makes one run
}

void MainWindow::setLiveMode(bool on)
{
    if (m_liveAction->isChecked() != on)
        m_liveAction->setChecked(on); // comes back here through toggled
    else if (on)
        m_liveTimer.start(); // show the scenario as it is now
    else
        m_liveTimer.stop();
}

std::uint64_t MainWindow::startJob(const JobRequest& request, bool live)
{
    if (!live)                // live runs follow entered edits; they never take half-typed text
        commitPendingEdits(); // may restart the live timer: stopped next
    m_liveTimer.stop();
    const std::uint64_t job = m_controller->start(m_document->scenario(), request);
    m_jobLive = live;
    m_stopAsked = false;
    m_jobClock.start();
    m_stopAction->setEnabled(true);
    QString what = tr("run");
    if (request.kind == JobKind::Sweep)
        what = tr("sweep");
    else if (request.kind == JobKind::Recommend)
        what = tr("recommend");
    else if (live && request.knownBase)
        what = tr("live run: the variants and the check");
    else if (live)
        what = tr("live run, %1 replications").arg(request.replications.value_or(0));
    m_status->jobStarted(job, what);
    return job;
}

void MainWindow::runScenario()
{
    startJob(JobRequest{});
}

void MainWindow::stopJob()
{
    m_liveTimer.stop();
    if (!m_controller->isRunning())
        return;
    m_stopAsked = true;
    m_controller->stop();
    m_status->jobStopping();
}

void MainWindow::jobFinished(const OutcomePtr& outcome)
{
    m_stopAction->setEnabled(false);
    if (!outcome || outcome->job < m_firstWantedJob)
        return;
    m_status->jobDone(static_cast<double>(m_jobClock.elapsed()) / 1000.0, outcome->complete);
    showOutcome(outcome);
    liveFollowUp(outcome);
}

void MainWindow::liveFollowUp(const OutcomePtr& outcome)
{
    // Live mode's second step: the variants and the analytic check of the scenario the first
    // step ran, reusing its base result. Not when the first step was stopped or superseded, nor
    // when an edit since has a newer live run waiting.
    if (!outcome->baseOnly || !outcome->complete || !outcome->base || !isLiveMode() ||
        m_liveTimer.isActive() || outcome->job != m_controller->currentJob())
        return;
    JobRequest request;
    request.replications = outcome->base->replications;
    request.knownBase = outcome->base;
    startJob(request, true);
}

void MainWindow::jobFailed(std::uint64_t job, const QString& message)
{
    m_stopAction->setEnabled(false);
    if (job < m_firstWantedJob)
        return;
    if (m_stopAsked) {
        m_status->jobStopped(static_cast<double>(m_jobClock.elapsed()) / 1000.0);
        return;
    }
    m_status->jobFailed(message);
    // A job the user asked for deserves a message; live runs only say so in the status bar.
    if (!m_jobLive)
        showError(tr("The job failed"), message);
}

void MainWindow::showOutcome(const OutcomePtr& outcome)
{
    m_lastOutcome = outcome;
    if (outcome && outcome->kind == JobKind::Run)
        m_lastRun = outcome;
    if (outcome && outcome->kind == JobKind::Recommend)
        m_lastRecommendation = outcome;
    for (ChartPage* page : std::as_const(m_pages))
        page->setOutcome(outcome);
    updateStaleMark();
}

void MainWindow::updateStaleMark()
{
    // The charts show the last Run; an edit since makes them answer another scenario.
    m_staleMark->setVisible(m_lastRun &&
                            scenarioContentHash(m_lastRun->scenario) != m_document->contentHash());
}

bool MainWindow::resultsAreStale() const
{
    return !m_staleMark->isHidden();
}

void MainWindow::discardResults()
{
    m_liveTimer.stop();
    m_controller->stop();
    m_firstWantedJob = m_controller->currentJob() + 1;
    m_stopAction->setEnabled(false);
    m_status->clear();
    m_lastRun.reset();
    m_lastRecommendation.reset();
    showOutcome(nullptr);
}

void MainWindow::exportCharts()
{
    commitPendingEdits();
    const QString message = exportChartsInteractively({this, m_document, m_pages, m_lastRun, &m_settings});
    if (!message.isEmpty())
        showMessage(tr("Export charts"), message);
}

void MainWindow::exportReport()
{
    commitPendingEdits();
    const QString message =
        exportReportInteractively({this, m_document, m_pages, m_lastRun, &m_settings}, m_lastRecommendation);
    if (!message.isEmpty())
        showMessage(tr("Export report"), message);
}

} // namespace poolsim::ui
