#pragma once
// The Universal Scalability Law as the simulator's database server uses it: with n queries
// active, throughput X(n) = lambda min(n, cores) / (1 + sigma (n - 1) + kappa n (n - 1)). Without
// cores it is Gunther's classic USL, X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1)).
#include <optional>

namespace poolsim::models {

/// The fewest distinct concurrencies that determine the USL's three parameters.
inline constexpr int kUslMinDistinctConcurrencies = 3;

/// One measured point of a throughput curve: `concurrency` queries active (clients of the load
/// test), `throughput` completed per second; `line` is where it was read, 0 when not from a file.
struct UslPoint
{
    UslPoint() = default;
    UslPoint(double concurrencyAt, double throughputPerS, int lineNumber = 0)
        : concurrency(concurrencyAt), throughput(throughputPerS), line(lineNumber)
    {
    }

    double concurrency = 0;
    double throughput = 0;
    int line = 0;
    /// A query's mean latency as the load test's client saw it, seconds, when measured.
    std::optional<double> latencyS;
    /// A query's mean execution time on the server (PostgreSQL's pg_stat_statements), seconds,
    /// when measured: part of its time there, without parsing, the protocol or waiting for a core.
    std::optional<double> serverS;
};

struct UslCurve
{
    double lambda = 0; // throughput of one query alone, per second
    double sigma = 0;  // contention, in [0, 1): the serialised share of the work
    double kappa = 0;  // coherency, >= 0: the pairwise cost of keeping shared data consistent
    /// The server's cores; none: cores unlimited (the classic USL).
    std::optional<int> cores;

    /// Throughput with `n` > 0 queries active.
    double throughput(double n) const;
    /// The concurrency at which throughput peaks: sqrt((1 - sigma) / kappa) for the classic USL
    /// (infinite when kappa = 0, where it keeps rising), min(cores, that) with cores, beyond which
    /// each query only gets a share of a core and the denominator keeps growing.
    double peakConcurrency() const;
    /// The throughput at the peak; with neither cores nor coherency the supremum lambda / sigma
    /// that throughput approaches (infinite when sigma = 0 too).
    double peakThroughput() const;
};

} // namespace poolsim::models
