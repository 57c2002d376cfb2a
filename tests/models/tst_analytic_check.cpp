// The analytic check (models/analytic/analytic_check.h): the steady Poisson part of a scenario
// and its closed forms (inputs and figures equal models/analytic/analytic.h on hand-computed
// inputs), the comparison with a short simulation (agreement on clean M/M/c cases with fixed
// seeds, disagreement named when the simulated pool differs), the caveats, the unstable queue,
// scenarios with no Poisson part, and the service levels judged on the closed forms.
#ifndef Q_MOC_RUN
#include "models/analytic/analytic.h"
#include "models/analytic/analytic_check.h"
#include "models/scenario/scenario_yaml.h"
#include "models/simulation/simulation.h"
#endif

#include "analytic_check_fixtures.h"
#include "check_close.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <string>

using namespace poolsim;
using models::AnalyticModel;
using namespace analyticcheck;

namespace {

models::Scenario load(const QByteArray& yaml)
{
    return models::loadScenarioText(yaml.toStdString(), "analytic-check.yaml", "");
}

models::RunOptions twoThreads()
{
    models::RunOptions o;
    o.threads = 2;
    return o;
}

const models::AnalyticCaveat* findCaveat(const models::AnalyticCheck& c, const std::string& kind)
{
    const auto it =
        std::find_if(c.caveats.begin(), c.caveats.end(), [&](const auto& k) { return k.kind == kind; });
    return it == c.caveats.end() ? nullptr : &*it;
}

const models::FigureComparison& figure(const models::AnalyticCheck& c, const std::string& key)
{
    const auto it =
        std::find_if(c.comparisons.begin(), c.comparisons.end(), [&](const auto& f) { return f.key == key; });
    if (it == c.comparisons.end())
        qFatal("no figure %s", key.c_str());
    return *it;
}

QString describeComparisons(const models::AnalyticCheck& c)
{
    QString out;
    for (const auto& f : c.comparisons)
        out += QStringLiteral("%1: closed form %2, simulated %3 +/- %4, allowed [%5, %6]; ")
                   .arg(QString::fromStdString(f.key))
                   .arg(f.analytic, 0, 'g', 6)
                   .arg(f.simulated ? f.simulated->mean : std::nan(""), 0, 'g', 6)
                   .arg(f.simulated ? f.simulated->ci95 : std::nan(""), 0, 'g', 3)
                   .arg(f.allowedLow, 0, 'g', 6)
                   .arg(f.allowedHigh, 0, 'g', 6);
    return out;
}

} // namespace

class TestAnalyticCheck : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void inputsAndFigures_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<double>("lambda");
        QTest::addColumn<double>("meanHold");
        QTest::addColumn<int>("servers");
        QTest::addColumn<double>("timeout"); // inf: none
        QTest::addColumn<int>("model");
        QTest::addColumn<int>("instances");
        QTest::addColumn<bool>("exponential");
        QTest::newRow("M/M/c, timeout none") << scenario("10", "none", "8/s", "{exponential: 1s}") << 8.0
                                             << 1.0 << 10 << kInf << int(AnalyticModel::ErlangC) << 1 << true;
        QTest::newRow("M/M/c+D, timeout 1s") << scenario("10", "1s", "9/s", "{exponential: 1s}") << 9.0 << 1.0
                                             << 10 << 1.0 << int(AnalyticModel::FixedTimeout) << 1 << true;
        QTest::newRow("Erlang B, timeout 0, rate per minute")
            << scenario("5", "0", "120/m", "{exponential: 1s}") << 2.0 << 1.0 << 5 << 0.0
            << int(AnalyticModel::ErlangB) << 1 << true;
        // 30/s x 1 s and 10/s x 3 s: mean hold (30 + 30) / 40 = 1.5 s, x hold_scale 2 = 3 s; two
        // instances share the 40/s: 20/s each, offered load 60 of 80.
        QTest::newRow("rate-weighted hold, hold_scale, 2 instances")
            << scenario("80", "none", "30/s", "{exponential: 1s}",
                        "  - name: slow\n    arrivals: {poisson: 10/s}\n    hold: {exponential: 3s}\n"
                        "hold_scale: 2\nbackend: {instances: 2}\n")
            << 20.0 << 3.0 << 80 << kInf << int(AnalyticModel::ErlangC) << 2 << false;
        QTest::newRow("burst, steps and 2-connection workloads left out")
            << scenario(
                   "10", "500ms", "8/s", "{exponential: 250ms}",
                   "  - name: reports\n    arrivals: {burst: {at: 1m, count: 50}}\n    hold: 1s\n"
                   "  - name: checkout\n    arrivals: {poisson: 5/s}\n    steps: [{query: 10ms}, {work: "
                   "20ms}]\n"
                   "  - name: nested\n    arrivals: {poisson: 2/s}\n    hold: 100ms\n    connections: 2\n")
            << 8.0 << 0.25 << 10 << 0.5 << int(AnalyticModel::FixedTimeout) << 1 << true;
    }
    void inputsAndFigures()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(double, lambda);
        QFETCH(double, meanHold);
        QFETCH(int, servers);
        QFETCH(double, timeout);
        QFETCH(int, model);
        QFETCH(int, instances);
        QFETCH(bool, exponential);
        const models::AnalyticCheck c = models::analyseSteadyPart(load(yaml));
        QVERIFY(c.applicable);
        const models::AnalyticInputs& in = c.inputs;
        CHECK_CLOSE(in.lambdaPerS, lambda, 1e-12, 0);
        CHECK_CLOSE(in.totalRatePerS, lambda * instances, 1e-12, 0);
        CHECK_CLOSE(in.meanHoldS, meanHold, 1e-12, 0);
        CHECK_CLOSE(in.offeredLoad, lambda * meanHold, 1e-12, 0);
        QCOMPARE(in.servers, servers);
        QCOMPARE(in.instances, instances);
        QCOMPARE(int(in.model), model);
        QCOMPARE(in.exponentialHolds, exponential);
        QCOMPARE(in.timeoutS.value_or(kInf), timeout);
        QCOMPARE(in.workloads.front(), std::string("api"));

        const auto exact = model == int(AnalyticModel::ErlangB)
                               ? models::analytic::erlangBFigures(servers, lambda, meanHold)
                           : model == int(AnalyticModel::ErlangC)
                               ? models::analytic::erlangCFigures(servers, lambda, meanHold)
                               : models::analytic::fixedTimeoutFigures(servers, lambda, meanHold, timeout);
        const auto& f = c.figures;
        CHECK_CLOSE(f.waitRatio, exact.waitRatio, 1e-12, 1e-300);
        CHECK_CLOSE(f.waitMeanS, exact.waitMeanS, 1e-12, 1e-300);
        CHECK_CLOSE(f.waitP95S, exact.waitP95S, 1e-12, 1e-300);
        CHECK_CLOSE(f.timeoutRatio, exact.timeoutRatio, 1e-12, 1e-300);
        CHECK_CLOSE(f.utilization, exact.utilization, 1e-12, 0);
        // The compared figures are the same numbers.
        CHECK_CLOSE(figure(c, "offered_load").analytic, lambda * meanHold, 1e-12, 0);
        CHECK_CLOSE(figure(c, "wait_ratio").analytic, exact.waitRatio, 1e-12, 1e-300);
        CHECK_CLOSE(figure(c, "wait_mean_s").analytic, exact.waitMeanS, 1e-12, 1e-300);
        CHECK_CLOSE(figure(c, "wait_p95_s").analytic, exact.waitP95S, 1e-12, 1e-300);
        CHECK_CLOSE(figure(c, "timeout_ratio").analytic, exact.timeoutRatio, 1e-12, 1e-300);
        CHECK_CLOSE(figure(c, "utilization_mean").analytic, exact.utilization, 1e-12, 0);
        for (const auto& fig : c.comparisons)
            QVERIFY2(fig.allowedLow <= fig.analytic && fig.analytic <= fig.allowedHigh, fig.key.c_str());
    }

    // A clean M/M/c scenario simulated with a fixed seed: every figure agrees.
    void cleanCaseAgrees_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::newRow("M/M/10, rho 0.8, timeout none")
            << scenario("10", "none", "80/s", "{exponential: 100ms}");
        QTest::newRow("M/M/10+D, rho 0.9, timeout 100ms")
            << scenario("10", "100ms", "90/s", "{exponential: 100ms}");
        QTest::newRow("Erlang B, a 8, c 10") << scenario("10", "0", "80/s", "{exponential: 100ms}");
    }
    void cleanCaseAgrees()
    {
        QFETCH(QByteArray, yaml);
        const models::AnalyticCheck c = models::runAnalyticCheck(load(yaml), twoThreads());
        QVERIFY(c.simulation);
        QCOMPARE(c.simulation->replications, models::kCheckReplications);
        QCOMPARE(c.simulation->seed, std::uint64_t(11));
        QCOMPARE(c.simulation->horizonS, 300.0); // 24,000 requests: the scenario's horizon is kept
        QCOMPARE(c.simulation->warmupS, 30.0);
        QVERIFY(c.caveats.empty());
        for (const auto& f : c.comparisons) {
            QVERIFY(f.simulated);
            QVERIFY2(f.agree.value_or(false), qPrintable(describeComparisons(c)));
        }
        QVERIFY(c.agree());
        QCOMPARE(c.verdict(), std::string("the closed forms and the simulation agree"));
    }

    // With a database server the Erlang forms would ignore it: the exact chain describes one
    // instance without a pool timeout, and agrees with the simulation; otherwise nothing is shown.
    void databaseServer()
    {
        const QByteArray server = "database:\n  capacity: {cores: 4, contention: 0.1, coherency: 0.0005}\n";
        const QByteArray head = "poolsim: 1\nname: usl\nhorizon: 10m\nwarmup: 1m\nseed: 5\n";
        const QByteArray api = "workloads:\n  - name: api\n    arrivals: {poisson: 150/s}\n"
                               "    hold: {exponential: 10ms}\n";
        const models::AnalyticCheck c = models::runAnalyticCheck(
            load(head + "pool: {size: 4, timeout: none}\n" + server + api), twoThreads());
        QVERIFY(c.applicable);
        QVERIFY(c.inputs.model == AnalyticModel::UslChain);
        const auto exact = models::analytic::uslPoolOpenFigures({4, 0.1, 0.0005}, 4, 150, 0.01);
        QCOMPARE(c.figures.waitMeanS, exact.waitMeanS);
        QVERIFY(std::isnan(c.figures.waitP95S));
        QStringList keys;
        for (const auto& f : c.comparisons)
            keys << QString::fromStdString(f.key);
        QCOMPARE(keys, (QStringList{QStringLiteral("throughput_per_s"), QStringLiteral("wait_ratio"),
                                    QStringLiteral("wait_mean_s"), QStringLiteral("response_mean_s"),
                                    QStringLiteral("utilization_mean"), QStringLiteral("db_active_mean")}));
        QVERIFY2(c.agree(), qPrintable(describeComparisons(c)));

        for (const QByteArray& other :
             {QByteArray("pool: {size: 4, timeout: 1s}\n"),
              QByteArray("pool: {size: 4, timeout: none}\nbackend: {instances: 2}\n")}) {
            const models::AnalyticCheck n = models::analyseSteadyPart(load(head + other + server + api));
            QVERIFY(!n.applicable);
            QCOMPARE(n.notApplicable,
                     std::string("with a database server (database.capacity) the exact chain "
                                 "needs one instance and no pool timeout"));
        }
    }

    // The same closed forms against a simulation of a smaller pool (9 instead of 10 at offered
    // load 8): the figures that depend on the pool disagree and are named; the traffic agrees.
    void disagreementIsNamed()
    {
        const QByteArray yaml = scenario("10", "none", "80/s", "{exponential: 100ms}");
        models::AnalyticCheck c = models::analyseSteadyPart(load(yaml));
        models::RunOptions options = twoThreads();
        options.replications = 4;
        const auto smaller = models::runScenario(
            models::steadySubScenario(load(QByteArray(yaml).replace("size: 10", "size: 9")), c), options);
        models::compareWithSimulation(c, *smaller);
        QVERIFY(!c.agree());
        QVERIFY2(figure(c, "offered_load").agree.value_or(false), qPrintable(describeComparisons(c)));
        for (const char* key : {"wait_ratio", "wait_mean_s", "utilization_mean"})
            QVERIFY2(!figure(c, key).agree.value_or(true), qPrintable(describeComparisons(c)));
        const std::vector<std::string> off = c.disagreeing();
        QVERIFY(std::find(off.begin(), off.end(), "served that waited") != off.end());
        QVERIFY(std::find(off.begin(), off.end(), "utilization mean") != off.end());
        QVERIFY2(c.verdict().starts_with(
                     "the closed forms and the simulation disagree on served that waited, wait mean"),
                 c.verdict().c_str());
    }

    void caveats_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QString>("kind"); // empty: no caveat at all
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("steadyPart");
        const char* exp1 = "{exponential: 1s}";
        QTest::newRow("clean") << scenario("10", "1s", "8/s", exp1) << QString() << QString() << false;
        // 8/s over 300 s is 2400 requests; with 600 more the burst is 20% of them.
        QTest::newRow("burst")
            << scenario("10", "1s", "8/s", exp1,
                        "  - name: reports\n    arrivals: {burst: {at: 1m, count: 600, within: 10s}}\n"
                        "    hold: 1s\n")
            << QStringLiteral("other_arrivals")
            << QStringLiteral(
                   "(20% of the requests expected over the horizon): reports (burst, 600 requests)")
            << false;
        QTest::newRow("profile")
            << scenario("10", "1s", "8/s", exp1,
                        "  - name: web\n    arrivals: {profile: [[0m, 2/s], [2m, 4/s]]}\n    hold: 1s\n")
            << QStringLiteral("other_arrivals") << QStringLiteral("web (profile, about 960 requests)")
            << false;
        QTest::newRow("lognormal hold")
            << scenario("10", "1s", "8/s", "{lognormal: {mean: 1s, p95: 3s}}")
            << QStringLiteral("hold_not_exponential") << QStringLiteral("api: lognormal of mean 1 s") << true;
        QTest::newRow("lognormal hold, Erlang B")
            << scenario("10", "0", "8/s", "{lognormal: {mean: 1s, p95: 3s}}")
            << QStringLiteral("hold_not_exponential") << QStringLiteral("exact for Erlang B") << false;
        QTest::newRow("exponential holds of different means")
            << scenario("10", "1s", "4/s", exp1,
                        "  - name: jobs\n    arrivals: {poisson: 1/s}\n    hold: {exponential: 4s}\n")
            << QStringLiteral("hold_not_exponential") << QStringLiteral("mixed") << true;
        QTest::newRow("2 instances, round robin")
            << scenario("10", "1s", "16/s", exp1, "backend: {instances: 2}\n") << QStringLiteral("instances")
            << QStringLiteral("1/2 of the arrivals") << true;
        QTest::newRow("2 instances, random")
            << scenario("10", "1s", "16/s", exp1, "backend: {instances: 2, balancer: random}\n")
            << QStringLiteral("instances") << QStringLiteral("exact for the random balancer") << false;
        QTest::newRow("Poisson steps")
            << scenario("10", "1s", "8/s", exp1,
                        "  - name: checkout\n    arrivals: {poisson: 2/s}\n"
                        "    steps: [{query: 10ms}, {work: 20ms}]\n")
            << QStringLiteral("steps") << QStringLiteral("checkout (2 steps") << false;
        QTest::newRow("several connections")
            << scenario("10", "1s", "8/s", exp1,
                        "  - name: nested\n    arrivals: {poisson: 2/s}\n"
                        "    hold: 100ms\n    connections: 2\n")
            << QStringLiteral("several_connections") << QStringLiteral("nested (2 connections") << false;
        QTest::newRow("retries")
            << QByteArray(scenario("10", "1s", "8/s", exp1)).append("    retry: {attempts: 3}\n")
            << QStringLiteral("retries") << QStringLiteral("api (3 tries)") << true;
        QTest::newRow("min_idle below size")
            << QByteArray(scenario("10", "1s", "8/s", exp1))
                   .replace("timeout: 1s", "timeout: 1s\n  min_idle: 2\n  connect_time: 50ms")
            << QStringLiteral("connections_on_demand")
            << QStringLiteral("pool.min_idle 2 is below pool.size 10") << true;
        QTest::newRow("max_lifetime")
            << QByteArray(scenario("10", "1s", "8/s", exp1))
                   .replace("timeout: 1s", "timeout: 1s\n  max_lifetime: 1m\n  connect_time: 50ms")
            << QStringLiteral("max_lifetime") << QStringLiteral("pool.max_lifetime 60 s") << true;
        QTest::newRow("database limit")
            << scenario("10", "1s", "16/s", exp1,
                        "backend: {instances: 2}\ndatabase: {max_connections: 18}\n")
            << QStringLiteral("database_limit") << QStringLiteral("leaves 15 connections for 20 pooled")
            << true;
        // Settling (5 x 100 ms) is under 1% of the 5 minutes measured: not worth a caveat.
        QTest::newRow("no warm-up, quick to settle")
            << scenario("10", "1s", "8/s", "{exponential: 100ms}", "", "5m", "0") << QString() << QString()
            << false;
        QTest::newRow("short warm-up")
            << scenario("10", "1s", "8/s", exp1, "", "5m", "1s") << QStringLiteral("warmup_short")
            << QStringLiteral("the warm-up (1 s) is shorter") << false;
    }
    void caveats()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QString, kind);
        QFETCH(QString, text);
        QFETCH(bool, steadyPart);
        const models::AnalyticCheck c = models::analyseSteadyPart(load(yaml));
        QVERIFY(c.applicable);
        if (kind.isEmpty()) {
            QVERIFY2(c.caveats.empty(), c.caveats.empty() ? "" : c.caveats.front().text.c_str());
            return;
        }
        QString all;
        for (const auto& k : c.caveats)
            all += QString::fromStdString(k.kind + ": " + k.text + "\n");
        const models::AnalyticCaveat* k = findCaveat(c, kind.toStdString());
        QVERIFY2(k, qPrintable(all));
        QVERIFY2(QString::fromStdString(k->text).contains(text), qPrintable(all));
        QCOMPARE(k->steadyPart, steadyPart);
    }

    // The brief's example: a burst, a lognormal hold and 2 instances at once.
    void combinedCaveats()
    {
        const models::AnalyticCheck c = models::analyseSteadyPart(
            load(scenario("10", "1s", "8/s", "{lognormal: {mean: 1s, p95: 3s}}",
                          "  - name: reports\n    arrivals: {burst: {at: 1m, count: 600}}\n    hold: "
                          "1s\nbackend: {instances: 2}\n")));
        for (const char* kind : {"other_arrivals", "hold_not_exponential", "instances"})
            QVERIFY2(findCaveat(c, kind), kind);
        QCOMPARE(c.caveats.size(), std::size_t(3));
        CHECK_CLOSE(c.inputs.lambdaPerS, 4.0, 1e-12, 0);
        CHECK_CLOSE(c.inputs.requestShare, 0.8, 1e-12, 0);
    }

    // Offered load >= pool size with no timeout: no finite waits; the rest still compared.
    void unstableQueue()
    {
        const QByteArray yaml = scenario("2", "none", "25/s", "{exponential: 100ms}", "", "2m", "10s");
        const models::AnalyticCheck c = models::runAnalyticCheck(load(yaml), twoThreads());
        QVERIFY(c.applicable);
        QVERIFY(!c.stable());
        QCOMPARE(c.figures.waitMeanS, kInf);
        for (const char* key : {"wait_mean_s", "wait_p95_s"}) {
            QCOMPARE(figure(c, key).analytic, kInf);
            QVERIFY(figure(c, key).simulated);
            QVERIFY(!figure(c, key).agree);
        }
        QVERIFY2(c.agree(), qPrintable(describeComparisons(c)));
        QVERIFY2(c.verdict().starts_with("the queue grows without bound (offered load 2.5 >= 2 connections)"),
                 c.verdict().c_str());
        QVERIFY(!findCaveat(c, "warmup_short")); // an unstable queue never settles
        // The same traffic with a pool timeout is stable.
        const models::AnalyticCheck timed =
            models::analyseSteadyPart(load(QByteArray(yaml).replace("timeout: none", "timeout: 1s")));
        QVERIFY(timed.stable());
        QVERIFY(std::isfinite(timed.figures.waitP95S) && timed.figures.timeoutRatio > 0.1);
    }

    void noPoissonPart()
    {
        const QByteArray yaml = R"(poolsim: 1
name: no steady traffic
horizon: 10m
pool: {size: 5}
workloads:
  - name: reports
    arrivals: {burst: {at: 1m, count: 20, every: 2m}}
    hold: 1s
  - name: clerks
    arrivals: {users: 10, think: {exponential: 20s}}
    hold: 1s
)";
        const models::AnalyticCheck c = models::runAnalyticCheck(load(yaml), twoThreads());
        QVERIFY(!c.applicable);
        QVERIFY(!c.notApplicable.empty());
        QVERIFY(c.comparisons.empty());
        QVERIFY(!c.simulation);
        QVERIFY(!c.agree());
        const models::AnalyticCaveat* k = findCaveat(c, "other_arrivals");
        QVERIFY(k);
        // 5 bursts of 20; 10 users x 600 s / (20 s + 1 s) = about 286 requests.
        QVERIFY2(k->text.find("(100% of the requests") != std::string::npos, k->text.c_str());
        QVERIFY2(k->text.find("reports (burst, 100 requests)") != std::string::npos, k->text.c_str());
        QVERIFY2(k->text.find("clerks (users, about 286 requests)") != std::string::npos, k->text.c_str());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, models::steadySubScenario(load(yaml), c));
        // Poisson traffic that holds nothing has no queue to describe either.
        const models::AnalyticCheck zero = models::analyseSteadyPart(load(scenario("5", "1s", "4/s", "0")));
        QVERIFY(!zero.applicable);
        QVERIFY(zero.comparisons.empty());
    }

    // What is simulated: only the steady workloads on the same pool and instances; the warm-up
    // lengthened to the settle time; the measured window cut to about kCheckRequestBudget requests.
    void subScenario()
    {
        const models::Scenario s =
            load(scenario("20", "none", "1000/s", "{exponential: 10ms}",
                          "  - name: reports\n    arrivals: {burst: {at: 1m, count: 5}}\n    hold: 1s\n"
                          "backend: {instances: 2}\nslo: {wait_p95: 1s}\n",
                          "1h", "0"));
        const models::AnalyticCheck c = models::analyseSteadyPart(s);
        // Per instance a = 500/s x 10 ms = 5 of 20: relaxation h / (c (1 - sqrt(0.25))^2) = 2 ms,
        // below one hold, so the pool settles in 5 holds: 50 ms.
        CHECK_CLOSE(c.settleS, 0.05, 1e-9, 0);
        const models::Scenario sub = models::steadySubScenario(s, c);
        QCOMPARE(sub.workloads.size(), std::size_t(1));
        QCOMPARE(sub.workloads[0], s.workloads[0]);
        QCOMPARE(sub.pool, s.pool);
        QCOMPARE(sub.backend, s.backend);
        QVERIFY(sub.slo.empty());
        QCOMPARE(sub.effectiveWarmup().seconds(), 0.05);
        QCOMPARE((sub.horizon - sub.effectiveWarmup()).seconds(), models::kCheckRequestBudget / 1000.0);
        // A short scenario keeps its own times.
        const models::Scenario plain = load(scenario("10", "1s", "8/s", "{exponential: 1s}"));
        const models::Scenario same = models::steadySubScenario(plain, models::analyseSteadyPart(plain));
        QCOMPARE(same.horizon, plain.horizon);
        QCOMPARE(same.effectiveWarmup(), plain.effectiveWarmup());
    }

    void serviceLevels()
    {
        // M/M/10 at offered load 8: P(wait) 0.409, mean wait 0.204 s, p95 1.05 s, 80% busy.
        const models::Scenario s =
            load(scenario("10", "none", "8/s", "{exponential: 1s}",
                          "  - name: reports\n    arrivals: {burst: {at: 1m, count: 5}}\n    hold: 1s\n"
                          "slo:\n  wait_p95: 10s\n  wait_mean: 1ms\n  response_p95: 1s\n"
                          "  utilization_mean: 50%\n  workloads:\n    api: {wait_ratio: 90%}\n"
                          "    reports: {wait_p95: 1s}\n"));
        const models::AnalyticCheck c = models::analyseSteadyPart(s);
        const auto exact = models::analytic::erlangCFigures(10, 8, 1);
        const models::AnalyticSloReport r = models::judgeSloAnalytically(c, s.slo);
        QCOMPARE(r.judged.size(), std::size_t(4));
        const std::pair<const char*, double> judged[] = {{"wait_p95", exact.waitP95S},
                                                         {"wait_mean", exact.waitMeanS},
                                                         {"utilization_mean", exact.utilization},
                                                         {"wait_ratio", exact.waitRatio}};
        for (std::size_t i = 0; i < r.judged.size(); ++i) {
            QCOMPARE(r.judged[i].limit.key, std::string(judged[i].first));
            CHECK_CLOSE(r.judged[i].analytic, judged[i].second, 1e-12, 0);
            QCOMPARE(r.judged[i].met, judged[i].second <= r.judged[i].limit.limit);
        }
        QVERIFY(r.judged[0].met && !r.judged[1].met && !r.judged[2].met && r.judged[3].met);
        QVERIFY(!r.met());
        QCOMPARE(r.notJudged.size(), std::size_t(2));
        QCOMPARE(r.notJudged[0].limit.key, std::string("response_p95"));
        QCOMPARE(r.notJudged[1].limit.workload, std::string("reports"));
        // Nothing is judged without a steady part, so nothing fails.
        const models::AnalyticCheck none =
            models::analyseSteadyPart(load(QByteArray("poolsim: 1\nhorizon: 1m\nworkloads:\n  - name: b\n    "
                                                      "arrivals: {burst: {at: 1s, count: 3}}\n    hold: 1s\n"
                                                      "slo: {wait_p95: 1ms}\n")));
        const models::AnalyticSloReport nothing = models::judgeSloAnalytically(none, {s.slo.front()});
        QVERIFY(nothing.judged.empty() && nothing.met());
        QCOMPARE(nothing.notJudged.size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestAnalyticCheck)
#include "tst_analytic_check.moc"
