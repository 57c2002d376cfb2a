#pragma once
// The closed pool system with a round trip as a continuous-time Markov chain over (users
// thinking, queries in their round trip, queries on the server), its generator built state by
// state and solved densely (Gauss-Jordan in long double): an independent computation for
// tests/models/tst_round_trip_chain.cpp (the analytic chain) and tst_database_validation.cpp (the
// simulator) where requests queue for connections and no closed form is exact. A few hundred
// states at most: small pools and populations only.
#include "models/analytic/usl_pool_chain.h"

#include <cmath>
#include <map>
#include <tuple>
#include <utility>
#include <vector>

namespace roundtripctmc {

using poolsim::models::analytic::UslServer;
using poolsim::models::analytic::uslWorkRate;

struct Exact
{
    double throughput = 0, busy = 0, inSystem = 0;
};

/// K users thinking (mean Z, exponential), a pool of N, each query a round trip (exponential,
/// mean R) then its work on the server (exponential demand, mean h, speed s(k) with k on it).
/// A user whose request finds every connection busy waits (FIFO; the order does not change
/// these means); a finished query hands its connection to a waiting request, which starts its
/// round trip.
inline Exact bruteForce(const UslServer& server, int N, int K, double Z, double h)
{
    using State = std::tuple<int, int, int>; // thinking, in transit, on server
    std::map<State, int> index;
    std::vector<State> states;
    for (int t = 0; t <= K; ++t)
        for (int j = 0; j <= N; ++j)
            for (int k = 0; j + k <= N; ++k) {
                const int waiting = K - t - j - k;
                if (waiting < 0 || (waiting > 0 && j + k < N))
                    continue;
                index[{t, j, k}] = static_cast<int>(states.size());
                states.emplace_back(t, j, k);
            }
    const std::size_t n = states.size();
    auto rate = [&](int k) {
        return k == 0 ? 0.0L : static_cast<long double>(uslWorkRate(server, k)) / static_cast<long double>(h);
    };
    // Q^T pi = 0 with sum pi = 1: the last balance equation replaced by the normalisation.
    std::vector<std::vector<long double>> A(n, std::vector<long double>(n + 1, 0.0L));
    auto flow = [&](std::size_t from, const State& to, long double r) {
        const std::size_t j = static_cast<std::size_t>(index.at(to));
        A[j][from] += r;
        A[from][from] -= r;
    };
    for (std::size_t i = 0; i < n; ++i) {
        const auto [t, j, k] = states[i];
        const int waiting = K - t - j - k;
        if (t > 0) // a user sends a request
            flow(i, j + k < N ? State{t - 1, j + 1, k} : State{t - 1, j, k}, t / static_cast<long double>(Z));
        if (j > 0) // a round trip ends: the query reaches the server
            flow(i, State{t, j - 1, k + 1}, j / static_cast<long double>(server.roundTripS));
        if (k > 0) // a query ends: its user thinks; a waiting request takes the connection
            flow(i, waiting > 0 ? State{t + 1, j + 1, k - 1} : State{t + 1, j, k - 1}, rate(k));
    }
    for (std::size_t c = 0; c < n; ++c)
        A[n - 1][c] = 1.0L;
    A[n - 1][n] = 1.0L;
    for (std::size_t c = 0; c < n; ++c) { // Gauss-Jordan with partial pivoting
        std::size_t pivot = c;
        for (std::size_t r = c + 1; r < n; ++r)
            if (std::fabs(A[r][c]) > std::fabs(A[pivot][c]))
                pivot = r;
        std::swap(A[c], A[pivot]);
        for (std::size_t r = 0; r < n; ++r)
            if (r != c && A[r][c] != 0.0L) {
                const long double f = A[r][c] / A[c][c];
                for (std::size_t x = c; x <= n; ++x)
                    A[r][x] -= f * A[c][x];
            }
    }
    Exact e;
    for (std::size_t i = 0; i < n; ++i) {
        const long double pi = A[i][n] / A[i][i];
        const auto [t, j, k] = states[i];
        e.throughput += static_cast<double>(pi * rate(k));
        e.busy += static_cast<double>(pi * (j + k));
        e.inSystem += static_cast<double>(pi * (K - t));
    }
    return e;
}

} // namespace roundtripctmc
