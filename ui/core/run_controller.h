#pragma once
// Runs jobs off the GUI thread, as hotspot's job tracker does: each job gets a number, the
// scenario is copied on the GUI thread before it starts, progress and results come back as
// queued calls, and the result of a job that a newer one superseded is dropped. Stop asks the
// running job to end; it does so within a fraction of a second.
#include <QObject>
#include <QString>

#ifndef Q_MOC_RUN
#include "models/scenario/scenario.h"
#include "ui/core/run_outcome.h"
#endif

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace poolsim::ui {

/// What to run, chosen on the GUI thread.
struct JobRequest
{
    JobKind kind = JobKind::Run;
    std::optional<std::int64_t> replications; // default: the scenario's
    unsigned threads = 0;                     // 0: one per core
    std::vector<models::SweepParam> sweep;    // JobKind::Sweep
    bool untilSlo = false;                    // JobKind::Sweep
    /// JobKind::Run: only the scenario as written, not its variants nor the analytic check
    /// (live mode's first step, so an edit shows quickly).
    bool baseOnly = false;
    /// JobKind::Run: the scenario as written already ran with these settings (live mode's
    /// second step); only the variants and the check run. Common random numbers make the
    /// outcome the same as a full run's.
    std::shared_ptr<const models::RunResult> knownBase;
};

class RunController : public QObject
{
    Q_OBJECT
public:
    explicit RunController(QObject* parent = nullptr);
    ~RunController() override; // stops and joins the running job

    /// Starts a job on a copy of `scenario` and returns its number; a running job is stopped
    /// and its results will be dropped.
    std::uint64_t start(const models::Scenario& scenario, const JobRequest& request);
    /// Asks the running job to stop (what finished is still delivered, marked incomplete; a
    /// stopped recommend search has nothing to deliver and fails with "stopped").
    void stop();
    bool isRunning() const;
    std::uint64_t currentJob() const { return m_current; }

    /// For tests: called on the thread running each job whenever it reports progress (so a
    /// test can check that the GUI thread never simulates). Applies to jobs started after.
    void setWorkerProbe(std::function<void()> probe) { m_probe = std::move(probe); }

Q_SIGNALS:
    void jobStarted(std::uint64_t job);
    /// fraction 0..1 of the job, and simulated events per second so far.
    void progress(std::uint64_t job, double fraction, double eventsPerSecond);
    void jobFinished(const poolsim::ui::OutcomePtr& outcome);
    /// The job failed (a scenario that cannot run): the message, located when it can be.
    void jobFailed(std::uint64_t job, const QString& message);

private:
    class Worker;
    void deliver(std::uint64_t job, const OutcomePtr& outcome);
    void fail(std::uint64_t job, const QString& message);
    void report(std::uint64_t job, double fraction, double eventsPerSecond);
    void joinFinished();

    std::uint64_t m_current = 0;
    bool m_currentRunning = false;                  // until its outcome or failure reached this thread
    std::vector<std::unique_ptr<Worker>> m_workers; // the running one last; older ones finishing
    std::function<void()> m_probe;
};

} // namespace poolsim::ui
