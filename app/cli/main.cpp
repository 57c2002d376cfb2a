// poolsim: the headless command-line tool. Errors are caught here, once, and printed as one
// line each: exit 2 for bad usage or a bad scenario, 1 for an internal error (the other codes
// are in command_common.h). In an MPI job every process runs the command; they agree on the
// exit code here, and only the first prints (another prints only a failure of its own).
#include "app/cli/command_common.h"
#include "app/cli/job.h"
#include "engine/process_group.h"
#include "engine/simulator.h"

#include "models/scenario/atomic_file.h"
#include "models/scenario/scenario_error.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>
#include <string>

namespace {

using namespace poolsim;

/// The exit code of a failure, and the line that says what it was.
int describe(const std::exception& e, std::string& line)
{
    if (dynamic_cast<const models::ScenarioError*>(&e)) {
        line = e.what();
        return 2;
    }
    if (dynamic_cast<const models::FileError*>(&e) || dynamic_cast<const std::invalid_argument*>(&e) ||
        dynamic_cast<const engine::SimulationStalled*>(&e)) {
        line = std::string("poolsim: error: ") + e.what();
        return 2;
    }
    line = std::string("poolsim: internal error: ") + e.what();
    return 1;
}

/// Reports a failure of this process and returns the job's exit code.
int failed(const std::exception& e)
{
    if (const auto* elsewhere = dynamic_cast<const engine::FailedElsewhere*>(&e)) {
        // The processes have met already: rank 0 says what happened, the others stay quiet.
        if (cli::writesOutput())
            std::fprintf(stderr, "poolsim: error: %s\n", e.what());
        return elsewhere->agreement().exitCode;
    }
    std::string line;
    const int code = describe(e, line);
    if (cli::writesOutput()) {
        std::fprintf(stderr, "%s\n", line.c_str());
        return cli::agreeOnExit(code);
    }
    // Another process: it speaks only when the first did not fail too (then it failed alone).
    bool firstFailed = false;
    const int agreed = cli::agreeOnExit(code, &firstFailed);
    if (!firstFailed) {
        const engine::ProcessGroup* group = cli::jobGroup();
        std::fprintf(cli::errorStream(), "poolsim (process %u of %u): %s\n", group ? group->rank() : 0u,
                     group ? group->size() : 1u, line.c_str());
        std::fflush(cli::errorStream());
    }
    return agreed;
}

int runCommand(int argc, char** argv)
{
    CLI::App app{"PoolSim: discrete-event capacity planning for database connection pools"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "poolsim 0.1.0");

    cli::Commands commands;
    cli::addRunCommand(app, commands);
    cli::addCompareCommand(app, commands);
    cli::addSweepCommand(app, commands);
    cli::addRecommendCommand(app, commands);
    cli::addAnalyticCommand(app, commands);
    cli::addFitUslCommand(app, commands);
    cli::addValidateCommand(app, commands);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e); // prints help/version to stdout, errors to stderr
        return cli::agreeOnExit(code == 0 ? 0 : 2);
    }

    try {
        for (const cli::Command& command : commands)
            if (command.app->parsed())
                return cli::agreeOnExit(command.action());
    } catch (const std::exception& e) {
        return failed(e);
    }
    return cli::agreeOnExit(1);
}

} // namespace

int main(int argc, char** argv)
{
    try {
        cli::joinJob(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "poolsim: error: %s\n", e.what());
        return 2;
    }
    const int code = runCommand(argc, argv);
    cli::leaveJob();
    return code;
}
