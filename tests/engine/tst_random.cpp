// Tests of the discrete-event kernel in engine/: random streams (reproducible, FNV-1a stream
// ids), distributions (sample means, quantiles against closed forms, fitted forms, capped
// samples, invalid parameters) and the replication runner (deterministic across thread counts,
// errors, stopping, progress).
#include "engine/distribution.h"
#include "engine/random_stream.h"
#include "engine/replication_runner.h"
#include "engine/simtime.h"

#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/normal.hpp>

#include <QObject>
#include <QString>
#include <QTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <vector>

#include "engine_test_support.h"

using Thrower = std::function<void()>;
using DistributionFactory = std::function<Distribution()>;
Q_DECLARE_METATYPE(Thrower)
Q_DECLARE_METATYPE(DistributionFactory)

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// FNV-1a 64 written out again here, for the stream id check.
constexpr std::uint64_t fnv1a64(std::string_view s)
{
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (const char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ull;
    }
    return h;
}

class RecordingObserver : public RunObserver
{
public:
    explicit RecordingObserver(bool stop) : m_stop(stop) {}
    void progress(double fraction, std::uint64_t events) override
    {
        std::lock_guard lock(m_mutex);
        threads.push_back(std::this_thread::get_id());
        fractions.push_back(fraction);
        lastEvents = events;
    }
    bool stopRequested() override { return m_stop; }

    std::mutex m_mutex;
    std::vector<std::thread::id> threads;
    std::vector<double> fractions;
    std::uint64_t lastEvents = 0;

private:
    bool m_stop;
};

} // namespace

class TestRandom : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Random streams and distributions
    void randomStreamReproducible();
    void streamIdIsFnv1a_data();
    void streamIdIsFnv1a();
    void distributionSampleMean_data();
    void distributionSampleMean();
    void distributionQuantile_data();
    void distributionQuantile();
    void distributionFitted();
    void distributionSampleCapped();
    void distributionInvalid_data();
    void distributionInvalid();
    // ReplicationRunner
    void runnerDeterministic_data();
    void runnerDeterministic();
    void runnerRethrows();
    void runnerObserverStops();
    void runnerProgressOnCallingThread();
    void runnerNoReplications();
};

// ---- Random streams and distributions -------------------------------------------------------

void TestRandom::randomStreamReproducible()
{
    auto draws = [](std::uint64_t seed, std::uint64_t rep, std::uint64_t id) {
        RandomStream s(seed, rep, id);
        std::vector<std::uint64_t> v;
        for (int i = 0; i < 1000; ++i)
            v.push_back(s.engine()());
        return v;
    };
    const auto base = draws(kDefaultSeed, 3, streamId("api"));
    QCOMPARE(draws(kDefaultSeed, 3, streamId("api")), base);
    QVERIFY(draws(kDefaultSeed, 4, streamId("api")) != base);
    QVERIFY(draws(kDefaultSeed, 3, streamId("apj")) != base);
    QVERIFY(draws(2, 3, streamId("api")) != base);
    // Replication and id occupy different words: swapping them gives another stream.
    QVERIFY(draws(kDefaultSeed, 1, 2) != draws(kDefaultSeed, 2, 1));
    RandomStream s(kDefaultSeed, 0, 0);
    for (int i = 0; i < 100000; ++i) {
        const double u = s.uniform01();
        QVERIFY(u >= 0 && u < 1);
    }
}

void TestRandom::streamIdIsFnv1a_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<quint64>("expected");
    // Published FNV-1a 64 test vectors, and the values for names used in scenarios.
    QTest::newRow("empty") << QString() << quint64{0xcbf29ce484222325ull};
    QTest::newRow("a") << QStringLiteral("a") << quint64{0xaf63dc4c8601ec8cull};
    QTest::newRow("foobar") << QStringLiteral("foobar") << quint64{0x85944171f73967e8ull};
    QTest::newRow("api") << QStringLiteral("api") << quint64{0xe74fc019056aae07ull};
    QTest::newRow("db.primary") << QStringLiteral("db.primary") << quint64{0xdfb02e629361ff97ull};
}

void TestRandom::streamIdIsFnv1a()
{
    QFETCH(QString, name);
    QFETCH(quint64, expected);
    const QByteArray utf8 = name.toUtf8();
    const std::string_view view(utf8.constData(), static_cast<std::size_t>(utf8.size()));
    QCOMPARE(static_cast<quint64>(streamId(view)), expected);
    QCOMPARE(static_cast<quint64>(fnv1a64(view)), expected);
}

void TestRandom::distributionSampleMean_data()
{
    QTest::addColumn<DistributionFactory>("make");
    QTest::newRow("constant 2.5") << DistributionFactory([] { return Distribution::constant(2.5); });
    QTest::newRow("exponential 0.3") << DistributionFactory([] { return Distribution::exponential(0.3); });
    QTest::newRow("uniform 1..3") << DistributionFactory([] { return Distribution::uniform(1, 3); });
    QTest::newRow("truncated normal 1, 2")
        << DistributionFactory([] { return Distribution::truncatedNormal(1, 2); });
    QTest::newRow("truncated normal sd 0")
        << DistributionFactory([] { return Distribution::truncatedNormal(1, 0); });
    QTest::newRow("lognormal -1, 0.8")
        << DistributionFactory([] { return Distribution::lognormal(-1, 0.8); });
    QTest::newRow("lognormal mean 1 p95 3")
        << DistributionFactory([] { return Distribution::lognormalFromMeanP95(1, 3); });
    QTest::newRow("lognormal median 0.2 p95 1")
        << DistributionFactory([] { return Distribution::lognormalFromMedianP95(0.2, 1); });
    QTest::newRow("gamma mean 2 cv 0.5")
        << DistributionFactory([] { return Distribution::gammaFromMeanCv(2, 0.5); });
    QTest::newRow("gamma mean 2 cv 2")
        << DistributionFactory([] { return Distribution::gammaFromMeanCv(2, 2); });
    QTest::newRow("weibull 0.7, 2") << DistributionFactory([] { return Distribution::weibull(0.7, 2); });
    QTest::newRow("weibull 3, 0.5") << DistributionFactory([] { return Distribution::weibull(3, 0.5); });
    QTest::newRow("empirical") << DistributionFactory([] { return Distribution::empirical({7, 1, 2, 2}); });
}

void TestRandom::distributionSampleMean()
{
    QFETCH(DistributionFactory, make);
    const Distribution d = make();
    RandomStream rng(kDefaultSeed, 0, streamId("distribution test"));
    const int n = 200000;
    long double sum = 0, sumSq = 0;
    for (int i = 0; i < n; ++i) {
        const double x = d.sampleSeconds(rng);
        QVERIFY(x >= 0 && std::isfinite(x));
        sum += x;
        sumSq += static_cast<long double>(x) * x;
    }
    const double mean = static_cast<double>(sum / n);
    const double var = static_cast<double>((sumSq - sum * sum / n) / (n - 1));
    const double se = std::sqrt(std::max(var, 0.0) / n);
    const double z = se > 0 ? (mean - d.mean()) / se : 0.0;
    QVERIFY2(std::fabs(mean - d.mean()) <= 4 * se + 1e-12 * d.mean(),
             qPrintable(QStringLiteral("sample mean %1, mean() %2, %3 standard errors apart")
                            .arg(mean, 0, 'g', 10)
                            .arg(d.mean(), 0, 'g', 10)
                            .arg(z)));
}

void TestRandom::distributionQuantile_data()
{
    QTest::addColumn<DistributionFactory>("make");
    QTest::addColumn<double>("p");
    QTest::addColumn<double>("expected");
    const boost::math::normal_distribution<double> n01;
    for (const double p : {0.01, 0.5, 0.95, 0.999}) {
        const double z = boost::math::quantile(n01, p);
        QTest::addRow("constant p=%g", p)
            << DistributionFactory([] { return Distribution::constant(4); }) << p << 4.0;
        QTest::addRow("exponential p=%g", p)
            << DistributionFactory([] { return Distribution::exponential(2); }) << p << -2 * std::log1p(-p);
        QTest::addRow("uniform p=%g", p)
            << DistributionFactory([] { return Distribution::uniform(1, 3); }) << p << 1 + 2 * p;
        QTest::addRow("lognormal p=%g", p)
            << DistributionFactory([] { return Distribution::lognormal(0.5, 1.2); }) << p
            << std::exp(0.5 + 1.2 * z);
        QTest::addRow("weibull p=%g", p) << DistributionFactory([] { return Distribution::weibull(1.5, 3); })
                                         << p << 3 * std::pow(-std::log1p(-p), 1 / 1.5);
        // Gamma with mean 2 and cv 0.5: shape 1/cv^2 = 4, scale mean cv^2 = 0.5.
        QTest::addRow("gamma p=%g", p)
            << DistributionFactory([] { return Distribution::gammaFromMeanCv(2, 0.5); }) << p
            << boost::math::quantile(boost::math::gamma_distribution<double>(4, 0.5), p);
        // Normal(1, 2) given >= 0: solve (Phi((x-1)/2) - Phi(-1/2)) / (1 - Phi(-1/2)) = p.
        const double below = boost::math::cdf(n01, -0.5);
        QTest::addRow("truncated normal p=%g", p)
            << DistributionFactory([] { return Distribution::truncatedNormal(1, 2); }) << p
            << 1 + 2 * boost::math::quantile(n01, below + p * (1 - below));
    }
    const DistributionFactory emp = [] { return Distribution::empirical({7, 1, 2, 2}); };
    QTest::newRow("empirical p=0.25") << emp << 0.25 << 1.0;
    QTest::newRow("empirical p=0.26") << emp << 0.26 << 2.0;
    QTest::newRow("empirical p=0.75") << emp << 0.75 << 2.0;
    QTest::newRow("empirical p=0.76") << emp << 0.76 << 7.0;
}

void TestRandom::distributionQuantile()
{
    QFETCH(DistributionFactory, make);
    QFETCH(double, p);
    QFETCH(double, expected);
    CHECK_CLOSE(make().quantile(p), expected, 1e-10, 1e-14);
}

void TestRandom::distributionFitted()
{
    const Distribution a = Distribution::lognormalFromMeanP95(1, 3);
    QCOMPARE(a.kind(), Distribution::Kind::Lognormal);
    CHECK_CLOSE(a.mean(), 1.0, 0, 1e-9);
    CHECK_CLOSE(a.quantile(0.95), 3.0, 0, 1e-9);
    CHECK_CLOSE(std::exp(a.lognormalMu() + a.lognormalSigma() * a.lognormalSigma() / 2), 1.0, 0, 1e-9);
    const Distribution b = Distribution::lognormalFromMedianP95(0.2, 1.0);
    CHECK_CLOSE(b.quantile(0.5), 0.2, 0, 1e-9);
    CHECK_CLOSE(b.quantile(0.95), 1.0, 0, 1e-9);
    CHECK_CLOSE(b.lognormalMu(), std::log(0.2), 1e-12, 0);
    for (const double cv : {0.1, 0.5, 1.0, 3.0}) {
        const Distribution g = Distribution::gammaFromMeanCv(1.5, cv);
        QCOMPARE(g.kind(), Distribution::Kind::Gamma);
        CHECK_CLOSE(g.mean(), 1.5, 1e-12, 0);
        const boost::math::gamma_distribution<double> ref(1 / (cv * cv), 1.5 * cv * cv);
        CHECK_CLOSE(boost::math::standard_deviation(ref) / boost::math::mean(ref), cv, 1e-12, 0);
        for (const double p : {0.1, 0.5, 0.9})
            CHECK_CLOSE(g.quantile(p), boost::math::quantile(ref, p), 1e-10, 1e-300);
    }
}

void TestRandom::distributionSampleCapped()
{
    // Far tails beyond the clock's range are capped at 100 years instead of throwing
    // (sigma 25: a finite mean, but many draws beyond 1e30 s).
    const Distribution d = Distribution::lognormal(0, 25);
    RandomStream rng(kDefaultSeed, 0, 1);
    for (int i = 0; i < 2000; ++i) {
        const SimTime t = d.sample(rng);
        QVERIFY(t >= SimTime::zero() && t.seconds() <= kMaxDurationSeconds);
    }
    RandomStream r1(kDefaultSeed, 0, 2), r2(kDefaultSeed, 0, 2);
    const Distribution e = Distribution::exponential(0.01);
    for (int i = 0; i < 100; ++i)
        QCOMPARE(e.sample(r1), SimTime::fromSeconds(e.sampleSeconds(r2)));
}

void TestRandom::distributionInvalid_data()
{
    QTest::addColumn<Thrower>("call");
    QTest::newRow("constant -1") << Thrower([] { Distribution::constant(-1); });
    QTest::newRow("constant nan") << Thrower([] { Distribution::constant(kNaN); });
    QTest::newRow("constant inf") << Thrower([] { Distribution::constant(kInf); });
    QTest::newRow("exponential 0") << Thrower([] { Distribution::exponential(0); });
    QTest::newRow("exponential -1") << Thrower([] { Distribution::exponential(-1); });
    QTest::newRow("exponential inf") << Thrower([] { Distribution::exponential(kInf); });
    QTest::newRow("uniform min<0") << Thrower([] { Distribution::uniform(-1, 1); });
    QTest::newRow("uniform max<min") << Thrower([] { Distribution::uniform(2, 1); });
    QTest::newRow("uniform max nan") << Thrower([] { Distribution::uniform(0, kNaN); });
    QTest::newRow("truncnormal mean 0") << Thrower([] { Distribution::truncatedNormal(0, 1); });
    QTest::newRow("truncnormal sd<0") << Thrower([] { Distribution::truncatedNormal(1, -1); });
    QTest::newRow("lognormal mu nan") << Thrower([] { Distribution::lognormal(kNaN, 1); });
    QTest::newRow("lognormal sigma 0") << Thrower([] { Distribution::lognormal(0, 0); });
    QTest::newRow("lognormal mean/p95 p95=mean") << Thrower([] { Distribution::lognormalFromMeanP95(1, 1); });
    QTest::newRow("lognormal mean/p95 ratio 4") << Thrower([] { Distribution::lognormalFromMeanP95(1, 4); });
    QTest::newRow("lognormal mean/p95 mean 0") << Thrower([] { Distribution::lognormalFromMeanP95(0, 3); });
    QTest::newRow("lognormal median/p95 p95<median")
        << Thrower([] { Distribution::lognormalFromMedianP95(1, 0.5); });
    QTest::newRow("lognormal median/p95 median<0")
        << Thrower([] { Distribution::lognormalFromMedianP95(-1, 0.5); });
    QTest::newRow("gamma mean 0") << Thrower([] { Distribution::gammaFromMeanCv(0, 1); });
    QTest::newRow("gamma cv 0") << Thrower([] { Distribution::gammaFromMeanCv(1, 0); });
    QTest::newRow("gamma cv inf") << Thrower([] { Distribution::gammaFromMeanCv(1, kInf); });
    QTest::newRow("weibull shape 0") << Thrower([] { Distribution::weibull(0, 1); });
    QTest::newRow("weibull scale -1") << Thrower([] { Distribution::weibull(1, -1); });
    QTest::newRow("empirical empty") << Thrower([] { Distribution::empirical({}); });
    QTest::newRow("empirical negative") << Thrower([] { Distribution::empirical({1, -1}); });
    QTest::newRow("empirical inf") << Thrower([] { Distribution::empirical({1, kInf}); });
    QTest::newRow("quantile p=0") << Thrower([] { Distribution::exponential(1).quantile(0); });
    QTest::newRow("quantile p=1") << Thrower([] { Distribution::exponential(1).quantile(1); });
    QTest::newRow("quantile p=nan") << Thrower([] { Distribution::uniform(0, 1).quantile(kNaN); });
}

void TestRandom::distributionInvalid()
{
    QFETCH(Thrower, call);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, call());
}

// ---- ReplicationRunner ----------------------------------------------------------------------

void TestRandom::runnerDeterministic_data()
{
    QTest::addColumn<unsigned>("threads");
    QTest::newRow("1 thread") << 1u;
    QTest::newRow("2 threads") << 2u;
    QTest::newRow("8 threads") << 8u;
}

void TestRandom::runnerDeterministic()
{
    QFETCH(unsigned, threads);
    const std::size_t count = 37;
    auto value = [](std::size_t rep) {
        RandomStream s(kDefaultSeed, rep, streamId("runner"));
        double sum = 0;
        for (int i = 0; i < 2000; ++i)
            sum += s.uniform01();
        return sum;
    };
    std::vector<double> expected(count);
    for (std::size_t rep = 0; rep < count; ++rep)
        expected[rep] = value(rep);

    ReplicationRunner runner(threads);
    QCOMPARE(runner.threads(), threads);
    std::vector<double> results(count, -1);
    const bool finished = runner.run(count, [&](std::size_t rep, ReplicationContext& ctx) {
        results[rep] = value(rep);
        ctx.reportProgress(1.0, 10);
    });
    QVERIFY(finished);
    QCOMPARE(results, expected);
}

void TestRandom::runnerRethrows()
{
    for (const unsigned threads : {1u, 2u, 4u}) {
        ReplicationRunner runner(threads);
        std::atomic<int> started{0};
        bool caught = false;
        try {
            runner.run(50, [&](std::size_t rep, ReplicationContext&) {
                ++started;
                if (rep == 0) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(30));
                    throw std::runtime_error("replication 0");
                }
                if (rep == 1)
                    throw std::runtime_error("replication 1");
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            });
        } catch (const std::runtime_error& e) {
            caught = true;
            // The first by replication number, whichever thread failed first.
            QCOMPARE(QString::fromUtf8(e.what()), QStringLiteral("replication 0"));
        }
        QVERIFY(caught);
        QVERIFY(started.load() < 50); // the failure stopped the run
    }
}

void TestRandom::runnerObserverStops()
{
    RecordingObserver observer(true);
    ReplicationRunner runner(2);
    std::atomic<int> started{0};
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    const bool finished = runner.run(
        8,
        [&](std::size_t, ReplicationContext& ctx) {
            ++started;
            while (!ctx.stopRequested() && std::chrono::steady_clock::now() < deadline)
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
        },
        &observer);
    QVERIFY(!finished);
    QVERIFY(std::chrono::steady_clock::now() < deadline); // stopped by the observer, not the deadline
    QVERIFY(started.load() <= 2);
    QVERIFY(!observer.threads.empty());
    for (const auto id : observer.threads)
        QCOMPARE(id, std::this_thread::get_id());
}

void TestRandom::runnerProgressOnCallingThread()
{
    RecordingObserver observer(false);
    ReplicationRunner runner(3);
    const bool finished = runner.run(
        6,
        [](std::size_t rep, ReplicationContext& ctx) {
            for (int step = 1; step <= 4; ++step) {
                std::this_thread::sleep_for(std::chrono::milliseconds(40));
                ctx.reportProgress(step / 4.0, (rep + 1) * 100 * static_cast<std::uint64_t>(step));
            }
        },
        &observer);
    QVERIFY(finished);
    QVERIFY(observer.threads.size() >= 2); // polled while running, and once at the end
    for (const auto id : observer.threads)
        QCOMPARE(id, std::this_thread::get_id());
    QVERIFY(std::is_sorted(observer.fractions.begin(), observer.fractions.end()));
    QCOMPARE(observer.fractions.back(), 1.0);
    QCOMPARE(observer.lastEvents, std::uint64_t{(1 + 2 + 3 + 4 + 5 + 6) * 400});
}

void TestRandom::runnerNoReplications()
{
    RecordingObserver observer(false);
    ReplicationRunner runner(4);
    int calls = 0;
    QVERIFY(runner.run(
        0, [&](std::size_t, ReplicationContext&) { ++calls; }, &observer));
    QCOMPARE(calls, 0);
    QVERIFY(ReplicationRunner(0).threads() >= 1);
}

QTEST_APPLESS_MAIN(TestRandom)
#include "tst_random.moc"
