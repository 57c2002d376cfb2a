// The main window: opening through the window (title, unsaved-changes mark, located errors that
// leave the scenario alone), the unsaved-changes question on New/Open/Close, Run/Stop/Live
// actions and live mode's debounce, pages getting every change and outcome, drag and drop of a
// scenario file, and recent files and the layout persisting in the settings.
// moc (Qt 6.4) cannot parse the C++20 headers these include; it needs only the test class.
#ifndef Q_MOC_RUN
#include "models/scenario_yaml.h"
#include "ui/app_settings.h"
#include "ui/chart_page.h"
#include "ui/main_window.h"
#include "ui/qcustomplot_include.h"
#include "ui/recent_files_menu.h"
#include "ui/run_controller.h"
#include "ui/run_status_widget.h"
#include "ui/scenario_document.h"
#endif

#include <QAction>
#include <QContextMenuEvent>
#include <QMenu>
#include <QDir>
#include <QDockWidget>
#include <QProgressBar>
#include <QTabWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QMimeData>
#include <QSettings>
#include <QSpinBox>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

using poolsim::ui::AppSettings;
using poolsim::ui::ChartPage;
using poolsim::ui::JobKind;
using poolsim::ui::MainWindow;
using poolsim::ui::NamedPlot;
using poolsim::ui::OutcomePtr;
using poolsim::ui::RunController;
namespace models = poolsim::models;

namespace {

const char* const kSmall = R"(poolsim: 1
name: Small
horizon: 30s
replications: 6
seed: 2
pool:
  size: 4
workloads:
  - name: api
    arrivals: {poisson: 20/s}
    hold: {exponential: 100ms}
)";

/// The window with every dialog answered by the test.
class TestWindow : public MainWindow
{
public:
    UnsavedChoice answer = UnsavedChoice::Cancel;
    int asked = 0;
    QStringList errors, messages;
    QString savePath;

protected:
    UnsavedChoice askUnsavedChanges() override
    {
        ++asked;
        return answer;
    }
    void showError(const QString&, const QString& message) override { errors << message; }
    void showMessage(const QString&, const QString& message) override { messages << message; }
    QString askOpenPath() override { return {}; }
    QString askSavePath() override { return savePath; }
    void exportCharts() override { exports << QStringLiteral("charts"); }
    void exportReport() override { exports << QStringLiteral("report"); }

public:
    QStringList exports;
};

/// A page that records what the window hands it.
class RecordingPage : public ChartPage
{
public:
    using ChartPage::ChartPage;
    int scenarios = 0;
    models::Scenario lastScenario;
    QList<OutcomePtr> outcomes;
    QString title() const override { return QStringLiteral("Recording"); }
    void setScenario(const models::Scenario& s) override
    {
        ++scenarios;
        lastScenario = s;
    }
    void setOutcome(const OutcomePtr& outcome) override { outcomes << outcome; }
    bool hasData() const override { return !outcomes.isEmpty() && outcomes.last(); }
    QList<NamedPlot> plots() const override { return {}; }
    void askForSweep(const std::vector<models::SweepParam>& params) { Q_EMIT sweepRequested(params); }
};

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(content);
    return path;
}

/// Sends a drag of `path` over the window and drops it; returns whether the drag was accepted.
bool dragAndDrop(QWidget* window, const QString& path)
{
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPoint at(window->width() / 2, window->height() / 2);
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window, &enter);
    if (!enter.isAccepted())
        return false;
    QDropEvent drop(QPointF(at), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(window, &drop);
    return true;
}

} // namespace

class TstGuiMainWindow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_small;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // settings go to a test location
        QVERIFY(m_dir.isValid());
        m_small = writeFile(m_dir, QStringLiteral("small.yaml"), kSmall);
    }

    void init()
    {
        QSettings(QStringLiteral("PoolSim"), QStringLiteral("poolsim-gui")).clear();
    }

    void settingsAreTheTestOnes()
    {
        const QString file = QSettings(QStringLiteral("PoolSim"), QStringLiteral("poolsim-gui")).fileName();
        QVERIFY2(file.contains(QStringLiteral("qttest")), qPrintable(file));
    }

    void layout()
    {
        TestWindow w;
        auto* dock = w.findChild<QDockWidget*>(QStringLiteral("editorDock"));
        QVERIFY(dock && dock->widget());
        QCOMPARE(w.dockWidgetArea(dock), Qt::LeftDockWidgetArea);
        auto* tabs = w.findChild<QTabWidget*>(QStringLiteral("chartTabs"));
        QVERIFY(tabs);
        QCOMPARE(w.centralWidget(), tabs);
        QVERIFY(!w.chartPages().isEmpty());
        QCOMPARE(tabs->count(), w.chartPages().size());
        for (int i = 0; i < tabs->count(); ++i)
            QCOMPARE(tabs->tabText(i), w.chartPages()[i]->title());
        // The status bar: the job's state, its progress and its rate.
        QVERIFY(w.findChild<QProgressBar*>(QStringLiteral("jobProgress")));
        QCOMPARE(w.runStatus().stateText(), QStringLiteral("ready"));
    }

    void opensThroughTheWindow()
    {
        TestWindow w;
        QCOMPARE(w.windowTitle(), QStringLiteral("untitled.yaml[*] - PoolSim"));
        QVERIFY(w.openFile(m_small));
        QCOMPARE(w.windowTitle(), QStringLiteral("small.yaml[*] - PoolSim"));
        QVERIFY(!w.isWindowModified());
        QCOMPARE(w.document().scenario().name, std::string("Small"));
        QCOMPARE(w.asked, 0);

        w.document().setValue("pool.size", "5");
        QVERIFY(w.isWindowModified());
        w.savePath.clear();
        QVERIFY(w.saveFile()); // has a file: no question
        QVERIFY(!w.isWindowModified());
        QCOMPARE(models::loadScenarioFile(m_small.toStdString()).pool.effectiveSize(), std::int64_t(5));
        w.document().setValue("pool.size", "4");
        QVERIFY(w.saveFile());
    }

    void aBadFileIsReportedAndChangesNothing()
    {
        TestWindow w;
        QVERIFY(w.openFile(m_small));
        w.document().setValue("pool.size", "7");
        w.answer = MainWindow::UnsavedChoice::Discard;
        const QString bad = writeFile(m_dir, QStringLiteral("bad.yaml"),
                                      "poolsim: 1\nhorizon: 1m\nhorizn: 2m\nworkloads: []\n");
        QVERIFY(!w.openFile(bad));
        QCOMPARE(w.errors.size(), 1);
        QVERIFY2(w.errors[0].startsWith(bad + QStringLiteral(":3:1: unknown key 'horizn'")), qPrintable(w.errors[0]));
        QCOMPARE(w.document().filePath(), m_small);
        QCOMPARE(w.document().scenario().pool.effectiveSize(), std::int64_t(7));
        QVERIFY(w.isWindowModified());
        QCOMPARE(w.windowTitle(), QStringLiteral("small.yaml[*] - PoolSim"));
    }

    void unsavedChangesAreAskedAbout_data()
    {
        QTest::addColumn<int>("answer");
        QTest::addColumn<bool>("goesOn");
        QTest::newRow("cancel") << int(MainWindow::UnsavedChoice::Cancel) << false;
        QTest::newRow("discard") << int(MainWindow::UnsavedChoice::Discard) << true;
        QTest::newRow("save") << int(MainWindow::UnsavedChoice::Save) << true;
    }
    void unsavedChangesAreAskedAbout()
    {
        QFETCH(int, answer);
        QFETCH(bool, goesOn);
        QTemporaryDir dir;
        const QString file = writeFile(dir, QStringLiteral("edit.yaml"), kSmall);
        TestWindow w;
        w.answer = MainWindow::UnsavedChoice(answer);
        QVERIFY(w.openFile(file));

        // Nothing to save: nobody is asked.
        QVERIFY(w.newFile());
        QCOMPARE(w.asked, 0);
        QVERIFY(w.openFile(file));

        w.document().setValue("pool.size", "9");
        QCOMPARE(w.newFile(), goesOn);
        QCOMPARE(w.asked, 1);
        QCOMPARE(w.document().filePath().isEmpty(), goesOn);
        const std::int64_t saved = models::loadScenarioFile(file.toStdString()).pool.effectiveSize();
        QCOMPARE(saved, w.answer == MainWindow::UnsavedChoice::Save ? std::int64_t(9) : std::int64_t(4));

        // Opening another file and closing ask the same way.
        w.document().setValue("pool.size", "8"); // the template, when New went on: Save asks where
        w.savePath = dir.filePath(QStringLiteral("saved-as.yaml"));
        QCOMPARE(w.openFile(m_small), goesOn);
        QCOMPARE(w.asked, 2);
        w.document().setValue("pool.size", "6");
        w.show();
        QCOMPARE(w.close(), goesOn);
        QCOMPARE(w.asked, 3);
        QCOMPARE(w.isVisible(), !goesOn);
        if (w.answer == MainWindow::UnsavedChoice::Save)
            QCOMPARE(models::loadScenarioFile(m_small.toStdString()).pool.effectiveSize(), std::int64_t(6));
        // Put the shared file back.
        QVERIFY(QFile::remove(m_small));
        m_small = writeFile(m_dir, QStringLiteral("small.yaml"), kSmall);
    }

    void runAndStopActions()
    {
        TestWindow w;
        QCOMPARE(w.runAction()->shortcut(), QKeySequence(Qt::Key_F5));
        QCOMPARE(w.stopAction()->shortcut(), QKeySequence(Qt::Key_Escape));
        QVERIFY(w.liveAction()->isCheckable());
        QVERIFY(!w.liveAction()->isChecked());
        QVERIFY(!w.stopAction()->isEnabled());

        QVERIFY(w.openFile(m_small));
        auto* page = new RecordingPage;
        w.addChartPage(page);
        QSignalSpy finished(&w.runController(), &RunController::jobFinished);
        w.runAction()->trigger();
        QVERIFY(w.stopAction()->isEnabled());
        QVERIFY(w.runStatus().stateText().startsWith(QStringLiteral("running job")));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QVERIFY(!w.stopAction()->isEnabled());
        QVERIFY2(w.runStatus().stateText().startsWith(QStringLiteral("done in")), qPrintable(w.runStatus().stateText()));
        QCOMPARE(w.runStatus().progressValue(), 1000);
        QVERIFY(w.lastOutcome());
        QCOMPARE(w.lastOutcome()->base->replications, std::int64_t(6)); // Run: all the replications
        QVERIFY(page->hasData());
        QCOMPARE(page->outcomes.last(), w.lastOutcome());
    }

    void stopEndsTheJob()
    {
        TestWindow w;
        w.document().setValue("horizon", "200h");
        QSignalSpy progress(&w.runController(), &RunController::progress);
        QSignalSpy finished(&w.runController(), &RunController::jobFinished);
        w.runAction()->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() > 0, 5000);
        w.stopAction()->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 1000);
        QVERIFY(!w.lastOutcome()->complete);
        QVERIFY2(w.runStatus().stateText().startsWith(QStringLiteral("stopped")), qPrintable(w.runStatus().stateText()));
        QVERIFY(w.runStatus().rateText().endsWith(QStringLiteral("events/s")));
    }

    void pagesGetEveryChangeAndSweepRequests()
    {
        TestWindow w;
        auto* page = new RecordingPage;
        w.addChartPage(page);
        QCOMPARE(page->scenarios, 1); // the scenario as it is when added
        QVERIFY(w.openFile(m_small));
        QCOMPARE(page->scenarios, 2);
        w.document().setValue("pool.size", "6");
        QCOMPARE(page->scenarios, 3);
        QCOMPARE(page->lastScenario.pool.effectiveSize(), std::int64_t(6));

        QSignalSpy finished(&w.runController(), &RunController::jobFinished);
        page->askForSweep({models::SweepParam{"pool.size", {"3", "5"}, ""}});
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(w.lastOutcome()->kind, JobKind::Sweep);
        QCOMPARE(w.lastOutcome()->sweep->points.size(), std::size_t(2));
        QCOMPARE(page->outcomes.last(), w.lastOutcome());
        QVERIFY(!w.lastOutcome()->sweep->untilSlo);

        // The page's untilSlo property (the Sweep page's checkbox) reaches the job.
        w.document().setValue("slo.wait_max", "10s");
        page->setProperty("untilSlo", true);
        page->askForSweep({models::SweepParam{"pool.size", {"3", "5"}, ""}});
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
        QVERIFY(w.lastOutcome()->sweep->untilSlo);

        // A new scenario clears what the pages show: it was about the old one.
        w.answer = MainWindow::UnsavedChoice::Discard;
        QVERIFY(w.newFile());
        QVERIFY(!page->outcomes.last());
    }

    void liveModeRerunsOnceAfterABurstOfEdits()
    {
        TestWindow w;
        QVERIFY(w.openFile(m_small));
        QSignalSpy started(&w.runController(), &RunController::jobStarted);
        QSignalSpy finished(&w.runController(), &RunController::jobFinished);
        w.liveAction()->trigger(); // on: shows the scenario as it is now
        QVERIFY(w.isLiveMode());
        // Two steps: the scenario alone, then its variants and the check.
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
        QCOMPARE(started.count(), 2);
        // Fewer replications: min(the scenario's 6, 4).
        QCOMPARE(w.lastOutcome()->base->replications, MainWindow::kLiveReplications);

        w.document().setValue("pool.size", "5");
        QTest::qWait(MainWindow::kLiveDebounceMs / 4);
        w.document().setValue("pool.size", "6");
        QCOMPARE(started.count(), 2); // not yet: the wait restarted
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 4, 10000);
        QCOMPARE(started.count(), 4); // two quick edits, one live run (of two steps)
        QCOMPARE(w.lastOutcome()->scenario.pool.effectiveSize(), std::int64_t(6));
        QTest::qWait(MainWindow::kLiveDebounceMs + 200);
        QCOMPARE(started.count(), 4);

        // Off: edits run nothing.
        w.liveAction()->trigger();
        QVERIFY(!w.isLiveMode());
        w.document().setValue("pool.size", "7");
        QTest::qWait(MainWindow::kLiveDebounceMs + 200);
        QCOMPARE(started.count(), 4);
    }

    void liveModeShowsTheEditFirstThenTheVariants()
    {
        TestWindow w;
        auto* page = new RecordingPage;
        w.addChartPage(page);
        const QString path = writeFile(m_dir, QStringLiteral("variants.yaml"),
                                       QByteArray(kSmall) + "variants:\n  - name: bigger\n    set: {pool.size: 6}\n");
        QVERIFY(w.openFile(path));
        QSignalSpy finished(&w.runController(), &RunController::jobFinished);
        w.setLiveMode(true);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);

        // First the scenario as written alone, then the same base with the variant and the check.
        const OutcomePtr first = page->outcomes.at(page->outcomes.size() - 2);
        const OutcomePtr second = page->outcomes.last();
        QVERIFY(first->baseOnly && first->complete);
        QVERIFY(first->variants.empty());
        QVERIFY(!first->analytic);
        QVERIFY(!second->baseOnly && second->complete);
        QCOMPARE(second->base, first->base);
        QCOMPARE(second->variants.size(), std::size_t(1));
        QVERIFY(second->analytic);

        // The same as a full run with the same replications: common random numbers.
        w.setLiveMode(false);
        poolsim::ui::JobRequest full;
        full.replications = MainWindow::kLiveReplications;
        w.startJob(full);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 10000);
        const OutcomePtr reference = w.lastOutcome();
        QVERIFY(!reference->baseOnly);
        QCOMPARE(reference->base->waitCdfS, second->base->waitCdfS);
        QCOMPARE(reference->variants.at(0).result->waitCdfS, second->variants.at(0).result->waitCdfS);
        QCOMPARE(reference->variants.at(0).result->poolSizeTotal, std::int64_t(6));
    }

    void dragAndDropOpensAScenario()
    {
        TestWindow w;
        w.resize(800, 600);
        QVERIFY(dragAndDrop(&w, m_small));
        QCOMPARE(w.document().filePath(), m_small);
        QCOMPARE(w.document().scenario().name, std::string("Small"));

        const QString text = writeFile(m_dir, QStringLiteral("notes.txt"), "not a scenario");
        QVERIFY(!dragAndDrop(&w, text));
        QCOMPARE(w.document().filePath(), m_small);
    }

    void recentFilesPersist()
    {
        QTemporaryDir dir;
        const QString a = writeFile(dir, QStringLiteral("a.yaml"), kSmall);
        const QString b = writeFile(dir, QStringLiteral("b.yaml"), kSmall);
        {
            TestWindow w;
            QVERIFY(w.openFile(a));
            QVERIFY(w.openFile(b));
            QVERIFY(w.openFile(a));
        }
        QCOMPARE(AppSettings().recentFiles(), (QStringList{a, b}));

        // A new window lists them in File > Open Recent, and opens one from there.
        TestWindow w;
        auto* menu = w.findChild<poolsim::ui::RecentFilesMenu*>();
        QVERIFY(menu);
        menu->refresh();
        QStringList listed;
        QAction* openB = nullptr;
        for (QAction* action : menu->actions())
            if (action->data().isValid()) {
                listed << action->data().toString();
                if (action->data().toString() == b)
                    openB = action;
            }
        QCOMPARE(listed, (QStringList{a, b}));
        QVERIFY(openB);
        openB->trigger();
        QCOMPARE(w.document().filePath(), b);
        QCOMPARE(AppSettings().recentFiles().constFirst(), b);

        // At most ten, the newest first.
        AppSettings settings;
        for (int i = 0; i < 12; ++i)
            settings.addRecentFile(dir.filePath(QStringLiteral("f%1.yaml").arg(i)));
        QCOMPARE(settings.recentFiles().size(), AppSettings::kMaxRecentFiles);
        QCOMPARE(settings.recentFiles().constFirst(), dir.filePath(QStringLiteral("f11.yaml")));

        // A file that no longer exists is reported and dropped from the list.
        QVERIFY(QFile::remove(a));
        settings.addRecentFile(a);
        QVERIFY(!w.openFile(a));
        QVERIFY(!AppSettings().recentFiles().contains(a));
    }

    void layoutAndExportSettingsPersist()
    {
        {
            TestWindow w;
            w.show();
            QVERIFY(w.close());
        }
        const AppSettings settings;
        QVERIFY(!settings.windowState().isEmpty());
        QVERIFY(!settings.windowGeometry().isEmpty());

        AppSettings().setExportFolder(m_dir.path());
        AppSettings().setExportSize(QSize(1600, 900));
        QCOMPARE(AppSettings().exportFolder(), m_dir.path());
        QCOMPARE(AppSettings().exportSize(), QSize(1600, 900));
        AppSettings().setExportScale(2);
        QCOMPARE(AppSettings().exportScale(), 2.0);
    }

    void exportActionsReachTheExporter()
    {
        TestWindow w;
        auto* charts = w.findChild<QAction*>(QStringLiteral("actionExportCharts"));
        auto* report = w.findChild<QAction*>(QStringLiteral("actionExportReport"));
        QVERIFY(charts && report);
        charts->trigger();
        report->trigger();
        QCOMPARE(w.exports, (QStringList{QStringLiteral("charts"), QStringLiteral("report")}));
    }

    void anEditMarksTheResultsAsStale()
    {
        TestWindow w;
        QVERIFY(w.openFile(m_small));
        QVERIFY(!w.resultsAreStale()); // nothing shown yet
        QSignalSpy finished(&w.runController(), &RunController::jobFinished);
        w.runScenario();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QVERIFY(!w.resultsAreStale());
        w.document().setValue("pool.size", "6");
        QVERIFY(w.resultsAreStale());
        w.document().setValue("pool.size", "4"); // back as it ran
        QVERIFY(!w.resultsAreStale());
        w.document().setValue("pool.size", "6");
        w.runScenario();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
        QVERIFY(!w.resultsAreStale());
    }

    void shippedScenarioFillsThePages_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(QStringLiteral(POOLSIM_SOURCE_DIR "/scenarios"));
        const QStringList files = dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 8);
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }
    void shippedScenarioFillsThePages()
    {
        // Each shipped scenario, opened in the window and run (with 2 replications, to be
        // quick): every page that shows a Run holds data, and every chart of it has points.
        QFETCH(QString, file);
        TestWindow w;
        QVERIFY(w.openFile(file));
        QSignalSpy finished(&w.runController(), &RunController::jobFinished);
        poolsim::ui::JobRequest request;
        request.replications = 2;
        w.startJob(request);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
        QVERIFY(w.lastOutcome()->complete);
        QCOMPARE(w.lastOutcome()->variants.size(), w.document().scenario().variants.size());
        int pages = 0;
        for (ChartPage* page : w.chartPages()) {
            if (page->title() == QStringLiteral("Sweep"))
                continue; // shows sweeps and recommendations, not runs
            QVERIFY2(page->hasData(), qPrintable(page->title()));
            ++pages;
            for (const NamedPlot& plot : page->plots()) {
                int points = 0;
                for (int i = 0; i < plot.plot->plottableCount(); ++i)
                    if (auto* g = qobject_cast<QCPGraph*>(plot.plot->plottable(i)))
                        points += g->dataCount();
                    else if (auto* b = qobject_cast<QCPBars*>(plot.plot->plottable(i)))
                        points += b->dataCount();
                QVERIFY2(points > 0, qPrintable(plot.key));
            }
        }
        QCOMPARE(pages, 4); // Timeline, Waits, Variants, Summary
    }

    void typedTextCountsForRunSaveAndClose()
    {
        // A value typed into a field but not entered (no Return, the focus still there) is what
        // the user means when pressing F5, Ctrl+S or closing the window.
        const QString path = writeFile(m_dir, QStringLiteral("typed.yaml"), kSmall);
        TestWindow w;
        QVERIFY(w.openFile(path));
        w.show();
        QVERIFY(QTest::qWaitForWindowActive(&w));
        auto* size = w.findChild<QSpinBox*>(QStringLiteral("pool.size"));
        QVERIFY(size);
        auto type = [&](const QString& text) {
            size->setFocus();
            QTRY_VERIFY(size->hasFocus());
            size->selectAll();
            QTest::keyClicks(size, text);
        };

        type(QStringLiteral("7"));
        QCOMPARE(w.document().scenario().pool.effectiveSize(), std::int64_t(4)); // not entered yet
        QSignalSpy finished(&w.runController(), &RunController::jobFinished);
        w.findChild<QAction*>(QStringLiteral("actionRun"))->trigger(); // as F5 does
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(w.lastOutcome()->scenario.pool.effectiveSize(), std::int64_t(7));
        QVERIFY(size->hasFocus()); // given back

        type(QStringLiteral("6"));
        w.findChild<QAction*>(QStringLiteral("actionSave"))->trigger();
        QCOMPARE(models::loadScenarioFile(path.toStdString()).pool.effectiveSize(), std::int64_t(6));
        QVERIFY(!w.document().isModified());

        type(QStringLiteral("5"));
        w.answer = MainWindow::UnsavedChoice::Cancel;
        QVERIFY(!w.close()); // asked, and the answer kept it open
        QCOMPARE(w.asked, 1);
        QCOMPARE(w.document().scenario().pool.effectiveSize(), std::int64_t(5));
    }

    void rightClickingAChartOffersItsExports()
    {
        TestWindow w;
        QVERIFY(w.openFile(m_small));
        w.resize(1200, 800);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QSignalSpy finished(&w.runController(), &RunController::jobFinished);
        w.runScenario();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);

        // Every page's plots, the first page's shown and the others' as they are.
        int menus = 0;
        for (ChartPage* page : w.chartPages())
            for (const NamedPlot& plot : page->plots()) {
                const QPoint inPlot = plot.plot->rect().center();
                QContextMenuEvent click(QContextMenuEvent::Mouse, inPlot, plot.plot->mapToGlobal(inPlot));
                QApplication::sendEvent(plot.plot, &click);
                auto* menu = plot.plot->findChild<QMenu*>();
                QVERIFY2(menu != nullptr, qPrintable(plot.key));
                QVERIFY(menu->findChild<QAction*>(QStringLiteral("copyChart")) != nullptr);
                QVERIFY(menu->findChild<QAction*>(QStringLiteral("saveChart-pdf")) != nullptr);
                menu->close(); // deletes itself
                QTRY_VERIFY(plot.plot->findChild<QMenu*>() == nullptr);
                ++menus;
            }
        QVERIFY(menus >= 5);
    }
};

QTEST_MAIN(TstGuiMainWindow)
#include "tst_gui_mainwindow.moc"
