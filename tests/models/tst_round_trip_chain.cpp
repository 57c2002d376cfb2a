// The pool chain with a round trip (UslServer::roundTripS), against an independent computation:
// the full closed system as a continuous-time Markov chain over (users thinking, queries in their
// round trip, queries on the server), its generator built state by state and solved densely
// (tests/support/round_trip_ctmc.h).
// The chain under test replaces the busy connections by their flow-equivalent server (Norton's
// theorem). That is exact while the pool makes nobody wait (no more users than connections: the
// system is then a product-form network of two infinite servers and the server), and only close
// where requests queue for a connection, the queue breaking the product form: there the two
// must agree within 0.5%, the worst seen on these rows being 0.3% of the throughput.
#ifndef Q_MOC_RUN
#include "models/analytic/usl_pool_chain.h"
#endif

#include "check_close.h"
#include "round_trip_ctmc.h"

#include <QTest>

#include <cmath>

using namespace poolsim::models::analytic;
using roundtripctmc::bruteForce;
using roundtripctmc::Exact;

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
