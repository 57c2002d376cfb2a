#pragma once
// What the pure USL fit and the fit with a round trip share. Internal to models/fitting.
#include "models/fitting/usl_fit.h"

#include <optional>
#include <vector>

namespace poolsim::models::detail {

/// Throws std::invalid_argument for points the USL cannot be fitted to (see fitUsl).
void checkUslPoints(const std::vector<UslPoint>& points, std::optional<int> cores);

/// Throws std::invalid_argument when the best fit has sigma = 1: the throughput does not rise with
/// concurrency, and the USL does not describe it.
void checkRises(const UslCurve& best);

/// 1 - SSE / SST of the throughputs against fit.at(concurrency); NaN when every throughput is equal.
double rSquared(const std::vector<UslPoint>& points, const UslFit& fit);

/// fitUsl with UslFitModel::RoundTrip, after checkUslPoints.
UslFit fitUslRoundTrip(const std::vector<UslPoint>& points, std::optional<int> cores);

} // namespace poolsim::models::detail
