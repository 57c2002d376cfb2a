// poolsim: the headless command-line tool. Errors are caught here, once, and printed as one
// line each: exit 2 for bad usage or a bad scenario, 1 for an internal error (the other codes
// are in command_common.h).
#include "app/cli/command_common.h"
#include "engine/simulator.h"

#include "models/scenario/atomic_file.h"
#include "models/scenario/scenario_error.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

int main(int argc, char** argv)
{
    using namespace poolsim;
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
        return code == 0 ? 0 : 2;
    }

    try {
        for (const cli::Command& command : commands)
            if (command.app->parsed())
                return command.action();
    } catch (const models::ScenarioError& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    } catch (const models::FileError& e) {
        std::fprintf(stderr, "poolsim: error: %s\n", e.what());
        return 2;
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "poolsim: error: %s\n", e.what());
        return 2;
    } catch (const engine::SimulationStalled& e) {
        std::fprintf(stderr, "poolsim: error: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "poolsim: internal error: %s\n", e.what());
        return 1;
    }
    return 1;
}
