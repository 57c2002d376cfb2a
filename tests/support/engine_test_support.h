#pragma once
// Shared by the engine suites: seconds as a SimTime, NaN, and CHECK_CLOSE, a comparison with a
// relative and an absolute tolerance that prints both values on failure.
#ifndef Q_MOC_RUN
#include "engine/simtime.h"
#endif

#include "check_close.h"

#include <QString>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace poolsim::engine;

namespace enginetest {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

inline SimTime sec(double s)
{
    return SimTime::fromSeconds(s);
}

} // namespace enginetest

using namespace enginetest; // NOLINT: test helpers, one per suite
