#pragma once
// What one job of the GUI produced, as a read-only value shared between the worker that made
// it and the pages that show it. Only models/ types: no simulation logic lives in ui/.
#include "models/analytic/analytic_check.h"
#include "models/planning/comparison.h"
#include "models/planning/recommend.h"
#include "models/planning/sweep.h"
#include "models/results/run_result.h"
#include "models/scenario/scenario.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace poolsim::ui {

/// Which kind of job made an outcome.
enum class JobKind {
    Run,      // the scenario and every variant (common random numbers), and the analytic check
    Sweep,    // a sweep of one or two parameters
    Recommend // the pool-size search
};

struct RunOutcome
{
    std::uint64_t job = 0; // the job number (a newer job makes this one stale)
    JobKind kind = JobKind::Run;
    models::Scenario scenario; // exactly what ran, copied on the GUI thread before the job
    bool complete = true;      // false when stopped: what finished is shown, marked incomplete
    /// Live mode's quick first step: only the scenario as written ran; the variants and the
    /// analytic check come in the next outcome (pages say they are on their way).
    bool baseOnly = false;

    // JobKind::Run
    std::shared_ptr<const models::RunResult> base;         // the scenario as written
    std::vector<models::VariantRun> variants;              // each of its variants, same seed as base
    std::shared_ptr<const models::AnalyticCheck> analytic; // null when the check failed to run

    // JobKind::Sweep
    std::shared_ptr<const models::SweepResult> sweep;

    // JobKind::Recommend
    std::shared_ptr<const models::Recommendation> recommendation;
};

using OutcomePtr = std::shared_ptr<const RunOutcome>;

} // namespace poolsim::ui
