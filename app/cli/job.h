#pragma once
// The job this process belongs to: alone, or one of the processes of an MPI job (mpirun, srun).
// Every process runs the same command; they share the simulations, and only the first writes
// output: the others' standard output and error are silenced, and they write no files.
#include "engine/process_group.h"

#include <cstdio>
#include <string>

namespace poolsim::cli {

/// Joins the MPI job when mpirun or srun started this process (before the command line is
/// parsed: MPI may take its own arguments). Throws std::runtime_error when started by one but
/// built without MPI.
void joinJob(int& argc, char**& argv);
/// Leaves it (MPI_Finalize); the destructor of what joinJob made.
void leaveJob();

/// The processes of the job, or null when this process is alone.
engine::ProcessGroup* jobGroup();
/// False on every process of a job but the first.
bool writesOutput();
/// Where this process reports its own errors (stderr, also on a silenced process).
std::FILE* errorStream();

/// Writes a result file atomically, on the process that writes output only.
void writeOutputFile(const std::string& path, const std::string& text);

/// "2 threads", or "3 processes x 2 threads" in a job (threads per process: rank 0's).
std::string workersText(unsigned threads, unsigned processes);

/// The exit code every process of the job returns: the command's own alone; in a job, the
/// largest any process gave (the processes meet here, or at their next batch).
int agreeOnExit(int exitCode, bool* coordinatorFailed = nullptr);

} // namespace poolsim::cli
