#pragma once
// Runs independent replications on a pool of threads. Each replication writes only its own
// result slot, and results are combined by the caller in replication order, so the outcome is
// the same whatever the number of threads. Progress is polled from the workers' atomic
// counters and reported on the calling thread, so observers need no locking of their own.
#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <vector>

namespace poolsim::engine {

/// What a running replication can see of its surroundings.
class ReplicationContext
{
public:
    ReplicationContext(const std::atomic<bool>& stop, std::atomic<std::uint64_t>& progress,
                       std::atomic<std::uint64_t>& events)
        : m_stop(stop), m_progress(progress), m_events(events)
    {
    }
    bool stopRequested() const { return m_stop.load(std::memory_order_relaxed); }
    /// Progress of this replication in parts per million; call every few thousand events.
    void reportProgress(double fraction, std::uint64_t eventsSoFar)
    {
        m_progress.store(static_cast<std::uint64_t>(fraction * 1e6), std::memory_order_relaxed);
        m_events.store(eventsSoFar, std::memory_order_relaxed);
    }

private:
    const std::atomic<bool>& m_stop;
    std::atomic<std::uint64_t>& m_progress;
    std::atomic<std::uint64_t>& m_events;
};

/// The outward interface of a run (as OMNeT++'s cEnvir): the CLI prints, the GUI queues signals.
class RunObserver
{
public:
    virtual ~RunObserver() = default;
    /// Called on the thread that called run(), a few times per second.
    virtual void progress(double fraction, std::uint64_t events) = 0;
    /// Polled as often as progress(); returning true stops the run.
    virtual bool stopRequested() { return false; }
};

class ReplicationRunner
{
public:
    /// threads == 0 means one per core.
    explicit ReplicationRunner(unsigned threads = 0);
    unsigned threads() const { return m_threads; }

    /// Calls body(replication, context) for 0..count-1 and waits. Rethrows the first
    /// exception a replication threw (by replication number), after all threads stopped.
    /// Returns false when the run was stopped before every replication finished.
    bool run(std::size_t count, const std::function<void(std::size_t, ReplicationContext&)>& body,
             RunObserver* observer = nullptr);

private:
    unsigned m_threads;
};

} // namespace poolsim::engine
