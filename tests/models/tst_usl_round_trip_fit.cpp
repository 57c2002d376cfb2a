// Tests of the USL fit with a round trip (models/fitting): the closed loop it fits against the
// analytic library's own flow-equivalent rate, exact curves back to their parameters, noisy ones
// within their standard errors, the limit from the server's execution times, the CSV's latency
// and server columns, and the pure fit's best pool of 1 where the round trip's is larger.
#include "models/analytic/usl_pool_chain.h"
#include "models/fitting/closed_loop.h"
#include "models/fitting/usl_csv.h"
#include "models/fitting/usl_fit.h"
#include "models/scenario/scenario_error.h"

#include <QObject>
#include <QString>
#include <QTest>

#include <cmath>
#include <cstdint>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "check_close.h"

using namespace poolsim::models;

namespace {

/// The concurrencies scripts/measure-postgres.sh uses by default, and two more near the peak.
const std::vector<int> kClients{1, 2, 3, 4, 6, 8, 16, 32, 64, 128};

/// Points on the closed loop of `server` with `roundTripS`, each throughput times (1 + u), u uniform
/// in [-noise, noise] from a fixed seed; latencies n / X, as pgbench reports them.
std::vector<UslPoint> closedLoopPoints(const UslCurve& server, double roundTripS, double noise = 0,
                                       std::uint64_t seed = 1)
{
    std::mt19937_64 rng(seed);
    std::vector<UslPoint> points;
    for (const int n : kClients) {
        const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53; // [0, 1)
        UslPoint p(n, closedLoop(server, roundTripS, n).throughputPerS * (1 + noise * (2 * u - 1)));
        p.latencyS = n / p.throughput;
        points.push_back(p);
    }
    return points;
}

UslCurve curve(double lambda, double sigma, double kappa, std::optional<int> cores)
{
    UslCurve c;
    c.lambda = lambda;
    c.sigma = sigma;
    c.kappa = kappa;
    c.cores = cores;
    return c;
}

} // namespace

class TestUslRoundTripFit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- The closed loop -----------------------------------------------------------------------

    void closedLoopAgreesWithTheAnalyticChain_data()
    {
        QTest::addColumn<int>("cores");
        QTest::addColumn<double>("sigma");
        QTest::addColumn<double>("kappa");
        QTest::addColumn<double>("roundTripS");
        QTest::addColumn<int>("clients");
        QTest::newRow("one core, one client") << 1 << 0.01 << 0.0 << 0.0001 << 1;
        QTest::newRow("one core, past the peak") << 1 << 0.02 << 0.0005 << 0.00008 << 64;
        QTest::newRow("8 cores, long round trip") << 8 << 0.04 << 0.0006 << 0.01 << 32;
        QTest::newRow("8 cores, 300 clients") << 8 << 0.04 << 0.0006 << 0.002 << 300;
        QTest::newRow("no round trip") << 4 << 0.1 << 0.001 << 0.0 << 12;
    }
    void closedLoopAgreesWithTheAnalyticChain()
    {
        QFETCH(int, cores);
        QFETCH(double, sigma);
        QFETCH(double, kappa);
        QFETCH(double, roundTripS);
        QFETCH(int, clients);
        const double demand = 0.00005; // lambda 20,000/s
        const ClosedLoopFigures f = closedLoop(curve(1 / demand, sigma, kappa, cores), roundTripS, clients);
        // models/analytic's flow-equivalent rate of `clients` busy connections: the same closed
        // network, written separately for the simulator's validation.
        const double expected =
            poolsim::models::analytic::connectionRate({cores, sigma, kappa, roundTripS}, clients, demand);
        CHECK_CLOSE(f.throughputPerS, expected, 1e-10, 0);
        CHECK_CLOSE(f.latencyS, clients / expected, 1e-10, 0);
        // Little's law at the round trip: latency = round trip + time on the server.
        CHECK_CLOSE(f.latencyS, roundTripS + f.serverS, 1e-10, 0);
    }

    void closedLoopRefusesBadArguments()
    {
        const UslCurve c = curve(1000, 0.1, 0, 1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, closedLoop(c, 0.001, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, closedLoop(c, -0.001, 4));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, closedLoop(curve(0, 0.1, 0, 1), 0.001, 4));
    }

    // ---- The fit -------------------------------------------------------------------------------

    void exactCurvesComeBack_data()
    {
        QTest::addColumn<double>("lambda");
        QTest::addColumn<double>("sigma");
        QTest::addColumn<double>("kappa");
        QTest::addColumn<int>("cores");
        QTest::addColumn<double>("roundTripS");
        // The shape measured on PostgreSQL 15 pinned to one core (docs/validation/postgres.md).
        QTest::newRow("one core, as measured") << 24000.0 << 0.008 << 0.00002 << 1 << 0.000076;
        QTest::newRow("one core, round trip twice the demand") << 10000.0 << 0.03 << 0.0001 << 1 << 0.0002;
        QTest::newRow("8 cores") << 2000.0 << 0.04 << 0.0006 << 8 << 0.002;
        QTest::newRow("4 cores, no coherency") << 5000.0 << 0.05 << 0.0 << 4 << 0.0005;
    }
    void exactCurvesComeBack()
    {
        QFETCH(double, lambda);
        QFETCH(double, sigma);
        QFETCH(double, kappa);
        QFETCH(int, cores);
        QFETCH(double, roundTripS);
        const UslCurve truth = curve(lambda, sigma, kappa, cores);
        const UslFit fit = fitUsl(closedLoopPoints(truth, roundTripS), cores, UslFitModel::RoundTrip);
        QVERIFY(fit.roundTripS);
        // Finite differences stop the trust region a little short of the exact minimum.
        CHECK_CLOSE(fit.curve.lambda, lambda, 1e-4, 0);
        CHECK_CLOSE(*fit.roundTripS, roundTripS, 1e-4, 0);
        QVERIFY2(std::fabs(fit.curve.sigma - sigma) < 1e-5, qPrintable(QString::number(fit.curve.sigma)));
        QVERIFY2(std::fabs(fit.curve.kappa - kappa) < 1e-7, qPrintable(QString::number(fit.curve.kappa)));
        QVERIFY(fit.rSquared > 0.999999);
        QCOMPARE(fit.latencyMismatch, 0.0);
    }

    void noisyCurvesWithinTheirStandardErrors()
    {
        // +-3% noise on ten points, twenty fixed seeds: the standard errors are asymptotic, so
        // with 10 - 4 degrees of freedom about 9% of the errors (fitted - true) / SE should pass
        // 2 (Student's t): allow 15%, and none past 4.
        const UslCurve truth = curve(24000, 0.01, 0.00005, 1);
        const double roundTripS = 0.00008;
        int errors = 0, beyond2 = 0;
        for (std::uint64_t seed = 1; seed <= 20; ++seed) {
            const UslFit fit =
                fitUsl(closedLoopPoints(truth, roundTripS, 0.03, seed), 1, UslFitModel::RoundTrip);
            QVERIFY(!fit.sigmaAtBound && !fit.kappaAtBound && !fit.roundTripAtZero);
            for (const double z : {(fit.curve.lambda - truth.lambda) / fit.lambdaError,
                                   (*fit.roundTripS - roundTripS) / fit.roundTripError,
                                   (fit.curve.sigma - truth.sigma) / fit.sigmaError,
                                   (fit.curve.kappa - truth.kappa) / fit.kappaError}) {
                QVERIFY2(std::fabs(z) < 4, qPrintable(QStringLiteral("seed %1: z = %2").arg(seed).arg(z)));
                ++errors;
                beyond2 += std::fabs(z) > 2 ? 1 : 0;
            }
        }
        QVERIFY2(beyond2 <= errors * 15 / 100,
                 qPrintable(QStringLiteral("%1 of %2 past 2").arg(beyond2).arg(errors)));
    }

    void thePureFitPutsTheBestPoolAtOneTheRoundTripDoesNot()
    {
        // The issue that motivated the round trip: on one core, the pure USL charges the round
        // trip to the server and peaks at one query; the closed loop with it peaks further out.
        const std::vector<UslPoint> points = closedLoopPoints(curve(24000, 0.008, 0.00002, 1), 0.000076);
        const UslFit pure = fitUsl(points, 1, UslFitModel::Pure);
        const UslFit withRoundTrip = fitUsl(points, 1, UslFitModel::RoundTrip);
        QCOMPARE(pure.bestConcurrency(), 1.0);
        QVERIFY2(withRoundTrip.bestConcurrency() >= 4,
                 qPrintable(QString::number(withRoundTrip.bestConcurrency())));
        // ... and the pure USL does not even fit the curve.
        QVERIFY(pure.rSquared < 0.5);
    }

    void theServersExecutionTimeLimitsTheRoundTrip()
    {
        std::vector<UslPoint> points = closedLoopPoints(curve(10000, 0.03, 0.0001, 1), 0.0002);
        // Execution times that leave 0.14 ms of the latency for the round trip at one client and
        // more at the others: less than the 0.2 ms the curve has, so the fit holds it at 0.14 ms.
        for (UslPoint& p : points)
            p.serverS = *p.latencyS - (0.00014 + 0.00001 * (p.concurrency - 1));
        const UslFit fit = fitUsl(points, 1, UslFitModel::RoundTrip);
        QVERIFY(fit.roundTripLimitS);
        CHECK_CLOSE(*fit.roundTripLimitS, 0.00014, 1e-9, 0);
        QVERIFY(fit.roundTripAtLimit);
        QVERIFY(!fit.roundTripAtZero);
        CHECK_CLOSE(*fit.roundTripS, *fit.roundTripLimitS, 1e-12, 0);
        QVERIFY(std::isnan(fit.roundTripError));
    }

    void aLatencyThatIsNotTheClosedLoopsIsReported()
    {
        std::vector<UslPoint> points = closedLoopPoints(curve(10000, 0.03, 0.0001, 1), 0.0002);
        points[3].latencyS = *points[3].latencyS * 0.8; // clients that think between queries
        const UslFit fit = fitUsl(points, 1, UslFitModel::RoundTrip);
        CHECK_CLOSE(fit.latencyMismatch, 0.25, 1e-9, 0);
    }

    void wholeClientsOnly()
    {
        std::vector<UslPoint> points = closedLoopPoints(curve(10000, 0.03, 0.0001, 1), 0.0002);
        points[2].concurrency = 2.5;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fitUsl(points, 1, UslFitModel::RoundTrip));
    }

    // ---- The CSV's latency and server columns --------------------------------------------------

    void csvReadsLatencyAndServerTimes()
    {
        const std::vector<UslPoint> points =
            parseUslCsv("# measure-postgres.sh\nconcurrency,throughput_per_s,latency_ms,server_ms\n"
                        "1,8000,0.125,0.0134\n2,15000,0.1333,\n4,20000,0.2,0.01\n",
                        "m.csv");
        QCOMPARE(points.size(), std::size_t{3});
        CHECK_CLOSE(*points[0].latencyS, 0.000125, 1e-12, 0);
        CHECK_CLOSE(*points[0].serverS, 0.0000134, 1e-12, 0);
        QVERIFY(!points[1].serverS); // empty: no pg_stat_statements
        CHECK_CLOSE(*points[2].latencyS, 0.0002, 1e-12, 0);
        // Without a header the further columns stay unread, as before.
        const std::vector<UslPoint> bare = parseUslCsv("1,8000,0.125\n2,15000,0.13\n4,20000,0.2\n", "b.csv");
        QVERIFY(!bare[0].latencyS);
    }

    void csvLatencyErrors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        const QByteArray header("concurrency,throughput_per_s,latency_ms,server_ms\n1,8000,0.125,0.01\n");
        QTest::newRow("latency not a number")
            << header + "2,15000,abc,0.01\n"
            << QStringLiteral("m.csv:3:9: column 3: expected a time in milliseconds > 0, got 'abc'");
        QTest::newRow("latency zero")
            << header + "2,15000,0,0.01\n"
            << QStringLiteral("m.csv:3:9: column 3: expected a time in milliseconds > 0, got '0'");
        QTest::newRow("latency missing")
            << header + "2,15000\n"
            << QStringLiteral(
                   "m.csv:3:3: column 3 (latency_ms): expected a time in milliseconds > 0, got nothing");
        QTest::newRow("server negative")
            << header + "2,15000,0.13,-1\n"
            << QStringLiteral("m.csv:3:14: column 4: expected a time in milliseconds >= 0, got '-1'");
    }
    void csvLatencyErrors()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        try {
            parseUslCsv(text.toStdString(), "m.csv");
            QFAIL("no error");
        } catch (const ScenarioError& e) {
            QCOMPARE(QString::fromStdString(e.what()), message);
        }
    }
};

QTEST_GUILESS_MAIN(TestUslRoundTripFit)
#include "tst_usl_round_trip_fit.moc"
