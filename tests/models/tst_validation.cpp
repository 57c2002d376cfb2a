// The simulator against queueing theory: Erlang B, Erlang C, M/M/c with a fixed pool timeout,
// and Little's law. Each simulated estimate must lie within its own 95% confidence interval
// plus a small stated tolerance of the closed form. Fixed seeds: these never flake.
#include "models/analytic/analytic.h"
#include "models/simulation/simulation.h"
#include "test_scenarios.h"

#include <QTest>

#include <cmath>

#include "interval_check.h"

using namespace poolsim;
using models::Metric;

namespace {
// Tolerances beyond each estimate's own 95% confidence interval:
// - probabilities: 1e-4 absolute plus 2% of the value (the start-up and end-of-run edges of
//   finite replications, which the CI does not cover);
// - waits: 2% (the histogram's quantile error is at most 0.4%, plus the same edges);
// - connections in use: 0.5%.
double ratioTolerance(double exact)
{
    return 1e-4 + 0.02 * exact;
}
constexpr double kWaitTolerance = 0.02;
constexpr double kBusyTolerance = 0.005;

void expectNear(const char* what, const models::Estimate& sim, double exact, double tolerance)
{
    intervalcheck::expectWithinInterval(what, sim, exact, tolerance);
}

void expectLittle(const models::RunResult& r, double meanHold)
{
    // Little's law on the connections: the time-average in use equals the rate of served
    // requests times the hold distribution's mean (not the measured holds: an independent check
    // of the time-weighted statistic against the counts). 1% beyond the CI covers the sampling
    // error of the holds' mean.
    const auto& busy = r.metrics[Metric::BusyMean];
    const double little = r.metrics[Metric::ThroughputPerS].mean * meanHold;
    QVERIFY2(std::fabs(busy.mean - little) <= busy.ci95 + 0.01 * little,
             qPrintable(QStringLiteral("Little's law: busy_mean %1 +/- %2 vs throughput x E[hold] %3")
                            .arg(busy.mean)
                            .arg(busy.ci95)
                            .arg(little)));
}
} // namespace

class TestValidation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void erlangB_data();
    void erlangB();
    void erlangC_data();
    void erlangC();
    void fixedTimeout_data();
    void fixedTimeout();
};

void TestValidation::erlangB_data()
{
    QTest::addColumn<int>("servers");
    QTest::addColumn<double>("lambda");
    QTest::addColumn<bool>("lognormalHold");
    QTest::newRow("c=10 a=8") << 10 << 8.0 << false;
    QTest::newRow("c=50 a=45") << 50 << 45.0 << false;
    QTest::newRow("c=5 a=2") << 5 << 2.0 << false;
    // Erlang B does not depend on the hold distribution beyond its mean (insensitivity).
    QTest::newRow("c=10 a=8 lognormal hold") << 10 << 8.0 << true;
}

void TestValidation::erlangB()
{
    QFETCH(int, servers);
    QFETCH(double, lambda);
    QFETCH(bool, lognormalHold);
    models::Scenario s = tests::mmcScenario(servers, lambda, 1.0, 0.0, 4000, 200, 8, 11);
    if (lognormalHold)
        s.workloads[0].hold = models::LognormalDist{models::LognormalDist::Form::MeanP95, tests::seconds(1),
                                                    tests::seconds(2.5), 0, 0};
    const auto r = models::runScenario(s, {});
    const auto exact = models::analytic::erlangBFigures(servers, lambda, 1.0);
    expectNear("timeout_ratio", r->metrics[Metric::TimeoutRatio], exact.timeoutRatio,
               ratioTolerance(exact.timeoutRatio));
    expectNear("busy_mean", r->metrics[Metric::BusyMean], exact.busyMean, kBusyTolerance * exact.busyMean);
    QCOMPARE(r->metrics[Metric::WaitRatio].mean, 0.0); // nobody waits with timeout 0
    expectLittle(*r, 1.0);
}

void TestValidation::erlangC_data()
{
    QTest::addColumn<int>("servers");
    QTest::addColumn<double>("lambda");
    QTest::addColumn<double>("meanHold");
    QTest::newRow("c=10 rho=0.8") << 10 << 8.0 << 1.0;
    QTest::newRow("c=50 rho=0.9") << 50 << 45.0 << 1.0;
    QTest::newRow("c=2 rho=0.7 short holds") << 2 << 14.0 << 0.1;
}

void TestValidation::erlangC()
{
    QFETCH(int, servers);
    QFETCH(double, lambda);
    QFETCH(double, meanHold);
    const double horizon = 5000 * meanHold;
    const auto s = tests::mmcScenario(servers, lambda, meanHold, std::nullopt, horizon, horizon / 10, 8, 21);
    const auto r = models::runScenario(s, {});
    const auto exact = models::analytic::erlangCFigures(servers, lambda, meanHold);
    expectNear("wait_ratio", r->metrics[Metric::WaitRatio], exact.waitRatio, ratioTolerance(exact.waitRatio));
    expectNear("wait_mean_s", r->metrics[Metric::WaitMeanS], exact.waitMeanS,
               kWaitTolerance * exact.waitMeanS);
    expectNear("wait_p95_s", r->metrics[Metric::WaitP95S], exact.waitP95S, kWaitTolerance * exact.waitP95S);
    expectNear("busy_mean", r->metrics[Metric::BusyMean], exact.busyMean, kBusyTolerance * exact.busyMean);
    QCOMPARE(r->metrics[Metric::Timeouts].mean, 0.0);
    expectLittle(*r, meanHold);
}

void TestValidation::fixedTimeout_data()
{
    QTest::addColumn<int>("servers");
    QTest::addColumn<double>("lambda");
    QTest::addColumn<double>("timeout");
    QTest::newRow("c=10 rho=0.9 tau=1s") << 10 << 9.0 << 1.0;
    QTest::newRow("c=50 rho=0.9 tau=1s (the M/M/50 example)") << 50 << 45.0 << 1.0;
    QTest::newRow("c=10 overloaded rho=1.2 tau=0.5s") << 10 << 12.0 << 0.5;
    QTest::newRow("c=5 rho=1 tau=2s") << 5 << 5.0 << 2.0;
}

void TestValidation::fixedTimeout()
{
    QFETCH(int, servers);
    QFETCH(double, lambda);
    QFETCH(double, timeout);
    const auto s = tests::mmcScenario(servers, lambda, 1.0, timeout, 4000, 400, 8, 31);
    const auto r = models::runScenario(s, {});
    const auto exact = models::analytic::fixedTimeoutFigures(servers, lambda, 1.0, timeout);
    expectNear("timeout_ratio", r->metrics[Metric::TimeoutRatio], exact.timeoutRatio,
               ratioTolerance(exact.timeoutRatio));
    expectNear("wait_ratio", r->metrics[Metric::WaitRatio], exact.waitRatio, ratioTolerance(exact.waitRatio));
    expectNear("wait_mean_s", r->metrics[Metric::WaitMeanS], exact.waitMeanS,
               kWaitTolerance * exact.waitMeanS);
    expectNear("busy_mean", r->metrics[Metric::BusyMean], exact.busyMean, kBusyTolerance * exact.busyMean);
    expectLittle(*r, 1.0);
}

QTEST_APPLESS_MAIN(TestValidation)
#include "tst_validation.moc"
