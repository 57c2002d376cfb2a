#pragma once
// `poolsim analytic`: the closed forms of models/analytic/analytic.h applied to the steady part of a
// scenario, shown beside a short simulation of exactly that part, with the reasons the figures
// are only a rough guide for the scenario as a whole.
//
// The steady part is every workload with `poisson` arrivals whose request is a `hold` of one
// connection. Each instance is taken to receive 1/instances of their arrivals as a Poisson
// stream (exact for the random balancer; round-robin and least-busy spread the load more evenly,
// so the figures are then slightly pessimistic). The hold time is the rate-weighted mean of the
// workloads' holds times hold_scale. The pool timeout picks the model: none -> Erlang C (M/M/c),
// 0 -> Erlang B (the pool fails a request at once when no connection is idle: a loss system),
// otherwise M/M/c with a fixed patience (M/M/c+D). No Qt.
#include "models/analytic/analytic.h"
#include "models/analytic/usl_pool_chain.h"
#include "models/metrics/metrics.h"
#include "models/results/run_result.h"
#include "models/scenario/scenario.h"
#include "models/simulation/simulation.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace poolsim::engine {
class RunObserver;
}

namespace poolsim::models {

enum class AnalyticModel {
    ErlangB,      // pool timeout 0: M/M/c/c, a request that finds no idle connection fails
    ErlangC,      // pool timeout none: M/M/c, requests wait as long as it takes
    FixedTimeout, // a positive pool timeout: M/M/c+D, requests wait at most the timeout
    UslChain,     // a database server (database.capacity), one instance, timeout none: the exact
                  // birth-death chain of usl_pool_chain.h
};

/// "erlang_b", "erlang_c", "mmc_fixed_timeout" (JSON values).
std::string_view analyticModelKey(AnalyticModel model);
/// "Erlang B (M/M/c/c)", ... for tables.
std::string_view analyticModelTitle(AnalyticModel model);

/// What the closed forms are given, per instance.
struct AnalyticInputs
{
    std::vector<std::string> workloads; // the steady Poisson workloads, in scenario order
    double totalRatePerS = 0;           // their arrivals, all instances together
    std::int64_t instances = 1;
    double lambdaPerS = 0;          // per instance: totalRatePerS / instances
    double meanHoldS = 0;           // rate-weighted mean hold, hold_scale included
    bool exponentialHolds = true;   // every hold exponential with one mean: exactly M/M/c
    double offeredLoad = 0;         // lambda x mean hold, in connections (per instance)
    std::int64_t servers = 0;       // c: pool.size
    std::optional<double> timeoutS; // the pool timeout; nullopt: none
    AnalyticModel model = AnalyticModel::ErlangC;
    std::optional<analytic::UslServer> server; // UslChain: the database server
    double requestShare = 1; // the steady part's share of the requests expected over the horizon
};

/// Why the figures are only a rough guide. `kind` is a stable key (JSON); `steadyPart` is true
/// when it concerns the workloads the figures describe (and so may show in the comparison with
/// the simulation), false for what was left out.
struct AnalyticCaveat
{
    std::string kind;
    std::string text;
    bool steadyPart = false;
};

/// One figure of the closed forms beside the simulation's estimate of it. They agree when the
/// simulated 95% confidence interval meets [allowedLow, allowedHigh]: the closed form widened by
/// a small stated tolerance for what the interval does not cover (the start-up and end-of-run
/// edges of finite runs, the histogram's quantile error).
struct FigureComparison
{
    std::string key;     // offered_load, wait_ratio, wait_mean_s, wait_p95_s, ...
    double analytic = 0; // +inf when the queue grows without bound
    double allowedLow = 0, allowedHigh = 0;
    std::optional<Estimate> simulated; // unset before the simulation
    std::optional<bool> agree;         // unset without a simulation, or when analytic is unbounded
};

/// How the check's own simulation was run.
struct CheckSimulation
{
    std::int64_t replications = 0;
    std::uint64_t seed = 0;
    double warmupS = 0, horizonS = 0;
    bool warmupExtended = false; // the scenario's warm-up was shorter than the time to settle
    bool horizonCapped = false;  // shortened to keep the command quick
    double wallSeconds = 0;
    bool complete = true;
};

struct AnalyticCheck
{
    std::string scenarioName;
    bool applicable = false;   // false: no steady Poisson part, no figures
    std::string notApplicable; // why, when not applicable
    AnalyticInputs inputs;
    analytic::QueueFigures figures; // per instance (UslChain: no wait quantiles, NaN)
    double settleS = 0;             // about how long the pool takes to reach steady state from idle
    std::vector<FigureComparison> comparisons; // in display order
    std::vector<AnalyticCaveat> caveats;
    std::optional<CheckSimulation> simulation;

    bool stable() const { return figures.stable; }
    /// Every comparable figure agrees (false before a simulation).
    bool agree() const;
    /// Labels of the figures that disagree, in display order.
    std::vector<std::string> disagreeing() const;
    /// One line: "the closed forms and the simulation agree", or which figures disagree.
    std::string verdict() const;
};

/// Readable label of a compared figure: its metric's catalogue label ("served that waited",
/// "wait p95"...), or "offered load".
std::string_view figureLabel(const FigureComparison& figure);

/// The steady part, its closed-form figures and the caveats; no simulation. Throws
/// std::invalid_argument for a scenario whose distributions cannot be built.
AnalyticCheck analyseSteadyPart(const Scenario& scenario);

/// Below this many requests per replication the check's simulation keeps the scenario's horizon;
/// above it the measured window is shortened to about this many requests.
inline constexpr double kCheckRequestBudget = 300000;
/// Replications of the check's simulation unless asked otherwise.
inline constexpr std::int64_t kCheckReplications = 4;

/// The sub-scenario the figures describe: the same pool, backend and database, only the steady
/// workloads, no variants, sweep, service levels or alert rules. Its warm-up is the scenario's,
/// or the settle time when that is longer (at most half the horizon); its horizon is the
/// scenario's, shortened when the measured window would hold more than kCheckRequestBudget
/// requests (but never below 20 settle times). `check` must be applicable.
Scenario steadySubScenario(const Scenario& scenario, const AnalyticCheck& check);

/// Fills the simulated estimates, agreement and `simulation` from a run of steadySubScenario.
void compareWithSimulation(AnalyticCheck& check, const RunResult& simulated);

/// analyseSteadyPart, then (when applicable) a run of steadySubScenario with
/// options.replications (default kCheckReplications) and options.seed, then the comparison.
AnalyticCheck runAnalyticCheck(const Scenario& scenario, RunOptions options,
                               engine::RunObserver* observer = nullptr);

/// The scenario's service levels as far as the closed forms can judge them.
struct AnalyticSloReport
{
    struct Judged
    {
        SloLimit limit;
        double analytic = 0; // the closed form's figure, in the limit's unit
        bool met = false;    // analytic <= limit
    };
    struct NotJudged
    {
        SloLimit limit;
        std::string reason;
    };
    std::vector<Judged> judged;
    std::vector<NotJudged> notJudged;
    bool met() const; // every judged limit met (true when none is judged)
};

/// Limits on wait_mean, wait_p50, wait_p95, wait_p99, wait_ratio, timeout_ratio and
/// utilization_mean, of all requests or of a steady workload (in a FIFO pool every steady
/// workload sees the same waits), are judged; the others are listed with the reason.
AnalyticSloReport judgeSloAnalytically(const AnalyticCheck& check, const std::vector<SloLimit>& limits);

} // namespace poolsim::models
