#pragma once
// Shared by the suites of the closed forms in models/analytic: infinity, CHECK_CLOSE (a
// comparison with a relative and an absolute tolerance that prints both values on failure), and
// Erlang B and C by direct sums in long double, the references the closed forms are checked
// against.
#include "check_close.h"

#include <QString>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

namespace analytictest {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

// Terms a^k / k! for k = 0..n in long double, by t_k = t_{k-1} a / k: no factorial overflow,
// and long double's range (1e4932) holds e^a for a up to ~11000.
inline std::vector<long double> poissonTerms(int n, double a)
{
    if (n < 0)
        return {};
    std::vector<long double> t(static_cast<std::size_t>(n) + 1);
    t[0] = 1;
    for (int k = 1; k <= n; ++k)
        t[static_cast<std::size_t>(k)] = t[static_cast<std::size_t>(k) - 1] * static_cast<long double>(a) / k;
    return t;
}

inline double directErlangB(int c, double a)
{
    const auto t = poissonTerms(c, a);
    long double sum = 0;
    for (const long double x : t)
        sum += x;
    return static_cast<double>(t.back() / sum);
}

inline double directErlangC(int c, double a)
{
    if (a >= c)
        return 1;
    const auto t = poissonTerms(c, a);
    long double below = 0;
    for (int k = 0; k < c; ++k)
        below += t[static_cast<std::size_t>(k)];
    const long double waiting = t.back() * c / (c - static_cast<long double>(a));
    return static_cast<double>(waiting / (below + waiting));
}

} // namespace analytictest

using namespace analytictest; // NOLINT: test helpers, one per suite
