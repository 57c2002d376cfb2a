// A new kind of thing in the simulated system, added from outside: a fixed-rate server (one job
// at a time, each taking exactly 1 s, Poisson arrivals of its own) runs beside the connection
// pool in one replication, without a line of the pool's code changed. It reports the jobs in
// it as a level; its time average must be M/D/1's, and the pool's results must be exactly what
// they are without it (its random stream is its own).
#ifndef Q_MOC_RUN
#include "engine/random_stream.h"
#include "models/metrics/metric_catalogue.h"
#include "models/scenario/scenario_yaml.h"
#include "models/simulation/component.h"
#include "models/simulation/replication_model.h"
#endif

#include <boost/random/exponential_distribution.hpp>

#include <QObject>
#include <QTest>

#include <cmath>

#include "check_close.h"

using namespace poolsim;
using engine::SimTime;

namespace {

// ---- The toy component: the whole of it ------------------------------------------------------
class FixedRateServer final : public models::Component
{
public:
    FixedRateServer(engine::Simulator& sim, models::StatisticsSink& stats, std::uint64_t replication,
                    double arrivalsPerS, SimTime service)
        : m_sim(sim), m_stats(stats), m_stream(1, replication, engine::streamId("toy/arrivals")),
          m_rate(arrivalsPerS), m_service(service), m_inSystem(stats.level("toy.in_system")),
          m_served(stats.counter("toy.served")),
          m_arrival(sim.eventType<&FixedRateServer::onArrival>(this, 3, "toy/arrival")),
          m_done(sim.eventType<&FixedRateServer::onDone>(this, 0, "toy/done"))
    {
    }
    void start() override { scheduleArrival(); }

private:
    void scheduleArrival()
    {
        const double gap = boost::random::exponential_distribution<double>(m_rate)(m_stream.engine());
        m_sim.schedule(m_sim.now() + SimTime::fromSeconds(gap), m_arrival);
    }
    void onArrival(std::uint64_t)
    {
        scheduleArrival();
        m_stats.levelChanged(m_inSystem, m_sim.now(), models::kNoWorkload, +1);
        if (m_jobs++ == 0)
            m_sim.schedule(m_sim.now() + m_service, m_done);
    }
    void onDone(std::uint64_t)
    {
        m_stats.levelChanged(m_inSystem, m_sim.now(), models::kNoWorkload, -1);
        m_stats.counted(m_served, m_sim.now(), models::kNoWorkload, 1);
        if (--m_jobs > 0)
            m_sim.schedule(m_sim.now() + m_service, m_done);
    }

    engine::Simulator& m_sim;
    models::StatisticsSink& m_stats;
    engine::RandomStream m_stream;
    double m_rate;
    SimTime m_service;
    models::StatisticsSink::LevelId m_inSystem;
    models::StatisticsSink::CounterId m_served;
    engine::EventType m_arrival, m_done;
    std::int64_t m_jobs = 0;
};
// ----------------------------------------------------------------------------------------------

const char* const kScenario = R"(poolsim: 1
name: toy beside a pool
horizon: 20000s
pool: {size: 5, timeout: 2s}
workloads:
  - name: api
    arrivals: {poisson: 3/s}
    hold: {exponential: 1s}
)";

const models::ReplicationResult::ComponentMeasure* measure(const models::ReplicationResult& r,
                                                           const char* name)
{
    for (const auto& m : r.componentMeasures)
        if (m.name == name)
            return &m;
    return nullptr;
}

} // namespace

class TestToyComponent : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixedRateServerIsMD1();
    void poolResultsUnchangedBesideIt();
};

void TestToyComponent::fixedRateServerIsMD1()
{
    const auto compiled =
        models::CompiledScenario::compile(models::loadScenarioText(kScenario, "toy.yaml", ""));
    constexpr double lambda = 0.8, service = 1.0, rho = lambda * service;
    const double exact = rho + rho * rho / (2 * (1 - rho)); // M/D/1: L = rho + rho^2 / (2 (1 - rho))
    constexpr int kReplications = 8;
    double sum = 0, sumSq = 0;
    for (int rep = 0; rep < kReplications; ++rep) {
        models::ReplicationModel model(compiled, static_cast<std::uint64_t>(rep));
        model.addComponent(std::make_unique<FixedRateServer>(model.simulator(), model.statistics(),
                                                             static_cast<std::uint64_t>(rep), lambda,
                                                             SimTime::fromSeconds(service)));
        const models::ReplicationResult r = model.run();
        const auto* inSystem = measure(r, "toy.in_system");
        const auto* served = measure(r, "toy.served");
        QVERIFY(inSystem && served);
        CHECK_CLOSE(served->mean, lambda * 20000, 0.03, 0); // about 16000 jobs
        sum += inSystem->mean;
        sumSq += inSystem->mean * inSystem->mean;
    }
    const double mean = sum / kReplications;
    const double sd = std::sqrt((sumSq - kReplications * mean * mean) / (kReplications - 1));
    const double ci95 = 2.365 * sd / std::sqrt(double(kReplications)); // Student t, 7 degrees of freedom
    // Within the replications' 95% interval plus 2% of the exact value.
    QVERIFY2(std::fabs(mean - exact) <= ci95 + 0.02 * exact,
             qPrintable(QStringLiteral("L = %1 +/- %2, exact %3").arg(mean).arg(ci95).arg(exact)));
}

void TestToyComponent::poolResultsUnchangedBesideIt()
{
    const auto compiled =
        models::CompiledScenario::compile(models::loadScenarioText(kScenario, "toy.yaml", ""));
    models::ReplicationModel alone(compiled, 3);
    const models::ReplicationResult a = alone.run();
    models::ReplicationModel beside(compiled, 3);
    beside.addComponent(std::make_unique<FixedRateServer>(beside.simulator(), beside.statistics(), 3, 0.8,
                                                          SimTime::fromSeconds(1)));
    const models::ReplicationResult b = beside.run();
    QVERIFY(b.events > a.events); // the toy's events ran too
    QVERIFY(a.total.values == b.total.values);
    for (std::size_t s = 0; s < models::kSeriesCount; ++s)
        if (models::applies(static_cast<models::Series>(s), compiled.parts())) // the rest are no measurements
            QVERIFY(a.series[s] == b.series[s]);
    QVERIFY(a.componentMeasures.empty());
    QCOMPARE(b.componentMeasures.size(), std::size_t{2});
}

QTEST_APPLESS_MAIN(TestToyComponent)
#include "tst_toy_component.moc"
