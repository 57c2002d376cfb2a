#pragma once
// Work shared by the processes of one job: `mpirun -n N poolsim ...` or Slurm's `srun`. Every
// process runs the same command on the same input and so reaches the same batches of tasks in the
// same order (SPMD). Each task of a batch runs on one process, which sends its outcome to the
// others: every process takes in every outcome and goes on with the same state, so a search that
// decides its next step from a batch's results decides the same on every process. Only the
// first process (rank 0) writes output. A plain run is a group of one, and runs its tasks on its
// own threads exactly as ReplicationRunner does.
#include "engine/replication_runner.h"

#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace poolsim::engine {

/// One batch of tasks (a scenario's replications, a sweep's points times replications).
struct SharedTasks
{
    std::size_t count = 0;
    /// Asked where the work is handed out, just before a task would be: false skips it (a stop
    /// rule ended the run, say). Optional.
    std::function<bool(std::size_t task)> wanted;
    /// Runs a task on this process and takes its outcome in here. With `share` true it returns
    /// the outcome encoded for the other processes; otherwise an empty string.
    std::function<std::string(std::size_t task, ReplicationContext& context, bool share)> run;
    /// Takes in the outcome of a task another process ran (never called in a group of one).
    std::function<void(std::size_t task, std::string_view outcome)> takeIn;
    /// What the batch runs, as text that is the same on every process of a job whose processes
    /// read the same input (the scenario as saved, say). A job whose processes disagree (a
    /// scenario file that differs between machines) fails instead of mixing their results.
    std::string identity;
};

/// What the processes agreed at the end of a command, or after one of them failed.
struct Agreement
{
    int exitCode = 0;               // the largest exit code given
    bool coordinatorFailed = false; // rank 0 gave a non-zero code: it has said why
};

class ProcessGroup
{
public:
    virtual ~ProcessGroup() = default;
    virtual unsigned size() const = 0;
    virtual unsigned rank() const = 0;
    /// Only the first process writes files and prints results.
    bool writesOutput() const { return rank() == 0; }

    /// Collective: every process calls it with the same batch and `threads` of its own. Returns
    /// false when the run was stopped. A task that throws stops the batch on every process, and
    /// every process throws the failure of the lowest-numbered task that failed (rank 0 the
    /// exception itself, the others a copy of its kind and message). Throws FailedElsewhere when
    /// another process failed before it reached this batch.
    virtual bool run(const SharedTasks& tasks, unsigned threads, RunObserver* observer) = 0;

    /// Collective: each process gives its exit code, at the end of the command or from its error
    /// handler (which then meets the others at their next batch or at their end).
    virtual Agreement agree(int exitCode) = 0;

    /// Threads a process uses when asked for "one per core": the cores shared among the group's
    /// processes on this machine.
    virtual unsigned defaultThreads() const = 0;
};

/// Thrown on every process when the processes of a job cannot go on together: another process
/// failed before it reached this batch (it has said why), or they disagree on what to run. The
/// processes have agreed already: rank 0 reports what(), and the job ends with the exit code.
class FailedElsewhere : public std::runtime_error
{
public:
    FailedElsewhere(const Agreement& agreement, const std::string& message)
        : std::runtime_error(message), m_agreement(agreement)
    {
    }
    const Agreement& agreement() const { return m_agreement; }

private:
    Agreement m_agreement;
};

/// Runs `tasks` across `group`, or on this process's `threads` (0: one per core) when `group` is
/// null or has one process. Returns false when the run was stopped.
bool runSharedTasks(const SharedTasks& tasks, unsigned threads, RunObserver* observer, ProcessGroup* group);

/// The threads a run uses: `threads`, or for 0 one per core (of this process's share of the
/// machine, in a group).
unsigned effectiveThreads(unsigned threads, const ProcessGroup* group);

} // namespace poolsim::engine
