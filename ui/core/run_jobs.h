#pragma once
// What each kind of job runs, on the worker thread: only calls into models/, gathered into one
// RunOutcome. Separate from RunController, which only owns threads and job numbers.
#include "ui/core/qt_run_observer.h"
#include "ui/core/run_controller.h"
#include "ui/core/run_outcome.h"

#include <cstdint>

namespace poolsim::ui {

/// Runs the job and returns its outcome (complete = false when the observer stopped it).
/// Throws what models/ throws: ScenarioError, std::invalid_argument (a sweep or recommend
/// request the scenario cannot serve), models::RecommendInterrupted when a recommend search is
/// stopped.
OutcomePtr runJob(std::uint64_t job, const models::Scenario& scenario, const JobRequest& request,
                  QueuedRunObserver& observer);

/// The names a Run job runs: "base" (the scenario as written), then each variant.
std::vector<std::string> runNames(const models::Scenario& scenario);

} // namespace poolsim::ui
