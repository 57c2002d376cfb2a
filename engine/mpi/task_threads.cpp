#include "engine/mpi/task_threads.h"

namespace poolsim::engine {

TaskThreads::TaskThreads(const SharedTasks& tasks, unsigned threads)
    : m_tasks(tasks), m_progress(threads), m_events(threads)
{
    m_threads.reserve(threads);
    try {
        for (unsigned i = 0; i < threads; ++i)
            m_threads.emplace_back([this, i] { work(i); });
    } catch (...) {
        close(); // no more could be started: end those that were
        throw;
    }
}

TaskThreads::~TaskThreads()
{
    close();
}

void TaskThreads::close()
{
    {
        std::lock_guard lock(m_mutex);
        m_closing = true;
    }
    m_stop.store(true);
    m_wake.notify_all();
    for (std::thread& t : m_threads)
        if (t.joinable())
            t.join();
}

void TaskThreads::add(std::size_t task)
{
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(task);
        ++m_inFlight;
    }
    m_wake.notify_one();
}

std::size_t TaskThreads::inFlight() const
{
    std::lock_guard lock(m_mutex);
    return m_inFlight;
}

std::vector<TaskThreads::Finished> TaskThreads::takeFinished(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(m_mutex);
    if (m_finished.empty())
        m_done.wait_for(lock, timeout);
    std::vector<Finished> out;
    out.swap(m_finished);
    m_inFlight -= out.size();
    return out;
}

void TaskThreads::runningProgress(std::uint64_t& partsPerMillion, std::uint64_t& events) const
{
    partsPerMillion = 0;
    events = 0;
    for (std::size_t i = 0; i < m_progress.size(); ++i) {
        partsPerMillion += m_progress[i].load(std::memory_order_relaxed);
        events += m_events[i].load(std::memory_order_relaxed);
    }
}

void TaskThreads::work(unsigned slot)
{
    for (;;) {
        std::size_t task = 0;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_closing || !m_queue.empty(); });
            if (m_closing)
                return;
            task = m_queue.front();
            m_queue.pop_front();
        }
        m_progress[slot].store(0);
        m_events[slot].store(0);
        ReplicationContext context(m_stop, m_progress[slot], m_events[slot]);
        Finished f;
        f.task = task;
        try {
            f.outcome = m_tasks.run(task, context, true);
        } catch (...) {
            f.error = std::current_exception();
        }
        f.events = m_events[slot].load();
        m_progress[slot].store(0);
        m_events[slot].store(0);
        {
            std::lock_guard lock(m_mutex);
            m_finished.push_back(std::move(f));
        }
        m_done.notify_all();
    }
}

} // namespace poolsim::engine
