#pragma once
// How the processes of a job share one batch of tasks. Rank 0 coordinates: it hands tasks out
// one request at a time, to its own threads and to each process that asks (a process asks again
// as soon as one of its threads is free, so uneven tasks leave no process idle); every outcome
// comes to rank 0, which takes it in and forwards it to every other process. The batch ends when
// every task handed out is back and every process has been told there is no more: then rank 0
// says so, and with which failure, if a task failed. Messages between two processes arrive in
// the order sent, so a process has every outcome before it reads the end.
#include "engine/mpi/task_threads.h"
#include "engine/process_group.h"

#include <cstdint>
#include <exception>
#include <optional>
#include <string>
#include <string_view>

namespace poolsim::engine {

/// A task that threw, as the processes tell each other about it.
struct TaskFailure
{
    enum class Kind : std::uint8_t { Stalled = 1, InvalidArgument, Error, Unknown };
    std::size_t task = 0;
    Kind kind = Kind::Unknown;
    std::string message;
    std::exception_ptr local; // the exception itself, on the process where the task ran

    static TaskFailure of(std::size_t task, std::exception_ptr error);
    std::string encode() const;
    static TaskFailure decode(std::string_view bytes);
    /// Rethrows the exception itself where there is one, else one of its kind and message.
    [[noreturn]] void raise() const;
};

class TaskProtocol
{
public:
    struct Result
    {
        bool complete = true; // false when rank 0's observer stopped the batch
        std::optional<TaskFailure> failure;
    };

    TaskProtocol(const SharedTasks& tasks, unsigned threads, unsigned processes, unsigned rank);
    /// Throws for a failure of the exchange itself (an outcome that cannot be read).
    Result run(RunObserver* observer);

private:
    Result coordinate(RunObserver* observer);
    Result follow();
    /// The next task rank 0 hands out, or none when there is no more (or the batch is ending).
    std::optional<std::size_t> nextTask();
    void keepFirstFailure(TaskFailure failure);

    const SharedTasks& m_tasks;
    unsigned m_threadCount, m_processes, m_rank;
    std::size_t m_next = 0;    // rank 0: tasks before it are handed out or skipped
    std::size_t m_settled = 0; // rank 0: skipped or back, for progress
    bool m_ending = false;     // rank 0: a task failed, or the observer stopped the batch
    std::optional<TaskFailure> m_failure;
};

} // namespace poolsim::engine
