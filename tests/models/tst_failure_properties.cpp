// Properties of the failure loop as a whole, on busy scenarios where everything happens at once
// (probes failing, instances failing and restarting cold, overload, client timeouts with
// orphans, retries of every outcome, a database server): every request that arrived is
// accounted for exactly once, the instance figures agree with each other, and the results are
// the same whatever the thread count. Fixed seeds.
#include "pool_test_support.h"

namespace {

using pooltest::Result;

/// Instances (four by default) with pools of 4 hit by a report burst on top of steady traffic,
/// so that probes starve and instances fail and come back; the extras add keys per row.
QByteArray scenario(const char* backendExtra, const char* workloadExtra, const char* topExtra,
                    const char* instances = "4", const char* restart = "10s")
{
    return QByteArray(R"(poolsim: 1
horizon: 300s
warmup: 20s
replications: 4
seed: 41
)") + topExtra +
           R"(
pool: {size: 4, timeout: 5s, connect_time: 20ms, min_idle: 2}
backend:
  balancer: least_busy
  health_check: {every: 5s, timeout: 1s, failures: 2, hold: 2ms}
  instances: )" +
           QByteArray(instances) + "\n  restart: " + restart + "\n" + backendExtra +
           R"(
workloads:
  - name: api
    arrivals: {poisson: 60/s}
    hold: {exponential: 40ms}
)" + workloadExtra +
           R"(
  - name: reports
    arrivals: {burst: {at: 60s, count: 20, within: 2s, every: 90s}}
    hold: {uniform: {min: 10s, max: 30s}}
)";
}

} // namespace

class TestFailureProperties : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyRequestAccountedFor_data();
    void everyRequestAccountedFor();
    void determinismAcrossThreads();
};

void TestFailureProperties::everyRequestAccountedFor_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::newRow("probes only") << scenario("", "", "");
    QTest::newRow("overload crash") << scenario("  max_pending: 6\n", "", "");
    QTest::newRow("overload reject") << scenario("  max_pending: 6\n  on_overload: reject\n", "", "");
    QTest::newRow("orphans and retries of everything") << scenario(
        "  max_pending: 8\n",
        "    client_timeout: 800ms\n"
        "    retry: {attempts: 3, backoff: 200ms, on: [timeout, client_timeout, crashed, rejected, "
        "unavailable]}\n",
        "");
    QTest::newRow("cancelled on timeout, one instance, never restarted")
        << scenario("", "    client_timeout: 800ms\n    cancel_on_timeout: true\n", "", "1", "none");
    QTest::newRow("on a database server")
        << scenario("", "    client_timeout: 2s\n    retry: {attempts: 2, on: [crashed, client_timeout]}\n",
                    "database: {capacity: {cores: 4, contention: 0.02}}\n");
}

void TestFailureProperties::everyRequestAccountedFor()
{
    QFETCH(QByteArray, yaml);
    RUN(r, yaml);
    QVERIFY(r->parts.has(models::ModelPart::InstanceFailures) ||
            r->parts.has(models::ModelPart::LoadShedding));
    const double window = r->horizonS - r->warmupS;
    const double instances = static_cast<double>(r->poolSizeTotal / 4); // pools of 4
    for (std::size_t i = 0; i < r->replicationMetrics.size(); ++i) {
        const models::MetricValues& m = r->replicationMetrics[i];
        // Each arrival ends once: served, timed out, failed in one of the ways, or still there.
        const double failedOtherwise = m[Metric::ConnectFailures] + m[Metric::Refused] + m[Metric::Crashed] +
                                       m[Metric::Rejected] + m[Metric::Unavailable] +
                                       m[Metric::ClientTimeouts];
        QCOMPARE(m[Metric::Failures], failedOtherwise);
        QCOMPARE(m[Metric::Served] + m[Metric::Timeouts] + m[Metric::Failures] + m[Metric::Unfinished],
                 m[Metric::Arrivals]);
        QVERIFY(m[Metric::Unfinished] >= 0);
        // The workloads add up to the total.
        double arrivals = 0, crashed = 0;
        for (const models::MetricValues& w : r->replicationWorkloadMetrics[i]) {
            arrivals += w[Metric::Arrivals];
            crashed += w[Metric::Crashed];
        }
        QCOMPARE(arrivals, m[Metric::Arrivals]);
        QCOMPARE(crashed, m[Metric::Crashed]);
        // The instance figures agree with each other.
        QVERIFY(m[Metric::Availability] >= 0 && m[Metric::Availability] <= 1);
        QVERIFY(std::fabs(m[Metric::DowntimeS] - (1 - m[Metric::Availability]) * instances * window) < 1e-6);
        QVERIFY(m[Metric::FailedInstances] <= m[Metric::Crashes]);
        QVERIFY(m[Metric::FailedInstances] <= instances);
        QCOMPARE(m[Metric::CrashReplications], m[Metric::Crashes] > 0 ? 1.0 : 0.0);
        if (m[Metric::Crashes] > 0)
            QVERIFY(m[Metric::FirstCrashS] >= r->warmupS && m[Metric::FirstCrashS] < r->horizonS);
        QVERIFY(m[Metric::BusyMean] <= static_cast<double>(r->poolSizeTotal) + 1e-9);
    }
}

void TestFailureProperties::determinismAcrossThreads()
{
    const QByteArray yaml = scenario(
        "  max_pending: 8\n",
        "    client_timeout: 800ms\n    retry: {attempts: 3, backoff: {exponential: 200ms}, on: [crashed, "
        "client_timeout, unavailable]}\n",
        "database: {capacity: {cores: 8, contention: 0.01}}\n");
    RUN(one, yaml, pooltest::Options{1, std::nullopt, 6});
    RUN(three, yaml, pooltest::Options{3, std::nullopt, 6});
    QVERIFY2(one->metrics[Metric::Crashes].mean > 0, "the scenario should make instances fail");
    QCOMPARE(one->replicationMetrics.size(), three->replicationMetrics.size());
    for (std::size_t i = 0; i < one->replicationMetrics.size(); ++i)
        for (std::size_t m = 0; m < models::kMetricCount; ++m) {
            const double a = one->replicationMetrics[i].values[m], b = three->replicationMetrics[i].values[m];
            QVERIFY2((std::isnan(a) && std::isnan(b)) || a == b, models::kMetricNames[m].data());
        }
    QVERIFY(one->replicationFailures == three->replicationFailures);
    QVERIFY(one->instanceDownShare == three->instanceDownShare);
}

QTEST_GUILESS_MAIN(TestFailureProperties)
#include "tst_failure_properties.moc"
