#pragma once
// Time series binned at a fixed resolution over [0, end): memory grows with the number of bins,
// never with the number of events. Times passed in must not decrease.
#include "engine/log_histogram.h"
#include "engine/simtime.h"

#include <array>
#include <cstdint>
#include <vector>

namespace poolsim::engine {

class BinGrid
{
public:
    BinGrid() = default;
    BinGrid(SimTime width, SimTime end);
    SimTime width() const { return m_width; }
    SimTime end() const { return m_end; }
    std::size_t count() const { return m_count; }
    std::size_t binOf(SimTime t) const;
    SimTime binStart(std::size_t i) const
    {
        return SimTime::fromTicks(m_width.ticks() * static_cast<std::int64_t>(i));
    }
    /// Length of bin i (the last bin may be shorter than the width).
    SimTime binLength(std::size_t i) const;

private:
    SimTime m_width = SimTime::fromTicks(1), m_end;
    std::size_t m_count = 0;
};

/// Finds the bin of a time, remembering the last bin found: times arrive in order, so the
/// answer is nearly always the same bin or the next, and the division is rarely needed.
class BinCursor
{
public:
    BinCursor() = default;
    explicit BinCursor(const BinGrid& grid) : m_grid(grid) {}
    std::size_t binOf(SimTime t)
    {
        if (t >= m_start && t < m_end)
            return m_bin;
        m_bin = m_grid.binOf(t);
        m_start = m_grid.binStart(m_bin);
        m_end = m_bin < m_grid.count() ? m_grid.binStart(m_bin) + m_grid.binLength(m_bin) : SimTime::max();
        return m_bin;
    }

private:
    BinGrid m_grid;
    std::size_t m_bin = 0;
    SimTime m_start = SimTime::fromTicks(1), m_end = SimTime::fromTicks(0); // empty: the first call computes
};

/// Time-weighted mean and maximum of a piecewise-constant level, per bin.
class LevelSeries
{
public:
    LevelSeries() = default;
    explicit LevelSeries(const BinGrid& grid, double initial = 0);
    void update(SimTime t, double value)
    {
        if (t >= m_binEnd) {
            advanceTo(t);
            if (t == m_lastTime)
                m_binMax = value; // the old level lasted no time in this bin
        }
        m_sum += m_value * static_cast<double>((t - m_lastTime).ticks());
        m_lastTime = t;
        m_value = value;
        if (value > m_binMax)
            m_binMax = value;
    }
    /// Closes every bin up to the grid's end.
    void finish();
    const std::vector<double>& means() const { return m_means; }
    const std::vector<double>& maxima() const { return m_maxima; }

private:
    void advanceTo(SimTime t);
    BinGrid m_grid;
    std::size_t m_bin = 0;
    SimTime m_binEnd, m_lastTime;
    double m_value = 0, m_sum = 0, m_binMax = 0;
    std::vector<double> m_means, m_maxima;
};

/// Number of events per bin.
class CountSeries
{
public:
    CountSeries() = default;
    explicit CountSeries(const BinGrid& grid) : m_cursor(grid), m_counts(grid.count(), 0) {}
    void add(SimTime t, std::uint64_t n = 1)
    {
        const std::size_t b = m_cursor.binOf(t);
        if (b < m_counts.size())
            m_counts[b] += n;
    }
    const std::vector<std::uint64_t>& counts() const { return m_counts; }

private:
    BinCursor m_cursor;
    std::vector<std::uint64_t> m_counts;
};

/// The mean of the values recorded in each bin; NaN for a bin with none (no query ended is not
/// a slowdown of 0).
class MeanSeries
{
public:
    MeanSeries() = default;
    explicit MeanSeries(const BinGrid& grid)
        : m_cursor(grid), m_sums(grid.count(), 0), m_counts(grid.count(), 0)
    {
    }
    void record(SimTime t, double value)
    {
        const std::size_t b = m_cursor.binOf(t);
        if (b < m_sums.size()) {
            m_sums[b] += value;
            ++m_counts[b];
        }
    }
    std::vector<double> means() const;

private:
    BinCursor m_cursor;
    std::vector<double> m_sums;
    std::vector<std::uint64_t> m_counts;
};

/// p50, p95 and p99 of the values recorded in each bin. Only the current bin keeps a histogram;
/// a bin with no values reports NaN (no wait is not a wait of 0).
class QuantileSeries
{
public:
    static constexpr std::array<double, 3> kProbabilities = {0.50, 0.95, 0.99};
    QuantileSeries() = default;
    explicit QuantileSeries(const BinGrid& grid);
    void record(SimTime t, std::uint64_t value)
    {
        const std::size_t b = m_cursor.binOf(t);
        if (b != m_bin)
            closeBin(b);
        m_histogram.record(value);
    }
    void finish() { closeBin(m_grid.count()); }
    /// Per bin, in the units recorded; index as kProbabilities.
    const std::vector<double>& quantile(std::size_t which) const { return m_quantiles[which]; }

private:
    void closeBin(std::size_t next);
    BinGrid m_grid;
    BinCursor m_cursor;
    std::size_t m_bin = 0;
    // 7 bits: at most 0.8% relative error per bin; 30 KiB, cleared in proportion to its use.
    LogHistogram m_histogram{7};
    std::array<std::vector<double>, 3> m_quantiles;
};

} // namespace poolsim::engine
