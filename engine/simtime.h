#pragma once
// Simulated time as an integer count of nanoseconds (as OMNeT++'s SimTime and ns-3's Time):
// adding small steps to a large clock never drifts, and equal times compare equal.
#include <compare>
#include <cstdint>
#include <limits>

namespace poolsim::engine {

class SimTime
{
public:
    static constexpr std::int64_t kTicksPerSecond = 1'000'000'000; // 1 ns resolution

    constexpr SimTime() = default;
    static constexpr SimTime fromTicks(std::int64_t ticks) { return SimTime(ticks); }
    /// Rounds to the nearest nanosecond; throws std::out_of_range for NaN or |s| beyond ~285 years.
    static SimTime fromSeconds(double seconds)
    {
        const double ticks = seconds * static_cast<double>(kTicksPerSecond);
        // 9.2e18 is the int64 limit; stay clear of it so later additions do not overflow either.
        if (!(ticks > -9.0e18 && ticks < 9.0e18)) // also false for NaN
            throwOutOfRange();
        return SimTime(static_cast<std::int64_t>(ticks + (ticks >= 0 ? 0.5 : -0.5)));
    }
    static constexpr SimTime zero() { return SimTime(0); }
    static constexpr SimTime max() { return SimTime(std::numeric_limits<std::int64_t>::max()); }

    constexpr std::int64_t ticks() const { return m_ticks; }
    constexpr double seconds() const
    {
        return static_cast<double>(m_ticks) / static_cast<double>(kTicksPerSecond);
    }
    constexpr bool isZero() const { return m_ticks == 0; }

    constexpr auto operator<=>(const SimTime&) const = default;
    constexpr SimTime operator+(SimTime o) const { return SimTime(m_ticks + o.m_ticks); }
    constexpr SimTime operator-(SimTime o) const { return SimTime(m_ticks - o.m_ticks); }
    constexpr SimTime& operator+=(SimTime o)
    {
        m_ticks += o.m_ticks;
        return *this;
    }
    constexpr SimTime& operator-=(SimTime o)
    {
        m_ticks -= o.m_ticks;
        return *this;
    }

private:
    constexpr explicit SimTime(std::int64_t ticks) : m_ticks(ticks) {}
    [[noreturn]] static void throwOutOfRange();
    std::int64_t m_ticks = 0;
};

/// The longest duration a scenario may give (100 years): sampled durations are capped here,
/// so that any time plus any duration stays within the clock's range.
inline constexpr double kMaxDurationSeconds = 3.1536e9;

/// a + b, saturating at SimTime::max() instead of overflowing ("never" stays never).
constexpr SimTime saturatingAdd(SimTime a, SimTime b)
{
    if (b.ticks() > 0 && a.ticks() > SimTime::max().ticks() - b.ticks())
        return SimTime::max();
    return a + b;
}

} // namespace poolsim::engine
