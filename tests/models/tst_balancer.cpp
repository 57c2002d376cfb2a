// Tests of the load balancer (models/simulation/balancer.h) on its own: round robin, random
// and least busy spread requests as before the failure loop while every instance is up (random
// draws exactly the numbers it drew then), skip the instances that are down, give no instance
// when all are down, and count an instance marked down twice once.
#ifndef Q_MOC_RUN
#include "engine/random_stream.h"
#include "models/simulation/balancer.h"
#endif

#include <QObject>
#include <QTest>

#include <boost/random/uniform_int_distribution.hpp>

#include <algorithm>
#include <vector>

using namespace poolsim;
using models::Balancer;
using models::LoadBalancer;

namespace {

constexpr std::uint32_t kNone = LoadBalancer::kNoInstance;

engine::RandomStream stream()
{
    return engine::RandomStream(7, 3, engine::packedNameStreamId("balancer"));
}

/// `n` routes in a row; each routed request stays in flight.
std::vector<std::uint32_t> routes(LoadBalancer& b, int n)
{
    std::vector<std::uint32_t> out;
    for (int k = 0; k < n; ++k)
        out.push_back(b.route());
    return out;
}

/// What random routing drew before the failure loop: uniform over all `n` instances, from the
/// same stream. With `down` instances skipped, uniform over those up, mapped in index order.
std::vector<std::uint32_t> randomReference(engine::RandomStream& s, std::uint32_t n,
                                           const std::vector<bool>& down, int count)
{
    std::vector<std::uint32_t> up;
    for (std::uint32_t i = 0; i < n; ++i)
        if (!down[i])
            up.push_back(i);
    std::vector<std::uint32_t> out;
    for (int k = 0; k < count; ++k) {
        const auto last = static_cast<std::uint32_t>(up.size() - 1);
        out.push_back(up[boost::random::uniform_int_distribution<std::uint32_t>(0, last)(s.engine())]);
    }
    return out;
}

} // namespace

Q_DECLARE_METATYPE(Balancer)

class TestBalancer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundRobinSkipsDownInstances()
    {
        LoadBalancer b(Balancer::RoundRobin, 3, stream());
        QCOMPARE(routes(b, 4), (std::vector<std::uint32_t>{0, 1, 2, 0}));
        b.setUp(1, false);
        // Its turn passes to the next instance up; the turns go on from where they were.
        QCOMPARE(routes(b, 4), (std::vector<std::uint32_t>{2, 0, 2, 0}));
        b.setUp(1, true);
        QCOMPARE(routes(b, 3), (std::vector<std::uint32_t>{1, 2, 0}));
    }

    void leastBusySkipsDownInstances()
    {
        LoadBalancer b(Balancer::LeastBusy, 3, stream());
        // Ties go to the lowest index: 0, 1, 2, then in flight 1, 1, 1.
        QCOMPARE(routes(b, 3), (std::vector<std::uint32_t>{0, 1, 2}));
        b.left(2);
        QCOMPARE(b.route(), 2u); // in flight 1, 1, 0
        b.setUp(0, false);
        b.left(0); // a request that was at instance 0 is taken out
        // In flight 0 (down), 1, 1: the least busy up is 1, then 2, then 1 again.
        QCOMPARE(routes(b, 3), (std::vector<std::uint32_t>{1, 2, 1}));
        b.setUp(0, true);
        QCOMPARE(b.route(), 0u); // idle again, the least busy
    }

    void randomAllUpDrawsAsBefore()
    {
        // Five instances, all up: exactly the draws of before the failure loop. After one went
        // down (draws among the four up) and came back, the draws go on over all five.
        LoadBalancer b(Balancer::Random, 5, stream());
        engine::RandomStream reference = stream();
        std::vector<bool> down(5, false);
        QCOMPARE(routes(b, 200), randomReference(reference, 5, down, 200));
        b.setUp(3, false);
        down[3] = true;
        const std::vector<std::uint32_t> skipping = routes(b, 200);
        QCOMPARE(skipping, randomReference(reference, 5, down, 200));
        QVERIFY(std::find(skipping.begin(), skipping.end(), 3u) == skipping.end());
        for (std::uint32_t i : {0u, 1u, 2u, 4u})
            QVERIFY(std::find(skipping.begin(), skipping.end(), i) != skipping.end());
        b.setUp(3, true);
        down[3] = false;
        QCOMPARE(routes(b, 200), randomReference(reference, 5, down, 200));
    }

    void allDown_data()
    {
        QTest::addColumn<Balancer>("policy");
        QTest::newRow("round_robin") << Balancer::RoundRobin;
        QTest::newRow("random") << Balancer::Random;
        QTest::newRow("least_busy") << Balancer::LeastBusy;
    }
    void allDown()
    {
        // No instance while all are down; an instance marked down twice is one instance down,
        // and is up after one setUp(true).
        QFETCH(Balancer, policy);
        LoadBalancer b(policy, 2, stream());
        b.setUp(0, false);
        b.setUp(0, false);
        QCOMPARE(routes(b, 3), (std::vector<std::uint32_t>{1, 1, 1}));
        b.setUp(1, false);
        QCOMPARE(routes(b, 3), (std::vector<std::uint32_t>{kNone, kNone, kNone}));
        b.setUp(0, true);
        QCOMPARE(routes(b, 2), (std::vector<std::uint32_t>{0, 0}));
        b.setUp(1, true);
        b.setUp(1, true);
        // Both up again: routing over both (least busy: 0 has 2 in flight, 1 has 3).
        const std::vector<std::uint32_t> both = routes(b, 8);
        QVERIFY(std::find(both.begin(), both.end(), 0u) != both.end());
        QVERIFY(std::find(both.begin(), both.end(), 1u) != both.end());
    }

    void singleInstanceDown()
    {
        // One instance (the path every scenario without the loop takes): 0, then nothing while
        // it is down.
        LoadBalancer b(Balancer::RoundRobin, 1, stream());
        QCOMPARE(b.route(), 0u);
        b.setUp(0, false);
        QCOMPARE(b.route(), kNone);
        b.setUp(0, true);
        QCOMPARE(b.route(), 0u);
    }
};

QTEST_APPLESS_MAIN(TestBalancer)
#include "tst_balancer.moc"
