#include "app/cli/job.h"

#include "models/scenario/atomic_file.h"

#ifdef POOLSIM_WITH_MPI
#include "engine/mpi/mpi_process_group.h"
#endif

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <unistd.h>

namespace poolsim::cli {

namespace {
std::unique_ptr<engine::ProcessGroup> g_group;
std::FILE* g_errors = stderr;

#ifndef POOLSIM_WITH_MPI
bool startedAsManyProcesses()
{
    // Set for each process a launcher starts (not inherited by everything in an allocation, as
    // SLURM_NTASKS is by a batch script's own commands).
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "SLURM_STEP_NUM_TASKS"}) {
        const char* v = std::getenv(name);
        if (v && std::atoi(v) > 1)
            return true;
    }
    return false;
}
#endif
} // namespace

void joinJob(int& argc, char**& argv)
{
#ifdef POOLSIM_WITH_MPI
    if (!engine::MpiProcessGroup::launchedByMpi())
        return;
    // The silenced processes still report their own failures, on a copy of stderr.
    const int errorFd = dup(STDERR_FILENO);
    if (errorFd >= 0)
        if (std::FILE* copy = fdopen(errorFd, "w"))
            g_errors = copy;
    g_group = std::make_unique<engine::MpiProcessGroup>(argc, argv, g_errors);
    if (!g_group->writesOutput()) {
        if (!std::freopen("/dev/null", "w", stdout) || !std::freopen("/dev/null", "w", stderr))
            throw std::runtime_error("cannot silence the output of this process of the job");
    }
#else
    (void)argc;
    (void)argv;
    if (startedAsManyProcesses())
        throw std::runtime_error("this poolsim was built without MPI, so it cannot share a run with other "
                                 "processes: run it without mpirun or srun, or build it with libopenmpi-dev");
#endif
}

void leaveJob()
{
    g_group.reset();
}

engine::ProcessGroup* jobGroup()
{
    return g_group.get();
}

bool writesOutput()
{
    return !g_group || g_group->writesOutput();
}

std::FILE* errorStream()
{
    return g_errors;
}

void writeOutputFile(const std::string& path, const std::string& text)
{
    if (writesOutput())
        models::writeFileAtomically(path, text);
}

std::string workersText(unsigned threads, unsigned processes)
{
    const std::string perProcess = std::to_string(threads) + " threads";
    return processes > 1 ? std::to_string(processes) + " processes x " + perProcess : perProcess;
}

int agreeOnExit(int exitCode, bool* coordinatorFailed)
{
    if (!g_group)
        return exitCode;
    const engine::Agreement a = g_group->agree(exitCode);
    if (coordinatorFailed)
        *coordinatorFailed = a.coordinatorFailed;
    return a.exitCode;
}

} // namespace poolsim::cli
