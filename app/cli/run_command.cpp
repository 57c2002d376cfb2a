// `poolsim run` (the scenario, one variant of it, or all its variants) and `poolsim validate`.
#include "app/cli/command_common.h"
#include "app/cli/job.h"
#include "app/cli/summary_table.h"
#include "app/cli/terminal_progress.h"
#include "models/planning/comparison.h"
#include "models/results/result_json.h"
#include "models/results/slo.h"
#include "models/scenario/scenario_yaml.h"
#include "models/simulation/compiled_scenario.h"
#include "models/simulation/simulation.h"

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace poolsim::cli {

namespace {

struct RunCommandOptions
{
    CommonOptions common;
    std::string seriesCsvOut; // empty: none
    std::string variant;      // empty: the scenario as written
    bool allVariants = false;
};

/// With --check: the limits `result` misses go to stderr, one line each; true when none.
bool reportSlo(const models::RunResult& result, const std::string& variant)
{
    const std::vector<std::string> failed = models::failedLimits(models::evaluateSlo(result.slo, result));
    const std::string who = variant.empty() ? std::string() : " (variant '" + variant + "')";
    for (const std::string& f : failed)
        std::fprintf(stderr, "poolsim: service level not met%s: %s\n", who.c_str(), f.c_str());
    return failed.empty();
}

void noteMissingSlo(const models::Scenario& scenario)
{
    if (scenario.slo.empty())
        std::fputs(
            "poolsim: --check: the scenario sets no service levels (slo:), so there is nothing to miss\n",
            stderr);
}

int interrupted(const models::RunResult& stopped)
{
    // Stopped by Ctrl-C: write nothing that could be mistaken for a complete run.
    std::fprintf(stderr, "poolsim: interrupted after %lld complete replications; nothing written\n",
                 static_cast<long long>(stopped.replications));
    return kExitInterrupted;
}

std::string changesText(const std::vector<models::SettingChange>& changes)
{
    std::string out;
    for (const models::SettingChange& c : changes)
        out += (out.empty() ? "" : ", ") + c.path + "=" + c.value;
    return out.empty() ? std::string("no changes") : out;
}

std::string variantHeading(const models::VariantRun& run)
{
    std::string out = "=== variant " + run.name;
    if (!run.description.empty())
        out += ": " + run.description;
    out += " ===\n  set: " + changesText(run.changes) + "\n";
    return out;
}

/// The run's JSON with "variant" right after "scenario".
nlohmann::ordered_json withVariantName(const nlohmann::ordered_json& run, const std::string& variant)
{
    nlohmann::ordered_json out;
    for (const auto& [key, value] : run.items()) {
        out[key] = value;
        if (key == "scenario")
            out["variant"] = variant;
    }
    return out;
}

int runPlain(const RunCommandOptions& o, const models::Scenario& scenario)
{
    std::shared_ptr<const models::RunResult> result;
    {
        TerminalProgress progress(!o.common.quiet);
        result = models::runScenario(scenario, o.common.runOptions(), &progress);
    }
    if (TerminalProgress::interrupted())
        return interrupted(*result);

    if (!o.common.jsonOut.empty()) {
        nlohmann::ordered_json j = models::toJson(*result);
        j["engine"]["peak_rss_mb"] = peakResidentMegabytes();
        writeJson(o.common.jsonOut, j);
    }
    if (!o.seriesCsvOut.empty())
        writeOutputFile(o.seriesCsvOut, models::seriesCsv(*result));
    if (o.common.printTable())
        std::fputs(summaryTable(*result).c_str(), stdout);
    if (o.common.check) {
        noteMissingSlo(scenario);
        return reportSlo(*result, "") ? 0 : kExitSloNotMet;
    }
    return 0;
}

/// --variant NAME or --all-variants: the runs share one seed (common random numbers).
int runNamedVariants(const RunCommandOptions& o, const models::Scenario& scenario)
{
    std::vector<std::string> names;
    if (o.allVariants) {
        names = models::variantNames(scenario);
        if (names.empty())
            throw std::invalid_argument(
                "--all-variants: the scenario has no variants (add a variants: section)");
    } else {
        names.push_back(o.variant);
    }
    refuseOverriddenSets(o.common, scenario, names);
    std::vector<models::VariantRun> runs;
    {
        TerminalProgress progress(!o.common.quiet);
        runs = models::runVariants(scenario, names, o.common.runOptions(), &progress);
    }
    if (TerminalProgress::interrupted())
        return interrupted(*runs.back().result);
    const std::vector<std::string> warnings = models::variantWarnings(runs);

    if (!o.common.jsonOut.empty()) {
        nlohmann::ordered_json j;
        if (o.allVariants) {
            j["scenario"] = scenario.name;
            j["seed"] = models::sharedSeed(scenario, o.common.runOptions());
            j["warnings"] = warnings;
            j["variants"] = nlohmann::ordered_json::array();
            for (const models::VariantRun& run : runs)
                j["variants"].push_back(models::toJson(run));
        } else {
            j = withVariantName(models::toJson(*runs.front().result), runs.front().name);
            j["engine"]["peak_rss_mb"] = peakResidentMegabytes();
        }
        writeJson(o.common.jsonOut, j);
    }
    if (!o.seriesCsvOut.empty()) // only with --variant (CLI11 excludes it with --all-variants)
        writeOutputFile(o.seriesCsvOut, models::seriesCsv(*runs.front().result));
    if (o.common.printTable()) {
        for (std::size_t i = 0; i < runs.size(); ++i) {
            std::fputs((std::string(i ? "\n" : "") + variantHeading(runs[i])).c_str(), stdout);
            std::fputs(summaryTable(*runs[i].result).c_str(), stdout);
        }
        for (const std::string& w : warnings)
            std::printf("\nwarning: %s\n", w.c_str());
    }
    if (!o.common.check)
        return 0;
    noteMissingSlo(scenario);
    bool met = true;
    for (const models::VariantRun& run : runs)
        met = reportSlo(*run.result, run.name) && met;
    return met ? 0 : kExitSloNotMet;
}

int runCommand(const RunCommandOptions& o)
{
    const models::Scenario scenario = loadScenario(o.common);
    return o.allVariants || !o.variant.empty() ? runNamedVariants(o, scenario) : runPlain(o, scenario);
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
    CLI::Option* csv =
        cmd->add_option("--series-csv", o->seriesCsvOut, "Write the per-bin time series as CSV");
    CLI::Option* variant = cmd->add_option("--variant", o->variant,
                                           "Run one variant of the scenario (base: the scenario as written)")
                               ->type_name("NAME");
    CLI::Option* all = cmd->add_flag("--all-variants", o->allVariants,
                                     "Run every variant, all on the same seed (common random numbers)");
    variant->excludes(all);
    all->excludes(csv);
    commands.push_back({cmd, [o] { return runCommand(*o); }});
}

void addValidateCommand(CLI::App& app, Commands& commands)
{
    auto o = std::make_shared<ValidateOptions>();
    CLI::App* cmd = app.add_subcommand("validate", "Check a scenario: prints ok, or the errors");
    cmd->add_option("file", o->file, "Scenario file (YAML)")->required();
    cmd->add_option("--set", o->overrides, "Override a scalar of the file")
        ->type_name("KEY=VALUE")
        ->take_all();
    commands.push_back({cmd, [o] { return validateCommand(*o); }});
}

} // namespace poolsim::cli
