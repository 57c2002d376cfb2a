#include "ui/core/run_controller.h"

#include "models/planning/recommend.h"
#include "ui/core/qt_run_observer.h"
#include "ui/core/run_jobs.h"

#include <QMetaType>

#include <exception>
#include <system_error>
#include <utility>

namespace poolsim::ui {

/// One job's thread and its stop flag. Owned by the controller until joined.
class RunController::Worker
{
public:
    explicit Worker(std::uint64_t jobNumber) : job(jobNumber) {}
    const std::uint64_t job;
    std::atomic<bool> stop{false};
    std::atomic<bool> done{false}; // the thread posted its last call and is about to end
    std::thread thread;
};

RunController::RunController(QObject* parent) : QObject(parent)
{
    // The signals carry these across threads when a receiver lives elsewhere.
    qRegisterMetaType<OutcomePtr>("poolsim::ui::OutcomePtr");
    qRegisterMetaType<std::uint64_t>("std::uint64_t");
}

RunController::~RunController()
{
    for (const auto& w : m_workers)
        w->stop.store(true);
    for (const auto& w : m_workers)
        if (w->thread.joinable())
            w->thread.join();
    // Calls the threads queued to this object are discarded with it.
}

std::uint64_t RunController::start(const models::Scenario& scenario, const JobRequest& request)
{
    joinFinished();
    for (const auto& w : m_workers)
        w->stop.store(true); // superseded: its outcome will be dropped
    const std::uint64_t job = ++m_current;
    m_currentRunning = true;

    auto worker = std::make_unique<Worker>(job);
    Worker* const w = worker.get();
    // Copied here, on the GUI thread: later edits of the document do not reach the job.
    auto copy = std::make_shared<const models::Scenario>(scenario);
    auto observer = std::make_shared<QueuedRunObserver>(
        this, [this, job](double fraction, double perSecond) { report(job, fraction, perSecond); }, w->stop,
        m_probe);
    const auto work = [this, w, copy, request, observer] {
        OutcomePtr outcome;
        QString error;
        try {
            outcome = runJob(w->job, *copy, request, *observer);
        } catch (const models::RecommendInterrupted&) {
            error = QStringLiteral("stopped before the search found a size");
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        } catch (...) {
            error = QStringLiteral("internal error: unknown exception");
        }
        const std::uint64_t jobNumber = w->job;
        w->done.store(true);
        if (outcome)
            QMetaObject::invokeMethod(
                this, [this, jobNumber, outcome] { deliver(jobNumber, outcome); }, Qt::QueuedConnection);
        else
            QMetaObject::invokeMethod(
                this, [this, jobNumber, error] { fail(jobNumber, error); }, Qt::QueuedConnection);
    };
    try {
        w->thread = std::thread(work);
    } catch (const std::system_error& e) { // no thread to be had: the job fails like any other
        const QString message =
            QStringLiteral("cannot start the job: %1").arg(QString::fromLocal8Bit(e.what()));
        QMetaObject::invokeMethod(
            this, [this, job, message] { fail(job, message); }, Qt::QueuedConnection);
        Q_EMIT jobStarted(job);
        return job;
    }
    m_workers.push_back(std::move(worker));
    Q_EMIT jobStarted(job);
    return job;
}

void RunController::stop()
{
    for (const auto& w : m_workers)
        w->stop.store(true);
}

bool RunController::isRunning() const
{
    return m_currentRunning;
}

void RunController::deliver(std::uint64_t job, const OutcomePtr& outcome)
{
    joinFinished();
    if (job != m_current || !m_currentRunning)
        return; // superseded by a newer job
    m_currentRunning = false;
    Q_EMIT jobFinished(outcome);
}

void RunController::fail(std::uint64_t job, const QString& message)
{
    joinFinished();
    if (job != m_current || !m_currentRunning)
        return;
    m_currentRunning = false;
    Q_EMIT jobFailed(job, message);
}

void RunController::report(std::uint64_t job, double fraction, double eventsPerSecond)
{
    if (job != m_current || !m_currentRunning)
        return;
    Q_EMIT progress(job, fraction, eventsPerSecond);
}

void RunController::joinFinished()
{
    for (auto it = m_workers.begin(); it != m_workers.end();) {
        if ((*it)->done.load()) {
            (*it)->thread.join(); // it has posted its last call: ends at once
            it = m_workers.erase(it);
        } else {
            ++it;
        }
    }
}

} // namespace poolsim::ui
