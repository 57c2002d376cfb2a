#pragma once
// Runs a scenario's replications in parallel and combines them into a RunResult.
#include "engine/replication_runner.h"
#include "models/run_result.h"
#include "models/scenario.h"

#include <memory>
#include <optional>

namespace poolsim::models {

struct RunOptions
{
    std::optional<std::int64_t> replications; // overrides the scenario's
    std::optional<std::uint64_t> seed;        // overrides the scenario's
    unsigned threads = 0;                     // 0: one per core
};

/// Throws ScenarioError / std::invalid_argument for a scenario that cannot run. When the
/// observer stops the run, the result covers the replications that finished (complete = false).
std::shared_ptr<const RunResult> runScenario(const Scenario& scenario, const RunOptions& options,
                                             engine::RunObserver* observer = nullptr);

} // namespace poolsim::models
