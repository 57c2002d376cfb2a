#pragma once
// Parameter sweeps: the scenario run at every value of one parameter, or at every point of a
// grid of two, all on one pool of threads whose tasks are (point, replication) pairs, so that
// threads go from point to point and many cores stay busy even with few replications.
//
// Every point runs on the same seed (common random numbers: point to point, replication r sees
// the same arrivals and hold times), and each point's result is exactly what runScenario gives
// on that point's scenario, whatever the thread count. With `untilSlo`, a point stops adding
// replications once every service-level verdict is certain, and a row of the sweep stops at its
// first point that meets the service levels.
#include "engine/replication_runner.h"
#include "models/results/run_result.h"
#include "models/results/slo.h"
#include "models/scenario/scenario.h"
#include "models/simulation/simulation.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace poolsim::models {

/// The most points a sweep may have (a grid's rows x columns).
inline constexpr std::size_t kMaxSweepPoints = 10'000;

/// With untilSlo, a point's service levels are first judged after this many replications.
inline constexpr std::size_t kMinSloReplications = 3;

struct SweepOptions
{
    RunOptions run; // replications per point, seed, threads: as for runScenario
    /// Stop each point once its service-level verdicts are certain, and each row at its first
    /// point that meets them. Needs a scenario with `slo:`.
    bool untilSlo = false;
    /// Keep each point's per-bin series bands (memory: bins x series per point).
    bool keepSeries = false;
    /// Names the changes in errors about a point's values (they have no place in a file).
    std::string label = "--param";
};

struct SweepPoint
{
    std::vector<std::string> values; // one per parameter, as written
    /// Its row (in a grid, the index of the first parameter's value; 0 in a one-parameter sweep)
    /// and its place in the row (the index of the last parameter's value).
    std::size_t row = 0, column = 0;
    std::shared_ptr<const RunResult> result;
    std::int64_t requestedReplications = 0;
    bool stoppedEarly = false; // fewer replications than requested: the verdicts were certain
    SloReport slo;             // the scenario's service levels checked on this point
};

struct SweepResult
{
    std::string scenarioName;
    std::vector<SweepParam> params;
    /// First parameter outer. With untilSlo, each row ends at its first point that meets the
    /// service levels (the rest are not reported).
    std::vector<SweepPoint> points;
    bool untilSlo = false;
    bool complete = true;   // false when the observer stopped the sweep
    unsigned threads = 0;   // per process
    unsigned processes = 1; // of the job (MPI ranks)
    double wallSeconds = 0;
    std::uint64_t events = 0, requests = 0; // of the points reported
};

/// What to sweep: `requested` (from --param) when not empty, else the scenario's `sweep:`.
/// Throws std::invalid_argument when there is nothing to sweep, more than two parameters, or a
/// path swept twice.
std::vector<SweepParam> sweepParams(const Scenario& scenario, const std::vector<SweepParam>& requested);

/// The grid's points in order, first parameter outer: each point's values, one per parameter.
std::vector<std::vector<std::string>> sweepGrid(const std::vector<SweepParam>& params);

/// One point's scenario: applySettings(base, {{path, value}, ...}, label). Throws ScenarioError.
Scenario sweepPointScenario(const Scenario& base, const std::vector<SweepParam>& params,
                            const std::vector<std::string>& values, const std::string& label);

/// Runs the sweep. Every point's scenario is made (and checked) before anything runs. Throws
/// ScenarioError for a bad value, std::invalid_argument for a bad request (untilSlo without
/// service levels, too many points). `observer` sees one progress over the whole sweep; when it
/// stops the sweep, the result has complete = false.
SweepResult runSweep(const Scenario& base, const std::vector<SweepParam>& params, const SweepOptions& options,
                     engine::RunObserver* observer = nullptr);

} // namespace poolsim::models
