// Tests of models/fitting: the USL curve's figures, the CSV reader (what it accepts, and where it
// says a bad file is wrong), and the fit: exact curves come back to 1e-6, noisy ones within
// their standard errors, the bounds sigma in [0, 1) and kappa >= 0 hold.
#include "models/fitting/usl_csv.h"
#include "models/fitting/usl_fit.h"
#include "models/scenario/scenario_error.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QTest>

#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "check_close.h"

using namespace poolsim::models;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const QList<double> kDoublings{1, 2, 4, 8, 16, 32, 64, 128}; // pgbench -c 1,2,4,...,128

/// 0 in a data row: no cores (the classic USL).
std::optional<int> coresOf(int cores)
{
    return cores > 0 ? std::optional<int>(cores) : std::nullopt;
}

/// `runs` points at each concurrency on `curve`, each times (1 + u), u uniform in [-noise, noise]
/// from a fixed seed (drawn from the raw 64 bits, so the same on every standard library).
std::vector<UslPoint> pointsOn(const UslCurve& curve, const QList<double>& concurrencies, int runs = 1,
                               double noise = 0, std::uint64_t seed = 1)
{
    std::mt19937_64 rng(seed);
    std::vector<UslPoint> points;
    for (const double n : concurrencies)
        for (int r = 0; r < runs; ++r) {
            const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53; // [0, 1)
            points.push_back({n, curve.throughput(n) * (1 + noise * (2 * u - 1)), 0});
        }
    return points;
}

/// The sum of squared relative residuals, the fit's objective, of `curve` at `points`.
double objective(const UslCurve& curve, const std::vector<UslPoint>& points)
{
    double sum = 0;
    for (const UslPoint& p : points) {
        const double r = (curve.throughput(p.concurrency) - p.throughput) / p.throughput;
        sum += r * r;
    }
    return sum;
}

} // namespace

class TestUslFit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // ---- The curve --------------------------------------------------------------------------

    void curveFigures_data()
    {
        QTest::addColumn<double>("sigma");
        QTest::addColumn<double>("kappa");
        QTest::addColumn<int>("cores");
        QTest::addColumn<double>("peak");          // concurrency
        QTest::addColumn<double>("peakPerLambda"); // throughput / lambda
        // Classic: N* = sqrt((1 - sigma) / kappa) = sqrt(0.96 / 0.0006) = 40.
        QTest::newRow("classic") << 0.04 << 0.0006 << 0 << 40.0 << 40 / (1 + 0.04 * 39 + 0.0006 * 40 * 39);
        QTest::newRow("capped below N*") << 0.04 << 0.0006 << 8 << 8.0 << 8 / (1 + 0.04 * 7 + 0.0006 * 8 * 7);
        QTest::newRow("capped above N*")
            << 0.04 << 0.0006 << 64 << 40.0 << 40 / (1 + 0.04 * 39 + 0.0006 * 40 * 39);
        // kappa = 0: rises for ever towards lambda / sigma; with cores it peaks at the cores.
        QTest::newRow("kappa 0") << 0.05 << 0.0 << 0 << kInf << 20.0;
        QTest::newRow("kappa 0, 4 cores") << 0.05 << 0.0 << 4 << 4.0 << 4 / 1.15;
        QTest::newRow("linear") << 0.0 << 0.0 << 0 << kInf << kInf;
    }
    void curveFigures()
    {
        QFETCH(double, sigma);
        QFETCH(double, kappa);
        QFETCH(int, cores);
        QFETCH(double, peak);
        QFETCH(double, peakPerLambda);
        const UslCurve curve{250, sigma, kappa, coresOf(cores)};
        CHECK_CLOSE(curve.peakConcurrency(), peak, 1e-12, 0);
        CHECK_CLOSE(curve.peakThroughput(), 250 * peakPerLambda, 1e-12, 0);
        // The peak is the curve's largest value: none of a fine grid of concurrencies beats it.
        for (double n = 1; n <= 2048; n *= 1.01)
            QVERIFY2(curve.throughput(n) <= curve.peakThroughput() * (1 + 1e-12),
                     qPrintable(QString::number(n)));
    }

    // ---- The CSV reader ---------------------------------------------------------------------

    void csvAccepted_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QList<double>>("concurrency");
        QTest::addColumn<QList<double>>("throughput");
        QTest::addColumn<QList<int>>("lines");
        const QList<double> n{1, 2, 4}, x{100, 190, 350};
        QTest::newRow("no header") << QByteArray("1,100\n2,190\n4,350\n") << n << x << QList<int>{1, 2, 3};
        QTest::newRow("header, comments, blanks")
            << QByteArray("# pgbench -S\nclients,tps\n\n1,100 # warm\n  2 , 190\n\n4,350") << n << x
            << QList<int>{4, 5, 7};
        QTest::newRow("extra columns ignored")
            << QByteArray("clients,tps,latency_ms\n1,100,10\n2,190,10.5\n4,350,11.4\n") << n << x
            << QList<int>{2, 3, 4};
        QTest::newRow("CRLF, exponents")
            << QByteArray("c,x\r\n1,1e2\r\n2.0,1.9E2\r\n4,350.0\r\n") << n << x << QList<int>{2, 3, 4};
        QTest::newRow("repeated runs")
            << QByteArray("1,100\n1,102\n2,190\n4,350\n") << QList<double>{1, 1, 2, 4}
            << QList<double>{100, 102, 190, 350} << QList<int>{1, 2, 3, 4};
    }
    void csvAccepted()
    {
        QFETCH(QByteArray, text);
        QFETCH(QList<double>, concurrency);
        QFETCH(QList<double>, throughput);
        QFETCH(QList<int>, lines);
        const std::vector<UslPoint> points = parseUslCsv(text.toStdString(), "f.csv");
        QCOMPARE(qsizetype(points.size()), concurrency.size());
        for (qsizetype i = 0; i < concurrency.size(); ++i) {
            const UslPoint& p = points[static_cast<std::size_t>(i)];
            QCOMPARE(p.concurrency, concurrency[i]);
            QCOMPARE(p.throughput, throughput[i]);
            QCOMPARE(p.line, lines[i]);
        }
    }

    void csvErrors_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message"); // the whole what()
        const QByteArray ok = "1,100\n2,190\n4,350\n";
        QTest::newRow("not a number")
            << QByteArray("clients,tps\n1,100\n2,abc\n") << 3
            << "f.csv:3:3: column 2 (throughput): expected a positive number, got 'abc'";
        QTest::newRow("line numbers count comments and blanks")
            << QByteArray("# comment\n\nclients,tps\n1,100\n   \n  2x,190\n") << 6
            << "f.csv:6:3: column 1 (concurrency): expected a positive number, got '2x'";
        QTest::newRow("zero concurrency")
            << QByteArray("1,100\n0,5\n") << 2
            << "f.csv:2:1: column 1 (concurrency): expected a positive number, got '0'";
        QTest::newRow("negative throughput")
            << QByteArray("1,100\n2,-190\n") << 2
            << "f.csv:2:3: column 2 (throughput): expected a positive number, got '-190'";
        QTest::newRow("infinite")
            << ok + "8,inf\n"
            << 4 << "f.csv:4:3: column 2 (throughput): expected a positive number, got 'inf'";
        QTest::newRow("empty field")
            << ok + "8,\n"
            << 4 << "f.csv:4:3: column 2 (throughput): expected a positive number, got ''";
        QTest::newRow("one column") << ok + "8\n"
                                    << 4 << "f.csv:4:1: expected concurrency,throughput, got one column";
        // A first row with a number in it is data with a typo, not a header.
        QTest::newRow("typo in the first row")
            << QByteArray("1O,100\n2,190\n4,350\n") << 1
            << "f.csv:1:1: column 1 (concurrency): expected a positive number, got '1O'";
        QTest::newRow("CRLF") << QByteArray("c,x\r\n1,100\r\n2,zz\r\n") << 3
                              << "f.csv:3:3: column 2 (throughput): expected a positive number, got 'zz'";
        QTest::newRow("empty") << QByteArray("") << 0
                               << "f.csv: expected rows at 3 or more distinct concurrencies to fit the USL's "
                                  "three parameters, got 0";
        QTest::newRow("header only") << QByteArray("clients,tps\n") << 0
                                     << "f.csv: expected rows at 3 or more distinct concurrencies to fit the "
                                        "USL's three parameters, got 0";
        QTest::newRow("two distinct concurrencies")
            << QByteArray("1,100\n2,190\n2,195\n1,99\n") << 0
            << "f.csv: expected rows at 3 or more distinct concurrencies to fit the USL's three parameters, "
               "got 2";
    }
    void csvErrors()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(QString, message);
        try {
            parseUslCsv(text.toStdString(), "f.csv");
            QFAIL("no error");
        } catch (const ScenarioError& e) {
            QCOMPARE(QString::fromStdString(e.what()), message);
            QCOMPARE(e.location().line, line);
            QCOMPARE(QString::fromStdString(e.location().file), QStringLiteral("f.csv"));
        }
    }

    void csvUnreadable()
    {
        try {
            readUslCsv("/nonexistent/usl.csv");
            QFAIL("no error");
        } catch (const ScenarioError& e) {
            QCOMPARE(QString::fromStdString(e.what()),
                     QStringLiteral("/nonexistent/usl.csv: cannot read the file: No such file or directory"));
        }
    }

    // ---- The fit ----------------------------------------------------------------------------

    void exactRecovery_data()
    {
        QTest::addColumn<double>("lambda");
        QTest::addColumn<double>("sigma");
        QTest::addColumn<double>("kappa");
        QTest::addColumn<int>("cores");
        QTest::addColumn<QList<double>>("concurrencies");
        QTest::newRow("example, 8 cores") << 1800.0 << 0.04 << 0.0006 << 8 << kDoublings;
        QTest::newRow("example, classic") << 1800.0 << 0.04 << 0.0006 << 0 << kDoublings;
        QTest::newRow("sigma 0") << 500.0 << 0.0 << 0.001 << 0 << kDoublings;
        QTest::newRow("sigma 0, 16 cores") << 500.0 << 0.0 << 0.0005 << 16 << kDoublings;
        QTest::newRow("kappa 0") << 500.0 << 0.1 << 0.0 << 0 << kDoublings;
        QTest::newRow("kappa 0, 4 cores") << 500.0 << 0.1 << 0.0 << 4 << kDoublings;
        QTest::newRow("linear to the cores") << 500.0 << 0.0 << 0.0 << 4 << kDoublings;
        QTest::newRow("large server") << 1e5 << 0.001 << 1e-6 << 64 << QList<double>{1, 4, 16, 64, 256, 1024};
        // The start's lambda (from concurrency 2) is off: the trust region has to move it.
        QTest::newRow("from concurrency 2")
            << 2000.0 << 0.02 << 0.0001 << 16 << QList<double>{2, 4, 6, 8, 12, 16, 24, 32, 48, 64};
        QTest::newRow("three points, no spare") << 50.0 << 0.3 << 0.01 << 0 << QList<double>{1, 2, 3};
        QTest::newRow("fractional concurrency")
            << 80.0 << 0.05 << 0.002 << 0 << QList<double>{0.5, 1.5, 3, 7.5, 20};
    }
    void exactRecovery()
    {
        QFETCH(double, lambda);
        QFETCH(double, sigma);
        QFETCH(double, kappa);
        QFETCH(int, cores);
        QFETCH(QList<double>, concurrencies);
        const UslCurve truth{lambda, sigma, kappa, coresOf(cores)};
        const UslFit fit = fitUsl(pointsOn(truth, concurrencies), coresOf(cores));
        // 1e-6 relative; a parameter that is 0 to within 1e-6 of its scale (1, and 1 / N^2 for kappa).
        const double nMax = concurrencies.back();
        CHECK_CLOSE(fit.curve.lambda, lambda, 1e-6, 0);
        CHECK_CLOSE(fit.curve.sigma, sigma, 1e-6, 1e-6);
        CHECK_CLOSE(fit.curve.kappa, kappa, 1e-6, 1e-6 / (nMax * nMax));
        QVERIFY(fit.curve.cores == coresOf(cores));
        QCOMPARE(fit.points, int(concurrencies.size()));
        CHECK_CLOSE(fit.rSquared, 1.0, 0, 1e-9);
    }

    void noisyRecovery_data()
    {
        QTest::addColumn<double>("lambda");
        QTest::addColumn<double>("sigma");
        QTest::addColumn<double>("kappa");
        QTest::addColumn<int>("cores");
        QTest::addColumn<quint64>("seed");
        QTest::newRow("example, 8 cores") << 1800.0 << 0.04 << 0.0006 << 8 << quint64(1);
        QTest::newRow("example, classic") << 1800.0 << 0.04 << 0.0006 << 0 << quint64(2);
        QTest::newRow("16 cores") << 1000.0 << 0.03 << 0.0008 << 16 << quint64(3);
    }
    // Three runs at each of 1, 2, ..., 128 clients, each throughput off by up to +-5%. The
    // tolerances come from 4000 seeds of exactly these designs: (estimate - truth) / standard
    // error had a 99.9th percentile of 4.0 and a largest value of 4.9 (it is about Student t with
    // 21 degrees of freedom), so 5 standard errors; and the largest relative errors were 3.5%
    // (lambda), 20% (sigma) and 13% (kappa), so 5%, 25% and 20%. A fit that ignored the noise's
    // shape or reported standard errors too small fails the first; one that wandered, the second.
    void noisyRecovery()
    {
        QFETCH(double, lambda);
        QFETCH(double, sigma);
        QFETCH(double, kappa);
        QFETCH(int, cores);
        QFETCH(quint64, seed);
        const UslCurve truth{lambda, sigma, kappa, coresOf(cores)};
        const UslFit fit = fitUsl(pointsOn(truth, kDoublings, 3, 0.05, seed), coresOf(cores));
        QVERIFY(!fit.sigmaAtBound && !fit.kappaAtBound);
        const struct
        {
            const char* name;
            double got, want, error, relTol;
        } params[] = {{"lambda", fit.curve.lambda, lambda, fit.lambdaError, 0.05},
                      {"sigma", fit.curve.sigma, sigma, fit.sigmaError, 0.25},
                      {"kappa", fit.curve.kappa, kappa, fit.kappaError, 0.20}};
        for (const auto& p : params) {
            const QString what = QStringLiteral("%1: got %2 ± %3, true %4")
                                     .arg(QLatin1String(p.name))
                                     .arg(p.got)
                                     .arg(p.error)
                                     .arg(p.want);
            QVERIFY2(std::isfinite(p.error) && p.error > 0, qPrintable(what));
            QVERIFY2(std::fabs(p.got - p.want) <= 5 * p.error, qPrintable(what));
            QVERIFY2(std::fabs(p.got - p.want) <= p.relTol * p.want, qPrintable(what));
        }
        QVERIFY2(fit.rSquared > 0.99 && fit.rSquared < 1, qPrintable(QString::number(fit.rSquared)));
    }

    // Curves the USL can only approach from inside its bounds: the parameter is held at 0, and
    // no small step inside the bounds lowers the objective (the constrained minimum's condition).
    void boundsHeld_data()
    {
        QTest::addColumn<double>("sigma");
        QTest::addColumn<double>("kappa");
        QTest::addColumn<int>("cores");
        QTest::addColumn<bool>("sigmaAtBound");
        QTest::addColumn<bool>("kappaAtBound");
        QTest::newRow("superlinear (a warming cache)") << -0.02 << 0.0005 << 0 << true << false;
        QTest::newRow("superlinear, 8 cores") << -0.02 << 0.0005 << 8 << true << false;
        QTest::newRow("negative coherency") << 0.1 << -0.00005 << 0 << false << true;
        QTest::newRow("both") << -0.002 << -0.00001 << 0 << true << true;
    }
    void boundsHeld()
    {
        QFETCH(double, sigma);
        QFETCH(double, kappa);
        QFETCH(int, cores);
        QFETCH(bool, sigmaAtBound);
        QFETCH(bool, kappaAtBound);
        const std::vector<UslPoint> points = pointsOn({300, sigma, kappa, coresOf(cores)}, kDoublings);
        const UslFit fit = fitUsl(points, coresOf(cores));
        QCOMPARE(fit.sigmaAtBound, sigmaAtBound);
        QCOMPARE(fit.kappaAtBound, kappaAtBound);
        if (sigmaAtBound) {
            QCOMPARE(fit.curve.sigma, 0.0);
            QVERIFY(std::isnan(fit.sigmaError));
        }
        if (kappaAtBound) {
            QCOMPARE(fit.curve.kappa, 0.0);
            QVERIFY(std::isnan(fit.kappaError));
        }
        QVERIFY(fit.curve.sigma >= 0 && fit.curve.sigma < 1 && fit.curve.kappa >= 0);
        const double best = objective(fit.curve, points);
        for (int which = 0; which < 3; ++which)
            for (const double step : {-1e-3, 1e-3}) {
                UslCurve c = fit.curve;
                double& v = which == 0 ? c.lambda : which == 1 ? c.sigma : c.kappa;
                if (v == 0 && step < 0)
                    continue; // outside the bounds
                // Off a bound at 0 by about a thousandth of what these curves' terms weigh.
                v = v == 0 ? (which == 1 ? 1e-4 : 1e-8) : v * (1 + step);
                QVERIFY2(objective(c, points) >= best,
                         qPrintable(QStringLiteral("parameter %1, step %2").arg(which).arg(step)));
            }
    }

    void notRising()
    {
        const std::vector<UslPoint> flat{{1, 100, 0}, {2, 100, 0}, {4, 100, 0}, {8, 100, 0}};
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fitUsl(flat));
        // With one core a flat curve is what the capped model gives: no contention at all.
        const UslFit oneCore = fitUsl(flat, 1);
        CHECK_CLOSE(oneCore.curve.lambda, 100, 1e-9, 0);
        CHECK_CLOSE(oneCore.curve.sigma, 0, 0, 1e-9);
        CHECK_CLOSE(oneCore.curve.kappa, 0, 0, 1e-9);
    }

    void tooFewConcurrencies_data()
    {
        QTest::addColumn<QList<double>>("concurrencies");
        QTest::newRow("one") << QList<double>{4, 4, 4};
        QTest::newRow("two, repeated") << QList<double>{1, 2, 2, 1, 2};
    }
    void tooFewConcurrencies()
    {
        QFETCH(QList<double>, concurrencies);
        const std::vector<UslPoint> points = pointsOn({300, 0.05, 0.001, std::nullopt}, concurrencies);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fitUsl(points));
        // With two more concurrencies there are the three it needs.
        std::vector<UslPoint> enough = points;
        for (const double n : {3.0, 5.0})
            enough.push_back({n, UslCurve{300, 0.05, 0.001, std::nullopt}.throughput(n), 0});
        QCOMPARE(fitUsl(enough).points, int(enough.size()));
    }

    void badArguments()
    {
        const std::vector<UslPoint> points = pointsOn({300, 0.05, 0.001, std::nullopt}, kDoublings);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fitUsl(points, 0));
        std::vector<UslPoint> negative = points;
        negative[3].throughput = -1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fitUsl(negative));
    }
};

QTEST_GUILESS_MAIN(TestUslFit)
#include "tst_usl_fit.moc"
