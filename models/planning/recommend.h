#pragma once
// `poolsim recommend`: the smallest pool per instance that meets a scenario's service levels
// (slo:), found by simulation, beside what the rules of thumb would give, the database's
// connection budget, and the pool sizes below which nested (one_by_one) acquisitions can
// deadlock. No Qt.
//
// The search simulates candidate sizes with the same random numbers (the same seed and
// replications for every probe: common random numbers), so that a larger pool sees the same
// traffic and the verdict grows with the size in practice; it is not a proof of monotonicity,
// and the search trusts it. It gallops from a starting size (ceil of the offered load per
// instance) - up by doubling the size until one meets, or down by doubling steps until one
// misses - then bisects between the last miss and the first meet. Every probe is memoised by
// (instances, size) and kept for the report.
//
// With a database server (database.capacity) a pool can be too big, so the verdict is not
// trusted to grow with the size: the search (size_search.h) assumes only that the sizes that
// meet form one interval, finds its smallest and largest and the size in it with the lowest
// response p99, and the alternatives to a broken budget search each instance count's sizes
// instead of judging them by the largest that fits. Without a server nothing of this runs.
#include "engine/replication_runner.h"
#include "models/results/run_result.h"
#include "models/results/slo.h"
#include "models/scenario/scenario.h"
#include "models/simulation/simulation.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace poolsim::models {

struct RecommendOptions
{
    std::optional<std::int64_t> instances; // overrides backend.instances
    std::int64_t maxPool = 1000;           // the largest pool per instance the search tries
    RunOptions run;                        // the same for every probe
};

/// One simulated pool size at one instance count.
struct Probe
{
    std::int64_t instances = 0;
    std::int64_t poolSize = 0;
    std::string purpose; // what first asked for it: "search", "users rule", "fewer instances"...
    std::shared_ptr<const RunResult> result;
    SloReport slo;
    bool met() const { return slo.met(); }
};

/// A search for the smallest size meeting the service levels at one instance count.
struct SizeSearch
{
    std::int64_t instances = 0;
    std::int64_t minSize = 1; // the smallest size the scenario allows (min_idle, connections per request)
    std::int64_t maxSize = 0; // the largest size tried
    std::int64_t start = 0;   // the first size probed
    bool found = false;
    std::int64_t poolSize = 0;       // the smallest size that met (found)
    std::optional<std::size_t> best; // the probe at poolSize, or when not found the best probe
    std::vector<std::size_t> probes; // the probes this search made or reused, in order
    /// With a database server (database.capacity) a pool can be too big, so the verdict need
    /// not grow with the size: the range of sizes that meet, and the best in it (lowest
    /// response p99). Set when found and the scenario has a server.
    std::optional<std::int64_t> bestPoolSize, largestPoolSize;
};

/// A rule of thumb for the pool size per instance, and how the simulation judges it.
struct RuleOfThumb
{
    bool applicable = false;
    std::string basis;                    // how the number was reached, or why there is none
    std::int64_t users = 0;               // users rule: the users counted
    std::int64_t cores = 0, spindles = 0; // HikariCP rule
    std::int64_t total = 0;               // HikariCP rule: connections for the whole database
    std::int64_t poolSize = 0;            // per instance
    std::optional<std::size_t> probe;     // the simulation at poolSize (absent when it cannot run)
    std::string note;                     // why it was not simulated
};

/// The recommended total against the database's connection limit.
struct DatabaseBudget
{
    std::optional<std::int64_t> maxConnections; // unset: unlimited
    std::int64_t reserved = 3;
    std::optional<std::int64_t> budget; // max_connections - reserved; unset: unlimited
    std::optional<std::int64_t> total;  // recommended pool size x instances (when found)
    std::optional<bool> fits;           // total <= budget (when found)
    std::optional<std::int64_t> postgresMaxConnectionsNeeded; // total + reserved
};

/// Alternatives when the recommendation breaks the budget.
struct BudgetAlternatives
{
    /// (a) The largest instance count below the current one whose own smallest size meeting
    /// the service levels fits the budget in all; nullopt when none does.
    std::optional<SizeSearch> fewerInstances;
    std::int64_t instanceCountsTried = 0;
    /// (b) The largest pool per instance within the budget, floor(budget / instances), and its
    /// simulation (absent when that size is below the smallest the scenario allows).
    std::int64_t largestPool = 0;
    std::optional<std::size_t> largestPoolProbe;
    std::string note;
};

/// A workload that takes k > 1 connections one by one: with T such requests in flight, a
/// pool of T (k - 1) + 1 always lets one of them finish; below that they can all hold k - 1
/// connections and wait for one more (until pool.timeout fails them, or for ever with none).
struct DeadlockWarning
{
    std::size_t workload = 0;
    std::string name;
    std::int64_t connections = 0;            // k
    std::string arrivals;                    // users, batch, burst, poisson, profile, trace
    std::optional<std::int64_t> threads;     // most requests in flight; unset: unbounded (open arrivals)
    std::optional<std::int64_t> minPoolSize; // threads x (k - 1) + 1
};

struct Recommendation
{
    std::string scenarioName;
    std::vector<SloLimit> slo;
    std::int64_t replications = 0;
    std::uint64_t seed = 0;
    std::vector<Probe> probes; // every simulation, in the order made
    SizeSearch search;         // at the scenario's (or --instances') instance count
    RuleOfThumb usersRule, hikariRule;
    DatabaseBudget database;
    std::optional<BudgetAlternatives> alternatives; // when the recommendation breaks the budget
    std::vector<DeadlockWarning> deadlocks;

    bool found() const { return search.found; }
    /// The probe to show as the outcome: the recommended size, or the best one tried.
    const Probe* shown() const { return search.best ? &probes[*search.best] : nullptr; }
    /// The probe of `size` per instance at the search's instance count, if one was made.
    const Probe* probeAt(std::int64_t size) const
    {
        for (const Probe& p : probes)
            if (p.instances == search.instances && p.poolSize == size)
                return &p;
        return nullptr;
    }
    /// Not found, or over the database budget: what --check fails on.
    bool needsAttention() const { return !found() || (database.fits && !*database.fits); }
};

/// Thrown when the observer stops a probe (Ctrl-C): no partial recommendation is made.
class RecommendInterrupted : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Searches and evaluates as described at the top. Throws std::invalid_argument when the
/// scenario has no slo: or the limits leave no size to try, ScenarioError for a scenario that
/// cannot run, RecommendInterrupted when stopped.
Recommendation recommendPoolSize(const Scenario& scenario, const RecommendOptions& options,
                                 engine::RunObserver* observer = nullptr);

// ---- The parts that need no simulation (recommend_rules.cpp) ------------------------------

/// The smallest pool.size the scenario accepts: the most connections one request takes, and
/// pool.min_idle when it is written (min_idle stays as written; it may not exceed the size).
std::int64_t smallestAllowedPoolSize(const Scenario& scenario);

/// Connections busy on average per instance from the steady traffic: Poisson and profile
/// arrivals (the profile's rate averaged over the horizon), traces, and closed populations
/// (users x hold / (hold + think)). Bursts and batches are left out (they come and go).
double offeredLoadPerInstance(const Scenario& scenario, std::int64_t instances);

/// users x 1.5 + 10, rounded up, per instance: users = backend.users, else the sum of the
/// closed populations; not applicable when neither.
RuleOfThumb usersRule(const Scenario& scenario);

/// HikariCP's connections = cores x 2 + effective spindles (database.spindles, 1 by default),
/// for the whole database; per instance ceil(total / instances). Not applicable without
/// database.cores.
RuleOfThumb hikariRule(const Scenario& scenario, std::int64_t instances);

/// database.max_connections - reserved; the total and what PostgreSQL would need for it.
DatabaseBudget databaseBudget(const Scenario& scenario, std::optional<std::int64_t> total);

/// One warning per workload taking more than one connection one by one.
std::vector<DeadlockWarning> deadlockWarnings(const Scenario& scenario);

// ---- Output (recommend_json.cpp) -----------------------------------------------------------

nlohmann::ordered_json toJson(const Recommendation& recommendation);

} // namespace poolsim::models
