#pragma once
// A histogram of wait times rebuilt from the quantiles a run keeps for plots (RunResult::
// waitCdfS at models::kWaitCdfProbabilities): between two neighbouring quantiles lies the
// probability mass of their probabilities' difference, spread evenly over the waits between
// them. Requests that did not wait at all (both quantiles 0) are counted apart: in most runs
// they are the great majority, and a bar for them would flatten every other bar. No Qt.
#include <cstddef>
#include <span>
#include <vector>

namespace poolsim::ui {

struct WaitHistogram
{
    double noWaitShare = 0; // of all served requests, those that waited 0
    double binWidthS = 0;   // a round width: 1, 2 or 5 x 10^k seconds
    std::vector<double> binStartS;
    std::vector<double> share; // of all served requests, those whose wait falls in each bin
};

/// Bins of a round width covering [0, the largest quantile], about `bins` of them. Empty
/// (no bins, no share) when the quantiles are missing or not finite. noWaitShare plus the bins'
/// shares is 1.
WaitHistogram waitHistogram(std::span<const double> quantilesS, std::span<const double> probabilities,
                            std::size_t bins = 40);

/// The quantile at probability p, interpolated linearly between the kept points.
double quantileAt(std::span<const double> quantilesS, std::span<const double> probabilities, double p);

} // namespace poolsim::ui
