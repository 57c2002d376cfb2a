// The main window's jobs: Run/Stop, the pages getting every change and outcome (and the Sweep
// page's requests), live mode's debounce and its two steps, the stale-results mark, each
// shipped scenario filling the pages, and the charts' export menu.
// moc (Qt 6.4) cannot parse the C++20 headers these include; it needs only the test class.
#ifndef Q_MOC_RUN
#include "gui_window_support.h"
#include "models/scenario/scenario_yaml.h"
#include "ui/charts/chart_page.h"
#include "ui/core/app_settings.h"
#include "ui/core/qcustomplot_include.h"
#include "ui/core/recent_files_menu.h"
#include "ui/core/run_controller.h"
#include "ui/core/run_status_widget.h"
#include "ui/core/scenario_document.h"
#include "ui/window/main_window.h"
#endif

#include <QAction>
#include <QContextMenuEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QMenu>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QUrl>
#include <QtTest>

using namespace windowtest;
using poolsim::ui::AppSettings;
using poolsim::ui::JobKind;
using poolsim::ui::RunController;

class TstGuiWindowRuns : public QObject
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

    void init() { QSettings(QStringLiteral("PoolSim"), QStringLiteral("poolsim-gui")).clear(); }

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
        QVERIFY2(w.runStatus().stateText().startsWith(QStringLiteral("done in")),
                 qPrintable(w.runStatus().stateText()));
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
        QVERIFY2(w.runStatus().stateText().startsWith(QStringLiteral("stopped")),
                 qPrintable(w.runStatus().stateText()));
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
        const QString path =
            writeFile(m_dir, QStringLiteral("variants.yaml"),
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

QTEST_MAIN(TstGuiWindowRuns)
#include "tst_gui_window_runs.moc"
