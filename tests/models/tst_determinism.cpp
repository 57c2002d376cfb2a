// Reproducibility: the same scenario and seed give byte-identical results, whatever the
// number of threads; a different seed gives different ones.
#include "models/results/result_json.h"
#include "models/scenario/scenario_yaml.h"
#include "models/simulation/simulation.h"

#include <QTest>

using namespace poolsim;

namespace {
const char* const kScenario = R"(poolsim: 1
name: determinism
horizon: 20m
warmup: 1m
replications: 6
seed: 3
pool: {size: 8, timeout: 2s}
backend: {instances: 2, balancer: random}
workloads:
  - name: api
    arrivals: {poisson: 12/s}
    hold: {lognormal: {mean: 500ms, p95: 1500ms}}
  - name: reports
    arrivals: {burst: {at: 5m, count: 10, within: 10s, every: 5m}}
    hold: 5s
    connections: 2
    retry: {attempts: 3, backoff: {exponential: 1s}}
  - name: users
    arrivals: {users: 15, think: {exponential: 10s}}
    steps:
      - {query: 50ms}
      - {work: 200ms}
      - {query: {gamma: {mean: 100ms, cv: 2}}, connections: 2}
)";

/// The JSON of a run without the wall-clock fields, which differ between any two runs, followed
/// by the per-bin series as `--series-csv` writes them.
std::string stableJson(const models::RunResult& r)
{
    auto j = models::toJson(r);
    j["engine"].erase("wall_s");
    j["engine"].erase("requests_per_s");
    j["engine"].erase("threads");
    return j.dump(1) + "\n" + models::seriesCsv(r);
}

std::string runWith(unsigned threads, std::optional<std::uint64_t> seed = std::nullopt)
{
    const auto scenario = models::loadScenarioText(kScenario, "determinism.yaml", ".");
    models::RunOptions options;
    options.threads = threads;
    options.seed = seed;
    return stableJson(*models::runScenario(scenario, options));
}
} // namespace

class TestDeterminism : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void sameSeedSameBytes_data()
    {
        QTest::addColumn<unsigned>("threads");
        QTest::newRow("1 thread") << 1u;
        QTest::newRow("2 threads") << 2u;
        QTest::newRow("5 threads") << 5u;
        QTest::newRow("more threads than replications") << 9u;
    }
    void sameSeedSameBytes()
    {
        QFETCH(unsigned, threads);
        static const std::string reference = runWith(1);
        const std::string again = runWith(threads);
        QVERIFY(reference.size() > 100000); // the JSON and 1200 bins of series
        QVERIFY2(again == reference, "results differ from the single-threaded run");
    }
    void otherSeedOtherResults()
    {
        QVERIFY(runWith(2, 4) != runWith(2, 3));
        QVERIFY(runWith(2, 3) == runWith(2)); // the file's seed is 3
    }
};

QTEST_APPLESS_MAIN(TestDeterminism)
#include "tst_determinism.moc"
