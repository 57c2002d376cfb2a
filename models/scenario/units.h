#pragma once
// Durations, rates and percentages as people write them in scenario files and on the command
// line ("250ms", "45/s", "80%"), parsed exactly and formatted back so that they parse to the
// same value.
#include "models/scenario/scenario.h"

#include <string>
#include <string_view>

namespace poolsim::models {

/// "250ms", "1.5s", "10m", "2h", "30us", "100ns", "1d", or a plain number of seconds ("5",
/// "0.25"). Units: ns, us, ms, s (sec), m (min), h (hr, hour), d (day). The decimal number is
/// converted exactly ("0.1s" is exactly 100000000 ns); a value finer than 1 ns rounds to the
/// nearest ns. Throws std::invalid_argument for anything else, negative values included.
SimTime parseDuration(std::string_view text);

/// "45/s", "300/m", "2/h" (also /sec, /min, /hour and their long forms), or a plain number
/// meaning per second. The unit is normalised to 's', 'm' or 'h'; the value must be >= 0.
/// Throws std::invalid_argument.
Rate parseRate(std::string_view text);

/// "80%" -> 0.8, or a plain fraction "0.8". Must be finite and >= 0. Throws std::invalid_argument.
double parsePercent(std::string_view text);

/// The largest unit that reads naturally: "250ms", "1.5s", "10m", "2h", "1.5m", "1.234567891s".
/// parseDuration(formatDuration(t)) == t for every t >= 0. Negative times get a leading '-'
/// (for display only; parseDuration rejects them).
std::string formatDuration(SimTime time);

/// "45/s", "0.5/m": the value (formatNumber) and the unit as written.
std::string formatRate(const Rate& rate);

/// The shortest text that reads back as the same double ("0.1", "45", "1e+20").
std::string formatNumber(double value);
/// As formatNumber, without an exponent: 0.0006, not 6e-04 (small factors people write out).
std::string formatFixedNumber(double value);

} // namespace poolsim::models
