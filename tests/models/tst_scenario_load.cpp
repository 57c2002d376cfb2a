// Scenario files: the minimal scenario loads exactly as written (and saves back as written), the
// full fixture loads every key, relative paths resolve against the scenario's folder, aliases
// work, and --set overrides reach every key, workloads included.
// moc (Qt 6.4) cannot parse the C++20 headers these include; it needs only the test class.
#ifndef Q_MOC_RUN
#include "models/scenario/scenario_error.h"
#include "models/scenario/scenario_yaml.h"
#include "models/scenario/units.h"
#endif

#include <QtTest>

#include <filesystem>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "scenario_test_support.h"

namespace {

constexpr std::int64_t kMs = 1'000'000;

SimTime ms(std::int64_t n)
{
    return SimTime::fromTicks(n * kMs);
}

} // namespace

class TstScenarioLoad : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void minimalLoadsAsWritten()
    {
        const Scenario s = loadScenarioText(kMinimal, "minimal.yaml", "");
        QCOMPARE(s.name, std::string("M/M/50 with a 1 s pool timeout"));
        QVERIFY(s.description.empty());
        QCOMPARE(s.horizon.ticks(), 2 * 3600 * kS);
        QVERIFY(s.warmup.has_value());
        QCOMPARE(s.warmup->ticks(), 600 * kS);
        QCOMPARE(s.replications, std::optional<std::int64_t>(10));
        QCOMPARE(s.seed, std::optional<std::uint64_t>(7));
        QVERIFY(!s.resolution);
        QCOMPARE(s.pool.size, std::optional<std::int64_t>(50));
        QVERIFY(s.pool.timeout.has_value());
        QCOMPARE(s.pool.timeout->value, std::optional<SimTime>(sec(1)));
        QVERIFY(!s.pool.minIdle && !s.pool.connectTime && !s.pool.connectTimeout && !s.pool.idleTimeout &&
                !s.pool.maxLifetime);
        QVERIFY(s.backend == BackendConfig{});
        QVERIFY(s.database == DatabaseConfig{});
        QCOMPARE(s.workloads.size(), std::size_t(1));
        const Workload& w = s.workloads.front();
        QCOMPARE(w.name, std::string("api"));
        QVERIFY(w.description.empty());
        const auto* poisson = std::get_if<PoissonArrivals>(&w.arrivals);
        QVERIFY(poisson);
        QCOMPARE(poisson->rate, (Rate{45, 's'}));
        QVERIFY(w.hold.has_value());
        const auto* exp = std::get_if<ExponentialDist>(&*w.hold);
        QVERIFY(exp);
        QCOMPARE(exp->mean, sec(1));
        QVERIFY(!w.connections && !w.acquire && w.steps.empty() && !w.transaction && !w.retry);
        QCOMPARE(s.sourcePath, std::string("minimal.yaml"));
        QCOMPARE(s.pool.effectiveMinIdle(), std::int64_t(50));
    }

    void minimalSavesCanonically()
    {
        const Scenario s = loadScenarioText(kMinimal, "minimal.yaml", "");
        QCOMPARE(QByteArray::fromStdString(saveScenarioText(s)), QByteArray(kMinimal));
    }

    void fullFixtureLoads()
    {
        const Scenario s = loadData("full.yaml");
        QCOMPARE(s.name, std::string("Everything: all keys"));
        QCOMPARE(s.description,
                 std::string(
                     "A scenario that uses every key.\nSecond line, with 'quotes' and \"double quotes\".\n"));
        QCOMPARE(s.seed, std::optional<std::uint64_t>(18446744073709551615ull));
        QCOMPARE(s.resolution, std::optional<SimTime>(sec(90)));
        QCOMPARE(s.pool.timeout, std::optional<Timeout>(Timeout{SimTime::zero()}));
        QCOMPARE(s.pool.idleTimeout, std::optional<Timeout>(Timeout{std::nullopt}));
        QCOMPARE(s.backend.balancer, std::optional<Balancer>(Balancer::LeastBusy));
        QCOMPARE(s.database.reservedConnections, std::optional<std::int64_t>(0));
        QCOMPARE(s.workloads.size(), std::size_t(10));

        const auto& profile = std::get<ProfileArrivals>(s.workloads[1].arrivals);
        QCOMPARE(profile.points.size(), std::size_t(3));
        QCOMPARE(profile.points[1].rate, (Rate{40, 'm'}));
        QCOMPARE(profile.points[2].at, sec(720));
        QVERIFY(std::holds_alternative<ConstantDist>(*s.workloads[1].hold));

        const auto& lognormal = std::get<LognormalDist>(*s.workloads[4].hold);
        QCOMPARE(lognormal.form, LognormalDist::Form::MuSigma);
        QCOMPARE(lognormal.mu, -0.2);

        const auto& trace = std::get<TraceArrivals>(s.workloads[6].arrivals);
        QCOMPARE(trace.file, std::string("trace.csv"));
        QCOMPARE(trace.jitter, std::optional<SimTime>(ms(50)));
        const std::vector<TraceArrivals::Record> records = {
            {ms(250), ms(150), 2}, {ms(500), ms(200), 1}, {sec(1), ms(300), 1}, {ms(2500), sec(1), 1}};
        QCOMPARE(trace.records, records);
        QVERIFY(!s.workloads[6].hold);

        const Workload& checkout = s.workloads[7];
        QCOMPARE(checkout.steps.size(), std::size_t(3));
        QCOMPARE(checkout.steps[0].connections, std::int64_t(2));
        QVERIFY(checkout.steps[1].isWork);
        QCOMPARE(checkout.transaction, std::optional<bool>(true));
        QCOMPARE(checkout.retry->attempts, std::int64_t(2));
        QCOMPARE(checkout.retry->backoff, DistributionSpec(ConstantDist{SimTime::zero()}));

        const auto& measured = std::get<EmpiricalDist>(*s.workloads[8].hold);
        QCOMPARE(measured.file, std::string("holds.csv"));
        QCOMPARE(measured.values, (std::vector<SimTime>{ms(12), ms(15), ms(20), ms(35)}));

        const auto& burst = std::get<BurstArrivals>(s.workloads[9].arrivals);
        QCOMPARE(burst.within, SimTime::zero());
        QVERIFY(!burst.every);
    }

    void loadFileResolvesRelativePaths()
    {
        // A relative scenario path: data files resolve against its folder, not the working one.
        const std::filesystem::path previous = std::filesystem::current_path();
        std::filesystem::current_path(POOLSIM_SOURCE_DIR);
        Scenario s;
        try {
            s = loadScenarioFile("tests/data/full.yaml");
        } catch (...) {
            std::filesystem::current_path(previous);
            throw;
        }
        std::filesystem::current_path(previous);
        QCOMPARE(s.sourcePath, std::string("tests/data/full.yaml"));
        QCOMPARE(std::get<TraceArrivals>(s.workloads[6].arrivals).records.size(), std::size_t(4));
    }

    void overrides_data()
    {
        QTest::addColumn<QByteArray>("overrides");
        QTest::addColumn<QByteArray>("expectedChange"); // YAML appended to kBase to get the same scenario
        QTest::newRow("pool size") << QByteArray("pool.size=20") << QByteArray("pool: {size: 20}\n");
        QTest::newRow("created section")
            << QByteArray("pool.timeout=none") << QByteArray("pool: {timeout: none}\n");
        QTest::newRow("later wins") << QByteArray("pool.size=5\npool.size=7")
                                    << QByteArray("pool: {size: 7}\n");
        QTest::newRow("top level") << QByteArray("warmup=5m\nseed=42")
                                   << QByteArray("warmup: 5m\nseed: 42\n");
        QTest::newRow("text with spaces")
            << QByteArray("name=hello world") << QByteArray("name: hello world\n");
        QTest::newRow("quoted text") << QByteArray("name='a: b'") << QByteArray("name: 'a: b'\n");
        QTest::newRow("health check created")
            << QByteArray("backend.health_check.every=30s\nbackend.health_check.timeout=5s\n"
                          "backend.health_check.failures=5\nbackend.health_check.hold.exponential=2ms")
            << QByteArray("backend:\n  health_check: {every: 30s, timeout: 5s, failures: 5, hold: "
                          "{exponential: 2ms}}\n");
        QTest::newRow("restart none")
            << QByteArray("backend.restart=none") << QByteArray("backend: {restart: none}\n");
        QTest::newRow("overload") << QByteArray("backend.max_pending=500\nbackend.on_overload=reject")
                                  << QByteArray("backend: {max_pending: 500, on_overload: reject}\n");
    }
    void overrides()
    {
        QFETCH(QByteArray, overrides);
        QFETCH(QByteArray, expectedChange);
        const Scenario got = loadScenarioText(kBase, "s.yaml", "", splitOverrides(overrides));
        // Keys may follow workloads in a file; the order of keys does not matter.
        const Scenario expected =
            loadScenarioText(std::string(kBase) + expectedChange.toStdString(), "s.yaml", "");
        QVERIFY(got == expected);
    }

    void aliasesWork()
    {
        const std::string yaml = std::string(kBase) +
                                 "  - name: b\n    arrivals: {poisson: 1/s}\n    hold: &h {gamma: "
                                 "{mean: 1s, cv: 2}}\n  - name: c\n    arrivals: {poisson: 1/s}\n"
                                 "    hold: *h\n";
        const Scenario s = loadScenarioText(yaml, "s.yaml", "");
        QCOMPARE(*s.workloads[2].hold, *s.workloads[1].hold);
    }

    void databaseCapacity()
    {
        // Cores from database.cores when the capacity gives none; a percentage for sigma.
        const Scenario s =
            loadScenarioText(std::string(kBase) + "database:\n  cores: 16\n  capacity:\n"
                                                  "    contention: 3%\n    coherency: 0.0008\n",
                             "s.yaml", "");
        QVERIFY(s.database.capacity.has_value());
        QCOMPARE(s.database.capacity->cores, std::optional<std::int64_t>());
        QCOMPARE(s.database.capacityCores(), std::int64_t(16));
        QCOMPARE(s.database.capacity->effectiveContention(), 0.03);
        QCOMPARE(s.database.capacity->effectiveCoherency(), 0.0008);
        // Its own cores win; sigma and kappa default to 0 (a plain processor-sharing server).
        const Scenario own = loadScenarioText(
            std::string(kBase) + "database:\n  cores: 16\n  capacity: {cores: 4}\n", "s.yaml", "");
        QCOMPARE(own.database.capacityCores(), std::int64_t(4));
        QCOMPARE(own.database.capacity->effectiveContention(), 0.0);
        QCOMPARE(own.database.capacity->effectiveCoherency(), 0.0);
        // Absent: no server.
        QCOMPARE(loadScenarioText(kBase, "s.yaml", "").database.capacityCores(), std::int64_t(0));
        // --set reaches it, and can add it.
        const Scenario set = loadScenarioText(kBase, "s.yaml", "", {"database.capacity.cores=8"});
        QCOMPARE(set.database.capacityCores(), std::int64_t(8));
        // Saved as people write it (no exponent), and read back unchanged.
        QVERIFY(saveScenarioText(s).find("coherency: 0.0008\n") != std::string::npos);
        QVERIFY(loadScenarioText(saveScenarioText(s), "saved.yaml", "") == s);
        QVERIFY(loadScenarioText(saveScenarioText(own), "saved.yaml", "") == own);
    }

    void overridesReachWorkloads()
    {
        const std::string yaml =
            std::string(kBase) + "  - name: batch.v2\n    arrivals: {poisson: 1/m}\n    hold: 1s\n";
        const Scenario s =
            loadScenarioText(yaml, "s.yaml", "",
                             {"workloads[0].arrivals.poisson=10/m", "workloads.api.hold.exponential=2s",
                              "workloads[batch.v2].connections=2", "workloads.1.hold=3s", "horizon=3h"});
        QCOMPARE(std::get<PoissonArrivals>(s.workloads[0].arrivals).rate, (Rate{10, 'm'}));
        QCOMPARE(*s.workloads[0].hold, DistributionSpec(ExponentialDist{sec(2)}));
        QCOMPARE(s.workloads[1].connections, std::optional<std::int64_t>(2));
        QCOMPARE(*s.workloads[1].hold, DistributionSpec(ConstantDist{sec(3)}));
        QCOMPARE(s.horizon, sec(3 * 3600));
    }

    void failureLoopLoads()
    {
        const std::string yaml =
            std::string("poolsim: 1\nhorizon: 1h\nbackend:\n  instances: 4\n") +
            "  health_check:\n    every: 30s\n    timeout: 5s\n    failures: 2\n"
            "    hold: {exponential: 2ms}\n  restart: 20s\n  max_pending: 500\n"
            "  on_overload: reject\n"
            "workloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n    hold: 100ms\n"
            "    client_timeout: 30s\n    cancel_on_timeout: true\n"
            "    retry: {attempts: 3, backoff: 1s, on: [timeout, client_timeout, crashed, "
            "rejected]}\n";
        const Scenario s = loadScenarioText(yaml, "s.yaml", "");
        const BackendConfig& b = s.backend;
        QVERIFY(b.healthCheck.has_value());
        QCOMPARE(b.healthCheck->every, std::optional<SimTime>(sec(30)));
        QCOMPARE(b.healthCheck->timeout, std::optional<SimTime>(sec(5)));
        QCOMPARE(b.healthCheck->failures, std::optional<std::int64_t>(2));
        QCOMPARE(b.healthCheck->hold, std::optional<DistributionSpec>(ExponentialDist{ms(2)}));
        QCOMPARE(b.restart, std::optional<Timeout>(Timeout{sec(20)}));
        QCOMPARE(b.maxPending, std::optional<std::int64_t>(500));
        QCOMPARE(b.onOverload, std::optional<OverloadAction>(OverloadAction::Reject));
        QVERIFY(b.instancesCanFail()); // by the health check
        const Workload& w = s.workloads[0];
        QCOMPARE(w.clientTimeout, std::optional<SimTime>(sec(30)));
        QCOMPARE(w.cancelOnTimeout, std::optional<bool>(true));
        QCOMPARE(w.retry->on,
                 (std::optional<std::vector<FailureKind>>({FailureKind::Timeout, FailureKind::ClientTimeout,
                                                           FailureKind::Crashed, FailureKind::Rejected})));
        // Saved as written.
        QCOMPARE(QByteArray::fromStdString(saveScenarioText(s)), QByteArray::fromStdString(yaml));
    }

    void failureLoopDefaults()
    {
        // Absent: no instance ever fails, no client gives up, only pool timeouts are retried.
        const Scenario plain = loadScenarioText(kBase, "s.yaml", "");
        QVERIFY(!plain.backend.healthCheck && !plain.backend.restart && !plain.backend.maxPending &&
                !plain.backend.onOverload);
        QVERIFY(!plain.backend.instancesCanFail());
        QCOMPARE(plain.backend.effectiveRestart(), std::optional<SimTime>(sec(10)));
        QCOMPARE(plain.backend.effectiveOnOverload(), OverloadAction::Crash);
        QVERIFY(!plain.workloads[0].clientTimeout);
        QVERIFY(!plain.workloads[0].effectiveCancelOnTimeout());

        // An empty health check (or one with nothing after the key) checks with Kubernetes' defaults.
        for (const char* check : {"backend: {health_check: {}}\n", "backend:\n  health_check:\n"}) {
            const Scenario s = loadScenarioText(std::string(kBase) + check, "s.yaml", "");
            QVERIFY(s.backend.healthCheck == HealthCheck{});
            QCOMPARE(s.backend.healthCheck->effectiveEvery(), sec(10));
            QCOMPARE(s.backend.healthCheck->effectiveTimeout(), sec(1));
            QCOMPARE(s.backend.healthCheck->effectiveFailures(), std::int64_t(3));
            QVERIFY(s.backend.instancesCanFail());
        }

        // restart: none stays down; 0s restarts at once.
        const auto restart = [](const char* value) {
            return loadScenarioText(std::string(kBase) + "backend: {restart: " + value + "}\n", "s.yaml", "")
                .backend.effectiveRestart();
        };
        QCOMPARE(restart("none"), std::optional<SimTime>());
        QCOMPARE(restart("0s"), std::optional<SimTime>(SimTime::zero()));

        // max_pending alone crashes the instance; with reject it only turns requests away.
        const Scenario crash =
            loadScenarioText(std::string(kBase) + "backend: {max_pending: 0}\n", "s.yaml", "");
        QCOMPARE(crash.backend.maxPending, std::optional<std::int64_t>(0));
        QVERIFY(crash.backend.instancesCanFail());
        const Scenario reject = loadScenarioText(
            std::string(kBase) + "backend: {max_pending: 10, on_overload: reject}\n", "s.yaml", "");
        QVERIFY(!reject.backend.instancesCanFail());

        // client_timeout: none is no client timeout; retrying on crashes needs nothing that can crash.
        const Scenario none = loadScenarioText(
            std::string(kBase) +
                "    client_timeout: none\n    retry: {attempts: 2, on: [crashed, unavailable]}\n",
            "s.yaml", "");
        QVERIFY(!none.workloads[0].clientTimeout);
        QCOMPARE(none.workloads[0].retry->effectiveOn(),
                 (std::vector<FailureKind>{FailureKind::Crashed, FailureKind::Unavailable}));
        const Scenario retry =
            loadScenarioText(std::string(kBase) + "    retry: {attempts: 2}\n", "s.yaml", "");
        QVERIFY(!retry.workloads[0].retry->on);
        QCOMPARE(retry.workloads[0].retry->effectiveOn(), std::vector<FailureKind>{FailureKind::Timeout});
    }

    void overridesReachFailureLoop()
    {
        const std::string yaml = std::string(kBase) + "    client_timeout: 10s\n";
        const Scenario s =
            loadScenarioText(yaml, "s.yaml", "",
                             {"workloads.api.client_timeout=2s", "workloads.api.cancel_on_timeout=true",
                              "backend.health_check.hold=5ms", "backend.restart=0", "backend.max_pending=0"});
        QCOMPARE(s.workloads[0].clientTimeout, std::optional<SimTime>(sec(2)));
        QCOMPARE(s.workloads[0].cancelOnTimeout, std::optional<bool>(true));
        QVERIFY(s.backend.healthCheck.has_value());
        QCOMPARE(s.backend.healthCheck->hold, std::optional<DistributionSpec>(ConstantDist{ms(5)}));
        QCOMPARE(s.backend.restart, std::optional<Timeout>(Timeout{SimTime::zero()}));
        QCOMPARE(s.backend.maxPending, std::optional<std::int64_t>(0));
        // none turns a file's client timeout off.
        const Scenario off = loadScenarioText(yaml, "s.yaml", "", {"workloads[0].client_timeout=none"});
        QVERIFY(!off.workloads[0].clientTimeout);
    }
};

QTEST_APPLESS_MAIN(TstScenarioLoad)
#include "tst_scenario_load.moc"
