#pragma once
// The pictures in docs/screenshots/ (scripts/screenshots.sh): the main window on a shipped
// scenario, after a run, on its Timeline, Variants and Sweep tabs.
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

/// `poolsim-gui --screenshots DIR FILE`: opens FILE in a new main window (at a fixed size) and
/// saves its pictures. Returns the exit code: 0 done, 2 a bad file, 1 when pictures are missing.
int runScreenshotsCommand(const QString& dir, const QString& file);

} // namespace poolsim::ui
