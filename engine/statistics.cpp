#include "engine/statistics.h"

#include <algorithm>
#include <cmath>

namespace poolsim::engine {

void Tally::merge(const Tally& o)
{
    if (o.m_count == 0)
        return;
    if (m_count == 0) {
        *this = o;
        return;
    }
    // Re-express the other's sums relative to this shift: d' = d + (o.shift - shift).
    const double delta = o.m_shift - m_shift;
    const auto n2 = static_cast<double>(o.m_count);
    m_sumSquares += o.m_sumSquares + 2 * delta * o.m_sum + delta * delta * n2;
    m_sum += o.m_sum + delta * n2;
    m_count += o.m_count;
    m_min = std::min(m_min, o.m_min);
    m_max = std::max(m_max, o.m_max);
}

double Tally::variance() const
{
    if (m_count < 2)
        return 0.0;
    const auto n = static_cast<double>(m_count);
    return std::max(0.0, (m_sumSquares - m_sum * m_sum / n) / (n - 1));
}

double Tally::stddev() const
{
    return std::sqrt(variance());
}

void TimeWeighted::restart(SimTime t, double currentValue)
{
    m_start = m_lastTime = t;
    m_lastValue = m_max = currentValue;
    m_weightedSum = 0;
}

double TimeWeighted::mean(SimTime t) const
{
    const double span = static_cast<double>((t - m_start).ticks());
    if (span <= 0)
        return m_lastValue;
    const double sum = m_weightedSum + m_lastValue * static_cast<double>((t - m_lastTime).ticks());
    return sum / span;
}

} // namespace poolsim::engine
