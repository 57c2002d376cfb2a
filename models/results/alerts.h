#pragma once
// Alert rules over the per-bin time series, evaluated as monitoring would (a Prometheus rule
// with a range window and a `for` clause): the signal, averaged, summed or maximised over a
// sliding window, above a threshold for longer than a minimum time.
#include "models/metrics/limit_keys.h"
#include "models/metrics/metrics.h"
#include "models/results/run_result.h"
#include "models/results/slo.h"
#include "models/scenario/scenario.h"

#include <array>
#include <limits>
#include <string_view>
#include <vector>

namespace poolsim::models {

/// The rules teams deploy: pool utilization above 80% for more than 1 minute; wait p95 above
/// 1 s; any timeout in a 5-minute window; response p99 above 5 s.
const std::vector<AlertRule>& defaultAlertRules();
/// The default rules of a scenario with `parts`: the four above, and when its instances can
/// fail, `instance-down` (any instance down in a bin), as monitoring pages on a failed instance.
const std::vector<AlertRule>& defaultAlertRules(ModelParts parts);

/// Per-bin series of one run, indexed by Series (a replication's, or the means across them).
using SeriesView = std::array<const std::vector<double>*, kSeriesCount>;

/// The scenario's rules, or the defaults for its parts when it sets none.
const std::vector<AlertRule>& effectiveAlertRules(const Scenario& scenario);

/// Where `rule` fires over `series`: the windowed value (mean of levels, sum of counts, max of
/// percentiles over the bins of the window ending at each bin) above the threshold, for longer
/// than the rule's `for`. Bins that start before the end of the warm-up are left out (a bin
/// straddling it holds warm-up data); NaN bins (no requests to take a percentile of) count for
/// nothing and never fire. A period ends at the horizon (the last bin may be partial).
/// Throws std::invalid_argument for an unknown signal.
std::vector<AlertPeriod> evaluateAlert(const AlertRule& rule, const SeriesView& series, double resolutionS,
                                       double warmupS, double poolSizeTotal,
                                       double horizonS = std::numeric_limits<double>::infinity());

} // namespace poolsim::models
