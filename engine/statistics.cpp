#include "engine/statistics.h"

#include <algorithm>
#include <cmath>

namespace poolsim::engine {

void Tally::add(double x)
{
    ++m_count;
    const double delta = x - m_mean;
    m_mean += delta / static_cast<double>(m_count);
    m_m2 += delta * (x - m_mean);
    m_min = std::min(m_min, x);
    m_max = std::max(m_max, x);
}

void Tally::merge(const Tally& o)
{
    if (o.m_count == 0)
        return;
    if (m_count == 0) {
        *this = o;
        return;
    }
    const auto n1 = static_cast<double>(m_count), n2 = static_cast<double>(o.m_count);
    const double delta = o.m_mean - m_mean;
    const double n = n1 + n2;
    m_mean += delta * n2 / n;
    m_m2 += o.m_m2 + delta * delta * n1 * n2 / n;
    m_count += o.m_count;
    m_min = std::min(m_min, o.m_min);
    m_max = std::max(m_max, o.m_max);
}

double Tally::variance() const
{
    return m_count > 1 ? m_m2 / static_cast<double>(m_count - 1) : 0.0;
}

double Tally::stddev() const { return std::sqrt(variance()); }

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
