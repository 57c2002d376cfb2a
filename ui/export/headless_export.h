#pragma once
// The exports without a window, for pipelines: `poolsim-gui --export-charts DIR [--format
// png,svg,pdf] FILE` and `poolsim-gui --export-report OUT.pdf FILE`. The scenario is run exactly
// as the window's Run runs it (the scenario and its variants, then the analytic quick check; and
// the file's sweep: when it has one), on a worker thread, then the same chart pages the window
// shows are laid out offscreen at a fixed size and exported.
#include <QString>
#include <QStringList>

namespace poolsim::ui {

struct HeadlessExportRequest
{
    QString file;        // the scenario file
    QString chartsDir;   // empty: no chart export
    QStringList formats; // for chartsDir: "png", "svg", "pdf", or comma-separated lists; empty: png
    QString reportPath;  // empty: no report
};

/// The size the chart pages are laid out at, and the size plots are exported at.
inline constexpr int kHeadlessPageWidth = 1280;
inline constexpr int kHeadlessPageHeight = 800;

/// Runs the export and returns the exit code: 0 done (each file written is printed on stdout),
/// 2 a bad request or a bad scenario (one line on stderr, located for a scenario error; nothing
/// is written), 1 an internal error. Needs a QApplication (the offscreen platform will do); the
/// simulation runs on a worker thread, never on the calling thread.
int runHeadlessExport(const HeadlessExportRequest& request);

} // namespace poolsim::ui
