// The pool-size search for a scenario with a database server: see size_search.h.
#include "models/planning/size_search.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <map>

namespace poolsim::models {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();
constexpr double kGoldenFraction = 0.3819660112501051; // 2 - the golden ratio

class RangeSearch
{
public:
    RangeSearch(const SizeProbe& probe, std::int64_t minSize, std::int64_t maxSize)
        : m_probe(probe), m_minSize(minSize), m_maxSize(maxSize)
    {
    }

    const SizeVerdict& at(std::int64_t size)
    {
        auto it = m_seen.find(size);
        if (it == m_seen.end())
            it = m_seen.emplace(size, m_probe(size)).first;
        return it->second;
    }
    bool met(std::int64_t size) { return at(size).met; }
    double shortfall(std::int64_t size) { return at(size).shortfall; }
    /// Among the sizes that meet: a size that misses (noise can make one inside the interval
    /// miss) is never the best.
    double meetingP99(std::int64_t size)
    {
        const SizeVerdict& v = at(size);
        return v.met && !std::isnan(v.responseP99) ? v.responseP99 : kInfinity;
    }

    /// Step 1: a size that meets, if the assumption finds one.
    std::optional<std::int64_t> anyMeeting(std::int64_t start)
    {
        if (met(start))
            return start;
        for (std::int64_t previous = start; previous < m_maxSize;) {
            const std::int64_t size = std::min(m_maxSize, previous * 2);
            if (met(size))
                return size;
            // A worse shortfall than the last may mean the bottom of the U is passed, or only
            // noise among sizes that all miss for a reason more connections cure (a burst's
            // waits): the doubling goes on to --max-pool, a probe for each doubling, so a
            // meeting range above a bump is not missed; a narrow one between two doublings is
            // looked for below.
            previous = size;
        }
        // The lowest shortfall seen brackets the bottom between the sizes seen either side of it.
        // Of equal ones the larger, as the gallop read them: a saturated metric below the range.
        std::int64_t lowest = m_seen.begin()->first;
        for (const auto& [size, verdict] : m_seen)
            if (verdict.shortfall <= m_seen.at(lowest).shortfall)
                lowest = size;
        const auto it = m_seen.find(lowest);
        const std::int64_t lo = it == m_seen.begin() ? m_minSize : std::prev(it)->first + 1;
        const std::int64_t hi = std::next(it) == m_seen.end() ? m_maxSize : std::next(it)->first - 1;
        const std::int64_t bottom = minimise(
            lo, hi, lowest, [this](std::int64_t n) { return shortfall(n); },
            [this](std::int64_t n) { return met(n); }, Ties::Up);
        return met(bottom) ? std::optional(bottom) : std::nullopt;
    }

    /// Step 2: every meet lies in the interval, every miss below a meet below it.
    std::int64_t smallest()
    {
        std::int64_t meet = m_maxSize + 1;
        for (const auto& [size, verdict] : m_seen)
            if (verdict.met) {
                meet = size;
                break;
            }
        std::int64_t miss = m_minSize - 1;
        bool missSeen = false;
        for (const auto& [size, verdict] : m_seen)
            if (size < meet && !verdict.met) {
                miss = size;
                missSeen = true;
            }
        if (!missSeen) {
            // As the search without a server: down by doubling steps until one misses.
            const std::int64_t from = meet;
            for (std::int64_t step = 1; meet > m_minSize; step *= 2) {
                const std::int64_t size = std::max(m_minSize, from - step);
                if (!met(size)) {
                    miss = size;
                    break;
                }
                meet = size;
            }
        }
        while (meet - miss > 1) {
            const std::int64_t mid = miss + (meet - miss) / 2;
            if (met(mid))
                meet = mid;
            else
                miss = mid;
        }
        return meet;
    }

    /// Step 3: every miss above a meet lies above the interval.
    std::int64_t largest()
    {
        std::int64_t meet = m_minSize - 1;
        for (const auto& [size, verdict] : m_seen)
            if (verdict.met)
                meet = size;
        std::optional<std::int64_t> miss;
        for (const auto& [size, verdict] : m_seen)
            if (size > meet && !verdict.met) {
                miss = size;
                break;
            }
        while (!miss && meet < m_maxSize) {
            const std::int64_t size = std::min(m_maxSize, meet * 2);
            if (met(size))
                meet = size;
            else
                miss = size;
        }
        if (!miss)
            return meet; // --max-pool itself meets
        while (*miss - meet > 1) {
            const std::int64_t mid = meet + (*miss - meet) / 2;
            if (met(mid))
                meet = mid;
            else
                miss = mid;
        }
        return meet;
    }

    /// Step 4: the lowest response p99 in [lo, hi], starting from the lowest seen there.
    std::int64_t best(std::int64_t lo, std::int64_t hi)
    {
        std::int64_t from = lo;
        for (auto it = m_seen.lower_bound(lo); it != m_seen.end() && it->first <= hi; ++it)
            if (meetingP99(it->first) < meetingP99(from))
                from = it->first;
        return minimise(
            lo, hi, from, [this](std::int64_t n) { return meetingP99(n); },
            [](std::int64_t) { return false; }, Ties::Down);
    }

private:
    /// Where the bottom is taken to be when two sizes have the same value: for a strictly
    /// unimodal value it lies between them either way; Up also keeps it when the two are on a
    /// flat stretch below it, Down prefers the smaller size.
    enum class Ties { Up, Down };

    /// The size in [lo, hi] with the lowest value (ties: the smaller), for a value unimodal
    /// there, or the first size found for which stop holds. Golden-section search: it keeps one
    /// size x already probed inside [lo, hi] and probes its mirror lo + hi - x, so each step
    /// costs one simulation and keeps about 0.618 of the interval. The last few sizes are all
    /// probed, and then the neighbours of the lowest seen, moving while they are lower: common
    /// random numbers make neighbours comparable, and this catches a step that noise misled.
    template <typename Value, typename Stop>
    std::int64_t minimise(std::int64_t lo, std::int64_t hi, std::int64_t x, Value value, Stop stop, Ties ties)
    {
        const std::int64_t outerLo = lo, outerHi = hi;
        while (hi - lo >= 3) {
            // Rounding can drift the kept size towards an end, where its mirror would cut little;
            // strictly inside, every step cuts at least one size.
            const std::int64_t quarter = std::max<std::int64_t>(1, (hi - lo) / 4);
            if (x < lo + quarter || x > hi - quarter)
                x = lo + std::llround(kGoldenFraction * static_cast<double>(hi - lo));
            std::int64_t y = lo + hi - x;
            if (y == x)
                y = x + 1;
            const std::int64_t a = std::min(x, y), b = std::max(x, y);
            if (stop(a))
                return a;
            if (stop(b))
                return b;
            // For a unimodal value the bottom is below b when a is lower, above a when b is.
            const double va = value(a), vb = value(b);
            if (va < vb || (va == vb && ties == Ties::Down)) {
                hi = b - 1;
                x = a;
            } else {
                lo = a + 1;
                x = b;
            }
        }
        for (std::int64_t n = lo; n <= hi; ++n) {
            if (stop(n))
                return n;
            value(n);
        }
        std::int64_t lowest = hi;
        for (auto it = m_seen.lower_bound(outerLo); it != m_seen.end() && it->first <= outerHi; ++it)
            if (value(it->first) < value(lowest) || (value(it->first) == value(lowest) && it->first < lowest))
                lowest = it->first;
        for (bool moved = true; moved;) {
            moved = false;
            for (const std::int64_t n : {lowest - 1, lowest + 1}) {
                if (n < outerLo || n > outerHi)
                    continue;
                if (stop(n))
                    return n;
                if (value(n) < value(lowest)) {
                    lowest = n;
                    moved = true;
                    break;
                }
            }
        }
        return lowest;
    }

    const SizeProbe& m_probe;
    const std::int64_t m_minSize, m_maxSize;
    std::map<std::int64_t, SizeVerdict> m_seen;
};

} // namespace

MeetingRange searchMeetingRange(const SizeProbe& probe, std::int64_t minSize, std::int64_t maxSize,
                                std::int64_t start, bool wholeRange)
{
    RangeSearch search(probe, minSize, maxSize);
    MeetingRange range;
    if (!search.anyMeeting(std::clamp(start, minSize, maxSize)))
        return range;
    range.smallest = search.smallest();
    if (!wholeRange)
        return range;
    range.largest = search.largest();
    range.best = search.best(*range.smallest, *range.largest);
    return range;
}

double sloShortfall(const SloReport& report)
{
    double worst = 0;
    for (const SloCheck& c : report.checks) {
        double s = kInfinity;
        const bool measured = !std::isnan(c.estimate.mean) && !std::isnan(c.judged());
        if (measured && c.bound == SloBound::AtLeast) // a minimum: falls as the lower end rises
            s = c.limit.limit <= 0 ? 1 - c.lower : c.lower > 0 ? c.limit.limit / c.lower : kInfinity;
        else if (measured)
            s = c.limit.limit > 0 ? c.upper / c.limit.limit : 1 + (c.upper - c.limit.limit);
        worst = std::max(worst, s);
    }
    return worst;
}

} // namespace poolsim::models
