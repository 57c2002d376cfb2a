// poolsim: the headless command-line tool. Errors are caught here, once, and printed as one
// line each: exit 2 for bad usage or a bad scenario, 1 for an internal error.
#include "app/cli/run_command.h"

#include "models/atomic_file.h"
#include "models/scenario_error.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

int main(int argc, char** argv)
{
    using namespace poolsim;
    CLI::App app{"PoolSim: discrete-event capacity planning for database connection pools"};
    app.require_subcommand(1);
    app.set_version_flag("--version", "poolsim 0.1.0");

    cli::RunCommandOptions run;
    CLI::App* runCmd = app.add_subcommand("run", "Simulate a scenario and print a summary");
    runCmd->add_option("file", run.file, "Scenario file (YAML)")->required();
    runCmd->add_option("--set", run.overrides, "Override a scalar of the file, e.g. pool.size=25")
        ->type_name("KEY=VALUE")->take_all();
    runCmd->add_option("--replications", run.replications, "Number of replications")->check(CLI::Range(1, 100000));
    runCmd->add_option("--seed", run.seed, "Base random seed");
    runCmd->add_option("--threads", run.threads, "Worker threads (0: one per core)")->check(CLI::Range(0, 1024));
    runCmd->add_option("--json", run.jsonOut, "Write results as JSON to a file, or - for stdout");
    runCmd->add_option("--series-csv", run.seriesCsvOut, "Write the per-bin time series as CSV");
    runCmd->add_flag("--quiet", run.quiet, "Print no summary and no progress");

    std::string validateFile;
    std::vector<std::string> validateOverrides;
    CLI::App* validateCmd = app.add_subcommand("validate", "Check a scenario: prints ok, or the errors");
    validateCmd->add_option("file", validateFile, "Scenario file (YAML)")->required();
    validateCmd->add_option("--set", validateOverrides, "Override a scalar of the file")->type_name("KEY=VALUE")->take_all();

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e); // prints help/version to stdout, errors to stderr
        return code == 0 ? 0 : 2;
    }

    try {
        if (*runCmd)
            return cli::runCommand(run);
        if (*validateCmd)
            return cli::validateCommand(validateFile, validateOverrides);
    } catch (const models::ScenarioError& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    } catch (const models::FileError& e) {
        std::fprintf(stderr, "poolsim: error: %s\n", e.what());
        return 2;
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "poolsim: error: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "poolsim: internal error: %s\n", e.what());
        return 1;
    }
    return 1;
}
