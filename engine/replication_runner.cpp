#include "engine/replication_runner.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace poolsim::engine {

ReplicationRunner::ReplicationRunner(unsigned threads)
    : m_threads(threads ? threads : std::max(1u, std::thread::hardware_concurrency()))
{
}

bool ReplicationRunner::run(std::size_t count,
                            const std::function<void(std::size_t, ReplicationContext&)>& body,
                            RunObserver* observer)
{
    std::atomic<bool> stop{false};
    std::atomic<std::size_t> next{0};
    std::atomic<unsigned> exited{0};
    const auto progress = std::make_unique<std::atomic<std::uint64_t>[]>(count);
    const auto events = std::make_unique<std::atomic<std::uint64_t>[]>(count);
    std::vector<std::exception_ptr> errors(count);
    std::vector<char> completed(count, 0);
    std::mutex mutex;
    std::condition_variable done;

    auto worker = [&] {
        for (;;) {
            const std::size_t rep = next.fetch_add(1);
            if (rep >= count || stop.load())
                break;
            ReplicationContext context(stop, progress[rep], events[rep]);
            try {
                body(rep, context);
                completed[rep] = !stop.load();
            } catch (...) {
                errors[rep] = std::current_exception();
                stop.store(true); // one failure makes the whole run meaningless
            }
            progress[rep].store(1'000'000);
        }
        std::lock_guard lock(mutex);
        exited.fetch_add(1);
        done.notify_all();
    };

    const unsigned n =
        static_cast<unsigned>(std::min<std::size_t>(m_threads, std::max<std::size_t>(count, 1)));
    std::vector<std::thread> pool;
    pool.reserve(n);
    try {
        for (unsigned i = 0; i < n; ++i)
            pool.emplace_back(worker);
    } catch (...) {
        // No thread could be started (resources exhausted): stop those that were, then report.
        stop.store(true);
        for (auto& t : pool)
            t.join();
        throw;
    }

    auto report = [&] {
        if (!observer || count == 0)
            return;
        std::uint64_t parts = 0, ev = 0;
        for (std::size_t i = 0; i < count; ++i) {
            parts += progress[i].load(std::memory_order_relaxed);
            ev += events[i].load(std::memory_order_relaxed);
        }
        observer->progress(static_cast<double>(parts) / 1e6 / static_cast<double>(count), ev);
    };
    {
        std::unique_lock lock(mutex);
        while (exited.load() < n) {
            done.wait_for(lock, std::chrono::milliseconds(100));
            lock.unlock();
            report();
            if (observer && observer->stopRequested())
                stop.store(true);
            lock.lock();
        }
    }
    for (auto& t : pool)
        t.join();
    report();

    for (const auto& e : errors)
        if (e)
            std::rethrow_exception(e);
    return std::all_of(completed.begin(), completed.end(), [](char c) { return c != 0; });
}

} // namespace poolsim::engine
