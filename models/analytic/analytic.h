#pragma once
// Closed forms for a connection pool with Poisson arrivals and exponential hold times, which
// the simulator is validated against and which the product shows beside simulations.
//
// Servers are the pool's c connections; requests arrive at rate lambda (per second) and hold a
// connection for an exponential time of mean h seconds; the offered load is a = lambda * h.
//   erlangBFigures       pool timeout 0 (a request that finds every connection busy fails):  M/M/c/c
//   erlangCFigures       no timeout (requests wait as long as it takes):                     M/M/c
//   fixedTimeoutFigures  requests wait at most timeoutS, then fail:                          M/M/c+D
// All functions throw std::invalid_argument for invalid arguments. No Qt.

namespace poolsim::models::analytic {

/// Erlang B blocking probability B(c, a) by the stable recursion B(0) = 1,
/// B(k) = a B(k-1) / (k + a B(k-1)). servers >= 0 (B(0, a) = 1), offeredLoad finite and >= 0.
/// O(servers); accurate for servers up to many thousands.
double erlangB(int servers, double offeredLoad);

/// Erlang C probability of waiting C(c, a) = c B / (c - a (1 - B)); 1 when a >= c.
/// servers >= 1, offeredLoad finite and >= 0.
double erlangC(int servers, double offeredLoad);

struct QueueFigures
{
    double offeredLoad = 0;  ///< a = lambda * h, in connections
    double timeoutRatio = 0; ///< share of requests that fail (blocked at once, or time out)
    double waitRatio = 0;    ///< share of SERVED requests that waited at all (wait > 0)
    double waitMeanS = 0;    ///< mean wait of served requests (zeros included), seconds
    double waitP50S = 0;     ///< quantiles of the wait of served requests: the least t with
    double waitP95S = 0;     ///<   P(wait <= t) >= p, so 0 when P(wait = 0) >= p
    double waitP99S = 0;
    double busyMean = 0;       ///< time-average connections in use
    double utilization = 0;    ///< busyMean / c
    double throughputPerS = 0; ///< served requests per second
    bool stable = true;        ///< false for M/M/c with a >= c: waits are then +inf
};

/// M/M/c/c: no waiting; timeoutRatio = B(c, a).
QueueFigures erlangBFigures(int c, double lambda, double meanHold);

/// M/M/c: nobody leaves. With a >= c the queue grows without bound: stable = false, the waits are
/// +inf, waitRatio = 1, and the pool serves at capacity (busyMean = c, throughput = c / h).
QueueFigures erlangCFigures(int c, double lambda, double meanHold);

/// M/M/c+D: a request that has not got a connection after exactly timeoutS seconds leaves and
/// fails. timeoutS = 0 gives erlangBFigures, timeoutS = +inf gives erlangCFigures.
QueueFigures fixedTimeoutFigures(int c, double lambda, double meanHold, double timeoutS);

/// Quantile (least t with P(wait <= t) >= p, 0 < p < 1) of the wait of a served request;
/// the building block of the waitP*S fields, exposed for plots and tests.
double erlangCWaitQuantile(int c, double lambda, double meanHold, double p);
double fixedTimeoutWaitQuantile(int c, double lambda, double meanHold, double timeoutS, double p);

} // namespace poolsim::models::analytic
