#pragma once
// Shared by the engine suites: seconds as a SimTime, NaN, and CHECK_CLOSE, a comparison with a
// relative and an absolute tolerance that prints both values on failure.
#ifndef Q_MOC_RUN
#include "engine/simtime.h"
#endif

#include <QString>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace poolsim::engine;

namespace enginetest {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

inline SimTime sec(double s) { return SimTime::fromSeconds(s); }

inline bool close(double got, double want, double relTol, double absTol)
{
    if (got == want)
        return true;
    return std::fabs(got - want) <= std::max(absTol, relTol * std::fabs(want));
}

inline QString describe(const char* what, double got, double want)
{
    return QStringLiteral("%1: got %2, expected %3 (diff %4)")
        .arg(QLatin1String(what))
        .arg(got, 0, 'g', 17)
        .arg(want, 0, 'g', 17)
        .arg(got - want, 0, 'g', 3);
}

} // namespace enginetest

using namespace enginetest; // NOLINT: test helpers, one per suite

#define CHECK_CLOSE(got, want, relTol, absTol)                                                 \
    do {                                                                                       \
        const double got_ = (got), want_ = (want);                                             \
        if (!close(got_, want_, (relTol), (absTol)))                                           \
            QFAIL(qPrintable(describe(#got, got_, want_)));                                    \
    } while (false)
