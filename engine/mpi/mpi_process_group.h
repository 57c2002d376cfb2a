#pragma once
// The processes of an MPI job (Open MPI's `mpirun`, Slurm's `srun`) as a ProcessGroup. Rank 0
// hands out the tasks of each batch one request at a time (a process that runs out asks for
// more), takes in every outcome and forwards it to the other processes; only rank 0 talks to
// all, and in each process only the thread that called run() talks at all (MPI_THREAD_FUNNELED).
// A process that dies takes the job with it (MPI's errors are fatal, and mpirun ends every
// process when one fails), so a lost rank never leaves a result behind.
#include "engine/process_group.h"

#include <cstdio>
#include <memory>

namespace poolsim::engine {

class MpiProcessGroup final : public ProcessGroup
{
public:
    /// True when this process was started by mpirun or srun (their environment variables).
    static bool launchedByMpi();
    /// Initialises MPI. `errors` is where this process reports what only it knows (a failure of
    /// its own, before the job is aborted): kept open by the caller for the program's life.
    MpiProcessGroup(int& argc, char**& argv, std::FILE* errors);
    ~MpiProcessGroup() override; // MPI_Finalize
    MpiProcessGroup(const MpiProcessGroup&) = delete;
    MpiProcessGroup& operator=(const MpiProcessGroup&) = delete;

    unsigned size() const override { return m_size; }
    unsigned rank() const override { return m_rank; }
    unsigned defaultThreads() const override { return m_defaultThreads; }
    bool run(const SharedTasks& tasks, unsigned threads, RunObserver* observer) override;
    Agreement agree(int exitCode) override;

    /// Reports `message` from this process and ends the whole job (MPI_Abort).
    [[noreturn]] void abortJob(const char* message, int exitCode) const;

private:
    /// The collective step every process passes at the start of a batch (with exit code 0 and
    /// the batch's identity) or from its error handler.
    Agreement meet(int exitCode, std::uint64_t identity, bool& sameIdentity);

    unsigned m_size = 1, m_rank = 0, m_defaultThreads = 1;
    std::FILE* m_errors;
};

} // namespace poolsim::engine
