// `poolsim run` and `poolsim validate`.
#include "app/cli/command_common.h"
#include "app/cli/summary_table.h"
#include "app/cli/terminal_progress.h"
#include "models/atomic_file.h"
#include "models/compiled_scenario.h"
#include "models/result_json.h"
#include "models/scenario_yaml.h"
#include "models/simulation.h"

#include <cstdio>
#include <memory>

namespace poolsim::cli {

namespace {

struct RunCommandOptions
{
    CommonOptions common;
    std::string seriesCsvOut; // empty: none
};

int runCommand(const RunCommandOptions& o)
{
    const models::Scenario scenario = loadScenario(o.common);
    std::shared_ptr<const models::RunResult> result;
    {
        TerminalProgress progress(!o.common.quiet);
        result = models::runScenario(scenario, o.common.runOptions(), &progress);
    }
    if (TerminalProgress::interrupted()) {
        // Stopped by Ctrl-C: write nothing that could be mistaken for a complete run.
        std::fprintf(stderr, "poolsim: interrupted after %lld complete replications; nothing written\n",
                     static_cast<long long>(result->replications));
        return kExitInterrupted;
    }

    if (!o.common.jsonOut.empty()) {
        nlohmann::ordered_json j = models::toJson(*result);
        j["engine"]["peak_rss_mb"] = peakResidentMegabytes();
        writeJson(o.common.jsonOut, j);
    }
    if (!o.seriesCsvOut.empty())
        models::writeFileAtomically(o.seriesCsvOut, models::seriesCsv(*result));
    if (o.common.printTable())
        std::fputs(summaryTable(*result).c_str(), stdout);
    return 0;
}

struct ValidateOptions
{
    std::string file;
    std::vector<std::string> overrides;
};

int validateCommand(const ValidateOptions& o)
{
    const models::Scenario scenario = models::loadScenarioFile(o.file, o.overrides);
    models::CompiledScenario::compile(scenario); // what `run` builds first: its errors too
    std::puts("ok");
    return 0;
}

} // namespace

void addRunCommand(CLI::App& app, Commands& commands)
{
    auto o = std::make_shared<RunCommandOptions>();
    CLI::App* cmd = app.add_subcommand("run", "Simulate a scenario and print a summary");
    addCommonOptions(cmd, o->common);
    cmd->add_option("--series-csv", o->seriesCsvOut, "Write the per-bin time series as CSV");
    commands.push_back({cmd, [o] { return runCommand(*o); }});
}

void addValidateCommand(CLI::App& app, Commands& commands)
{
    auto o = std::make_shared<ValidateOptions>();
    CLI::App* cmd = app.add_subcommand("validate", "Check a scenario: prints ok, or the errors");
    cmd->add_option("file", o->file, "Scenario file (YAML)")->required();
    cmd->add_option("--set", o->overrides, "Override a scalar of the file")->type_name("KEY=VALUE")->take_all();
    commands.push_back({cmd, [o] { return validateCommand(*o); }});
}

} // namespace poolsim::cli
