#pragma once
// The runs a Run outcome holds, as the pages list them: the scenario as written (base) first,
// then each variant, without showing the base twice when the job also ran it as a variant.
#include "models/planning/comparison.h"
#include "ui/core/run_outcome.h"

#include <QString>

#include <vector>

namespace poolsim::ui {

/// Base first (named models::kBaseVariantName, with the outcome's scenario), then the variants
/// in order; runs without a result are left out. Empty for a null or non-Run outcome.
std::vector<models::VariantRun> shownRuns(const OutcomePtr& outcome);

/// A run's pool as the editor states it: "10" for one instance, "10 x 4 = 40" for several (the
/// editor's size is per instance; the charts draw the total).
QString poolSizeText(const models::VariantRun& run);

} // namespace poolsim::ui
