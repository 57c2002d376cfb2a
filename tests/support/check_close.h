#pragma once
// CHECK_CLOSE(got, want, relTol, absTol): equal within the larger of a relative and an absolute
// tolerance (equal infinities count as equal), printing both values on failure.
#include <QString>
#include <QTest>

#include <algorithm>
#include <cmath>

namespace checkclose {

inline bool close(double got, double want, double relTol, double absTol)
{
    if (got == want)
        return true; // also equal infinities
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

} // namespace checkclose

#define CHECK_CLOSE(got, want, relTol, absTol)                                                               \
    do {                                                                                                     \
        const double got_ = (got), want_ = (want);                                                           \
        if (!checkclose::close(got_, want_, (relTol), (absTol)))                                             \
            QFAIL(qPrintable(checkclose::describe(#got, got_, want_)));                                      \
    } while (false)
