#include "models/analytic/usl_pool_chain.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <stdexcept>
#include <vector>

namespace poolsim::models::analytic {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

void require(bool ok, const char* message)
{
    if (!ok)
        throw std::invalid_argument(message);
}

void validateServer(const UslServer& server)
{
    require(server.cores >= 1, "the server must have at least one core");
    require(server.sigma >= 0 && server.sigma < 1, "USL sigma must be in [0, 1)"); // false for NaN
    require(std::isfinite(server.kappa) && server.kappa >= 0, "USL kappa must be finite and >= 0");
    require(std::isfinite(server.roundTripS) && server.roundTripS >= 0,
            "the round trip must be finite and >= 0");
}

void validateDemand(double meanDemand)
{
    require(std::isfinite(meanDemand) && meanDemand > 0, "mean service demand must be finite and > 0");
}

/// n s(n), without validation: the loops call it once per state. min(n, cores) is n times
/// min(1, cores / n) without the division's rounding.
double workRate(const UslServer& server, int n)
{
    const double x = n;
    return std::min(x, static_cast<double>(server.cores)) /
           (1 + server.sigma * (x - 1) + server.kappa * x * (x - 1));
}

/// The busy connections' work rate, h times their completion rate, for m = 0..most: m s(m)
/// without a round trip; with one (mean R), h X(m), X(m) the throughput of m customers in a
/// closed network of the round trip (an infinite server) and the server (completion rate
/// c(k) = k s(k) / h with k on it). Its product form gives P(k | m), proportional to
/// R^(m-k) / (m-k)! / prod_{i<=k} c(i), and X(m) = sum_k P(k | m) c(k); summed in log space.
/// O(most^2) time.
std::vector<double> connectionWork(const UslServer& server, int most, double meanDemand)
{
    std::vector<double> work(static_cast<std::size_t>(most) + 1, 0.0);
    const double R = server.roundTripS;
    std::vector<double> logRatesUpTo(static_cast<std::size_t>(most) + 1, 0.0); // sum_{i<=k} log c(i)
    for (int k = 1; k <= most; ++k)
        logRatesUpTo[static_cast<std::size_t>(k)] =
            logRatesUpTo[static_cast<std::size_t>(k) - 1] + std::log(workRate(server, k) / meanDemand);
    for (int m = 1; m <= most; ++m) {
        if (R == 0) {
            work[static_cast<std::size_t>(m)] = workRate(server, m);
            continue;
        }
        double logTop = -kInf;
        std::vector<double> logW(static_cast<std::size_t>(m) + 1);
        for (int k = 0; k <= m; ++k) {
            const auto i = static_cast<std::size_t>(k);
            logW[i] = (m - k) * std::log(R) - std::lgamma(m - k + 1.0) - logRatesUpTo[i];
            logTop = std::max(logTop, logW[i]);
        }
        double mass = 0, completions = 0;
        for (int k = 0; k <= m; ++k) {
            const double w = std::exp(logW[static_cast<std::size_t>(k)] - logTop);
            mass += w;
            if (k > 0)
                completions += w * workRate(server, k) / meanDemand;
        }
        work[static_cast<std::size_t>(m)] = completions / mass * meanDemand;
    }
    return work;
}

/// Sums of weighted values whose weights are known by their logarithms: the sums are kept
/// relative to the largest weight seen so far (exp(logScale)), so neither the huge weights of a
/// heavily loaded chain (products of thousands of ratios above 1) nor the tiny ones of a lightly
/// loaded one overflow or vanish, and the ratios of the sums are what the figures use.
template <std::size_t Count> class ScaledSums
{
public:
    void add(double logWeight, const std::array<double, Count>& values)
    {
        if (logWeight > m_logScale) {
            const double shrink = std::exp(m_logScale - logWeight); // 0 on the first call
            for (double& s : m_sums)
                s *= shrink;
            m_logScale = logWeight;
        }
        const double w = std::exp(logWeight - m_logScale);
        for (std::size_t i = 0; i < Count; ++i)
            m_sums[i] += w * values[i];
    }

    double operator[](std::size_t i) const { return m_sums[i]; }
    double logScale() const { return m_logScale; }

private:
    double m_logScale = -kInf;
    std::array<double, Count> m_sums{};
};

// What is summed over the busy states n >= 1, per unit of (unnormalised) probability.
enum BusyValue : std::size_t {
    kMass,     // 1
    kInSystem, // n
    kOnServer, // m = min(n, N)
    kWaiting,  // n - m
    kWork,     // m s(m); mu times it is the death rate
    kQueued,   // 1 when n >= N (open chain: an arrival waits, by PASTA)
    kBusyValues
};

using BusySums = ScaledSums<kBusyValues>;

/// The figures from the sums over the busy states and the idle state's log weight (-inf when the
/// chain is never idle). The per-request times are ratios of busy-state sums, h E[n] / E[m s(m)]
/// and so on (Little's law with the throughput E[mu m s(m)]), so that they keep their precision
/// when the idle state outweighs the others by more than a double can hold.
UslPoolFigures figuresFrom(const BusySums& busy, double logIdle, int poolSize, double meanDemand,
                           double roundTripS)
{
    const double total = busy[kMass] + std::exp(logIdle - busy.logScale());
    UslPoolFigures f;
    f.throughputPerS = busy[kWork] / total / meanDemand;
    f.inSystemMean = busy[kInSystem] / total;
    f.waitingMean = busy[kWaiting] / total;
    f.busyMean = busy[kOnServer] / total;
    f.utilization = f.busyMean / poolSize;
    f.responseMeanS = meanDemand * (busy[kInSystem] / busy[kWork]);
    f.waitMeanS = meanDemand * (busy[kWaiting] / busy[kWork]);
    f.holdMeanS = meanDemand * (busy[kOnServer] / busy[kWork]);
    f.slowdownMean = busy[kOnServer] / busy[kWork] - roundTripS / meanDemand;
    f.waitRatio = busy[kQueued] / total;
    return f;
}

} // namespace

double uslSpeed(const UslServer& server, int activeQueries)
{
    validateServer(server);
    require(activeQueries >= 1, "the speed is defined for at least one active query");
    return workRate(server, activeQueries) / activeQueries;
}

double uslWorkRate(const UslServer& server, int activeQueries)
{
    validateServer(server);
    require(activeQueries >= 1, "the work rate is defined for at least one active query");
    return workRate(server, activeQueries);
}

double connectionRate(const UslServer& server, int busyConnections, double meanDemand)
{
    validateServer(server);
    validateDemand(meanDemand);
    require(busyConnections >= 1, "the rate is defined for at least one busy connection");
    return connectionWork(server, busyConnections, meanDemand)[static_cast<std::size_t>(busyConnections)] /
           meanDemand;
}

UslPoolFigures uslPoolOpenFigures(const UslServer& server, int poolSize, double lambda, double meanDemand)
{
    validateServer(server);
    require(poolSize >= 1, "the pool must have at least one connection");
    require(std::isfinite(lambda) && lambda > 0, "arrival rate must be finite and > 0");
    validateDemand(meanDemand);

    const int N = poolSize;
    const std::vector<double> rates = connectionWork(server, N, meanDemand);
    const double workN = rates[static_cast<std::size_t>(N)];
    const double capacity = workN / meanDemand; // completions per second with all N connections busy
    if (!(lambda < capacity)) {
        UslPoolFigures f;
        f.stable = false;
        f.throughputPerS = capacity;
        f.inSystemMean = f.waitingMean = f.responseMeanS = f.waitMeanS = kInf;
        f.busyMean = N;
        f.utilization = 1;
        f.holdMeanS = meanDemand * (N / workN); // h / s(N): every query is slowed as with N on the server
        f.slowdownMean = N / workN - server.roundTripS / meanDemand;
        f.waitRatio = 1;
        return f;
    }

    // w_n = prod_{k=1..n} lambda / (mu k s(k)) for n <= N, from w_0 = 1 (log 0).
    const double logLoad = std::log(lambda) + std::log(meanDemand);
    BusySums busy;
    double logWeight = 0;
    for (int n = 1; n < N; ++n) {
        const double x = n, work = rates[static_cast<std::size_t>(n)];
        logWeight += logLoad - std::log(work);
        busy.add(logWeight, {1, x, x, 0, work, 0});
    }
    logWeight += logLoad - std::log(workN);

    // The tail n = N + j, j >= 0, has w_n = w_N r^j with r = lambda / capacity: with g = 1 / (1 - r),
    // sum r^j = g and sum j r^j = r g^2. 1 - r is formed as (capacity - lambda) / capacity so that
    // it keeps its digits when r is close to 1.
    const double r = lambda / capacity;
    const double g = capacity / (capacity - lambda);
    const double x = N;
    busy.add(logWeight, {g, x * g + r * g * g, x * g, r * g * g, workN * g, g});

    UslPoolFigures f = figuresFrom(busy, 0, N, meanDemand, server.roundTripS);
    f.throughputPerS = lambda; // exact; figuresFrom's E[mu m s(m)] equals it up to rounding
    return f;
}

UslPoolFigures uslPoolClosedFigures(const UslServer& server, int poolSize, int users, double thinkMeanS,
                                    double meanDemand)
{
    validateServer(server);
    require(poolSize >= 1, "the pool must have at least one connection");
    require(users >= 1, "there must be at least one user");
    require(std::isfinite(thinkMeanS) && thinkMeanS >= 0, "mean think time must be finite and >= 0");
    validateDemand(meanDemand);

    const int N = poolSize, K = users;
    const int mostOnServer = std::min(K, N);
    // Only a kappa near 1e289 gets here; the chain's weights would then be infinite.
    require(workRate(server, mostOnServer) > 0, "the server's speed underflows at this concurrency");
    const std::vector<double> rates = connectionWork(server, mostOnServer, meanDemand);

    // What an arriving user sees. Arrivals come at rate (K - n) / Z in state n, so the state an
    // arrival finds is distributed as pi_n (K - n) / sum_j pi_j (K - j), not as pi_n (PASTA needs
    // a rate that does not depend on the state). With pi_n proportional to
    // K! / (K - n)! / prod_k (Z mu_k), pi_n (K - n) is proportional to (K - 1)! / (K - 1 - n)! /
    // prod_k (Z mu_k): the stationary distribution of the same system with K - 1 users (the
    // arrival theorem: an arriving user sees the others in equilibrium without itself).
    // The arrival waits when it finds n >= N.
    ScaledSums<2> arrivals; // {1, n >= N}, weights pi_n (K - n)
    BusySums busy;
    double logIdle;
    if (thinkMeanS == 0) {
        // Nobody thinks: all K requests are always in the system, and a request sent on the
        // completion of the previous one finds the K - 1 others.
        logIdle = -kInf;
        const double x = K, m = mostOnServer;
        busy.add(0, {1, x, m, x - m, rates[static_cast<std::size_t>(mostOnServer)], K >= N ? 1.0 : 0.0});
        arrivals.add(0, {1, K - 1 >= N ? 1.0 : 0.0});
    } else {
        // w_n = prod_{k=1..n} ((K - k + 1) / Z) / (mu m_k s(m_k)), m_k = min(k, N), from w_0 = 1.
        logIdle = 0;
        arrivals.add(std::log(static_cast<double>(K)), {1, 0}); // the idle state, all K thinking
        const double logDemandOverThink = std::log(meanDemand) - std::log(thinkMeanS);
        double logWeight = 0;
        for (int n = 1; n <= K; ++n) {
            const int m = std::min(n, N);
            const double x = n, onServer = m, thinking = K - n, work = rates[static_cast<std::size_t>(m)];
            logWeight += std::log(thinking + 1) + logDemandOverThink - std::log(work);
            busy.add(logWeight, {1, x, onServer, x - onServer, work, n >= N ? 1.0 : 0.0});
            if (n < K)
                arrivals.add(logWeight + std::log(thinking), {1, n >= N ? 1.0 : 0.0});
        }
    }

    UslPoolFigures f = figuresFrom(busy, logIdle, N, meanDemand, server.roundTripS);
    f.waitRatio = arrivals[1] / arrivals[0];
    return f;
}

} // namespace poolsim::models::analytic
