// Benchmark of live mode, as a planner feels it: the main window (offscreen) with a shipped
// scenario open and live mode on; the pool-size spin box is stepped, and the time is taken from
// the edit until the charts have redrawn with the new result (debounce, simulation, pages and
// the queued replot). The issue asks for about a second on the shipped scenarios.
// Usage: live_edit SCENARIO.yaml... (run by bench/run-benchmarks.sh)
#include "ui/main_window.h"
#include "ui/run_controller.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

constexpr int kEdits = 5;

/// Runs the event loop until the window has shown the outcome of a job and repainted; returns
/// the seconds on `clock` then (negative when the job failed), and in `drawSeconds` the time
/// from the outcome's arrival to the repaint.
double waitForRedraw(poolsim::ui::MainWindow& window, QElapsedTimer& clock, double* drawSeconds = nullptr)
{
    QElapsedTimer draw;
    auto* controller = window.findChild<poolsim::ui::RunController*>();
    QEventLoop loop;
    bool failed = false;
    const auto finished = QObject::connect(controller, &poolsim::ui::RunController::jobFinished, &loop,
                                           [&loop, &draw] {
                                               draw.start();
                                               QTimer::singleShot(0, &loop, &QEventLoop::quit);
                                           });
    const auto failure = QObject::connect(controller, &poolsim::ui::RunController::jobFailed, &loop, [&] {
        failed = true;
        loop.quit();
    });
    QTimer::singleShot(60'000, &loop, &QEventLoop::quit);
    loop.exec();
    QObject::disconnect(finished);
    QObject::disconnect(failure);
    QApplication::processEvents(); // the queued replots and the repaint they ask for
    if (drawSeconds != nullptr && draw.isValid())
        *drawSeconds = static_cast<double>(draw.nsecsElapsed()) / 1e9;
    return failed ? -1.0 : static_cast<double>(clock.nsecsElapsed()) / 1e9;
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true); // leave the user's settings alone
    QApplication app(argc, argv);

    std::printf("seconds from an edit to the redrawn charts (median and max of %d edits, after a"
                " debounce of %d ms), and the median job and drawing times\n",
                kEdits, poolsim::ui::MainWindow::kLiveDebounceMs);
    std::printf("%-28s %9s %9s %9s %9s\n", "scenario", "median", "max", "job", "draw");
    int status = 0;
    for (int i = 1; i < argc; ++i) {
        poolsim::ui::MainWindow window;
        window.resize(1400, 900);
        window.show();
        if (!window.openFile(QString::fromLocal8Bit(argv[i]))) {
            std::fprintf(stderr, "cannot open %s\n", argv[i]);
            return 2;
        }
        auto* spin = window.findChild<QSpinBox*>(QStringLiteral("pool.size"));
        if (spin == nullptr) {
            std::fprintf(stderr, "no pool.size spin box\n");
            return 2;
        }
        QElapsedTimer clock;
        clock.start();
        window.setLiveMode(true); // the first live run, not measured
        waitForRedraw(window, clock);

        std::vector<double> seconds;
        std::vector<double> jobSeconds;
        std::vector<double> drawSeconds;
        for (int edit = 0; edit < kEdits; ++edit) {
            clock.start();
            QElapsedTimer job;
            const auto started = QObject::connect(window.findChild<poolsim::ui::RunController*>(),
                                                  &poolsim::ui::RunController::jobStarted, &window,
                                                  [&job](std::uint64_t) { job.start(); });
            spin->setValue(spin->value() + 1);
            double drawn = 0;
            const double s = waitForRedraw(window, clock, &drawn);
            QObject::disconnect(started);
            if (s < 0) {
                status = 1;
                break;
            }
            seconds.push_back(s);
            jobSeconds.push_back(static_cast<double>(job.nsecsElapsed()) / 1e9 - drawn);
            drawSeconds.push_back(drawn);
        }
        if (seconds.empty())
            continue;
        std::sort(seconds.begin(), seconds.end());
        std::sort(jobSeconds.begin(), jobSeconds.end());
        std::sort(drawSeconds.begin(), drawSeconds.end());
        std::printf("%-28s %9.2f %9.2f %9.2f %9.2f\n", qPrintable(QFileInfo(QString::fromLocal8Bit(argv[i])).fileName()),
                    seconds[seconds.size() / 2], seconds.back(), jobSeconds[jobSeconds.size() / 2],
                    drawSeconds[drawSeconds.size() / 2]);
        std::fflush(stdout);
        window.setLiveMode(false);
    }
    return status;
}
