#include "ui/export/headless_export.h"

#include "models/scenario/scenario_error.h"
#include "models/scenario/scenario_yaml.h"
#include "ui/core/qt_run_observer.h"
#include "ui/core/run_jobs.h"
#include "ui/export/chart_export.h"
#include "ui/export/headless_pages.h"
#include "ui/export/report_writer.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>

#include <atomic>
#include <cstdio>
#include <exception>
#include <memory>
#include <stdexcept>
#include <thread>

namespace poolsim::ui {

namespace {

constexpr int kExitDone = 0;
constexpr int kExitInternal = 1;
constexpr int kExitBadInput = 2;

void printError(const std::string& message)
{
    std::fprintf(stderr, "poolsim-gui: error: %s\n", message.c_str());
}

/// Runs one job on a worker thread while this thread waits in an event loop (so that the
/// observer's queued progress calls have somewhere to go); rethrows what the job threw.
OutcomePtr runOffThisThread(std::uint64_t job, const models::Scenario& scenario, const JobRequest& request)
{
    std::atomic<bool> stop{false};
    QObject context;
    QEventLoop loop;
    OutcomePtr outcome;
    std::exception_ptr error;
    std::thread worker([&] {
        QueuedRunObserver observer(
            &context, [](double, double) {}, stop);
        try {
            outcome = runJob(job, scenario, request, observer);
        } catch (...) {
            error = std::current_exception();
        }
        // Queued: delivered once the loop runs, even when the job ends before exec() starts.
        QMetaObject::invokeMethod(&loop, &QEventLoop::quit, Qt::QueuedConnection);
    });
    loop.exec();
    worker.join();
    if (error)
        std::rethrow_exception(error);
    return outcome;
}

/// The report's folder must exist (created when missing) and take new files.
void prepareReportFolder(const QString& reportPath)
{
    const QFileInfo info(reportPath);
    if (info.isDir())
        throw ExportError("cannot write the report to '" + reportPath.toStdString() + "': it is a folder");
    try {
        prepareExportFolder(info.absolutePath());
    } catch (const ExportError& e) {
        throw ExportError("cannot write the report '" + reportPath.toStdString() + "': " + e.what());
    }
}

int exportAll(const HeadlessExportRequest& request, const QList<ChartFormat>& formats)
{
    const std::string path = QFile::encodeName(request.file).toStdString();
    models::Scenario scenario;
    try {
        scenario = models::loadScenarioFile(path);
    } catch (const models::ScenarioError& e) {
        std::fprintf(stderr, "%s\n", e.what()); // located: file:line:col: key: message
        return kExitBadInput;
    }
    // Where the files go is checked before the simulation takes its time.
    if (!request.chartsDir.isEmpty())
        prepareExportFolder(request.chartsDir);
    if (!request.reportPath.isEmpty())
        prepareReportFolder(request.reportPath);

    JobRequest run;
    run.kind = JobKind::Run;
    const OutcomePtr runOutcome = runOffThisThread(1, scenario, run);
    OutcomePtr sweepOutcome;
    if (!scenario.sweep.empty()) {
        JobRequest sweep;
        sweep.kind = JobKind::Sweep;
        sweepOutcome = runOffThisThread(2, scenario, sweep);
    }
    // The pool-size recommendation when the scenario has service levels to size for, as the
    // window's Recommend button makes it: the report's section, and the Sweep chart's
    // recommended size, rules of thumb and probes.
    OutcomePtr recommendation;
    if (!scenario.slo.empty()) {
        JobRequest recommend;
        recommend.kind = JobKind::Recommend;
        recommendation = runOffThisThread(3, scenario, recommend);
    }

    HeadlessPages pages(scenario, {runOutcome, sweepOutcome, recommendation},
                        QSize(kHeadlessPageWidth, kHeadlessPageHeight));
    const QList<NamedPlot> plots = exportablePlots(pages.pages());
    const QString stem = scenarioFileStem(request.file);
    const QString hash = scenarioContentHash(scenario);

    if (!request.chartsDir.isEmpty())
        for (const QString& written :
             exportCharts(plots, request.chartsDir, formats, ChartSize{}, stem, hash))
            std::printf("%s\n", QFile::encodeName(written).constData());
    if (!request.reportPath.isEmpty()) {
        ReportContent content = reportContent(scenario, QFileInfo(request.file).filePath(), runOutcome,
                                              recommendation, pages.pages());
        writeReport(content, request.reportPath);
        std::printf("%s\n", QFile::encodeName(request.reportPath).constData());
    }
    std::fflush(stdout);
    return kExitDone;
}

} // namespace

int runHeadlessExport(const HeadlessExportRequest& request)
{
    try {
        if (request.file.isEmpty()) {
            printError("no scenario file given");
            return kExitBadInput;
        }
        if (request.chartsDir.isEmpty() && request.reportPath.isEmpty()) {
            printError("nothing to export: give --export-charts DIR and/or --export-report OUT.pdf");
            return kExitBadInput;
        }
        QList<ChartFormat> formats;
        if (!request.chartsDir.isEmpty())
            formats = parseChartFormats(request.formats.isEmpty() ? QStringList{QStringLiteral("png")}
                                                                  : request.formats);
        return exportAll(request, formats);
    } catch (const models::ScenarioError& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return kExitBadInput;
    } catch (const ExportError& e) {
        printError(e.what());
        return kExitBadInput;
    } catch (const std::invalid_argument& e) { // a scenario that loads but cannot run
        printError(e.what());
        return kExitBadInput;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "poolsim-gui: internal error: %s\n", e.what());
        return kExitInternal;
    }
}

} // namespace poolsim::ui
