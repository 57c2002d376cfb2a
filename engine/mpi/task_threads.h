#pragma once
// One process's threads in a job: they run the tasks the process was handed, from a queue, and
// leave what they finished for the thread that talks to the other processes.
#include "engine/process_group.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace poolsim::engine {

class TaskThreads
{
public:
    struct Finished
    {
        std::size_t task = 0;
        std::string outcome;      // encoded for the other processes
        std::uint64_t events = 0; // simulated, for progress
        std::exception_ptr error; // set when the task threw
    };

    TaskThreads(const SharedTasks& tasks, unsigned threads);
    ~TaskThreads(); // stops and joins
    TaskThreads(const TaskThreads&) = delete;
    TaskThreads& operator=(const TaskThreads&) = delete;

    void add(std::size_t task);
    /// Tasks added and not yet taken back by takeFinished.
    std::size_t inFlight() const;
    /// Waits up to `timeout` for a finished task; returns every one finished so far.
    std::vector<Finished> takeFinished(std::chrono::milliseconds timeout);
    /// Asks the running tasks to end early (their outcomes say they did not run to the end).
    void stop() { m_stop.store(true); }
    bool stopped() const { return m_stop.load(); }
    /// Parts per million done of the running tasks, and their events so far.
    void runningProgress(std::uint64_t& partsPerMillion, std::uint64_t& events) const;

private:
    void work(unsigned slot);
    void close();

    const SharedTasks& m_tasks;
    std::atomic<bool> m_stop{false};
    std::vector<std::atomic<std::uint64_t>> m_progress, m_events; // per thread, of its task
    mutable std::mutex m_mutex;
    std::condition_variable m_wake, m_done;
    std::deque<std::size_t> m_queue;
    std::vector<Finished> m_finished;
    std::size_t m_inFlight = 0;
    bool m_closing = false;
    std::vector<std::thread> m_threads;
};

} // namespace poolsim::engine
