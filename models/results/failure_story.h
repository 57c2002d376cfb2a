#pragma once
// What a planner asks first of a run whose instances can fail: did one fail, when, and did the
// failure spread to the others? One reading of the result, shared by the CLI summary, the
// desktop program's summary and the report, so they say the same thing in the same words.
#include "models/results/run_result.h"

#include <cstdint>
#include <optional>
#include <string>

namespace poolsim::models {

struct FailureStory
{
    std::int64_t replications = 0; // that ran to the horizon
    std::int64_t withFailure = 0;  // of those, with at least one instance failure after warm-up
    std::int64_t cascaded = 0;     // of those, where more than one instance failed
    std::int64_t instances = 0;
    double firstMeanS = 0, firstMinS = 0, firstMaxS = 0; // the first failure, over withFailure
    double failuresMean = 0;                             // instance failures per replication
    double availability = 1;                             // mean share of instance-time up

    /// One or two sentences: "No instance failed in 10 replications." or "An instance failed
    /// in 7 of 10 replications, first at 00:06:12 on average (00:04:40 to 00:08:03); it spread
    /// to other instances in 5 of them. Availability 97.1%."
    std::string sentence() const;
};

/// The story of `result`; empty when its instances could not fail (no health check, no
/// overload crash).
std::optional<FailureStory> failureStory(const RunResult& result);

/// "01:02:03": simulated seconds as a clock from the start of the run.
std::string formatClock(double seconds);

} // namespace poolsim::models
