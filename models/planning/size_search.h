#pragma once
// The pool-size search of `poolsim recommend` for a scenario with a database server
// (database.capacity), apart from the simulations so that it can be checked on made-up verdicts.
//
// With a server, a pool can be too big: beyond the server's best concurrency more connections
// slow every query down, so the verdict need not grow with the size. The search assumes instead
// that the sizes meeting the service levels form one interval [smallest, largest]: it treats
// the shortfall (sloShortfall: the worst limit's upper 95% end against the limit, at most 1
// exactly when every limit is met) as quasiconvex in the size (falling, then rising, either
// part possibly empty), which holds when each limited metric is, and the response p99 as
// unimodal within the interval. Equal shortfalls are read as still falling, so a flat stretch
// below the interval (a saturated metric) is crossed, but one above it can hide a narrow
// interval; equal p99s go to the smaller size. A verdict that is not one interval (noise at a
// limit) can make it report less than a scan would.
//
// 1. A size that meets: from `start` (ceil of the offered load) up by doubling until one meets
//    or --max-pool is reached (a rising shortfall is not taken as the bottom of the U: sizes
//    that all miss are noisy, and a range can lie above a bump). When none meets, a narrow
//    interval can lie between two doublings, or below the start: a golden-section search of
//    the shortfall in the bracket around the lowest shortfall seen, stopping at the first size
//    that meets.
// 2. The smallest: bisection between the largest miss seen below it (when there is none, down
//    by doubling steps first, as the search without a server does) and the smallest meet.
// 3. The largest (when asked): up from the largest meet by doubling until a size misses or
//    --max-pool, then bisection.
// 4. The best (when asked): golden-section search of the response p99 over [smallest, largest],
//    then the neighbours of the lowest, moving while they are lower.
//
// Every size is simulated at most once (memoised), with common random numbers, so neighbouring
// probes are comparable. Cost, for a range of width w = largest - smallest + 1 starting near
// the offered load a: about log2(smallest / a) + 1 to reach a meet, log2 of the gap to bisect
// (each end), log2(largest / smallest) + 1 to pass the largest, and log_1.618(w) + 3 for the
// best; an overshoot adds log_1.618 of its bracket. A scan needs every size up to --max-pool.
#include "models/results/slo.h"

#include <cstdint>
#include <functional>
#include <optional>

namespace poolsim::models {

/// What the search needs to know of one pool size.
struct SizeVerdict
{
    bool met = false;
    double shortfall = 0;   // sloShortfall: <= 1 exactly when met
    double responseP99 = 0; // seconds; NaN when nothing finished
};

/// Simulates (or looks up) one size; the search asks for each size at most once.
using SizeProbe = std::function<SizeVerdict(std::int64_t size)>;

struct MeetingRange
{
    std::optional<std::int64_t> smallest; // unset: no size in [minSize, maxSize] met
    std::optional<std::int64_t> largest;  // with wholeRange
    std::optional<std::int64_t> best;     // with wholeRange: the lowest response p99 in the range
};

/// The search above over [minSize, maxSize] (start is clamped into it). Without wholeRange it
/// stops after step 2.
MeetingRange searchMeetingRange(const SizeProbe& probe, std::int64_t minSize, std::int64_t maxSize,
                                std::int64_t start, bool wholeRange);

/// The largest of the limits' upper 95% ends over the limit (1 + the excess for a limit of 0;
/// for a minimum, the limit over the lower end, +infinity when that end is not above 0, 1 - the
/// lower end for a minimum of 0), +infinity for an estimate that is NaN: each rises with its metric and is at
/// most 1 exactly when that limit is met, so the whole is at most 1 exactly when the report is met, and is
/// quasiconvex in the size when every limited metric is. 0 without limits.
double sloShortfall(const SloReport& report);

} // namespace poolsim::models
