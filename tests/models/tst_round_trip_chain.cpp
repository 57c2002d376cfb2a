// The pool chain with a round trip (UslServer::roundTripS), against an independent computation:
// the full closed system as a continuous-time Markov chain over (users thinking, queries in their
// round trip, queries on the server), its generator built state by state and solved densely.
// The chain under test replaces the busy connections by their flow-equivalent server (Norton's
// theorem). That is exact while the pool makes nobody wait (no more users than connections: the
// system is then a product-form network of two infinite servers and the server), and only close
// where requests queue for a connection, the queue breaking the product form: there the two
// must agree within 0.5%, the worst seen on these rows being 0.3% of the throughput.
#ifndef Q_MOC_RUN
#include "models/analytic/usl_pool_chain.h"
#endif

#include "check_close.h"

#include <QTest>

#include <cmath>
#include <map>
#include <tuple>
#include <vector>

using namespace poolsim::models::analytic;

namespace {

struct Exact
{
    double throughput = 0, busy = 0, inSystem = 0;
};

/// K users thinking (mean Z, exponential), a pool of N, each query a round trip (exponential,
/// mean R) then its work on the server (exponential demand, mean h, speed s(k) with k on it).
/// A user whose request finds every connection busy waits (FIFO; the order does not change
/// these means); a finished query hands its connection to a waiting request, which starts its
/// round trip.
Exact bruteForce(const UslServer& server, int N, int K, double Z, double h)
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

} // namespace

class TestRoundTripChain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void closedAgainstTheFullChain_data()
    {
        QTest::addColumn<int>("cores");
        QTest::addColumn<double>("sigma");
        QTest::addColumn<double>("kappa");
        QTest::addColumn<double>("roundTrip");
        QTest::addColumn<int>("pool");
        QTest::addColumn<int>("users");
        QTest::addColumn<double>("think");
        QTest::addColumn<double>("hold");
        QTest::addColumn<double>("tolerance");
        // Exact: nobody waits for a connection.
        QTest::newRow("pool larger than users")
            << 1 << 0.2 << 0.0 << 0.01 << 6 << 4 << 0.02 << 0.003 << 1e-10;
        QTest::newRow("pool as large as users")
            << 2 << 0.1 << 0.05 << 0.003 << 5 << 5 << 0.001 << 0.002 << 1e-10;
        // The flow-equivalent server where requests queue for connections.
        QTest::newRow("one core, round trip 4x the work")
            << 1 << 0.0 << 0.0 << 0.004 << 3 << 6 << 0.002 << 0.001 << 5e-3;
        QTest::newRow("USL past its peak") << 2 << 0.1 << 0.05 << 0.003 << 4 << 7 << 0.001 << 0.002 << 5e-3;
        QTest::newRow("short round trip") << 2 << 0.05 << 0.01 << 0.0001 << 3 << 5 << 0.01 << 0.005 << 5e-3;
    }

    void closedAgainstTheFullChain()
    {
        QFETCH(int, cores);
        QFETCH(double, sigma);
        QFETCH(double, kappa);
        QFETCH(double, roundTrip);
        QFETCH(int, pool);
        QFETCH(int, users);
        QFETCH(double, think);
        QFETCH(double, hold);
        QFETCH(double, tolerance);
        const UslServer server{cores, sigma, kappa, roundTrip};
        const UslPoolFigures f = uslPoolClosedFigures(server, pool, users, think, hold);
        const Exact e = bruteForce(server, pool, users, think, hold);
        CHECK_CLOSE(f.throughputPerS, e.throughput, tolerance, 0);
        CHECK_CLOSE(f.busyMean, e.busy, tolerance, 1e-14);
        CHECK_CLOSE(f.inSystemMean, e.inSystem, tolerance, 1e-14);
        CHECK_CLOSE(f.holdMeanS, e.busy / e.throughput, tolerance, 0);
        // The round trip holds the connection and takes none of the server: the time on the
        // server is the hold less the round trip, at least the demand.
        QVERIFY(f.slowdownMean >= 1 - 1e-12);
        CHECK_CLOSE(f.slowdownMean, (f.holdMeanS - roundTrip) / hold, 1e-12, 0);
    }

    void withoutRoundTripTheServersOwnRate()
    {
        for (int m = 1; m <= 20; ++m)
            QCOMPARE(connectionRate(UslServer{4, 0.03, 0.002}, m, 0.01),
                     uslWorkRate(UslServer{4, 0.03, 0.002}, m) / 0.01);
    }

    void longRoundTripsNeedMoreConnections()
    {
        // With a round trip R and demand h on a one-core server, m connections complete at most
        // m / (R + h) per second and at most 1 / h: the rate rises towards the server's.
        const UslServer server{1, 0, 0, 0.004};
        double last = 0;
        for (int m = 1; m <= 40; ++m) {
            const double x = connectionRate(server, m, 0.001);
            QVERIFY(x >= last * (1 - 1e-12)); // rising to the server's 1 / h, but for rounding
            QVERIFY(x <= m / 0.005 + 1e-9);
            QVERIFY(x <= 1000 * (1 + 1e-12));
            last = x;
        }
        CHECK_CLOSE(connectionRate(server, 1, 0.001), 1 / 0.005, 1e-12, 0); // alone: R + h per query
        QVERIFY(last > 990);
    }

    void invalidRoundTrip()
    {
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, connectionRate(UslServer{1, 0, 0, -1}, 1, 0.001));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 uslPoolOpenFigures(UslServer{1, 0, 0, std::nan("")}, 2, 10, 0.001));
    }
};

QTEST_GUILESS_MAIN(TestRoundTripChain)
#include "tst_round_trip_chain.moc"
