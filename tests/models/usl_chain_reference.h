#pragma once
// The reference the USL pool chain (models/analytic/usl_pool_chain.h) is checked against in
// tst_usl_pool_chain: the speed written straight from its definition, and the chain's generator
// matrix solved densely, which knows nothing of birth-death chains or product forms.
#include "models/analytic/usl_pool_chain.h"

#include "check_close.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

namespace uslchaintest {

using poolsim::models::analytic::UslPoolFigures;

/// Each query's speed with m on the server, written straight from the model's definition.
inline long double referenceSpeed(int cores, double sigma, double kappa, int m)
{
    const long double share = std::min(1.0L, static_cast<long double>(cores) / m);
    return share / (1 + sigma * (m - 1.0L) + kappa * m * (m - 1.0L));
}

/// Solves pi Q = 0, sum pi = 1 for a generator Q (rows sum to 0) by Gaussian elimination with
/// partial pivoting on Q^T, its last equation replaced by the normalisation. Knows nothing of
/// birth-death chains or product forms.
inline std::vector<long double> stationary(const std::vector<std::vector<long double>>& q)
{
    const std::size_t n = q.size();
    std::vector<std::vector<long double>> a(n, std::vector<long double>(n + 1, 0));
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            a[i][j] = q[j][i];
    for (std::size_t j = 0; j < n; ++j)
        a[n - 1][j] = 1;
    a[n - 1][n] = 1;
    for (std::size_t col = 0; col < n; ++col) {
        std::size_t pivot = col;
        for (std::size_t i = col + 1; i < n; ++i)
            if (std::fabs(a[i][col]) > std::fabs(a[pivot][col]))
                pivot = i;
        std::swap(a[col], a[pivot]);
        for (std::size_t i = col + 1; i < n; ++i) {
            if (a[i][col] == 0)
                continue; // nothing to eliminate: quick on a sparse generator, still any matrix
            const long double factor = a[i][col] / a[col][col];
            for (std::size_t j = col; j <= n; ++j)
                a[i][j] -= factor * a[col][j];
        }
    }
    std::vector<long double> pi(n);
    for (std::size_t i = n; i-- > 0;) {
        long double s = a[i][n];
        for (std::size_t j = i + 1; j < n; ++j)
            s -= a[i][j] * pi[j];
        pi[i] = s / a[i][i];
    }
    return pi;
}

struct Chain
{
    int cores, pool;
    double sigma, kappa, meanDemand;

    long double deathRate(int n) const
    {
        const int m = std::min(n, pool);
        return n == 0 ? 0 : m * referenceSpeed(cores, sigma, kappa, m) / meanDemand;
    }

    /// Generator over states 0..last with the given birth rate per state (none out of `last`).
    std::vector<long double> solve(int last, const std::function<long double(int)>& birth) const
    {
        const std::size_t size = static_cast<std::size_t>(last) + 1;
        std::vector<std::vector<long double>> q(size, std::vector<long double>(size, 0));
        for (int n = 0; n <= last; ++n) {
            const std::size_t i = static_cast<std::size_t>(n);
            long double out = 0;
            if (n < last)
                out += q[i][i + 1] = birth(n);
            if (n > 0)
                out += q[i][i - 1] = deathRate(n);
            q[i][i] = -out;
        }
        return stationary(q);
    }

    /// Every figure from a distribution pi over 0..size-1; arrivalsSee is the distribution an
    /// arriving request finds, throughput the completion rate.
    UslPoolFigures figures(const std::vector<long double>& pi, const std::vector<long double>& arrivalsSee,
                           long double throughput) const
    {
        long double inSystem = 0, waiting = 0, onServer = 0, queued = 0;
        for (std::size_t i = 0; i < pi.size(); ++i) {
            const int n = static_cast<int>(i), m = std::min(n, pool);
            inSystem += n * pi[i];
            onServer += m * pi[i];
            waiting += (n - m) * pi[i];
        }
        for (std::size_t i = static_cast<std::size_t>(pool); i < arrivalsSee.size(); ++i)
            queued += arrivalsSee[i];
        UslPoolFigures f;
        f.throughputPerS = static_cast<double>(throughput);
        f.inSystemMean = static_cast<double>(inSystem);
        f.waitingMean = static_cast<double>(waiting);
        f.busyMean = static_cast<double>(onServer);
        f.utilization = static_cast<double>(onServer / pool);
        f.responseMeanS = static_cast<double>(inSystem / throughput);
        f.waitMeanS = static_cast<double>(waiting / throughput);
        f.holdMeanS = static_cast<double>(onServer / throughput);
        f.waitRatio = static_cast<double>(queued);
        f.slowdownMean = static_cast<double>(onServer / throughput / meanDemand);
        return f;
    }
};

/// The closed system of K users by its generator. What an arriving user finds comes from the
/// generator of the system with K - 1 users (the arrival theorem); the model under test gets it
/// another way, by weighting its own states with the arrival rate (K - n) / Z.
inline UslPoolFigures bruteForceClosed(const Chain& chain, int users, double think)
{
    const auto birth = [&](int k) {
        return [k, think](int n) { return (k - n) / static_cast<long double>(think); };
    };
    const std::vector<long double> pi = chain.solve(users, birth(users));
    const std::vector<long double> others = chain.solve(users - 1, birth(users - 1));
    long double throughput = 0;
    for (std::size_t i = 0; i < pi.size(); ++i)
        throughput += pi[i] * chain.deathRate(static_cast<int>(i));
    return chain.figures(pi, others, throughput);
}

/// The open system truncated at `last` (the caller picks it where the tail is below 1e-20).
inline UslPoolFigures bruteForceOpen(const Chain& chain, double lambda, int last)
{
    const std::vector<long double> pi = chain.solve(last, [lambda](int) { return lambda; });
    return chain.figures(pi, pi, lambda); // PASTA
}

} // namespace uslchaintest

/// Every field of two UslPoolFigures within the tolerances of CHECK_CLOSE.
#define CHECK_FIGURES(got, want, rel, abs)                                                                   \
    do {                                                                                                     \
        CHECK_CLOSE((got).throughputPerS, (want).throughputPerS, rel, abs);                                  \
        CHECK_CLOSE((got).inSystemMean, (want).inSystemMean, rel, abs);                                      \
        CHECK_CLOSE((got).waitingMean, (want).waitingMean, rel, abs);                                        \
        CHECK_CLOSE((got).busyMean, (want).busyMean, rel, abs);                                              \
        CHECK_CLOSE((got).utilization, (want).utilization, rel, abs);                                        \
        CHECK_CLOSE((got).responseMeanS, (want).responseMeanS, rel, abs);                                    \
        CHECK_CLOSE((got).waitMeanS, (want).waitMeanS, rel, abs);                                            \
        CHECK_CLOSE((got).holdMeanS, (want).holdMeanS, rel, abs);                                            \
        CHECK_CLOSE((got).waitRatio, (want).waitRatio, rel, abs);                                            \
        CHECK_CLOSE((got).slowdownMean, (want).slowdownMean, rel, abs);                                      \
    } while (false)
