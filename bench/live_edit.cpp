// Benchmark of live mode, as a planner feels it: the main window (offscreen) with a shipped
// scenario open and live mode on; the pool-size spin box is stepped, and the time is taken from
// the edit until the charts have redrawn with the edited scenario (debounce, simulation of the
// scenario as written, pages and the queued replot), and until its variants and the analytic
// check have followed. The issue asks for about a second on the shipped scenarios.
// Usage: live_edit SCENARIO.yaml... (run by bench/run-benchmarks.sh)
#include "ui/core/run_controller.h"
#include "ui/window/main_window.h"

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

struct Times
{
    double edit = -1;     // seconds until the edited scenario's charts were redrawn
    double variants = -1; // seconds until the variants and the check were shown too
};

/// Runs the event loop until the window has shown a complete live run (both steps) and
/// repainted; times are since `clock` started, negative when a job failed.
Times waitForLiveRun(poolsim::ui::RunController* controller, const QElapsedTimer& clock)
{
    Times times;
    QEventLoop loop;
    const auto seconds = [&clock] { return static_cast<double>(clock.nsecsElapsed()) / 1e9; };
    // Connected after the window's own slot, so this runs once the pages have the outcome; the
    // zero timer lets the queued replots and the repaint they ask for happen first.
    const auto finished = QObject::connect(controller, &poolsim::ui::RunController::jobFinished, &loop,
                                           [&](const poolsim::ui::OutcomePtr& outcome) {
                                               const bool last = !outcome->baseOnly;
                                               QTimer::singleShot(0, &loop, [&, last] {
                                                   QApplication::processEvents();
                                                   if (times.edit < 0)
                                                       times.edit = seconds();
                                                   if (last) {
                                                       times.variants = seconds();
                                                       loop.quit();
                                                   }
                                               });
                                           });
    const auto failed = QObject::connect(controller, &poolsim::ui::RunController::jobFailed, &loop, [&] {
        times = {};
        loop.quit();
    });
    QTimer::singleShot(60'000, &loop, &QEventLoop::quit);
    loop.exec();
    QObject::disconnect(finished);
    QObject::disconnect(failed);
    return times;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double maximum(const std::vector<double>& v)
{
    return *std::max_element(v.begin(), v.end());
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true); // leave the user's settings alone
    QApplication app(argc, argv);

    std::printf(
        "seconds from a pool-size edit (after a debounce of %d ms) until the charts show the edited\n"
        "scenario, and until its variants and the analytic check follow; median and max of %d edits\n",
        poolsim::ui::MainWindow::kLiveDebounceMs, kEdits);
    std::printf("%-28s %9s %9s %12s %12s\n", "scenario", "edit", "edit_max", "variants", "variants_max");
    for (int i = 1; i < argc; ++i) {
        poolsim::ui::MainWindow window;
        window.resize(1400, 900);
        window.show();
        if (!window.openFile(QString::fromLocal8Bit(argv[i]))) {
            std::fprintf(stderr, "cannot open %s\n", argv[i]);
            return 2;
        }
        auto* spin = window.findChild<QSpinBox*>(QStringLiteral("pool.size"));
        auto* controller = window.findChild<poolsim::ui::RunController*>();
        if (spin == nullptr || controller == nullptr) {
            std::fprintf(stderr, "no pool.size spin box or run controller\n");
            return 2;
        }
        QElapsedTimer clock;
        clock.start();
        window.setLiveMode(true); // the first live run, not measured
        waitForLiveRun(controller, clock);

        std::vector<double> edit, variants;
        for (int n = 0; n < kEdits; ++n) {
            clock.start();
            spin->setValue(spin->value() + 1);
            const Times t = waitForLiveRun(controller, clock);
            if (t.edit < 0 || t.variants < 0) {
                std::fprintf(stderr, "%s: a live run failed or took over a minute\n", argv[i]);
                return 1;
            }
            edit.push_back(t.edit);
            variants.push_back(t.variants);
        }
        std::printf("%-28s %9.2f %9.2f %12.2f %12.2f\n",
                    qPrintable(QFileInfo(QString::fromLocal8Bit(argv[i])).fileName()), median(edit),
                    maximum(edit), median(variants), maximum(variants));
        std::fflush(stdout);
        window.setLiveMode(false);
    }
    return 0;
}
