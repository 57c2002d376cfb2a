#include "engine/mpi/task_protocol.h"

#include "engine/byte_codec.h"
#include "engine/mpi/mpi_messages.h"
#include "engine/simulator.h"

#include <algorithm>
#include <chrono>
#include <stdexcept>

namespace poolsim::engine {

using namespace std::chrono_literals;
using mpi::Message;
using mpi::Outbox;

namespace {

/// A message from another process of the job, to read.
ByteReader reading(std::string_view bytes)
{
    return ByteReader(bytes, "a message between the processes of the job is cut short");
}

} // namespace

// ---- TaskFailure ----------------------------------------------------------------------------------

TaskFailure TaskFailure::of(std::size_t task, std::exception_ptr error)
{
    TaskFailure f;
    f.task = task;
    f.local = error;
    try {
        std::rethrow_exception(error);
    } catch (const SimulationStalled& e) {
        f.kind = Kind::Stalled;
        f.message = e.what();
    } catch (const std::invalid_argument& e) {
        f.kind = Kind::InvalidArgument;
        f.message = e.what();
    } catch (const std::exception& e) {
        f.kind = Kind::Error;
        f.message = e.what();
    } catch (...) {
        f.kind = Kind::Unknown;
        f.message = "unknown error";
    }
    return f;
}

std::string TaskFailure::encode() const
{
    ByteWriter out;
    out.value(static_cast<std::uint64_t>(task));
    out.value(static_cast<std::uint64_t>(kind));
    out.bytes(message);
    return out.take();
}

TaskFailure TaskFailure::decode(std::string_view bytes)
{
    ByteReader in = reading(bytes);
    TaskFailure f;
    f.task = in.get<std::uint64_t>();
    f.kind = static_cast<Kind>(in.get<std::uint64_t>());
    f.message = std::string(in.rest());
    return f;
}

void TaskFailure::raise() const
{
    if (local)
        std::rethrow_exception(local);
    switch (kind) {
    case Kind::Stalled:
        throw SimulationStalled(message);
    case Kind::InvalidArgument:
        throw std::invalid_argument(message);
    case Kind::Error:
    case Kind::Unknown:
        break;
    }
    throw std::runtime_error(message);
}

// ---- The protocol ---------------------------------------------------------------------------------

TaskProtocol::TaskProtocol(const SharedTasks& tasks, unsigned threads, unsigned processes, unsigned rank)
    : m_tasks(tasks), m_threadCount(std::max(1u, threads)), m_processes(processes), m_rank(rank)
{
}

TaskProtocol::Result TaskProtocol::run(RunObserver* observer)
{
    return m_rank == 0 ? coordinate(observer) : follow();
}

std::optional<std::size_t> TaskProtocol::nextTask()
{
    while (!m_ending && m_next < m_tasks.count) {
        const std::size_t task = m_next++;
        if (!m_tasks.wanted || m_tasks.wanted(task))
            return task;
        ++m_settled;
    }
    return std::nullopt;
}

void TaskProtocol::keepFirstFailure(TaskFailure failure)
{
    m_ending = true; // one failure makes the whole batch meaningless, as on one process
    if (!m_failure || failure.task < m_failure->task)
        m_failure = std::move(failure);
}

TaskProtocol::Result TaskProtocol::coordinate(RunObserver* observer)
{
    TaskThreads threads(m_tasks, m_threadCount);
    Outbox outbox;
    const int processes = static_cast<int>(m_processes);
    std::size_t outstanding = 0;                  // handed to other processes, not yet back
    std::vector<char> toldNoMore(m_processes, 0); // per process: answered with no tasks
    toldNoMore[0] = 1;
    std::uint64_t eventsDone = 0;
    bool stopped = false, toldToStop = false;
    auto forward = [&](std::size_t task, std::string_view outcome, int except) {
        ByteWriter data;
        data.value(static_cast<std::uint64_t>(task));
        data.bytes(outcome);
        auto shared = std::make_shared<const std::string>(data.take());
        for (int p = 1; p < processes; ++p)
            if (p != except)
                outbox.send(p, mpi::kOutcome, shared);
    };
    auto lastReport = std::chrono::steady_clock::now();
    auto report = [&] {
        if (!observer || m_tasks.count == 0)
            return;
        std::uint64_t ppm = 0, events = 0;
        threads.runningProgress(ppm, events);
        observer->progress((static_cast<double>(m_settled) + static_cast<double>(ppm) / 1e6) /
                               static_cast<double>(m_tasks.count),
                           eventsDone + events);
        if (!stopped && observer->stopRequested()) {
            stopped = true;
            m_ending = true;
        }
    };

    Message m;
    for (;;) {
        while (threads.inFlight() < m_threadCount)
            if (const auto task = nextTask())
                threads.add(*task);
            else
                break;
        while (mpi::receive(MPI_ANY_SOURCE, m)) {
            ByteReader in = reading(m.data);
            switch (m.tag) {
            case mpi::kRequest: {
                ByteWriter tasks;
                bool any = false;
                for (std::uint64_t n = in.get<std::uint64_t>(); n > 0; --n)
                    if (const auto task = nextTask()) {
                        tasks.value(static_cast<std::uint64_t>(*task));
                        any = true;
                        ++outstanding;
                    } else
                        break;
                if (!any)
                    toldNoMore[static_cast<std::size_t>(m.from)] = 1;
                outbox.send(m.from, mpi::kTasks, tasks.take());
                break;
            }
            case mpi::kResult: {
                const std::size_t task = in.get<std::uint64_t>();
                eventsDone += in.get<std::uint64_t>();
                --outstanding;
                ++m_settled;
                forward(task, in.rest(), m.from);
                // Taking in may judge a stop rule or finish a sweep's point: what fails there
                // fails as the task would have on one process.
                try {
                    m_tasks.takeIn(task, in.rest());
                } catch (...) {
                    keepFirstFailure(TaskFailure::of(task, std::current_exception()));
                }
                break;
            }
            case mpi::kFailure:
                --outstanding;
                ++m_settled;
                keepFirstFailure(TaskFailure::decode(m.data));
                break;
            default:
                throw std::runtime_error("an unexpected message between the processes of the job (tag " +
                                         std::to_string(m.tag) + ")");
            }
        }
        for (TaskThreads::Finished& f : threads.takeFinished(1ms)) {
            ++m_settled;
            eventsDone += f.events;
            if (f.error)
                keepFirstFailure(TaskFailure::of(f.task, f.error));
            else
                forward(f.task, f.outcome, 0);
        }
        if (m_ending && !toldToStop) {
            // The batch is over: the others end what they run now rather than finish it.
            threads.stop();
            for (int p = 1; p < processes; ++p)
                outbox.send(p, mpi::kStop, std::string());
            toldToStop = true;
        }
        outbox.poll();
        if (std::chrono::steady_clock::now() - lastReport > 100ms) {
            lastReport = std::chrono::steady_clock::now();
            report();
        }
        const bool allTold = std::all_of(toldNoMore.begin(), toldNoMore.end(), [](char c) { return c != 0; });
        if ((m_ending || m_next >= m_tasks.count) && outstanding == 0 && threads.inFlight() == 0 && allTold)
            break;
    }
    report();

    Result result;
    result.complete = !stopped && !m_failure;
    result.failure = m_failure;
    ByteWriter finish;
    finish.value(std::uint64_t{result.complete ? 1u : 0u});
    finish.value(std::uint64_t{m_failure ? 1u : 0u});
    if (m_failure)
        finish.bytes(m_failure->encode());
    auto shared = std::make_shared<const std::string>(finish.take());
    for (int p = 1; p < processes; ++p)
        outbox.send(p, mpi::kFinish, shared);
    outbox.drain();
    return result;
}

TaskProtocol::Result TaskProtocol::follow()
{
    TaskThreads threads(m_tasks, m_threadCount);
    Outbox outbox;
    bool asking = false, noMore = false;
    std::size_t handed = 0; // tasks received and not yet finished
    Message m;
    for (;;) {
        if (!asking && !noMore && handed < m_threadCount) {
            ByteWriter request;
            request.value(static_cast<std::uint64_t>(m_threadCount - handed));
            outbox.send(0, mpi::kRequest, request.take());
            asking = true;
        }
        while (mpi::receive(0, m)) {
            ByteReader in = reading(m.data);
            switch (m.tag) {
            case mpi::kTasks:
                asking = false;
                noMore = m.data.empty();
                while (!in.rest().empty()) {
                    threads.add(in.get<std::uint64_t>());
                    ++handed;
                }
                break;
            case mpi::kOutcome: {
                const std::size_t task = in.get<std::uint64_t>();
                // What fails here failed at rank 0 too, which ends the batch with it.
                try {
                    m_tasks.takeIn(task, in.rest());
                } catch (...) {
                    threads.stop();
                }
                break;
            }
            case mpi::kStop:
                threads.stop();
                break;
            case mpi::kFinish: {
                Result result;
                result.complete = in.get<std::uint64_t>() != 0;
                if (in.get<std::uint64_t>() != 0)
                    result.failure = TaskFailure::decode(in.rest());
                outbox.drain();
                return result; // every task handed here is back at rank 0, so none is running
            }
            default:
                throw std::runtime_error("an unexpected message between the processes of the job (tag " +
                                         std::to_string(m.tag) + ")");
            }
        }
        for (TaskThreads::Finished& f : threads.takeFinished(1ms)) {
            --handed;
            if (f.error) {
                threads.stop(); // as on one process: the batch is over
                outbox.send(0, mpi::kFailure, TaskFailure::of(f.task, f.error).encode());
            } else {
                ByteWriter data;
                data.value(static_cast<std::uint64_t>(f.task));
                data.value(static_cast<std::uint64_t>(f.events));
                data.bytes(f.outcome);
                outbox.send(0, mpi::kResult, data.take());
            }
        }
        outbox.poll();
    }
}

} // namespace poolsim::engine
