// Tests of the birth-death chain of a pool in front of a USL database server
// (models/analytic/usl_pool_chain.h): its limits (M/M/N, M/M/1 processor sharing, M/M/c, the
// infinite-server closed system), both chains against a dense solve of their generator matrix,
// the arrival theorem, populations and pools of thousands, a larger pool that is slower, and
// invalid arguments.
#include "models/analytic/usl_pool_chain.h"

#include "models/analytic/analytic.h"

#include <QObject>
#include <QString>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <limits>
#include <stdexcept>
#include <vector>

#include "analytic_test_support.h"
#include "usl_chain_reference.h"

using namespace poolsim::models::analytic;
using namespace uslchaintest; // NOLINT: the suite's own reference

using Thrower = std::function<void()>;
Q_DECLARE_METATYPE(Thrower)

class TestUslPoolChain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void speedFunction_data();
    void speedFunction();
    void openMatchesErlangC_data();
    void openMatchesErlangC();
    void singleCoreProcessorSharing_data();
    void singleCoreProcessorSharing();
    void multiCoreProcessorSharing_data();
    void multiCoreProcessorSharing();
    void openBruteForce_data();
    void openBruteForce();
    void openUnstable_data();
    void openUnstable();
    void closedInfiniteServer_data();
    void closedInfiniteServer();
    void closedBruteForce_data();
    void closedBruteForce();
    void closedArrivalsSeeOneUserFewer();
    void closedWithoutThinking_data();
    void closedWithoutThinking();
    void thousandsOfUsersAndConnections();
    void largerPoolIsSlower_data();
    void largerPoolIsSlower();
    void invalidArguments_data();
    void invalidArguments();
};

// ---- The speed function ---------------------------------------------------------------------

void TestUslPoolChain::speedFunction_data()
{
    QTest::addColumn<int>("cores");
    QTest::addColumn<double>("sigma");
    QTest::addColumn<double>("kappa");
    QTest::addColumn<int>("n");
    QTest::addColumn<double>("speed");
    // Worked by hand from s(n) = min(1, cores / n) / (1 + sigma (n - 1) + kappa n (n - 1)).
    QTest::newRow("alone, any server") << 4 << 0.05 << 0.02 << 1 << 1.0;
    QTest::newRow("PS, fewer queries than cores") << 2 << 0.0 << 0.0 << 2 << 1.0;
    QTest::newRow("PS, 3 on 2 cores") << 2 << 0.0 << 0.0 << 3 << 2.0 / 3;
    QTest::newRow("PS, 8 on 2 cores") << 2 << 0.0 << 0.0 << 8 << 0.25;
    QTest::newRow("contention only") << 1 << 0.5 << 0.0 << 3 << 1.0 / 6;
    QTest::newRow("USL at the cores") << 4 << 0.05 << 0.02 << 4 << 1 / 1.39;
    QTest::newRow("USL, 5 on 4 cores") << 4 << 0.05 << 0.02 << 5 << 0.5;
    QTest::newRow("USL, 10 on 4 cores") << 4 << 0.05 << 0.02 << 10 << 0.4 / 3.25;
    QTest::newRow("USL, 16 cores") << 16 << 0.1 << 0.001 << 16 << 1 / 2.74;
}

void TestUslPoolChain::speedFunction()
{
    QFETCH(int, cores);
    QFETCH(double, sigma);
    QFETCH(double, kappa);
    QFETCH(int, n);
    QFETCH(double, speed);
    const UslServer server{cores, sigma, kappa};
    CHECK_CLOSE(uslSpeed(server, n), speed, 1e-14, 0);
    CHECK_CLOSE(uslWorkRate(server, n), n * speed, 1e-14, 0);
}

// ---- Open chain: limits -----------------------------------------------------------------------

// No contention and at least as many cores as connections: every query on the server runs at
// full speed, so the pool is M/M/N with N connections.
void TestUslPoolChain::openMatchesErlangC_data()
{
    QTest::addColumn<int>("pool");
    QTest::addColumn<int>("cores");
    QTest::addColumn<double>("lambda");
    QTest::addColumn<double>("hold");
    QTest::newRow("N=1 a=0.5") << 1 << 1 << 0.5 << 1.0;
    QTest::newRow("N=10 a=8") << 10 << 10 << 80.0 << 0.1;
    QTest::newRow("N=10 a=9.5, 32 cores") << 10 << 32 << 95.0 << 0.1;
    QTest::newRow("N=50 a=30, 64 cores") << 50 << 64 << 300.0 << 0.1;
    QTest::newRow("N=100 a=30 (waits very rare)") << 100 << 100 << 300.0 << 0.1;
    // The weights of states below N reach a^n / n!, about e^4900: only scaled sums survive it.
    QTest::newRow("N=5000 a=4900") << 5000 << 5000 << 4900.0 << 1.0;
}

void TestUslPoolChain::openMatchesErlangC()
{
    QFETCH(int, pool);
    QFETCH(int, cores);
    QFETCH(double, lambda);
    QFETCH(double, hold);
    const UslPoolFigures f = uslPoolOpenFigures(UslServer{cores, 0, 0}, pool, lambda, hold);
    const QueueFigures mmc = erlangCFigures(pool, lambda, hold);
    QVERIFY(f.stable);
    CHECK_CLOSE(f.waitMeanS, mmc.waitMeanS, 1e-9, 1e-300);
    CHECK_CLOSE(f.waitRatio, mmc.waitRatio, 1e-9, 1e-300);
    CHECK_CLOSE(f.busyMean, mmc.busyMean, 1e-9, 0);
    CHECK_CLOSE(f.utilization, mmc.utilization, 1e-9, 0);
    CHECK_CLOSE(f.throughputPerS, lambda, 1e-15, 0);
    CHECK_CLOSE(f.holdMeanS, hold, 1e-9, 0);
    CHECK_CLOSE(f.slowdownMean, 1.0, 1e-9, 0);
    CHECK_CLOSE(f.responseMeanS, mmc.waitMeanS + hold, 1e-9, 0);
    CHECK_CLOSE(f.inSystemMean, lambda * (mmc.waitMeanS + hold), 1e-9, 0);
    CHECK_CLOSE(f.waitingMean, lambda * mmc.waitMeanS, 1e-9, 1e-300);
}

// One core, no contention, a pool so large that nobody ever waits for a connection: the server
// is M/M/1 processor sharing, whose mean response is h / (1 - rho) whatever the discipline.
void TestUslPoolChain::singleCoreProcessorSharing_data()
{
    QTest::addColumn<double>("rho");
    QTest::newRow("rho 0.3") << 0.3;
    QTest::newRow("rho 0.7") << 0.7;
    QTest::newRow("rho 0.95") << 0.95;
}

void TestUslPoolChain::singleCoreProcessorSharing()
{
    QFETCH(double, rho);
    const double hold = 0.02, lambda = rho / hold;
    const UslPoolFigures f = uslPoolOpenFigures(UslServer{1, 0, 0}, 10000, lambda, hold);
    QVERIFY(f.stable);
    CHECK_CLOSE(f.responseMeanS, hold / (1 - rho), 1e-9, 0);
    CHECK_CLOSE(f.inSystemMean, rho / (1 - rho), 1e-9, 0);
    CHECK_CLOSE(f.holdMeanS, hold / (1 - rho), 1e-9, 0); // the time on the server is the response
    CHECK_CLOSE(f.slowdownMean, 1 / (1 - rho), 1e-9, 0);
    CHECK_CLOSE(f.waitMeanS, 0.0, 0, 1e-100); // P(n >= 10000) = rho^10000
    CHECK_CLOSE(f.waitRatio, 0.0, 0, 1e-100);
}

// c cores, no contention, a pool that never fills: the server is M/M/c (a query on a free core
// runs at full speed, the others share), so the response is Erlang C's wait plus h.
void TestUslPoolChain::multiCoreProcessorSharing_data()
{
    QTest::addColumn<int>("cores");
    QTest::addColumn<double>("load");
    QTest::newRow("2 cores a=1.5") << 2 << 1.5;
    QTest::newRow("4 cores a=3.6") << 4 << 3.6;
    QTest::newRow("16 cores a=12") << 16 << 12.0;
    QTest::newRow("64 cores a=60") << 64 << 60.0;
}

void TestUslPoolChain::multiCoreProcessorSharing()
{
    QFETCH(int, cores);
    QFETCH(double, load);
    const double hold = 0.05, lambda = load / hold;
    const UslPoolFigures f = uslPoolOpenFigures(UslServer{cores, 0, 0}, 5000, lambda, hold);
    const double response = erlangCFigures(cores, lambda, hold).waitMeanS + hold;
    QVERIFY(f.stable);
    CHECK_CLOSE(f.responseMeanS, response, 1e-9, 0);
    CHECK_CLOSE(f.holdMeanS, response, 1e-9, 0);
    CHECK_CLOSE(f.slowdownMean, response / hold, 1e-9, 0);
    CHECK_CLOSE(f.waitMeanS, 0.0, 0, 1e-100);
    CHECK_CLOSE(f.busyMean, lambda * response, 1e-9, 0);
}

// ---- Open chain: against its generator --------------------------------------------------------

void TestUslPoolChain::openBruteForce_data()
{
    QTest::addColumn<int>("pool");
    QTest::addColumn<int>("cores");
    QTest::addColumn<double>("sigma");
    QTest::addColumn<double>("kappa");
    QTest::addColumn<double>("load"); // lambda h
    QTest::addColumn<int>("last");    // truncation, where r^(last - N) < 1e-20
    QTest::newRow("N=1") << 1 << 1 << 0.1 << 0.0 << 0.5 << 100;
    QTest::newRow("contention only, N=3 on 2 cores, r=0.7") << 3 << 2 << 0.2 << 0.0 << 1.0 << 200;
    QTest::newRow("USL, N=4 at the peak, r=0.8") << 4 << 4 << 0.05 << 0.02 << 2.3 << 250;
    QTest::newRow("USL, N=8 past the peak, r=0.86") << 8 << 4 << 0.05 << 0.02 << 1.4 << 400;
    QTest::newRow("USL, N=16 light") << 16 << 8 << 0.02 << 0.0005 << 2.0 << 100;
}

void TestUslPoolChain::openBruteForce()
{
    QFETCH(int, pool);
    QFETCH(int, cores);
    QFETCH(double, sigma);
    QFETCH(double, kappa);
    QFETCH(double, load);
    QFETCH(int, last);
    const double hold = 0.01, lambda = load / hold;
    const UslPoolFigures f = uslPoolOpenFigures(UslServer{cores, sigma, kappa}, pool, lambda, hold);
    QVERIFY(f.stable);
    CHECK_FIGURES(f, bruteForceOpen(Chain{cores, pool, sigma, kappa, hold}, lambda, last), 1e-10, 1e-15);
}

// Past capacity mu N s(N) the queue grows without bound; the pool then works at capacity, like
// erlangCFigures does for M/M/c.
void TestUslPoolChain::openUnstable_data()
{
    QTest::addColumn<int>("pool");
    QTest::addColumn<int>("cores");
    QTest::addColumn<double>("sigma");
    QTest::addColumn<double>("kappa");
    QTest::addColumn<double>("load");
    QTest::newRow("M/M/N at a = N") << 10 << 10 << 0.0 << 0.0 << 10.0;
    QTest::newRow("PS past one core") << 50 << 1 << 0.0 << 0.0 << 1.5;
    // The server's peak (4 on the server) would carry this load; 64 on it cannot.
    QTest::newRow("USL, pool past the peak") << 64 << 4 << 0.05 << 0.02 << 2.6;
}

void TestUslPoolChain::openUnstable()
{
    QFETCH(int, pool);
    QFETCH(int, cores);
    QFETCH(double, sigma);
    QFETCH(double, kappa);
    QFETCH(double, load);
    const double hold = 0.01;
    const double speed = static_cast<double>(referenceSpeed(cores, sigma, kappa, pool));
    const UslPoolFigures f = uslPoolOpenFigures(UslServer{cores, sigma, kappa}, pool, load / hold, hold);
    QVERIFY(!f.stable);
    QCOMPARE(f.inSystemMean, kInf);
    QCOMPARE(f.waitingMean, kInf);
    QCOMPARE(f.responseMeanS, kInf);
    QCOMPARE(f.waitMeanS, kInf);
    QCOMPARE(f.waitRatio, 1.0);
    QCOMPARE(f.busyMean, static_cast<double>(pool));
    QCOMPARE(f.utilization, 1.0);
    CHECK_CLOSE(f.throughputPerS, pool * speed / hold, 1e-14, 0);
    CHECK_CLOSE(f.holdMeanS, hold / speed, 1e-14, 0);
    CHECK_CLOSE(f.slowdownMean, 1 / speed, 1e-14, 0);
}

// ---- Closed chain -----------------------------------------------------------------------------

// As many cores and connections as users, no contention: nobody waits or is slowed, so each
// request takes h and each user cycles in Z + h.
void TestUslPoolChain::closedInfiniteServer_data()
{
    QTest::addColumn<int>("users");
    QTest::addColumn<int>("pool");
    QTest::addColumn<int>("cores");
    QTest::addColumn<double>("think");
    QTest::addColumn<double>("hold");
    QTest::newRow("one user") << 1 << 1 << 1 << 1.0 << 0.1;
    QTest::newRow("10 users") << 10 << 10 << 10 << 0.5 << 0.2;
    QTest::newRow("40 users, spare cores") << 40 << 40 << 64 << 2.0 << 0.05;
    QTest::newRow("7 users, no thinking") << 7 << 7 << 8 << 0.0 << 0.3;
    // Weights K! / (K - n)! (h / Z)^n / n! reach e^2700: only scaled sums survive them.
    QTest::newRow("4000 users") << 4000 << 5000 << 4000 << 1.0 << 0.5;
}

void TestUslPoolChain::closedInfiniteServer()
{
    QFETCH(int, users);
    QFETCH(int, pool);
    QFETCH(int, cores);
    QFETCH(double, think);
    QFETCH(double, hold);
    const UslPoolFigures f = uslPoolClosedFigures(UslServer{cores, 0, 0}, pool, users, think, hold);
    QVERIFY(f.stable);
    CHECK_CLOSE(f.responseMeanS, hold, 1e-12, 0);
    CHECK_CLOSE(f.holdMeanS, hold, 1e-12, 0);
    CHECK_CLOSE(f.throughputPerS, users / (think + hold), 1e-12, 0);
    CHECK_CLOSE(f.inSystemMean, users * hold / (think + hold), 1e-12, 0);
    CHECK_CLOSE(f.busyMean, users * hold / (think + hold), 1e-12, 0);
    CHECK_CLOSE(f.slowdownMean, 1.0, 1e-12, 0);
    QCOMPARE(f.waitMeanS, 0.0);
    QCOMPARE(f.waitingMean, 0.0);
    QCOMPARE(f.waitRatio, 0.0);
}

void TestUslPoolChain::closedBruteForce_data()
{
    QTest::addColumn<int>("users");
    QTest::addColumn<int>("pool");
    QTest::addColumn<int>("cores");
    QTest::addColumn<double>("sigma");
    QTest::addColumn<double>("kappa");
    QTest::addColumn<double>("think");
    QTest::addColumn<double>("hold");
    QTest::newRow("K=6 N=3, 2 cores, USL") << 6 << 3 << 2 << 0.1 << 0.02 << 0.5 << 0.2;
    QTest::newRow("one user") << 1 << 1 << 1 << 0.1 << 0.02 << 1.0 << 0.3;
    QTest::newRow("pool larger than the population") << 5 << 8 << 4 << 0.05 << 0.01 << 0.2 << 0.1;
    QTest::newRow("one connection") << 6 << 1 << 2 << 0.1 << 0.02 << 0.1 << 0.2;
    QTest::newRow("contention only, heavy") << 12 << 6 << 2 << 0.3 << 0.0 << 0.01 << 0.2;
    QTest::newRow("light") << 8 << 4 << 2 << 0.1 << 0.02 << 50.0 << 0.2;
}

void TestUslPoolChain::closedBruteForce()
{
    QFETCH(int, users);
    QFETCH(int, pool);
    QFETCH(int, cores);
    QFETCH(double, sigma);
    QFETCH(double, kappa);
    QFETCH(double, think);
    QFETCH(double, hold);
    const UslPoolFigures f = uslPoolClosedFigures(UslServer{cores, sigma, kappa}, pool, users, think, hold);
    QVERIFY(f.stable);
    CHECK_FIGURES(f, bruteForceClosed(Chain{cores, pool, sigma, kappa, hold}, users, think), 1e-10, 1e-15);
    CHECK_CLOSE(f.responseMeanS, users / f.throughputPerS - think, 1e-10, 0); // Little on the cycle
    CHECK_CLOSE(f.waitMeanS, f.responseMeanS - f.holdMeanS, 1e-10, 1e-15);
}

// An arriving user is not among those it finds, so it sees fewer requests ahead of it than the
// time average shows: with K = 6 and N = 3 the two probabilities of waiting differ clearly, and
// the time average would be the wrong answer.
void TestUslPoolChain::closedArrivalsSeeOneUserFewer()
{
    const Chain chain{2, 3, 0.1, 0.02, 0.2};
    const int users = 6;
    const double think = 0.5;
    const std::vector<long double> pi =
        chain.solve(users, [&](int n) { return (users - n) / static_cast<long double>(think); });
    long double timeAverage = 0;
    for (std::size_t i = static_cast<std::size_t>(chain.pool); i < pi.size(); ++i)
        timeAverage += pi[i];
    const UslPoolFigures f = uslPoolClosedFigures(UslServer{2, 0.1, 0.02}, 3, users, think, 0.2);
    QVERIFY2(f.waitRatio < static_cast<double>(timeAverage) - 0.05,
             qPrintable(QStringLiteral("arrivals %1, time average %2")
                            .arg(f.waitRatio)
                            .arg(static_cast<double>(timeAverage))));
}

// Z = 0: all K requests are in the system all the time; a request sent on the completion of the
// previous one finds the K - 1 others.
void TestUslPoolChain::closedWithoutThinking_data()
{
    QTest::addColumn<int>("users");
    QTest::addColumn<int>("pool");
    QTest::newRow("more users than connections") << 5 << 3;
    QTest::newRow("as many (the others leave one free)") << 4 << 4;
    QTest::newRow("fewer users") << 3 << 5;
}

void TestUslPoolChain::closedWithoutThinking()
{
    QFETCH(int, users);
    QFETCH(int, pool);
    const UslServer server{2, 0.1, 0.02};
    const double hold = 0.2;
    const int m = std::min(users, pool);
    const double speed = static_cast<double>(referenceSpeed(2, 0.1, 0.02, m));
    const double throughput = m * speed / hold;
    const UslPoolFigures f = uslPoolClosedFigures(server, pool, users, 0.0, hold);
    CHECK_CLOSE(f.throughputPerS, throughput, 1e-14, 0);
    CHECK_CLOSE(f.inSystemMean, users, 1e-14, 0);
    CHECK_CLOSE(f.busyMean, m, 1e-14, 0);
    CHECK_CLOSE(f.waitingMean, users - m, 1e-14, 0);
    CHECK_CLOSE(f.responseMeanS, users / throughput, 1e-14, 0);
    CHECK_CLOSE(f.holdMeanS, hold / speed, 1e-14, 0);
    CHECK_CLOSE(f.waitMeanS, (users - m) / throughput, 1e-14, 0);
    QCOMPARE(f.waitRatio, users - 1 >= pool ? 1.0 : 0.0);

    // Thinking for a nanosecond is nearly the same.
    const UslPoolFigures nearly = uslPoolClosedFigures(server, pool, users, 1e-9, hold);
    CHECK_CLOSE(nearly.throughputPerS, f.throughputPerS, 1e-6, 0);
    CHECK_CLOSE(nearly.responseMeanS, f.responseMeanS, 1e-6, 0);
    CHECK_CLOSE(nearly.waitRatio, f.waitRatio, 1e-6, 1e-6);
}

// Thousands of users and connections on a USL server: every figure finite, and the identities
// of Little's law hold among them (they are computed from different sums).
void TestUslPoolChain::thousandsOfUsersAndConnections()
{
    const UslServer server{16, 0.01, 0.0001};
    const double think = 1.0, hold = 0.05;
    double peak = 0;
    for (int m = 1; m <= 200; ++m)
        peak = std::max(peak, static_cast<double>(m * referenceSpeed(16, 0.01, 0.0001, m)));
    for (const int pool : {20, 200, 6000}) {
        const UslPoolFigures f = uslPoolClosedFigures(server, pool, 5000, think, hold);
        QVERIFY(std::isfinite(f.responseMeanS) && f.responseMeanS > 0);
        QVERIFY(f.throughputPerS <= peak / hold * (1 + 1e-12));
        QVERIFY(f.busyMean <= pool);
        QVERIFY(pool < 5000 ? f.waitRatio > 0 && f.waitRatio <= 1 : f.waitRatio == 0);
        CHECK_CLOSE(f.inSystemMean + f.throughputPerS * think, 5000.0, 1e-9, 0);
        CHECK_CLOSE(f.responseMeanS, 5000 / f.throughputPerS - think, 1e-9, 0);
        CHECK_CLOSE(f.holdMeanS + f.waitMeanS, f.responseMeanS, 1e-9, 0);
        CHECK_CLOSE(f.busyMean, f.throughputPerS * f.holdMeanS, 1e-9, 0);
    }
    const UslPoolFigures open = uslPoolOpenFigures(server, 3000, 0.5 * peak / hold, hold);
    QVERIFY(!open.stable); // 3000 on the server: s(3000) is tiny
    const UslPoolFigures sized = uslPoolOpenFigures(server, 40, 0.5 * peak / hold, hold);
    QVERIFY(sized.stable && std::isfinite(sized.responseMeanS));
}

// ---- A larger pool that is slower -------------------------------------------------------------

// On a USL server the work rate m s(m) peaks (here at m = 4: 4 cores, and contention and
// coherency only grow beyond) and falls after it, because every query added slows all of them
// more than it adds. A pool of 4 keeps the excess requests waiting in its queue, where they cost
// the server nothing, so the server always works at its best rate; a larger pool lets them onto
// the server, which then completes fewer queries per second, every query holds its connection
// longer, and near the peak load the larger pool cannot keep up at all.
void TestUslPoolChain::largerPoolIsSlower_data()
{
    QTest::addColumn<double>("load"); // lambda h; the peak work rate is 4 / 1.39 = 2.88
    QTest::addColumn<int>("smallPool");
    QTest::addColumn<int>("largePool");
    QTest::addColumn<bool>("largeStable");
    QTest::newRow("near the peak: 4 or 64") << 2.6 << 4 << 64 << false;
    QTest::newRow("near the peak: 4 or 6") << 2.0 << 4 << 6 << true;
    QTest::newRow("moderate: 4 or 8") << 1.5 << 4 << 8 << true;
}

void TestUslPoolChain::largerPoolIsSlower()
{
    QFETCH(double, load);
    QFETCH(int, smallPool);
    QFETCH(int, largePool);
    QFETCH(bool, largeStable);
    const UslServer server{4, 0.05, 0.02};
    const double hold = 0.01, lambda = load / hold;
    const UslPoolFigures small = uslPoolOpenFigures(server, smallPool, lambda, hold);
    const UslPoolFigures large = uslPoolOpenFigures(server, largePool, lambda, hold);
    QVERIFY(small.stable);
    QCOMPARE(large.stable, largeStable);
    QVERIFY2(small.responseMeanS < large.responseMeanS, qPrintable(QStringLiteral("N=%1: %2 s, N=%3: %4 s")
                                                                       .arg(smallPool)
                                                                       .arg(small.responseMeanS)
                                                                       .arg(largePool)
                                                                       .arg(large.responseMeanS)));
    QVERIFY(small.holdMeanS < large.holdMeanS);
    QVERIFY(small.waitMeanS > 0); // the small pool does make requests wait, and still wins
}

// ---- Invalid arguments ----------------------------------------------------------------------

void TestUslPoolChain::invalidArguments_data()
{
    QTest::addColumn<Thrower>("call");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const UslServer ok{4, 0.05, 0.02};
    const auto open = [ok](int n, double lambda, double hold) { uslPoolOpenFigures(ok, n, lambda, hold); };
    const auto closed = [ok](int n, int k, double z, double hold) {
        uslPoolClosedFigures(ok, n, k, z, hold);
    };
    const auto server = [](UslServer s) { uslPoolOpenFigures(s, 2, 1.0, 0.1); };
    QTest::newRow("cores 0") << Thrower([server] { server({0, 0, 0}); });
    QTest::newRow("sigma < 0") << Thrower([server] { server({1, -0.1, 0}); });
    QTest::newRow("sigma 1") << Thrower([server] { server({1, 1.0, 0}); });
    QTest::newRow("sigma nan") << Thrower([server, nan] { server({1, nan, 0}); });
    QTest::newRow("kappa < 0") << Thrower([server] { server({1, 0, -0.01}); });
    QTest::newRow("kappa nan") << Thrower([server, nan] { server({1, 0, nan}); });
    QTest::newRow("kappa inf") << Thrower([server] { server({1, 0, kInf}); });
    QTest::newRow("closed, cores 0") << Thrower([] { uslPoolClosedFigures({0, 0, 0}, 2, 2, 1.0, 0.1); });
    QTest::newRow("speed, cores 0") << Thrower([] { uslSpeed({0, 0, 0}, 1); });
    QTest::newRow("speed, n 0") << Thrower([ok] { uslSpeed(ok, 0); });
    QTest::newRow("work rate, n 0") << Thrower([ok] { uslWorkRate(ok, 0); });
    QTest::newRow("work rate, sigma nan") << Thrower([nan] { uslWorkRate({1, nan, 0}, 1); });
    QTest::newRow("open, lambda 0") << Thrower([open] { open(2, 0.0, 0.1); });
    QTest::newRow("open, lambda < 0") << Thrower([open] { open(2, -1.0, 0.1); });
    QTest::newRow("open, lambda nan") << Thrower([open, nan] { open(2, nan, 0.1); });
    QTest::newRow("open, lambda inf") << Thrower([open] { open(2, kInf, 0.1); });
    QTest::newRow("open, h 0") << Thrower([open] { open(2, 1.0, 0.0); });
    QTest::newRow("open, h < 0") << Thrower([open] { open(2, 1.0, -0.1); });
    QTest::newRow("open, h nan") << Thrower([open, nan] { open(2, 1.0, nan); });
    QTest::newRow("open, N 0") << Thrower([open] { open(0, 1.0, 0.1); });
    QTest::newRow("closed, N 0") << Thrower([closed] { closed(0, 2, 1.0, 0.1); });
    QTest::newRow("closed, K 0") << Thrower([closed] { closed(2, 0, 1.0, 0.1); });
    QTest::newRow("closed, Z < 0") << Thrower([closed] { closed(2, 2, -1.0, 0.1); });
    QTest::newRow("closed, Z nan") << Thrower([closed, nan] { closed(2, 2, nan, 0.1); });
    QTest::newRow("closed, Z inf") << Thrower([closed] { closed(2, 2, kInf, 0.1); });
    QTest::newRow("closed, h 0") << Thrower([closed] { closed(2, 2, 1.0, 0.0); });
    QTest::newRow("closed, h inf") << Thrower([closed] { closed(2, 2, 1.0, kInf); });
}

void TestUslPoolChain::invalidArguments()
{
    QFETCH(Thrower, call);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, call());
}

QTEST_APPLESS_MAIN(TestUslPoolChain)
#include "tst_usl_pool_chain.moc"
