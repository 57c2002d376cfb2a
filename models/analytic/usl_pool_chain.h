#pragma once
// Exact figures for a connection pool in front of a database server whose speed falls with the
// number of queries on it (Gunther's Universal Scalability Law), for validating the simulator's
// database-server model. An implementation of its own on purpose: it shares no code with the
// simulator, so that an error in one shows as a disagreement with the other.
//
// The model (every function below assumes all of it):
// - One workload of requests that each need one connection and run one query; one pool of N
//   connections; a FIFO queue for connections with no pool timeout (nobody leaves, nothing fails).
// - A request holds its connection exactly while its query is on the server, plus its round trip
//   when the server has one (UslServer::roundTripS): no time to open a connection, no time
//   between getting the connection and the query starting.
// - A query's service demand D (its duration alone on an idle server) is exponential with mean
//   h = 1 / mu. With n queries on the server each progresses at s(n) demand-seconds per second
//   (uslSpeed), and a query leaves when it has received D.
// Because demands are exponential, the number of requests in the system n (waiting or on the
// server) is a birth-death chain: m = min(n, N) queries are on the server and one of them
// finishes at rate mu m s(m). Births are lambda (open) or (K - n) / Z (closed).
// All functions throw std::invalid_argument for invalid arguments. No Qt.

namespace poolsim::models::analytic {

/// A database server: `cores` CPUs shared by the active queries, and the USL's contention
/// (sigma, serialised work) and coherency (kappa, crosstalk between each pair of queries).
/// sigma = kappa = 0 is plain processor sharing on `cores` CPUs.
struct UslServer
{
    int cores = 1;    ///< >= 1
    double sigma = 0; ///< in [0, 1)
    double kappa = 0; ///< >= 0, finite
    /// Each query's round trip, >= 0 seconds: time it holds its connection beside its work on the
    /// server, using none of the server (database.capacity.round_trip). With one, the connections
    /// busy circulate between the round trip (an infinite server) and the server, and the chain's
    /// death rate with m busy is the throughput of that closed two-station network with m
    /// customers (its flow-equivalent server, Norton's theorem). That is exact while nobody waits
    /// for a connection (closed, with no more users than connections: a product-form network of
    /// two infinite servers and the server, insensitive to the round trip's distribution), and
    /// an approximation where requests queue for connections, the queue breaking the product
    /// form: 0.3% off the exact chain's throughput at worst on tst_round_trip_chain's rows, but
    /// further off in the waits (4.6% below the simulated mean wait of 12 users on a pool of 4).
    double roundTripS = 0;
};

/// The speed of each of n >= 1 active queries, in demand-seconds per second:
///     s(n) = min(1, cores / n) / (1 + sigma (n - 1) + kappa n (n - 1)).
/// s(1) = 1: a query alone runs in its demand.
double uslSpeed(const UslServer& server, int activeQueries);

/// The completion rate, per second, of m >= 1 busy connections with the server's round trip:
/// m s(m) / h without one (h the mean demand); with one, the flow-equivalent rate above.
double connectionRate(const UslServer& server, int busyConnections, double meanDemand);

/// The server's work rate n s(n) with n >= 1 active queries (demand-seconds per second): the
/// completion rate is this divided by the mean demand. Under the USL it peaks at some n and
/// falls beyond, so letting more queries onto the server lowers its throughput.
double uslWorkRate(const UslServer& server, int activeQueries);

struct UslPoolFigures
{
    bool stable = true;        ///< open chain only: lambda < mu N s(N); always true for the closed one
    double throughputPerS = 0; ///< completed requests per second
    double inSystemMean = 0;   ///< L: time-average requests waiting or on the server
    double waitingMean = 0;    ///< Lq = E[max(n - N, 0)]: time-average requests waiting for a connection
    double busyMean = 0; ///< E[min(n, N)]: connections in use (queries on the server or in their round trip)
    double utilization = 0;   ///< busyMean / N
    double responseMeanS = 0; ///< W: mean time from sending a request to its completion
    double waitMeanS = 0;     ///< mean wait for a connection (zeros included)
    double holdMeanS =
        0; ///< mean time a request holds its connection (its round trip and its time on the server)
    double waitRatio = 0; ///< probability that an arriving request finds no idle connection
    /// (holdMeanS - round trip) / h: the RATIO OF THE MEANS (mean time on the server over mean demand), not
    /// the mean of each query's own time-on-server / demand, which a simulation measuring per-query slowdowns
    /// would report. The two differ in general (they agree for processor sharing on one core, where E[time |
    /// D] = D / (1 - rho)): a short query is slowed by the load of the moment it runs, a long one by the load
    /// averaged over its run. 1 when every query runs alone.
    double slowdownMean = 0;
};

/// Open chain: Poisson arrivals at rate lambda > 0 per second, demands of mean h > 0 seconds,
/// a pool of N >= 1 connections. Birth rate lambda in every state, death rate mu m s(m).
///
/// Above N the death rate is constant, so the tail n >= N is geometric with ratio
/// r = lambda / (mu N s(N)) and is summed in closed form; below N the chain is summed state by
/// state in log space (O(N) time, O(1) memory), so N of many thousands and loads that make the
/// unnormalised weights overflow are fine. Little's law gives W = L / lambda,
/// waitMeanS = Lq / lambda, holdMeanS = busyMean / lambda; waitRatio = P(n >= N) by PASTA.
///
/// Stable only when r < 1, i.e. lambda < mu N s(N): the throughput of a pool whose queue never
/// empties. Note that this is the server's rate at N, not its peak: a pool larger than the
/// server's best concurrency lowers the capacity. When unstable: stable = false, the queue grows
/// without bound (inSystemMean, waitingMean, responseMeanS, waitMeanS = +inf, waitRatio = 1) and
/// the pool serves at capacity: busyMean = N, throughput = mu N s(N), holdMeanS = h / s(N).
UslPoolFigures uslPoolOpenFigures(const UslServer& server, int poolSize, double lambda, double meanDemand);

/// Closed chain (finite source): K >= 1 users, each thinks for an exponential time of mean
/// Z >= 0 seconds, then sends one request and waits for its completion; demands of mean h > 0,
/// a pool of N >= 1. Birth rate (K - n) / Z, death rate mu m s(m); always stable. Z = 0 keeps
/// all K requests in the system all the time.
///
/// X = E[mu m s(m)]; W = L / X (equal to K / X - Z by Little's law on the think stage, which
/// cancels badly when Z >> W); waitMeanS = Lq / X = W - holdMeanS; holdMeanS = busyMean / X.
/// waitRatio is what an arriving request sees, which is not the time average: by the arrival
/// theorem it is P(n >= N) in the same system with K - 1 users. O(K) time, O(1) memory, in log
/// space, so K of many thousands is fine.
UslPoolFigures uslPoolClosedFigures(const UslServer& server, int poolSize, int users, double thinkMeanS,
                                    double meanDemand);

} // namespace poolsim::models::analytic
