#pragma once
// What every poolsim command shares: the scenario file with --set changes, the run options
// (--replications, --seed, --threads), --json OUT|-, --quiet and --check, and the table of
// commands main() dispatches to.
#include "models/results/run_result.h"
#include "models/scenario/scenario.h"
#include "models/simulation/simulation.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace poolsim::cli {

/// Exit codes: 0 done, 1 internal error, 2 bad usage or scenario, 3 a service level not met
/// (with --check), 130 interrupted.
inline constexpr int kExitSloNotMet = 3;
inline constexpr int kExitInterrupted = 130;

struct CommonOptions
{
    std::string file;
    std::vector<std::string> overrides;
    std::optional<std::int64_t> replications;
    std::optional<std::uint64_t> seed;
    unsigned threads = 0;
    std::string jsonOut; // empty: none; "-": stdout (then no table)
    bool quiet = false;
    bool check = false;
    std::string variant; // --variant, where the command offers it: empty or "base" for the file as written

    models::RunOptions runOptions() const;
    /// The table goes to stdout unless --quiet or the JSON does.
    bool printTable() const { return !quiet && jsonOut != "-"; }
};

/// Adds FILE, --set, --replications, --seed, --threads, --json, --quiet and --check.
void addCommonOptions(CLI::App* command, CommonOptions& options);

/// Adds --variant NAME: the command works on one of the file's variants.
void addVariantOption(CLI::App* command, CommonOptions& options);

/// The scenario file with the --set changes applied, then the --variant's (throws ScenarioError,
/// or std::invalid_argument for an unknown variant). The file's sweep: is kept.
models::Scenario loadScenario(const CommonOptions& options);

/// A variant's values are applied after --set, so a --set of a path the variant also sets would
/// be silently lost: throws std::invalid_argument naming both. "base" sets nothing.
void refuseOverriddenSets(const CommonOptions& options, const models::Scenario& scenario,
                          const std::vector<std::string>& variantNames);

/// Writes `json` to stdout ("-") or atomically to a file; nothing when `out` is empty.
void writeJson(const std::string& out, const nlohmann::ordered_json& json);

/// The process's peak resident memory in MB.
double peakResidentMegabytes();

/// A subcommand and what it does once parsed (returns the exit code; throws for errors).
struct Command
{
    CLI::App* app = nullptr;
    std::function<int()> action;
};
using Commands = std::vector<Command>;

// One per command, each in its own file.
void addRunCommand(CLI::App& app, Commands& commands);
void addValidateCommand(CLI::App& app, Commands& commands);
void addCompareCommand(CLI::App& app, Commands& commands);
void addSweepCommand(CLI::App& app, Commands& commands);
void addRecommendCommand(CLI::App& app, Commands& commands);
void addAnalyticCommand(CLI::App& app, Commands& commands);
void addFitUslCommand(CLI::App& app, Commands& commands);

} // namespace poolsim::cli
