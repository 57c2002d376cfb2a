// Tests of the closed forms in models/analytic: Erlang B and C against direct sums and published
// tables, the M/M/1 and M/M/2 closed forms, and the figures (waits, quantiles, throughput, busy
// connections) derived from them, stable or not.
#include "models/analytic/analytic.h"

#include <QObject>
#include <QString>
#include <QTest>

#include <cmath>

#include "analytic_test_support.h"

using namespace poolsim::models::analytic;

class TestAnalyticErlang : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void erlangBDirectSum_data();
    void erlangBDirectSum();
    void erlangCDirectSum_data();
    void erlangCDirectSum();
    void erlangBPublished_data();
    void erlangBPublished();
    void erlangBTable_data();
    void erlangBTable();
    void singleAndTwoServerClosedForms_data();
    void singleAndTwoServerClosedForms();
    void erlangBFiguresFields();
    void erlangCFiguresFields_data();
    void erlangCFiguresFields();
    void erlangCUnstable();
};

// ---- Erlang B and C -------------------------------------------------------------------------

void TestAnalyticErlang::erlangBDirectSum_data()
{
    QTest::addColumn<int>("c");
    QTest::addColumn<double>("a");
    for (const int c : {1, 2, 3, 5, 10, 20, 50, 100, 200})
        for (const double rel : {0.0, 0.01, 0.3, 0.8, 1.0, 1.5, 4.0})
            QTest::addRow("c=%d a=%gc", c, rel) << c << rel * c;
}

void TestAnalyticErlang::erlangBDirectSum()
{
    QFETCH(int, c);
    QFETCH(double, a);
    CHECK_CLOSE(erlangB(c, a), directErlangB(c, a), 1e-12, 1e-300);
}

void TestAnalyticErlang::erlangCDirectSum_data()
{
    QTest::addColumn<int>("c");
    QTest::addColumn<double>("a");
    for (const int c : {1, 2, 3, 5, 10, 20, 50, 100, 200})
        for (const double rel : {0.0, 0.01, 0.3, 0.8, 0.99, 1.0, 1.5})
            QTest::addRow("c=%d a=%gc", c, rel) << c << rel * c;
}

void TestAnalyticErlang::erlangCDirectSum()
{
    QFETCH(int, c);
    QFETCH(double, a);
    CHECK_CLOSE(erlangC(c, a), directErlangC(c, a), 1e-11, 1e-300);
}

void TestAnalyticErlang::erlangBPublished_data()
{
    QTest::addColumn<int>("c");
    QTest::addColumn<double>("a");
    QTest::addColumn<double>("expected");
    QTest::addColumn<double>("tolerance");
    QTest::newRow("B(10,5) textbook") << 10 << 5.0 << 0.018385 << 5e-7;
    QTest::newRow("B(1,1) = 1/2") << 1 << 1.0 << 0.5 << 1e-15;
    QTest::newRow("B(2,1) = 1/5") << 2 << 1.0 << 0.2 << 1e-15;
    QTest::newRow("B(0,a) = 1") << 0 << 3.0 << 1.0 << 0.0;
    QTest::newRow("B(c,0) = 0") << 7 << 0.0 << 0.0 << 0.0;
}

void TestAnalyticErlang::erlangBPublished()
{
    QFETCH(int, c);
    QFETCH(double, a);
    QFETCH(double, expected);
    QFETCH(double, tolerance);
    CHECK_CLOSE(erlangB(c, a), expected, 0, tolerance);
}

// The classic Erlang B table: the load (erlangs) that c trunks carry at a given blocking.
void TestAnalyticErlang::erlangBTable_data()
{
    QTest::addColumn<int>("c");
    QTest::addColumn<double>("blocking");
    QTest::addColumn<double>("tableLoad");
    QTest::addColumn<double>("rounding");
    QTest::newRow("5 @ 1%") << 5 << 0.01 << 1.361 << 5e-4;
    QTest::newRow("10 @ 1%") << 10 << 0.01 << 4.461 << 5e-4;
    QTest::newRow("20 @ 1%") << 20 << 0.01 << 12.031 << 5e-4;
    QTest::newRow("50 @ 1%") << 50 << 0.01 << 37.90 << 5e-3;
    QTest::newRow("100 @ 1%") << 100 << 0.01 << 84.06 << 5e-3;
    QTest::newRow("5 @ 2%") << 5 << 0.02 << 1.657 << 5e-4;
    QTest::newRow("10 @ 2%") << 10 << 0.02 << 5.084 << 5e-4;
    QTest::newRow("10 @ 5%") << 10 << 0.05 << 6.216 << 5e-4;
}

void TestAnalyticErlang::erlangBTable()
{
    QFETCH(int, c);
    QFETCH(double, blocking);
    QFETCH(double, tableLoad);
    QFETCH(double, rounding);
    double lo = 0, hi = 2.0 * c;
    for (int i = 0; i < 100; ++i) {
        const double mid = (lo + hi) / 2;
        (erlangB(c, mid) < blocking ? lo : hi) = mid;
    }
    CHECK_CLOSE(lo, tableLoad, 0, rounding);
}

// M/M/1: C = rho, mean wait rho / (mu - lambda), P(W > t) = rho e^{-(mu - lambda) t}.
// M/M/2: C = 2 rho^2 / (1 + rho), rho = a / 2.
void TestAnalyticErlang::singleAndTwoServerClosedForms_data()
{
    QTest::addColumn<double>("lambda");
    QTest::addColumn<double>("hold");
    QTest::newRow("rho 0.1") << 1.0 << 0.1;
    QTest::newRow("rho 0.5") << 5.0 << 0.1;
    QTest::newRow("rho 0.9") << 90.0 << 0.01;
    QTest::newRow("rho 0.999") << 0.999 << 1.0;
}

void TestAnalyticErlang::singleAndTwoServerClosedForms()
{
    QFETCH(double, lambda);
    QFETCH(double, hold);
    const double mu = 1 / hold, rho = lambda * hold;
    CHECK_CLOSE(erlangC(1, rho), rho, 1e-14, 0);
    CHECK_CLOSE(erlangB(1, rho), rho / (1 + rho), 1e-14, 0);
    const QueueFigures f = erlangCFigures(1, lambda, hold);
    CHECK_CLOSE(f.waitMeanS, rho / (mu - lambda), 1e-12, 0);
    for (const double p : {0.5, 0.95, 0.99}) {
        const double expected = rho <= 1 - p ? 0.0 : std::log(rho / (1 - p)) / (mu - lambda);
        CHECK_CLOSE(erlangCWaitQuantile(1, lambda, hold, p), expected, 1e-12, 1e-15);
    }
    const double rho2 = rho / 2; // the same load on two servers
    CHECK_CLOSE(erlangC(2, rho), 2 * rho2 * rho2 / (1 + rho2), 1e-14, 0);
}

void TestAnalyticErlang::erlangBFiguresFields()
{
    const QueueFigures f = erlangBFigures(10, 50.0, 0.1); // a = 5
    CHECK_CLOSE(f.offeredLoad, 5.0, 1e-15, 0);
    CHECK_CLOSE(f.timeoutRatio, erlangB(10, 5.0), 1e-15, 0);
    QCOMPARE(f.waitRatio, 0.0);
    QCOMPARE(f.waitMeanS, 0.0);
    QCOMPARE(f.waitP50S, 0.0);
    QCOMPARE(f.waitP99S, 0.0);
    CHECK_CLOSE(f.throughputPerS, 50.0 * (1 - f.timeoutRatio), 1e-14, 0);
    CHECK_CLOSE(f.busyMean, 5.0 * (1 - f.timeoutRatio), 1e-14, 0);
    CHECK_CLOSE(f.utilization, f.busyMean / 10, 1e-14, 0);
    QVERIFY(f.stable);
}

void TestAnalyticErlang::erlangCFiguresFields_data()
{
    QTest::addColumn<int>("c");
    QTest::addColumn<double>("lambda");
    QTest::addColumn<double>("hold");
    QTest::newRow("c=1 light") << 1 << 0.2 << 1.0;
    QTest::newRow("c=10 a=8") << 10 << 80.0 << 0.1;
    QTest::newRow("c=50 a=49") << 50 << 490.0 << 0.1;
    QTest::newRow("c=100 a=30 (p50 = 0)") << 100 << 300.0 << 0.1;
}

void TestAnalyticErlang::erlangCFiguresFields()
{
    QFETCH(int, c);
    QFETCH(double, lambda);
    QFETCH(double, hold);
    const QueueFigures f = erlangCFigures(c, lambda, hold);
    const double a = lambda * hold, C = directErlangC(c, a), drain = c / hold - lambda;
    QVERIFY(f.stable);
    QCOMPARE(f.timeoutRatio, 0.0);
    CHECK_CLOSE(f.waitRatio, C, 1e-11, 0);
    CHECK_CLOSE(f.waitMeanS, C / drain, 1e-10, 0);
    CHECK_CLOSE(f.busyMean, a, 1e-14, 0);
    CHECK_CLOSE(f.utilization, a / c, 1e-14, 0);
    CHECK_CLOSE(f.throughputPerS, lambda, 1e-14, 0);
    // Each quantile t satisfies P(W <= t) = 1 - C e^{-drain t} = p, or is 0 when 1 - C >= p.
    const double ps[] = {0.5, 0.95, 0.99};
    const double qs[] = {f.waitP50S, f.waitP95S, f.waitP99S};
    for (int i = 0; i < 3; ++i) {
        if (1 - C >= ps[i]) {
            QCOMPARE(qs[i], 0.0);
        } else {
            QVERIFY(qs[i] > 0);
            CHECK_CLOSE(1 - C * std::exp(-drain * qs[i]), ps[i], 1e-12, 0);
        }
    }
}

void TestAnalyticErlang::erlangCUnstable()
{
    for (const double lambda : {100.0, 150.0}) { // a = c and a > c
        const QueueFigures f = erlangCFigures(10, lambda, 0.1);
        QVERIFY(!f.stable);
        QCOMPARE(f.waitRatio, 1.0);
        QCOMPARE(f.waitMeanS, kInf);
        QCOMPARE(f.waitP50S, kInf);
        QCOMPARE(f.waitP99S, kInf);
        QCOMPARE(f.timeoutRatio, 0.0);
        CHECK_CLOSE(f.throughputPerS, 100.0, 1e-14, 0);
        QCOMPARE(f.busyMean, 10.0);
        QCOMPARE(f.utilization, 1.0);
        QCOMPARE(erlangCWaitQuantile(10, lambda, 0.1, 0.5), kInf);
    }
}

QTEST_APPLESS_MAIN(TestAnalyticErlang)
#include "tst_analytic_erlang.moc"
