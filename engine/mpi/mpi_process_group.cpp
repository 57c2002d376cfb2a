#include "engine/mpi/mpi_process_group.h"

#include "engine/mpi/task_protocol.h"

#include <mpi.h>
#include <sched.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <thread>

namespace poolsim::engine {

namespace {
/// FNV-1a: a batch's identity reduced to 64 bits, the same on every machine.
std::uint64_t fingerprint(const std::string& text)
{
    std::uint64_t h = 14695981039346656037ull;
    for (const char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return h;
}
/// The cores this process may use: those it is bound to when the launcher bound it (Open MPI
/// binds each of 2 or fewer processes to a core by default), else its share of the machine's.
unsigned threadsPerProcess(unsigned processesOnThisMachine)
{
    const unsigned machine = std::max(1u, std::thread::hardware_concurrency());
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        const auto bound = static_cast<unsigned>(CPU_COUNT(&set));
        if (bound > 0 && bound < machine)
            return bound;
    }
    return std::max(1u, machine / std::max(1u, processesOnThisMachine));
}
} // namespace

bool MpiProcessGroup::launchedByMpi()
{
    // Open MPI's mpirun, then PMIx and PMI (srun, and other launchers).
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"})
        if (std::getenv(name))
            return true;
    return false;
}

MpiProcessGroup::MpiProcessGroup(int& argc, char**& argv, std::FILE* errors) : m_errors(errors)
{
    int provided = 0;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
    int size = 1, rank = 0;
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    m_size = static_cast<unsigned>(size);
    m_rank = static_cast<unsigned>(rank);
    if (provided < MPI_THREAD_FUNNELED)
        abortJob("this MPI library cannot be used with threads (MPI_THREAD_FUNNELED)", 1);
    // The processes on this machine share its cores.
    MPI_Comm local;
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, rank, MPI_INFO_NULL, &local);
    int localSize = 1;
    MPI_Comm_size(local, &localSize);
    MPI_Comm_free(&local);
    m_defaultThreads = threadsPerProcess(static_cast<unsigned>(localSize));
}

MpiProcessGroup::~MpiProcessGroup()
{
    MPI_Finalize();
}

void MpiProcessGroup::abortJob(const char* message, int exitCode) const
{
    std::fprintf(m_errors, "poolsim (process %u of %u): %s\n", m_rank, m_size, message);
    std::fflush(m_errors);
    MPI_Abort(MPI_COMM_WORLD, exitCode);
    std::abort(); // not reached
}

Agreement MpiProcessGroup::meet(int exitCode, std::uint64_t identity, bool& sameIdentity)
{
    // One reduction: the largest exit code, whether rank 0 failed, and the identity's largest
    // and (as the largest complement) smallest value: equal when every process has the same.
    std::uint64_t mine[4] = {static_cast<std::uint64_t>(std::max(exitCode, 0)),
                             m_rank == 0 && exitCode != 0 ? 1u : 0u, identity, ~identity};
    std::uint64_t all[4] = {};
    MPI_Allreduce(mine, all, 4, MPI_UINT64_T, MPI_MAX, MPI_COMM_WORLD);
    sameIdentity = all[2] == ~all[3];
    return {static_cast<int>(all[0]), all[1] != 0};
}

Agreement MpiProcessGroup::agree(int exitCode)
{
    bool same = true;
    // Met by the others at the end of the command or at the start of their next batch.
    return meet(exitCode, 0, same);
}

bool MpiProcessGroup::run(const SharedTasks& tasks, unsigned threads, RunObserver* observer)
{
    bool same = true;
    const Agreement before = meet(0, fingerprint(tasks.identity) ^ tasks.count, same);
    if (before.exitCode != 0)
        throw FailedElsewhere(before, "another process of the job failed and says why; nothing written");
    if (!same) // every process sees this at the same batch
        throw FailedElsewhere({2, true}, "the processes of the job are not running the same work (is the "
                                         "scenario file the same on every machine?); nothing written");
    TaskProtocol::Result result;
    try {
        TaskProtocol protocol(tasks, threads, m_size, m_rank);
        result = protocol.run(observer);
    } catch (const std::exception& e) {
        // A failure of the exchange itself, not of a task: the others cannot go on without us.
        abortJob(e.what(), 1);
    }
    if (result.failure)
        result.failure->raise();
    return result.complete;
}

} // namespace poolsim::engine
