#pragma once
// The pictures in docs/screenshots/ (scripts/screenshots.sh): the main window on a shipped
// scenario, after a run, on its Timeline, Variants and Sweep tabs; and on a scenario with a
// database server, its Timeline with the database chart and the editor's Database tab with a
// load test fitted; and on a scenario whose instances fail, its Timeline with the Instances chart.
#include <QString>
#include <QStringList>

class QMainWindow;

namespace poolsim::ui {

/// The tabs pictured, by page title; each gives `<title in lower case>.png`.
QStringList screenshotTabs();

/// Runs the window's scenario (and, for the Sweep tab, the sweep its form offers, showing the
/// metric of the first service level), waits for the charts to fill, and saves a picture of the whole
/// window per tab in screenshotTabs() to `dir` (created when missing). `window` must be a
/// poolsim::ui::MainWindow. False, with the reason on stderr, when a tab is missing or a job
/// fails or takes longer than `timeoutMs`; the pictures that could be made are still saved.
bool saveWindowScreenshots(QMainWindow* window, const QString& dir, int timeoutMs = 120000);

/// Runs the window's scenario, which must have a database server (database.capacity), and saves
/// `database.png`, the window on the Timeline tab with its database chart; then, unless `fitCsv`
/// is empty, `fit-usl.png`, the window with the editor on its Database tab and that CSV fitted
/// at the scenario's cores. False, with the reason on stderr, as saveWindowScreenshots.
bool saveDatabaseScreenshots(QMainWindow* window, const QString& dir, const QString& fitCsv,
                             int timeoutMs = 120000);

/// Runs the window's scenario, whose instances must be able to fail (backend.health_check, or
/// max_pending with on_overload crash), and saves `failures.png`, the window on the Timeline tab
/// with its Instances chart. False, with the reason on stderr, as saveWindowScreenshots.
bool saveFailuresScreenshots(QMainWindow* window, const QString& dir, int timeoutMs = 120000);

/// Which pictures `--screenshots` makes.
enum class ScreenshotSet {
    Tabs,     // timeline, variants, sweep (saveWindowScreenshots)
    Database, // database, fit-usl (saveDatabaseScreenshots)
    Failures  // failures (saveFailuresScreenshots)
};

/// `poolsim-gui --screenshots DIR [--pictures tabs|database|failures [--fit-csv CSV]] FILE`: opens FILE
/// in a new main window (at a fixed size) and saves its pictures. Returns the exit code: 0 done,
/// 2 a bad file, 1 when pictures are missing.
int runScreenshotsCommand(const QString& dir, const QString& file, ScreenshotSet set = ScreenshotSet::Tabs,
                          const QString& fitCsv = QString());

} // namespace poolsim::ui
