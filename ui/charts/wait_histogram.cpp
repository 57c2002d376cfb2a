#include "ui/charts/wait_histogram.h"

#include <algorithm>
#include <cmath>

namespace poolsim::ui {

namespace {

/// The smallest 1, 2 or 5 x 10^k at least `value`.
double roundUp(double value)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * magnitude >= value * (1 - 1e-12))
            return m * magnitude;
    return 10 * magnitude;
}

} // namespace

WaitHistogram waitHistogram(std::span<const double> quantilesS, std::span<const double> probabilities,
                            std::size_t bins)
{
    WaitHistogram h;
    const std::size_t n = std::min(quantilesS.size(), probabilities.size());
    if (n < 2 || bins == 0 ||
        std::any_of(quantilesS.begin(), quantilesS.begin() + static_cast<std::ptrdiff_t>(n),
                    [](double q) { return !std::isfinite(q); }))
        return h;

    const double largest = std::max(0.0, quantilesS[n - 1]);
    if (largest > 0) {
        h.binWidthS = roundUp(largest / static_cast<double>(bins));
        const auto count = static_cast<std::size_t>(std::max(1.0, std::ceil(largest / h.binWidthS - 1e-9)));
        h.share.assign(count, 0.0);
        for (std::size_t b = 0; b < count; ++b)
            h.binStartS.push_back(static_cast<double>(b) * h.binWidthS);
    }
    auto binOf = [&](double wait) {
        const auto b = static_cast<std::size_t>(std::max(0.0, std::floor(wait / h.binWidthS)));
        return std::min(b, h.share.size() - 1);
    };

    // Mass below the first kept probability (0 for the standard list) counts as its quantile.
    h.noWaitShare = quantilesS[0] <= 0 ? probabilities[0] : 0;
    if (quantilesS[0] > 0)
        h.share[binOf(quantilesS[0])] += probabilities[0];
    for (std::size_t i = 0; i + 1 < n; ++i) {
        const double mass = probabilities[i + 1] - probabilities[i];
        const double lo = std::max(0.0, quantilesS[i]), hi = std::max(lo, quantilesS[i + 1]);
        if (mass <= 0)
            continue;
        if (hi <= 0) {
            h.noWaitShare += mass;
        } else if (hi == lo) {
            h.share[binOf(lo)] += mass;
        } else {
            // Spread evenly over [lo, hi]: each bin gets the share of the interval it overlaps.
            for (std::size_t b = binOf(lo); b < h.share.size(); ++b) {
                const double start = h.binStartS[b], end = start + h.binWidthS;
                if (start >= hi)
                    break;
                const double overlap = std::min(end, hi) - std::max(start, lo);
                if (overlap > 0)
                    h.share[b] += mass * overlap / (hi - lo);
            }
        }
    }
    // What lies above the last kept probability (1 for the standard list) is at the maximum.
    const double rest = 1 - probabilities[n - 1];
    if (rest > 0) {
        if (largest > 0)
            h.share.back() += rest;
        else
            h.noWaitShare += rest;
    }
    return h;
}

double quantileAt(std::span<const double> quantilesS, std::span<const double> probabilities, double p)
{
    const std::size_t n = std::min(quantilesS.size(), probabilities.size());
    if (n == 0)
        return std::nan("");
    if (p <= probabilities[0])
        return quantilesS[0];
    for (std::size_t i = 0; i + 1 < n; ++i)
        if (p <= probabilities[i + 1]) {
            const double span = probabilities[i + 1] - probabilities[i];
            const double t = span > 0 ? (p - probabilities[i]) / span : 1;
            return quantilesS[i] + t * (quantilesS[i + 1] - quantilesS[i]);
        }
    return quantilesS[n - 1];
}

} // namespace poolsim::ui
