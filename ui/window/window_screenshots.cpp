#include "ui/window/window_screenshots.h"

#include "models/results/slo.h"
#include "models/scenario/scenario_error.h"
#include "models/scenario/scenario_yaml.h"
#include "ui/charts/chart_page.h"
#include "ui/core/run_controller.h"
#include "ui/core/scenario_document.h"
#include "ui/editor/editor_database.h"
#include "ui/editor/scenario_editor.h"
#include "ui/editor/usl_fit_panel.h"
#include "ui/export/chart_export.h"
#include "ui/window/main_window.h"

#include <QBuffer>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QPixmap>
#include <QPushButton>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace poolsim::ui {

namespace {

/// The window's size in the pictures: wide enough for the editor dock beside the charts.
constexpr QSize kWindowSize(1440, 900);

void warn(const QString& message)
{
    std::fprintf(stderr, "poolsim-gui: screenshots: %s\n", message.toLocal8Bit().constData());
}

/// Lets the event loop run until `done` or the time is up.
bool waitUntil(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(50, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

ChartPage* pageTitled(MainWindow& window, const QString& title)
{
    for (ChartPage* page : window.chartPages())
        if (page->title() == title)
            return page;
    return nullptr;
}

/// The file's sweep, or pool.size in eight steps around its value: what is swept when the
/// Sweep page offers no Run button of its own.
std::vector<models::SweepParam> fallbackSweep(const models::Scenario& scenario)
{
    if (!scenario.sweep.empty())
        return scenario.sweep;
    const std::int64_t size = scenario.pool.effectiveSize();
    const std::int64_t step = std::max<std::int64_t>(1, size / 4);
    models::SweepParam param;
    param.path = "pool.size";
    for (std::int64_t v = std::max<std::int64_t>(1, size - 2 * step), n = 0; n < 8; v += step, ++n)
        param.values.push_back(std::to_string(v));
    return {param};
}

/// Runs a sweep as the user would (the page's Run sweep button with the form's values), or
/// the fallback sweep, and shows the metric of the scenario's first service level.
bool sweepAndWait(MainWindow& window, ChartPage* page, int timeoutMs)
{
    const models::Scenario& scenario = window.document().scenario();
    if (auto* metric = page->findChild<QComboBox*>(QStringLiteral("sweepMetric"));
        metric && !scenario.slo.empty())
        if (const models::SloKey* key = models::findSloKey(scenario.slo.front().key)) {
            const int index = metric->findData(static_cast<int>(key->metric));
            if (index >= 0)
                metric->setCurrentIndex(index);
        }
    if (auto* run = page->findChild<QPushButton*>(QStringLiteral("sweepRun")); run && run->isEnabled())
        run->click();
    else {
        JobRequest sweep;
        sweep.kind = JobKind::Sweep;
        sweep.sweep = fallbackSweep(scenario);
        window.startJob(sweep);
    }
    if (!waitUntil([&] { return !window.runController().isRunning() && page->hasData(); }, timeoutMs))
        return false;
    // Then the recommendation, as the page's Recommend button asks for it: the recommended size
    // and the rules of thumb, with their verdicts, are marked on the sweep.
    auto* recommend = page->findChild<QPushButton*>(QStringLiteral("sweepRecommend"));
    if (recommend == nullptr || !recommend->isEnabled() || scenario.slo.empty())
        return true;
    recommend->click();
    return waitUntil([&] { return !window.runController().isRunning(); }, timeoutMs);
}

bool runAndWait(MainWindow& window, ChartPage* page, const JobRequest& request, int timeoutMs)
{
    window.startJob(request);
    return waitUntil([&] { return !window.runController().isRunning() && page->hasData(); }, timeoutMs);
}

/// Brings `widget` to the front of the tab widget it is in.
void showTabOf(QWidget* widget)
{
    // A tab's page sits in the tab widget's stack: its grandparent is the tab widget.
    for (QWidget* w = widget; w != nullptr; w = w->parentWidget()) {
        QWidget* stack = w->parentWidget();
        auto* tabs = stack != nullptr ? qobject_cast<QTabWidget*>(stack->parentWidget()) : nullptr;
        if (tabs != nullptr && tabs->indexOf(w) >= 0) {
            tabs->setCurrentWidget(w);
            return;
        }
    }
}

bool savePicture(MainWindow& window, QWidget* shown, const QString& path)
{
    showTabOf(shown);
    // Let the tab switch, layouts and the plots' queued replots happen before the picture.
    waitUntil([] { return false; }, 300);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!window.grab().save(&buffer, "PNG")) {
        warn(QStringLiteral("cannot encode %1").arg(path));
        return false;
    }
    try {
        writeFileAtomically(path, bytes);
    } catch (const ExportError& e) {
        warn(QString::fromStdString(e.what()));
        return false;
    }
    return true;
}

/// PoolSim's main window, at the pictures' size and shown, with `dir` ready for them; nullptr
/// (after a warning) when either cannot be had.
MainWindow* prepareForPictures(QMainWindow* mainWindow, const QString& dir)
{
    auto* window = qobject_cast<MainWindow*>(mainWindow);
    if (window == nullptr) {
        warn(QStringLiteral("not PoolSim's main window"));
        return nullptr;
    }
    try {
        prepareExportFolder(dir);
    } catch (const ExportError& e) {
        warn(QString::fromStdString(e.what()));
        return nullptr;
    }
    window->resize(kWindowSize);
    window->show();
    return window;
}

/// Runs the window's scenario and saves the window on its Timeline tab as `dir`/`name`.
bool runAndSaveTimeline(MainWindow& window, const QString& dir, const QString& name, int timeoutMs)
{
    ChartPage* timeline = pageTitled(window, QStringLiteral("Timeline"));
    if (timeline == nullptr || !runAndWait(window, timeline, JobRequest{}, timeoutMs)) {
        warn(QStringLiteral("the run did not fill the Timeline page"));
        return false;
    }
    return savePicture(window, timeline, QDir(dir).filePath(name));
}

} // namespace

QStringList screenshotTabs()
{
    return {QStringLiteral("Timeline"), QStringLiteral("Variants"), QStringLiteral("Sweep")};
}

bool saveWindowScreenshots(QMainWindow* mainWindow, const QString& dir, int timeoutMs)
{
    MainWindow* window = prepareForPictures(mainWindow, dir);
    if (window == nullptr)
        return false;

    bool ok = true;
    ChartPage* timeline = pageTitled(*window, QStringLiteral("Timeline"));
    if (timeline == nullptr || !runAndWait(*window, timeline, JobRequest{}, timeoutMs)) {
        warn(QStringLiteral("the run did not fill the Timeline page"));
        ok = false;
    }
    ChartPage* sweepPage = pageTitled(*window, QStringLiteral("Sweep"));
    if (sweepPage != nullptr && !sweepPage->hasData()) {
        if (!sweepAndWait(*window, sweepPage, timeoutMs)) {
            warn(QStringLiteral("the sweep did not fill the Sweep page"));
            ok = false;
        }
    }
    for (const QString& title : screenshotTabs()) {
        ChartPage* page = pageTitled(*window, title);
        if (page == nullptr) {
            warn(QStringLiteral("the window has no %1 tab").arg(title));
            ok = false;
            continue;
        }
        ok = savePicture(*window, page, QDir(dir).filePath(title.toLower() + QStringLiteral(".png"))) && ok;
    }
    return ok;
}

bool saveDatabaseScreenshots(QMainWindow* mainWindow, const QString& dir, const QString& fitCsv,
                             int timeoutMs)
{
    if (auto* w = qobject_cast<MainWindow*>(mainWindow); w && !w->document().scenario().database.capacity) {
        warn(QStringLiteral("the scenario has no database server (database.capacity): no database chart"));
        return false;
    }
    MainWindow* window = prepareForPictures(mainWindow, dir);
    if (window == nullptr)
        return false;

    const bool ok = runAndSaveTimeline(*window, dir, QStringLiteral("database.png"), timeoutMs);
    if (fitCsv.isEmpty())
        return ok;
    auto* editor = window->findChild<ScenarioEditor*>();
    if (editor == nullptr) {
        warn(QStringLiteral("the window has no scenario editor"));
        return false;
    }
    // A wider editor than the window's default, so that the fitted curve reads; the fit at the
    // scenario's cores (the panel's default), as a planner would open the file.
    if (auto* dock = window->findChild<QDockWidget*>(QStringLiteral("editorDock")))
        window->resizeDocks({dock}, {620}, Qt::Horizontal);
    UslFitPanel* panel = editor->database()->fitPanel();
    if (!panel->loadCsvFile(fitCsv)) {
        warn(QStringLiteral("%1: %2").arg(fitCsv, panel->errorText()));
        return false;
    }
    return savePicture(*window, editor->database(), QDir(dir).filePath(QStringLiteral("fit-usl.png"))) && ok;
}

bool saveFailuresScreenshots(QMainWindow* mainWindow, const QString& dir, int timeoutMs)
{
    if (auto* w = qobject_cast<MainWindow*>(mainWindow);
        w && !w->document().scenario().backend.instancesCanFail()) {
        warn(QStringLiteral("the scenario's instances cannot fail (no backend.health_check, no max_pending "
                            "with on_overload crash): no Instances chart"));
        return false;
    }
    MainWindow* window = prepareForPictures(mainWindow, dir);
    if (window == nullptr)
        return false;
    return runAndSaveTimeline(*window, dir, QStringLiteral("failures.png"), timeoutMs);
}

int runScreenshotsCommand(const QString& dir, const QString& file, ScreenshotSet set, const QString& fitCsv)
{
    try {
        // Checked first: the window would report a bad file in a message box nobody answers.
        models::loadScenarioFile(QFile::encodeName(file).toStdString());
    } catch (const models::ScenarioError& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    }
    MainWindow window;
    window.resize(kWindowSize);
    if (!window.openFile(file))
        return 2;
    if (set == ScreenshotSet::Database)
        return saveDatabaseScreenshots(&window, dir, fitCsv) ? 0 : 1;
    if (set == ScreenshotSet::Failures)
        return saveFailuresScreenshots(&window, dir) ? 0 : 1;
    return saveWindowScreenshots(&window, dir) ? 0 : 1;
}

} // namespace poolsim::ui
