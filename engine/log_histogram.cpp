#include "engine/log_histogram.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace poolsim::engine {

LogHistogram::LogHistogram(unsigned bits) : m_bits(bits), m_exactLimit(std::uint64_t{1} << bits)
{
    if (bits < 2 || bits > 16)
        throw std::invalid_argument("histogram precision must be 2..16 bits");
    m_counts.assign(indexOf(UINT64_MAX) + 1, 0);
}

void LogHistogram::merge(const LogHistogram& o)
{
    if (o.m_bits != m_bits)
        throw std::invalid_argument("cannot merge histograms of different precision");
    if (o.m_total == 0)
        return;
    for (std::size_t i = o.lowestUsed(); i <= o.highestUsed(); ++i)
        m_counts[i] += o.m_counts[i];
    m_total += o.m_total;
    m_min = std::min(m_min, o.m_min);
    m_max = std::max(m_max, o.m_max);
}

void LogHistogram::clear()
{
    if (m_total != 0)
        std::fill(m_counts.begin() + static_cast<std::ptrdiff_t>(lowestUsed()),
                  m_counts.begin() + static_cast<std::ptrdiff_t>(highestUsed()) + 1, 0);
    m_total = 0;
    m_min = UINT64_MAX;
    m_max = 0;
}

std::uint64_t LogHistogram::bucketLow(std::size_t index) const
{
    if (index < m_exactLimit)
        return index;
    const std::size_t half = std::size_t{1} << (m_bits - 1);
    const std::size_t shift = index / half - 1;
    return static_cast<std::uint64_t>(index - shift * half) << shift;
}

std::uint64_t LogHistogram::bucketHigh(std::size_t index) const
{
    if (index < m_exactLimit)
        return index;
    const std::size_t half = std::size_t{1} << (m_bits - 1);
    const std::size_t shift = index / half - 1;
    return bucketLow(index) + ((std::uint64_t{1} << shift) - 1);
}

std::uint64_t LogHistogram::quantile(double p) const
{
    if (m_total == 0)
        return 0;
    p = std::clamp(p, 0.0, 1.0);
    auto rank = static_cast<std::uint64_t>(std::ceil(p * static_cast<double>(m_total)));
    rank = std::clamp<std::uint64_t>(rank, 1, m_total);
    if (rank == m_total)
        return m_max; // known exactly
    std::uint64_t seen = 0;
    const std::size_t last = highestUsed();
    for (std::size_t i = lowestUsed(); i <= last; ++i) {
        seen += m_counts[i];
        if (seen >= rank) {
            const std::uint64_t low = bucketLow(i), high = bucketHigh(i);
            const std::uint64_t mid = low + (high - low) / 2;
            return std::clamp(mid, m_min, m_max);
        }
    }
    return m_max;
}

double LogHistogram::relativeError() const
{
    return std::ldexp(1.0, -static_cast<int>(m_bits));
}

} // namespace poolsim::engine
