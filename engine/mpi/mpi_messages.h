#pragma once
// Byte messages between the processes of a job: sent without waiting (each buffer kept until MPI
// is done with it) and received whole, whatever their size, by whichever thread polls.
#include <mpi.h>

#include <climits>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace poolsim::engine::mpi {

enum Tag : int {
    kRequest = 1, // to rank 0: the number of tasks wanted
    kTasks,       // from rank 0: task numbers, none when there is no more
    kResult,      // to rank 0: task, events, outcome
    kFailure,     // to rank 0: a TaskFailure
    kOutcome,     // from rank 0: task, outcome (another process's)
    kFinish,      // from rank 0: complete flag, and the failure if any
    kStop,        // from rank 0: end the running tasks early (a task failed, or Ctrl-C)
};

struct Message
{
    int from = 0, tag = 0;
    std::string data;
};

/// A message waiting, from `source` (or any), received; false when there is none.
inline bool receive(int source, Message& out)
{
    int flag = 0;
    MPI_Status status;
    MPI_Iprobe(source, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, &status);
    if (!flag)
        return false;
    int count = 0;
    MPI_Get_count(&status, MPI_BYTE, &count);
    out.data.resize(static_cast<std::size_t>(count));
    MPI_Recv(out.data.data(), count, MPI_BYTE, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
             MPI_STATUS_IGNORE);
    out.from = status.MPI_SOURCE;
    out.tag = status.MPI_TAG;
    return true;
}

/// Sends without waiting; a buffer is freed once MPI no longer needs it.
class Outbox
{
public:
    Outbox() = default;
    Outbox(const Outbox&) = delete;
    Outbox& operator=(const Outbox&) = delete;
    ~Outbox() { drain(); }

    void send(int to, Tag tag, std::shared_ptr<const std::string> data)
    {
        if (data->size() > static_cast<std::size_t>(INT_MAX))
            throw std::runtime_error("an outcome of more than 2 GB cannot be sent between processes");
        Pending& p = m_pending.emplace_back();
        p.data = std::move(data);
        MPI_Isend(p.data->data(), static_cast<int>(p.data->size()), MPI_BYTE, to, tag, MPI_COMM_WORLD,
                  &p.request);
    }
    void send(int to, Tag tag, std::string data)
    {
        send(to, tag, std::make_shared<const std::string>(std::move(data)));
    }

    /// Frees the buffers of the sends that are done (and lets MPI move the others on).
    void poll()
    {
        std::erase_if(m_pending, [](Pending& p) {
            int done = 0;
            MPI_Test(&p.request, &done, MPI_STATUS_IGNORE);
            return done != 0;
        });
    }
    /// Waits until every send is done.
    void drain()
    {
        for (Pending& p : m_pending)
            MPI_Wait(&p.request, MPI_STATUS_IGNORE);
        m_pending.clear();
    }

private:
    struct Pending
    {
        MPI_Request request = MPI_REQUEST_NULL;
        std::shared_ptr<const std::string> data;
    };
    std::vector<Pending> m_pending;
};

} // namespace poolsim::engine::mpi
