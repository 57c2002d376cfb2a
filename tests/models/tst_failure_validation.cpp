// The failure loop's stochastic figures against independent computations written here, from
// the textbook forms of the M/M/c queue (not from models/analytic):
//   - a liveness probe that waits in the pool's FIFO queue behind Poisson traffic and holds its
//     connection for no time sees the stationary M/M/c wait, so it fails (waits longer than its
//     timeout T) with probability C(c, a) exp(-(c mu - lambda) T), Erlang C times the tail of the
//     conditional wait;
//   - max_pending with on_overload reject makes the instance an M/M/c/K queue with
//     K = c + max_pending: a request is rejected with the probability p_K that the system is full
//     (PASTA), and the served wait is Lq / (lambda (1 - p_K)) by Little's law.
// Each estimate must lie within its 95% confidence interval plus 2% of the exact value plus
// 1e-5 (the start-up and end-of-run edges that the interval does not cover). Fixed seeds.
#ifndef Q_MOC_RUN
#include "models/metrics/metrics.h"
#include "models/scenario/scenario_yaml.h"
#include "models/simulation/simulation.h"
#endif

#include <QTest>

#include "interval_check.h"
#include <cmath>
#include <string>
#include <vector>

using namespace poolsim;
using models::Metric;

namespace {

double tolerance(double exact)
{
    return 1e-5 + 0.02 * std::fabs(exact);
}

void expectNear(const char* what, const models::Estimate& sim, double exact)
{
    intervalcheck::expectWithinInterval(what, sim, exact, tolerance(exact));
}

/// The stationary probabilities of the M/M/c/K birth-death chain (K = SIZE_MAX: M/M/c, cut
/// where the terms vanish), from p_n proportional to a^n / n! up to c and a^c / c! rho^(n - c) beyond.
std::vector<double> mmcStates(int c, double lambda, double mu, std::size_t k)
{
    const double a = lambda / mu, rho = a / c;
    std::vector<double> p{1.0};
    for (std::size_t n = 1; n <= k; ++n) {
        const double next =
            n <= static_cast<std::size_t>(c) ? p.back() * a / static_cast<double>(n) : p.back() * rho;
        if (next < 1e-300)
            break;
        p.push_back(next);
    }
    double sum = 0;
    for (const double x : p)
        sum += x;
    for (double& x : p)
        x /= sum;
    return p;
}

/// Erlang C: the probability that an arrival to M/M/c waits.
double probabilityOfWaiting(int c, double lambda, double mu)
{
    const std::vector<double> p = mmcStates(c, lambda, mu, SIZE_MAX);
    double waiting = 0;
    for (std::size_t n = static_cast<std::size_t>(c); n < p.size(); ++n)
        waiting += p[n];
    return waiting;
}

std::shared_ptr<const models::RunResult> run(const std::string& text)
{
    return models::runScenario(models::loadScenarioText(text, "failure.yaml", ""), {});
}

} // namespace

class TestFailureValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void probeFailsWithTheMmcWaitTail_data();
    void probeFailsWithTheMmcWaitTail();
    void rejectionIsTheMmcKBlocking_data();
    void rejectionIsTheMmcKBlocking();
};

void TestFailureValidation::probeFailsWithTheMmcWaitTail_data()
{
    QTest::addColumn<int>("pool");
    QTest::addColumn<double>("rate");
    QTest::addColumn<double>("timeoutMs");
    // 10 ms exponential holds (mu = 100/s).
    QTest::newRow("4 connections, rho 0.875, T 20 ms") << 4 << 350.0 << 20.0;
    QTest::newRow("8 connections, rho 0.9, T 10 ms") << 8 << 720.0 << 10.0;
}

// The probe's query holds its connection for no time, so it changes nobody's wait; `failures`
// is never reached, so the instance never fails and the traffic stays stationary. Probes every
// 0.5 s from 0.5 s; warm-up 60 s: the failures counted are those of the probes from 60.0 s
// (deadline at or after the warm-up) to 600.0 s, 1081 of them.
void TestFailureValidation::probeFailsWithTheMmcWaitTail()
{
    QFETCH(int, pool);
    QFETCH(double, rate);
    QFETCH(double, timeoutMs);
    const double mu = 100.0;
    const std::string text =
        "poolsim: 1\nname: probes\nhorizon: 600250ms\nwarmup: 60s\nreplications: 10\nseed: 23\n"
        "pool: {size: " +
        std::to_string(pool) + ", timeout: none}\nbackend:\n  health_check: {every: 500ms, timeout: " +
        std::to_string(static_cast<int>(timeoutMs)) +
        "ms, failures: 1000000, hold: 0s}\n"
        "workloads:\n  - name: api\n    arrivals: {poisson: " +
        std::to_string(static_cast<int>(rate)) + "/s}\n    hold: {exponential: 10ms}\n";
    const auto r = run(text);
    const double probes = 1081;
    const double tail =
        probabilityOfWaiting(pool, rate, mu) * std::exp(-(pool * mu - rate) * timeoutMs / 1000.0);
    models::Estimate share = r->metrics[Metric::ProbeFailures];
    share.mean /= probes;
    share.ci95 /= probes;
    expectNear("probe failure probability", share, tail);
    QCOMPARE(r->metrics[Metric::Crashes].mean, 0.0);
    QCOMPARE(r->metrics[Metric::Availability].mean, 1.0);
}

void TestFailureValidation::rejectionIsTheMmcKBlocking_data()
{
    QTest::addColumn<int>("pool");
    QTest::addColumn<int>("maxPending");
    QTest::addColumn<double>("rate");
    QTest::newRow("4 connections, 3 may wait, rho 0.875") << 4 << 3 << 350.0;
    QTest::newRow("4 connections, none may wait (Erlang B)") << 4 << 0 << 350.0;
    QTest::newRow("6 connections, 10 may wait, overloaded rho 1.2") << 6 << 10 << 720.0;
}

void TestFailureValidation::rejectionIsTheMmcKBlocking()
{
    QFETCH(int, pool);
    QFETCH(int, maxPending);
    QFETCH(double, rate);
    const double mu = 100.0;
    const std::string text =
        "poolsim: 1\nname: shedding\nhorizon: 300s\nwarmup: 30s\nreplications: 8\nseed: 29\n"
        "pool: {size: " +
        std::to_string(pool) + ", timeout: none}\nbackend:\n  max_pending: " + std::to_string(maxPending) +
        "\n  on_overload: reject\n"
        "workloads:\n  - name: api\n    arrivals: {poisson: " +
        std::to_string(static_cast<int>(rate)) + "/s}\n    hold: {exponential: 10ms}\n";
    const auto r = run(text);
    QVERIFY(r->parts.has(models::ModelPart::LoadShedding));
    QVERIFY(!r->parts.has(models::ModelPart::InstanceFailures)); // reject never fails an instance

    const std::size_t k = static_cast<std::size_t>(pool + maxPending);
    const std::vector<double> p = mmcStates(pool, rate, mu, k);
    const double blocked = p[k];
    double queueLength = 0;
    for (std::size_t n = static_cast<std::size_t>(pool); n <= k; ++n)
        queueLength += static_cast<double>(n - static_cast<std::size_t>(pool)) * p[n];
    const double throughput = rate * (1 - blocked);

    // The share of arrivals rejected, replication by replication.
    std::vector<double> shares;
    for (const models::MetricValues& rep : r->replicationMetrics)
        shares.push_back(rep[Metric::Rejected] / rep[Metric::Arrivals]);
    expectNear("rejected share", models::estimate(shares), blocked);
    expectNear("throughput_per_s", r->metrics[Metric::ThroughputPerS], throughput);
    expectNear("wait_mean_s", r->metrics[Metric::WaitMeanS], queueLength / throughput);
    QVERIFY(r->metrics[Metric::WaitersMax].mean <= maxPending);
}

QTEST_GUILESS_MAIN(TestFailureValidation)
#include "tst_failure_validation.moc"
