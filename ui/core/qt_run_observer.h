#pragma once
// The engine's RunObserver for a job on a worker thread: it turns the runner's progress into
// calls queued to a QObject's thread (the GUI), at most about 20 a second, and answers the
// runner's "stop?" from an atomic flag the GUI thread sets.
#include "engine/replication_runner.h"

#include <QObject>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>

namespace poolsim::ui {

class QueuedRunObserver : public engine::RunObserver
{
public:
    /// Called on `context`'s thread with the job's fraction (0..1) and simulated events per
    /// second since the job started.
    using Report = std::function<void(double fraction, double eventsPerSecond)>;
    /// Called on the worker thread at each progress report (tests check which thread runs).
    using Probe = std::function<void()>;

    /// The shortest time between two reports posted (20 a second).
    static constexpr std::chrono::milliseconds kMinInterval{50};

    QueuedRunObserver(QObject* context, Report report, const std::atomic<bool>& stop, Probe probe = {});

    /// The next runs fill [offset, offset + share] of the job's progress (a job of several
    /// parts: the variants, then the analytic check).
    void setPhase(double offset, double share);

    void progress(double fraction, std::uint64_t events) override;
    bool stopRequested() override;

private:
    QObject* m_context;
    Report m_report;
    const std::atomic<bool>& m_stop;
    Probe m_probe;
    std::chrono::steady_clock::time_point m_started;
    std::chrono::steady_clock::time_point m_lastPosted;
    bool m_posted = false;
    double m_offset = 0, m_share = 1;
    // Runs that count their events from zero (each recommend probe, the analytic check) add up.
    std::uint64_t m_eventsBefore = 0, m_lastEvents = 0;
};

} // namespace poolsim::ui
