#pragma once
// Scalar statistics collectors with constant memory.
#include "engine/simtime.h"

#include <cstdint>
#include <limits>

namespace poolsim::engine {

/// Count, mean, variance, min and max of observations. Sums are kept relative to the first
/// value (the shifted-data algorithm), which keeps the variance accurate without the division
/// per observation that Welford's update costs on the hot path.
class Tally
{
public:
    void add(double x)
    {
        if (m_count == 0)
            m_shift = x;
        ++m_count;
        const double d = x - m_shift;
        m_sum += d;
        m_sumSquares += d * d;
        if (x < m_min)
            m_min = x;
        if (x > m_max)
            m_max = x;
    }
    void merge(const Tally& other);
    std::uint64_t count() const { return m_count; }
    double mean() const { return m_count ? m_shift + m_sum / static_cast<double>(m_count) : 0.0; }
    /// Sample variance (n - 1 in the denominator); 0 for fewer than two observations.
    double variance() const;
    double stddev() const;
    double min() const { return m_count ? m_min : 0.0; }
    double max() const { return m_count ? m_max : 0.0; }
    double sum() const { return m_shift * static_cast<double>(m_count) + m_sum; }

private:
    std::uint64_t m_count = 0;
    double m_shift = 0, m_sum = 0, m_sumSquares = 0;
    double m_min = std::numeric_limits<double>::infinity();
    double m_max = -std::numeric_limits<double>::infinity();
};

/// Time average of a piecewise-constant level (sample-and-hold), as OMNeT++'s
/// TimeAverageRecorder: weightedSum += lastValue * (t - lastTime).
class TimeWeighted
{
public:
    /// Starts (or restarts, at the end of a warm-up) the observation window at `t`.
    void restart(SimTime t, double currentValue);
    void update(SimTime t, double value)
    {
        m_weightedSum += m_lastValue * static_cast<double>((t - m_lastTime).ticks());
        m_lastTime = t;
        m_lastValue = value;
        if (value > m_max)
            m_max = value;
    }
    /// Mean over [start, t]; the current value when the window is empty.
    double mean(SimTime t) const;
    double max() const { return m_max; }
    double current() const { return m_lastValue; }

private:
    SimTime m_start, m_lastTime;
    double m_lastValue = 0, m_weightedSum = 0, m_max = 0;
};

} // namespace poolsim::engine
