#pragma once
// Service levels: limits on summary metrics, met when the upper end of the metric's 95%
// confidence interval is within the limit (so a run too short to tell does not pass). A metric
// where higher is better (availability) has a minimum instead: met when the lower end is at
// least the limit (SloBound::AtLeast).
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
    SloBound bound = SloBound::AtMost;
    bool met = false; // upper <= limit (AtLeast: lower >= limit)
    // Met with an interval of some width, or missed with even the other end beyond the limit.
    bool certain = false;
    /// The end of the interval the verdict is on: upper, or lower for a minimum.
    double judged() const { return bound == SloBound::AtLeast ? lower : upper; }
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

/// "wait_p95 <= 1s", "reports: response_p95 <= 30s", or for a minimum "availability >= 99.9%".
std::string describeLimit(const SloLimit& limit);

/// How a limit is judged: SloBound::AtLeast for a key where higher is better, else AtMost.
SloBound limitBound(const SloLimit& limit);
/// Whether any of the limits is a minimum (tables then say which end each is judged on).
bool anyMinimum(const std::vector<SloLimit>& limits);
/// "upper" or "lower": the end of the 95% interval a check is judged on.
std::string_view judgedEndName(const SloCheck& check);

/// A value, or a mean and its 95% half-width, of the metric `limit` limits, as the metric
/// catalogue writes it, except that a count keeps its fraction (0.33 timeouts against a limit
/// of 0 must not read "0"): "1.118 s", "0.250%", "0.33", "2.154 ± 0.820 s".
std::string limitValueText(const SloLimit& limit, double value);
std::string limitEstimateText(const SloLimit& limit, double mean, double ci95);

} // namespace poolsim::models
