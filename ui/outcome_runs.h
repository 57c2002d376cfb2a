#pragma once
// The runs a Run outcome holds, as the pages list them: the scenario as written (base) first,
// then each variant, without showing the base twice when the job also ran it as a variant.
#include "models/comparison.h"
#include "ui/run_outcome.h"

#include <vector>

namespace poolsim::ui {

/// Base first (named models::kBaseVariantName, with the outcome's scenario), then the variants
/// in order; runs without a result are left out. Empty for a null or non-Run outcome.
std::vector<models::VariantRun> shownRuns(const OutcomePtr& outcome);

} // namespace poolsim::ui
