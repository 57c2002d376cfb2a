// The main window: opening through the window (title, unsaved-changes mark, located errors that
// leave the scenario alone), the unsaved-changes question on New/Open/Close, text typed but not
// entered counting for Run/Save/Close, drag and drop of a scenario file, the export actions, and
// recent files and the layout persisting in the settings. Runs: tst_gui_window_runs.
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

namespace {

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

    void init() { QSettings(QStringLiteral("PoolSim"), QStringLiteral("poolsim-gui")).clear(); }

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
        QVERIFY2(w.errors[0].startsWith(bad + QStringLiteral(":3:1: unknown key 'horizn'")),
                 qPrintable(w.errors[0]));
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
};

QTEST_MAIN(TstGuiMainWindow)
#include "tst_gui_mainwindow.moc"
