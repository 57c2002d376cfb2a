#include "models/results/series_decimation.h"

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace poolsim::models {

XYSeries decimateMinMax(std::span<const double> x, std::span<const double> y, std::size_t maxPoints)
{
    if (x.size() != y.size())
        throw std::invalid_argument("decimation: " + std::to_string(x.size()) + " x values but " +
                                    std::to_string(y.size()) + " y values");
    const std::size_t n = x.size();
    XYSeries out;
    if (n <= maxPoints) {
        out.x.assign(x.begin(), x.end());
        out.y.assign(y.begin(), y.end());
        return out;
    }
    if (maxPoints < 4)
        throw std::invalid_argument(
            "decimation: at least 4 points are needed to keep a series' ends and peaks, got " +
            std::to_string(maxPoints));

    out.x.reserve(maxPoints);
    out.y.reserve(maxPoints);
    auto keep = [&](std::size_t i) {
        out.x.push_back(x[i]);
        out.y.push_back(y[i]);
    };

    keep(0);
    // The points strictly between the ends, split into `runs` runs of (almost) equal length:
    // run r covers [1 + r * inner / runs, 1 + (r + 1) * inner / runs).
    const std::size_t inner = n - 2;
    const std::size_t runs = (maxPoints - 2) / 2;
    for (std::size_t r = 0; r < runs; ++r) {
        const std::size_t begin = 1 + r * inner / runs;
        const std::size_t end = 1 + (r + 1) * inner / runs;
        if (begin == end)
            continue;
        std::size_t lo = end, hi = end; // no number yet
        for (std::size_t i = begin; i < end; ++i) {
            if (std::isnan(y[i]))
                continue;
            if (lo == end || y[i] < y[lo])
                lo = i;
            if (hi == end || y[i] > y[hi])
                hi = i;
        }
        if (lo == end) { // only NaN: keep the gap
            keep(begin);
            continue;
        }
        if (lo == hi) {
            keep(lo);
        } else if (lo < hi) {
            keep(lo);
            keep(hi);
        } else {
            keep(hi);
            keep(lo);
        }
    }
    keep(n - 1);
    return out;
}

} // namespace poolsim::models
