#pragma once
// The "Run:" and "Requests:" choosers the Timeline, Waits and Summary pages share: filled from
// a Run outcome's runs, keeping the reader's choice across re-runs (live mode) by name; and the
// metric and series choosers of the Sweep and Variants pages, listing what the runs measured.
#ifndef Q_MOC_RUN
#include "models/planning/comparison.h"
#endif

#include <vector>

class QComboBox;

namespace poolsim::ui {

/// Lists the runs' names (their descriptions as tooltips) without signalling, then selects
/// the run chosen before when it is still there, else the first.
void fillRunChooser(QComboBox* chooser, const std::vector<models::VariantRun>& runs);

/// The run `chooser` selects among `runs`; null when none.
const models::VariantRun* chosenRun(const QComboBox* chooser, const std::vector<models::VariantRun>& runs);

/// "all requests" and each workload of `run` (empty without a run), without signalling,
/// keeping the choice made before when it is still there.
void fillScopeChooser(QComboBox* chooser, const models::VariantRun* run);

/// The metrics a result with `parts` has (label, models::Metric as int data), without
/// signalling, keeping the metric chosen before when it is still listed, else `fallback`.
void fillMetricChooser(QComboBox* chooser, models::ModelParts parts, models::Metric fallback);
/// The same for the time series (models::Series as int data), else the first.
void fillSeriesChooser(QComboBox* chooser, models::ModelParts parts);

/// The parts every run had (RunResult::parts): what a view of several runs may show.
models::ModelParts commonParts(const std::vector<const models::RunResult*>& results);

} // namespace poolsim::ui
