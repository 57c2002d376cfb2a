#pragma once
// Variants of a scenario run side by side, and the difference between two runs per metric.
//
// Variants are compared with common random numbers: the engine's streams are keyed by (seed,
// replication, stream id from each workload's name), so every variant run on the same seed
// sees the same arrivals and hold times in replication i, and the difference of a metric in
// replication i is due to the change alone, not to luck. Differences are then estimated from
// the per-replication pairs, which gives a far narrower interval than comparing two independent
// runs (Welch), also available here.
#include "engine/replication_runner.h"
#include "models/results/run_result.h"
#include "models/results/slo.h"
#include "models/scenario/scenario.h"
#include "models/simulation/simulation.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace poolsim::models {

/// The name that stands for the scenario as written (without any variant's changes), unless the
/// file has a variant of that name.
inline constexpr std::string_view kBaseVariantName = "base";

/// One variant, run.
struct VariantRun
{
    std::string name;
    std::string description;
    std::vector<SettingChange> changes; // the variant's `set`, as written (none for base)
    Scenario scenario;                  // the base with those changes applied
    std::shared_ptr<const RunResult> result;
    /// Ran on the seed every variant shares, so that it can be compared with common random
    /// numbers. False only for a variant whose `set` gives it a seed of its own: its random
    /// numbers are independent of the others', and comparisons with it fall back to Welch.
    bool commonRandomNumbers = true;
};

/// The names of the scenario's variants, in file order.
std::vector<std::string> variantNames(const Scenario& base);

/// The scenario a name stands for: `base` (the scenario as written, unless a variant is called
/// so) or one of its variants. Throws std::invalid_argument listing the variants.
Scenario resolveVariant(const Scenario& base, const std::string& name);

/// The seed every variant runs on: --seed when given, else the base scenario's.
std::uint64_t sharedSeed(const Scenario& base, const RunOptions& options);

/// Runs each named variant with the same options, in order, all on the shared seed except a
/// variant that sets `seed` itself (which then runs on its own; commonRandomNumbers false).
/// Every name is resolved before anything runs, so a wrong name costs no time. `observer` sees
/// one progress over all the runs; when it stops them, the list ends with the run it stopped
/// (result->complete false) and the rest are not run.
std::vector<VariantRun> runVariants(const Scenario& base, const std::vector<std::string>& names,
                                    const RunOptions& options, engine::RunObserver* observer = nullptr);

// ---- Differences ---------------------------------------------------------------------------

enum class ComparisonMethod {
    Paired, // differences per replication (common random numbers), Student t over the pairs
    Welch   // difference of the means of independent runs, Welch-Satterthwaite degrees of freedom
};
std::string_view methodName(ComparisonMethod method);

/// other - baseline for one metric: the mean difference and the half-width of its 95%
/// confidence interval (NaN when there are too few replications to tell). Significant when the
/// interval excludes 0.
struct Difference
{
    double mean = 0;
    double ci95 = 0;
    bool significant = false;
};

struct MetricDifferences
{
    std::array<Difference, kMetricCount> values{};
    const Difference& operator[](Metric m) const { return values[static_cast<std::size_t>(m)]; }
    Difference& operator[](Metric m) { return values[static_cast<std::size_t>(m)]; }
};

struct Comparison
{
    ComparisonMethod method = ComparisonMethod::Paired;
    std::int64_t pairs = 0; // replications paired (Paired), or 0 (Welch)
    MetricDifferences total;
    std::vector<std::string> workloadNames; // the workloads both runs have, in the baseline's order
    std::vector<MetricDifferences> workloads;
    ModelParts parts; // both runs': the metrics compared
};

/// The difference other - baseline of every metric, overall and per workload. Paired pairs
/// replication i with replication i, over the replications both finished; it needs both runs
/// complete (a stopped run does not say which replications finished) and throws
/// std::invalid_argument otherwise. A replication where a metric has no value (NaN) is left out
/// of that metric.
Comparison compareRuns(const RunResult& baseline, const RunResult& other, ComparisonMethod method);

/// Paired when both variants ran on the same seed with common random numbers, else Welch.
ComparisonMethod defaultMethod(const VariantRun& baseline, const VariantRun& other);

/// Welch's unpaired difference of two samples (other - baseline), exposed for tests.
Difference welchDifference(const std::vector<double>& baseline, const std::vector<double>& other);
/// The mean of the paired differences other[i] - baseline[i] and its Student t interval.
Difference pairedDifference(const std::vector<double>& baseline, const std::vector<double>& other);

// ---- Service levels as text ----------------------------------------------------------------

/// The limits a run misses, one line each, in the metric's catalogue format:
/// "wait_p95 <= 1s: 1.118 ± 0.302 s (upper 95% bound 1.420 s)"; for a minimum
/// "availability >= 99.9%: 99.120 ± 0.310% (lower 95% bound 98.810%)".
std::vector<std::string> failedLimits(const SloReport& report);

// ---- JSON ------------------------------------------------------------------------------------

nlohmann::ordered_json toJson(const Comparison& comparison);
/// One variant run: name, description, its changes (set), seed, common_random_numbers, slo_met
/// (true when the scenario sets no limits), and the run itself (toJson(RunResult), with the
/// service-level report under "slo") under "result".
nlohmann::ordered_json toJson(const VariantRun& run);
/// Warnings about a set of variant runs, for tables and JSON: variants not run on the shared
/// seed (no common random numbers), and runs stopped early.
std::vector<std::string> variantWarnings(const std::vector<VariantRun>& runs);

} // namespace poolsim::models
