#include "engine/simtime.h"

#include <cmath>
#include <stdexcept>

namespace poolsim::engine {

SimTime SimTime::fromSeconds(double seconds)
{
    const double ticks = std::round(seconds * static_cast<double>(kTicksPerSecond));
    // 9.2e18 is the int64 limit; stay clear of it so later additions do not overflow either.
    if (!std::isfinite(ticks) || std::fabs(ticks) > 9.0e18)
        throw std::out_of_range("time out of range (must be finite and below about 285 years)");
    return SimTime(static_cast<std::int64_t>(ticks));
}

} // namespace poolsim::engine
