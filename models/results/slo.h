#pragma once
// Service levels: limits on summary metrics, met when the upper end of the metric's 95%
// confidence interval is within the limit (so a run too short to tell does not pass).
#include "models/metrics/limit_keys.h"
#include "models/results/run_result.h"
#include "models/scenario/scenario.h"

#include <optional>
#include <string_view>
#include <vector>

namespace poolsim::models {

/// One limit checked against a run.
struct SloCheck
{
    SloLimit limit;
    Estimate estimate;
    double lower = 0, upper = 0; // the 95% interval (the mean itself when there is no interval)
    bool met = false;            // upper <= limit
    bool certain =
        false; // met with an interval of some width, or missed with even the lower end above the limit
};

struct SloReport
{
    std::vector<SloCheck> checks; // in the order of the scenario's limits
    bool met() const;             // every check met (true when there are none)
    bool decided() const;         // every check certain
};

/// Checks the limits against a run's estimates; a limit on a workload the result does not have
/// throws std::invalid_argument.
SloReport evaluateSlo(const std::vector<SloLimit>& limits, const RunResult& result);

/// "wait_p95 <= 1s" or "reports: response_p95 <= 30s".
std::string describeLimit(const SloLimit& limit);

/// A value, or a mean and its 95% half-width, of the metric `limit` limits, as the metric
/// catalogue writes it, except that a count keeps its fraction (0.33 timeouts against a limit
/// of 0 must not read "0"): "1.118 s", "0.250%", "0.33", "2.154 ± 0.820 s".
std::string limitValueText(const SloLimit& limit, double value);
std::string limitEstimateText(const SloLimit& limit, double mean, double ci95);

} // namespace poolsim::models
