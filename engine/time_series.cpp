#include "engine/time_series.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace poolsim::engine {

BinGrid::BinGrid(SimTime width, SimTime end) : m_width(width), m_end(end)
{
    if (width <= SimTime::zero())
        throw std::invalid_argument("bin width must be > 0");
    if (end < SimTime::zero())
        throw std::invalid_argument("series end must be >= 0");
    m_count = static_cast<std::size_t>((end.ticks() + width.ticks() - 1) / width.ticks());
}

std::size_t BinGrid::binOf(SimTime t) const
{
    if (t < SimTime::zero())
        return 0;
    if (t >= m_end)
        return m_count; // past the last bin, even when that bin is shorter than the width
    return static_cast<std::size_t>(t.ticks() / m_width.ticks());
}

SimTime BinGrid::binLength(std::size_t i) const
{
    const SimTime start = binStart(i);
    return std::min(m_end, start + m_width) - start;
}

LevelSeries::LevelSeries(const BinGrid& grid, double initial)
    : m_grid(grid), m_value(initial), m_binMax(initial), m_means(grid.count(), 0), m_maxima(grid.count(), 0)
{
    m_binEnd = grid.count() ? grid.binStart(0) + grid.binLength(0) : SimTime::max();
}

void LevelSeries::advanceTo(SimTime t)
{
    while (t >= m_binEnd && m_bin < m_grid.count()) {
        m_sum += m_value * static_cast<double>((m_binEnd - m_lastTime).ticks());
        const double length = static_cast<double>(m_grid.binLength(m_bin).ticks());
        m_means[m_bin] = length > 0 ? m_sum / length : m_value;
        m_maxima[m_bin] = m_binMax;
        m_lastTime = m_binEnd;
        m_sum = 0;
        m_binMax = m_value;
        ++m_bin;
        m_binEnd = m_bin < m_grid.count() ? m_grid.binStart(m_bin) + m_grid.binLength(m_bin) : SimTime::max();
    }
}

void LevelSeries::finish()
{
    if (m_bin < m_grid.count())
        advanceTo(m_grid.end());
}

QuantileSeries::QuantileSeries(const BinGrid& grid) : m_grid(grid), m_cursor(grid)
{
    for (auto& q : m_quantiles)
        q.assign(grid.count(), std::numeric_limits<double>::quiet_NaN());
}

void QuantileSeries::closeBin(std::size_t next)
{
    if (m_bin < m_grid.count() && m_histogram.count() > 0) {
        for (std::size_t k = 0; k < kProbabilities.size(); ++k)
            m_quantiles[k][m_bin] = static_cast<double>(m_histogram.quantile(kProbabilities[k]));
    }
    m_histogram.clear();
    m_bin = next;
}

std::vector<double> MeanSeries::means() const
{
    std::vector<double> out(m_sums.size(), std::numeric_limits<double>::quiet_NaN());
    for (std::size_t b = 0; b < out.size(); ++b)
        if (m_counts[b] > 0)
            out[b] = m_sums[b] / static_cast<double>(m_counts[b]);
    return out;
}

} // namespace poolsim::engine
