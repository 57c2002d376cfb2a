// Tests of the closed forms in models/analytic: M/M/c+D (a fixed pool timeout) against its
// limits (Erlang B at timeout 0, Erlang C at a long or infinite one) and against a numerical
// integration of its density; then, across all the closed forms, monotonicity in servers and
// timeout, large pools, and invalid arguments.
#include "models/analytic/analytic.h"

#include <QObject>
#include <QString>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <limits>
#include <stdexcept>
#include <vector>

#include "analytic_test_support.h"

using namespace poolsim::models::analytic;

using Thrower = std::function<void()>;
Q_DECLARE_METATYPE(Thrower)

namespace {

// M/M/c+D by numerical integration of the virtual-waiting-time density (unnormalised, relative
// to p_0 = 1): v(x) = lambda p_{c-1} e^{b x} on (0, tau), then decaying at rate c mu. Only the
// density's shape comes from the model; every integral here is Simpson's rule.
struct NumericMcd
{
    long double lambda, b, tau, cmu, pcm1, p0sum, busyBelow;
    long double waitMass = 0, waitMoment = 0, tailMass = 0;
    std::vector<long double> grid, cumulative; // integral_0^x v on a grid over [0, tau]

    NumericMcd(int c, double lam, double hold, double timeout)
        : lambda(lam), tau(timeout), cmu(static_cast<long double>(c) / hold)
    {
        const auto t = poissonTerms(c - 1, lam * hold);
        p0sum = 0;
        busyBelow = 0;
        for (std::size_t j = 0; j < t.size(); ++j) {
            p0sum += t[j];
            busyBelow += static_cast<long double>(j) * t[j];
        }
        pcm1 = t.back();
        b = lambda - cmu;

        // Cells over (0, tau), narrow enough that |b| * width <= 0.005 (Simpson's relative error
        // per cell is then ~1e-13); Simpson on each cell with its midpoint.
        const int n = std::max(20000, static_cast<int>(std::fabs(b) * tau / 0.005L));
        grid.resize(static_cast<std::size_t>(n) + 1);
        cumulative.resize(static_cast<std::size_t>(n) + 1);
        const long double h = tau / n;
        for (int i = 0; i <= n; ++i)
            grid[static_cast<std::size_t>(i)] = h * i;
        for (int i = 0; i < n; ++i) {
            const long double x0 = grid[static_cast<std::size_t>(i)], x1 = x0 + h;
            waitMass += simpson(x0, x1, false);
            waitMoment += simpson(x0, x1, true);
            cumulative[static_cast<std::size_t>(i) + 1] = waitMass;
        }
        // Tail (x > tau) over 80 of its time constants, in 20000 Simpson cells.
        const int nt = 20000;
        const long double span = 80 / cmu, ht = span / nt;
        for (int i = 0; i < nt; ++i) {
            const long double x0 = tau + ht * i, x1 = x0 + ht;
            tailMass += (ht / 6) * (v(x0) + 4 * v((x0 + x1) / 2) + v(x1));
        }
    }

    long double v(long double x) const
    {
        if (x <= tau)
            return lambda * pcm1 * std::exp(b * x);
        return lambda * pcm1 * std::exp(b * tau) * std::exp(-cmu * (x - tau));
    }
    long double simpson(long double x0, long double x1, bool moment) const
    {
        const long double m = (x0 + x1) / 2;
        auto f = [&](long double x) { return moment ? x * v(x) : v(x); };
        return (x1 - x0) / 6 * (f(x0) + 4 * f(m) + f(x1));
    }

    long double total() const { return p0sum + waitMass + tailMass; }
    double timeoutRatio() const { return static_cast<double>(tailMass / total()); }
    double waitRatio() const { return static_cast<double>(waitMass / (p0sum + waitMass)); }
    double waitMean() const { return static_cast<double>(waitMoment / (p0sum + waitMass)); }
    /// Little's law on the connections: sum_j j p_j + c P(all busy).
    double busyMean(int c) const
    {
        return static_cast<double>((busyBelow + c * (waitMass + tailMass)) / total());
    }
    double quantile(double q) const
    {
        const long double target = q * (p0sum + waitMass) - p0sum;
        if (target <= 0)
            return 0;
        const auto it = std::lower_bound(cumulative.begin(), cumulative.end(), target);
        if (it == cumulative.end())
            return static_cast<double>(tau);
        const std::size_t i = static_cast<std::size_t>(it - cumulative.begin());
        if (i == 0)
            return 0;
        // Bisection inside the cell [grid[i-1], grid[i]].
        long double lo = grid[i - 1], hi = grid[i];
        const long double base = cumulative[i - 1];
        for (int k = 0; k < 80; ++k) {
            const long double mid = (lo + hi) / 2;
            if (base + simpson(grid[i - 1], mid, false) < target)
                lo = mid;
            else
                hi = mid;
        }
        return static_cast<double>((lo + hi) / 2);
    }
};

} // namespace

class TestAnalyticFixedTimeout : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixedTimeoutZeroIsErlangB_data();
    void fixedTimeoutZeroIsErlangB();
    void fixedTimeoutLongIsErlangC_data();
    void fixedTimeoutLongIsErlangC();
    void fixedTimeoutInfiniteIsErlangC();
    void fixedTimeoutNumeric_data();
    void fixedTimeoutNumeric();
    void fixedTimeoutCriticalLoadContinuous_data();
    void fixedTimeoutCriticalLoadContinuous();
    void fixedTimeoutOverloadLimit();
    void fixedTimeoutNoArrivals();
    void monotoneInServers();
    void monotoneInTimeout();
    void largePools_data();
    void largePools();
    void invalidArguments_data();
    void invalidArguments();
};

// ---- M/M/c+D --------------------------------------------------------------------------------

namespace {
void addQueueRows()
{
    QTest::addColumn<int>("c");
    QTest::addColumn<double>("lambda");
    QTest::addColumn<double>("hold");
    QTest::newRow("c=1 a=0.5") << 1 << 0.5 << 1.0;
    QTest::newRow("c=1 a=3") << 1 << 3.0 << 1.0;
    QTest::newRow("c=10 a=5") << 10 << 50.0 << 0.1;
    QTest::newRow("c=10 a=10") << 10 << 100.0 << 0.1;
    QTest::newRow("c=20 a=18") << 20 << 900.0 << 0.02;
    QTest::newRow("c=50 a=80") << 50 << 800.0 << 0.1;
    QTest::newRow("c=200 a=190") << 200 << 1900.0 << 0.1;
}
} // namespace

void TestAnalyticFixedTimeout::fixedTimeoutZeroIsErlangB_data()
{
    addQueueRows();
}

void TestAnalyticFixedTimeout::fixedTimeoutZeroIsErlangB()
{
    QFETCH(int, c);
    QFETCH(double, lambda);
    QFETCH(double, hold);
    const QueueFigures b = erlangBFigures(c, lambda, hold);
    for (const double tau : {0.0, 1e-12}) {
        const QueueFigures f = fixedTimeoutFigures(c, lambda, hold, tau);
        CHECK_CLOSE(f.timeoutRatio, b.timeoutRatio, 1e-9, 0);
        CHECK_CLOSE(f.throughputPerS, b.throughputPerS, 1e-9, 0);
        CHECK_CLOSE(f.busyMean, b.busyMean, 1e-9, 0);
        CHECK_CLOSE(f.waitMeanS, 0.0, 0, 2 * tau);
        CHECK_CLOSE(f.waitP99S, 0.0, 0, tau);
        QVERIFY(f.stable);
        if (tau == 0)
            QCOMPARE(f.waitRatio, 0.0);
    }
}

void TestAnalyticFixedTimeout::fixedTimeoutLongIsErlangC_data()
{
    QTest::addColumn<int>("c");
    QTest::addColumn<double>("lambda");
    QTest::addColumn<double>("hold");
    QTest::newRow("c=1 a=0.5") << 1 << 0.5 << 1.0;
    QTest::newRow("c=10 a=5") << 10 << 50.0 << 0.1;
    QTest::newRow("c=10 a=9.5") << 10 << 95.0 << 0.1;
    QTest::newRow("c=20 a=18") << 20 << 900.0 << 0.02;
    QTest::newRow("c=200 a=190") << 200 << 1900.0 << 0.1;
}

void TestAnalyticFixedTimeout::fixedTimeoutLongIsErlangC()
{
    QFETCH(int, c);
    QFETCH(double, lambda);
    QFETCH(double, hold);
    const QueueFigures e = erlangCFigures(c, lambda, hold);
    // 200 time constants of the queue's drain: e^{-200} is far below double precision.
    const double tau = 200 / (c / hold - lambda);
    const QueueFigures f = fixedTimeoutFigures(c, lambda, hold, tau);
    CHECK_CLOSE(f.timeoutRatio, 0.0, 0, 1e-15);
    CHECK_CLOSE(f.waitRatio, e.waitRatio, 1e-10, 0);
    CHECK_CLOSE(f.waitMeanS, e.waitMeanS, 1e-10, 0);
    CHECK_CLOSE(f.waitP50S, e.waitP50S, 1e-9, 1e-15);
    CHECK_CLOSE(f.waitP95S, e.waitP95S, 1e-9, 1e-15);
    CHECK_CLOSE(f.waitP99S, e.waitP99S, 1e-9, 1e-15);
    CHECK_CLOSE(f.busyMean, e.busyMean, 1e-12, 0);
    CHECK_CLOSE(f.throughputPerS, e.throughputPerS, 1e-12, 0);
}

void TestAnalyticFixedTimeout::fixedTimeoutInfiniteIsErlangC()
{
    const QueueFigures e = erlangCFigures(10, 80.0, 0.1);
    const QueueFigures f = fixedTimeoutFigures(10, 80.0, 0.1, kInf);
    QCOMPARE(f.waitRatio, e.waitRatio);
    QCOMPARE(f.waitMeanS, e.waitMeanS);
    QCOMPARE(f.waitP95S, e.waitP95S);
    QVERIFY(!fixedTimeoutFigures(10, 120.0, 0.1, kInf).stable);
    QCOMPARE(fixedTimeoutWaitQuantile(10, 80.0, 0.1, kInf, 0.95), e.waitP95S);
}

void TestAnalyticFixedTimeout::fixedTimeoutNumeric_data()
{
    QTest::addColumn<int>("c");
    QTest::addColumn<double>("lambda");
    QTest::addColumn<double>("hold");
    QTest::addColumn<double>("tau");
    QTest::newRow("c=1 light") << 1 << 0.5 << 1.0 << 2.0;
    QTest::newRow("c=1 overload") << 1 << 2.0 << 1.0 << 1.5;
    QTest::newRow("c=5 moderate") << 5 << 40.0 << 0.1 << 0.05;
    QTest::newRow("c=10 critical a=c") << 10 << 100.0 << 0.1 << 0.2;
    QTest::newRow("c=20 a=24") << 20 << 300.0 << 0.08 << 0.5;
    QTest::newRow("c=50 light") << 50 << 1000.0 << 0.03 << 0.01;
    QTest::newRow("c=8 a=10 b*tau=6") << 8 << 100.0 << 0.1 << 0.3;
    QTest::newRow("c=3 a=10 b*tau=1400") << 3 << 10.0 << 1.0 << 200.0;
    QTest::newRow("c=100 a=99 long tau") << 100 << 990.0 << 0.1 << 5.0;
}

void TestAnalyticFixedTimeout::fixedTimeoutNumeric()
{
    QFETCH(int, c);
    QFETCH(double, lambda);
    QFETCH(double, hold);
    QFETCH(double, tau);
    const NumericMcd n(c, lambda, hold, tau);
    const QueueFigures f = fixedTimeoutFigures(c, lambda, hold, tau);
    QVERIFY(f.stable);
    CHECK_CLOSE(f.offeredLoad, lambda * hold, 1e-15, 0);
    CHECK_CLOSE(f.timeoutRatio, n.timeoutRatio(), 1e-9, 1e-15);
    CHECK_CLOSE(f.waitRatio, n.waitRatio(), 1e-9, 1e-15);
    CHECK_CLOSE(f.waitMeanS, n.waitMean(), 1e-9, 1e-15);
    CHECK_CLOSE(f.waitP50S, n.quantile(0.50), 1e-8, 1e-12 * tau);
    CHECK_CLOSE(f.waitP95S, n.quantile(0.95), 1e-8, 1e-12 * tau);
    CHECK_CLOSE(f.waitP99S, n.quantile(0.99), 1e-8, 1e-12 * tau);
    CHECK_CLOSE(fixedTimeoutWaitQuantile(c, lambda, hold, tau, 0.9), n.quantile(0.9), 1e-8, 1e-12 * tau);
    // Little's law on the connections ties the waiting density to the servers' balance.
    CHECK_CLOSE(f.busyMean, n.busyMean(c), 1e-9, 0);
    CHECK_CLOSE(f.throughputPerS, lambda * (1 - n.timeoutRatio()), 1e-9, 0);
    CHECK_CLOSE(f.utilization, f.busyMean / c, 1e-15, 0);
    QVERIFY(f.waitP50S <= f.waitP95S && f.waitP95S <= f.waitP99S && f.waitP99S <= tau);
}

// Around a == c the formulas switch from e^{bx} integrals to their linear limit.
void TestAnalyticFixedTimeout::fixedTimeoutCriticalLoadContinuous_data()
{
    QTest::addColumn<int>("c");
    QTest::addColumn<double>("tau");
    QTest::newRow("c=1") << 1 << 2.0;
    QTest::newRow("c=10") << 10 << 0.3;
    QTest::newRow("c=500") << 500 << 0.05;
}

void TestAnalyticFixedTimeout::fixedTimeoutCriticalLoadContinuous()
{
    QFETCH(int, c);
    QFETCH(double, tau);
    const double hold = 1.0;
    const QueueFigures at = fixedTimeoutFigures(c, c / hold, hold, tau);
    for (const double eps : {1e-13, 1e-9, -1e-9, -1e-13}) {
        const QueueFigures near = fixedTimeoutFigures(c, c * (1 + eps) / hold, hold, tau);
        CHECK_CLOSE(near.timeoutRatio, at.timeoutRatio, 1e-6, 0);
        CHECK_CLOSE(near.waitRatio, at.waitRatio, 1e-6, 0);
        CHECK_CLOSE(near.waitMeanS, at.waitMeanS, 1e-6, 0);
        CHECK_CLOSE(near.waitP95S, at.waitP95S, 1e-6, 0);
    }
}

// With a > c and a long timeout the pool serves at capacity: throughput -> c mu, so the share
// that times out tends to 1 - c / a; nothing overflows however long the timeout.
void TestAnalyticFixedTimeout::fixedTimeoutOverloadLimit()
{
    const int c = 20;
    const double hold = 0.1, lambda = 300; // a = 30
    for (const double tau : {100.0, 1e4, 1e8}) {
        const QueueFigures f = fixedTimeoutFigures(c, lambda, hold, tau);
        QVERIFY(f.stable);
        CHECK_CLOSE(f.timeoutRatio, 1 - c / (lambda * hold), 1e-9, 0);
        CHECK_CLOSE(f.throughputPerS, c / hold, 1e-9, 0);
        QVERIFY(std::isfinite(f.waitMeanS) && f.waitMeanS < tau);
        QVERIFY(f.waitP50S > 0 && f.waitP99S <= tau);
        // Just before the timeout the waits pile up: V has density ~ e^{b x}, b = 100 /s.
        CHECK_CLOSE(f.waitMeanS, tau - 1 / (lambda - c / hold), 1e-9, 0);
        CHECK_CLOSE(f.waitP50S, tau - std::log(2.0) / (lambda - c / hold), 1e-9, 0);
    }
}

void TestAnalyticFixedTimeout::fixedTimeoutNoArrivals()
{
    for (const int c : {1, 5}) {
        const QueueFigures f = fixedTimeoutFigures(c, 0.0, 0.5, 1.0);
        QCOMPARE(f.timeoutRatio, 0.0);
        QCOMPARE(f.waitRatio, 0.0);
        QCOMPARE(f.waitMeanS, 0.0);
        QCOMPARE(f.waitP99S, 0.0);
        QCOMPARE(f.busyMean, 0.0);
        QCOMPARE(f.throughputPerS, 0.0);
    }
}

void TestAnalyticFixedTimeout::monotoneInServers()
{
    const double lambda = 500, hold = 0.1, tau = 0.05; // a = 50
    double lastB = 2, lastC = 2, lastT = 2, lastWait = kInf;
    for (int c = 1; c <= 120; ++c) {
        const double bl = erlangB(c, lambda * hold);
        const double cw = erlangC(c, lambda * hold);
        const QueueFigures f = fixedTimeoutFigures(c, lambda, hold, tau);
        QVERIFY2(bl < lastB, qPrintable(QStringLiteral("Erlang B not decreasing at c=%1").arg(c)));
        QVERIFY2(cw <= lastC && (c <= 50 || cw < lastC),
                 qPrintable(QStringLiteral("Erlang C at c=%1").arg(c)));
        QVERIFY2(f.timeoutRatio < lastT, qPrintable(QStringLiteral("timeout ratio at c=%1").arg(c)));
        QVERIFY2(f.timeoutRatio <= bl,
                 qPrintable(QStringLiteral("timeout ratio above Erlang B at c=%1").arg(c)));
        QVERIFY2(c < 50 || f.waitMeanS < lastWait, qPrintable(QStringLiteral("mean wait at c=%1").arg(c)));
        lastB = bl;
        lastC = cw;
        lastT = f.timeoutRatio;
        lastWait = f.waitMeanS;
    }
}

void TestAnalyticFixedTimeout::monotoneInTimeout()
{
    for (const double lambda : {80.0, 100.0, 130.0}) { // a = 8, 10, 13 on 10 connections
        double lastT = 2, lastRatio = -1, lastMean = -1;
        for (const double tau : {0.0, 1e-4, 1e-3, 0.01, 0.1, 1.0, 10.0}) {
            const QueueFigures f = fixedTimeoutFigures(10, lambda, 0.1, tau);
            QVERIFY(f.timeoutRatio < lastT);
            QVERIFY(f.waitRatio > lastRatio);
            QVERIFY(f.waitMeanS > lastMean || (tau == 0 && f.waitMeanS == 0));
            lastT = f.timeoutRatio;
            lastRatio = f.waitRatio;
            lastMean = f.waitMeanS;
        }
    }
}

void TestAnalyticFixedTimeout::largePools_data()
{
    QTest::addColumn<int>("c");
    QTest::addColumn<double>("a");
    QTest::newRow("c=1000 a=950") << 1000 << 950.0;
    QTest::newRow("c=1000 a=999.9") << 1000 << 999.9;
    QTest::newRow("c=1000 a=1100") << 1000 << 1100.0;
    QTest::newRow("c=10000 a=9500") << 10000 << 9500.0;
    QTest::newRow("c=10000 a=100") << 10000 << 100.0;
}

void TestAnalyticFixedTimeout::largePools()
{
    QFETCH(int, c);
    QFETCH(double, a);
    const double hold = 0.05, lambda = a / hold;
    const double bl = erlangB(c, a), cw = erlangC(c, a);
    CHECK_CLOSE(bl, directErlangB(c, a), 1e-10, 1e-300);
    CHECK_CLOSE(cw, directErlangC(c, a), 1e-9, 1e-300);
    QVERIFY(bl >= 0 && bl < 1 && cw >= bl && cw <= 1);
    const QueueFigures b = erlangBFigures(c, lambda, hold);
    for (const double tau : {1e-4, 0.01, 1.0}) {
        const QueueFigures f = fixedTimeoutFigures(c, lambda, hold, tau);
        QVERIFY(std::isfinite(f.timeoutRatio) && std::isfinite(f.waitMeanS) && std::isfinite(f.waitP99S));
        QVERIFY(f.timeoutRatio >= 0 && f.timeoutRatio <= b.timeoutRatio);
        QVERIFY(f.waitRatio >= 0 && f.waitRatio <= cw * (1 + 1e-12));
        QVERIFY(f.waitMeanS >= 0 && f.waitMeanS <= tau && f.waitP99S <= tau);
        QVERIFY(f.busyMean >= b.busyMean && f.busyMean <= c);
        QVERIFY(f.utilization <= 1);
    }
    if (a < c) {
        const QueueFigures e = erlangCFigures(c, lambda, hold);
        QVERIFY(std::isfinite(e.waitMeanS) && e.waitMeanS >= 0);
    }
}

void TestAnalyticFixedTimeout::invalidArguments_data()
{
    QTest::addColumn<Thrower>("call");
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QTest::newRow("erlangB c<0") << Thrower([] { erlangB(-1, 1.0); });
    QTest::newRow("erlangB a<0") << Thrower([] { erlangB(3, -0.5); });
    QTest::newRow("erlangB a=nan") << Thrower([nan] { erlangB(3, nan); });
    QTest::newRow("erlangB a=inf") << Thrower([] { erlangB(3, kInf); });
    QTest::newRow("erlangC c=0") << Thrower([] { erlangC(0, 1.0); });
    QTest::newRow("erlangC a<0") << Thrower([] { erlangC(2, -1.0); });
    QTest::newRow("B figures c=0") << Thrower([] { erlangBFigures(0, 1.0, 1.0); });
    QTest::newRow("B figures lambda<0") << Thrower([] { erlangBFigures(1, -1.0, 1.0); });
    QTest::newRow("B figures hold=0") << Thrower([] { erlangBFigures(1, 1.0, 0.0); });
    QTest::newRow("C figures hold<0") << Thrower([] { erlangCFigures(1, 1.0, -1.0); });
    QTest::newRow("C figures hold=nan") << Thrower([nan] { erlangCFigures(1, 1.0, nan); });
    QTest::newRow("C figures lambda=inf") << Thrower([] { erlangCFigures(1, kInf, 1.0); });
    QTest::newRow("D figures c=-3") << Thrower([] { fixedTimeoutFigures(-3, 1.0, 1.0, 1.0); });
    QTest::newRow("D figures tau<0") << Thrower([] { fixedTimeoutFigures(2, 1.0, 1.0, -0.1); });
    QTest::newRow("D figures tau=nan") << Thrower([nan] { fixedTimeoutFigures(2, 1.0, 1.0, nan); });
    QTest::newRow("D figures lambda=nan") << Thrower([nan] { fixedTimeoutFigures(2, nan, 1.0, 1.0); });
    QTest::newRow("C quantile p=0") << Thrower([] { erlangCWaitQuantile(2, 1.0, 1.0, 0.0); });
    QTest::newRow("C quantile p=1") << Thrower([] { erlangCWaitQuantile(2, 1.0, 1.0, 1.0); });
    QTest::newRow("D quantile p=1.5") << Thrower([] { fixedTimeoutWaitQuantile(2, 1.0, 1.0, 1.0, 1.5); });
    QTest::newRow("D quantile tau<0") << Thrower([] { fixedTimeoutWaitQuantile(2, 1.0, 1.0, -1.0, 0.5); });
}

void TestAnalyticFixedTimeout::invalidArguments()
{
    QFETCH(Thrower, call);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, call());
}

QTEST_APPLESS_MAIN(TestAnalyticFixedTimeout)
#include "tst_analytic_fixed_timeout.moc"
