#pragma once
// A closed load test against a database server with a round trip: `clients` connections, each
// sending its next query as soon as the last one answered (pgbench's default). A query spends its
// round trip (driver, network, pooler: no server capacity) and then its time on the server, whose
// throughput with k queries on it is the USL curve's X(k). The network of an infinite server (the
// round trips) and the load-dependent server is in product form, so with n clients
//     P(k on the server) ~ R^(n-k) / (n-k)! / (X(1) X(2) ... X(k)),
// whatever the round trip's and the queries' distributions (the server shares itself out evenly).
#include "models/fitting/usl_curve.h"

namespace poolsim::models {

struct ClosedLoopFigures
{
    double throughputPerS = 0; ///< queries per second
    double latencyS = 0;       ///< a query's round trip and its time on the server: clients / throughput
    double serverS = 0;        ///< a query's time on the server: its mean number there / throughput
};

/// The closed loop of `clients` >= 1 through `server` with each query's round trip `roundTripS` >= 0
/// (its mean; the distribution does not matter). With no round trip every query is on the server:
/// the throughput is server.throughput(clients). Throws std::invalid_argument for bad arguments.
ClosedLoopFigures closedLoop(const UslCurve& server, double roundTripS, int clients);

} // namespace poolsim::models
