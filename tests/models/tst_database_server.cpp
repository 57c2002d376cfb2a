// Tests of the database server (models/simulation/database_server.h) on its own: a query alone
// runs in exactly its demand; queries share the cores as processor sharing does, worked by hand;
// the Universal Scalability Law's contention and coherency slow every query; a query on k
// connections counts k; a cancelled query speeds the others up and its client is never told;
// many queries against a direct computation, with one pending completion.
#ifndef Q_MOC_RUN
#include "engine/simulator.h"
#include "models/simulation/database_server.h"
#endif

#include "component_test_support.h"

#include <QObject>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <vector>

using namespace poolsim;
using namespace componenttest;
using models::DatabaseServer;

namespace {

// Remembers when each request's query ended.
class EndLog final : public DatabaseServer::Client
{
public:
    explicit EndLog(engine::Simulator& sim) : m_sim(sim) {}
    void queryDone(std::uint32_t request) override { ends[request] = m_sim.now(); }
    std::map<std::uint32_t, SimTime> ends;

private:
    engine::Simulator& m_sim;
};

struct Query
{
    double at, demand;
    std::uint32_t connections;
};

struct Cancel
{
    std::uint32_t request;
    double at;
};

constexpr double kNever = -1; // a cancelled query: its client is never told

struct Bench
{
    explicit Bench(DatabaseServer::Capacity capacity) : log(sim), server(sim, capacity, sink), script(sim) {}
    void start(std::uint32_t request, Query q)
    {
        script.at(sec(q.at),
                  [this, request, q] { server.startQuery(request, 0, sec(q.demand), q.connections, log); });
    }
    engine::Simulator sim;
    RecordingSink sink;
    EndLog log;
    DatabaseServer server;
    Script script;
};

DatabaseServer::Capacity server(std::uint32_t cores, double sigma = 0, double kappa = 0)
{
    return {cores, sigma, kappa};
}

} // namespace

Q_DECLARE_METATYPE(DatabaseServer::Capacity)
Q_DECLARE_METATYPE(std::vector<Query>)
Q_DECLARE_METATYPE(std::vector<Cancel>)
Q_DECLARE_METATYPE(std::vector<double>)

class TestDatabaseServer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void speed_data()
    {
        QTest::addColumn<DatabaseServer::Capacity>("capacity");
        QTest::addColumn<int>("active");
        QTest::addColumn<double>("expected");
        QTest::newRow("alone") << server(1, 0.2, 0.1) << 1 << 1.0;
        QTest::newRow("within the cores") << server(4) << 4 << 1.0;
        QTest::newRow("time-sliced") << server(4) << 8 << 0.5;
        QTest::newRow("contention") << server(16, 0.1) << 3 << 1 / 1.2;
        QTest::newRow("coherency") << server(16, 0, 0.01) << 5 << 1 / 1.2;
        // 2 of 8 cores each, and 1 + 0.05 x 7 + 0.001 x 8 x 7 = 1.406.
        QTest::newRow("all three") << server(2, 0.05, 0.001) << 8 << 0.25 / 1.406;
    }
    void speed()
    {
        QFETCH(DatabaseServer::Capacity, capacity);
        QFETCH(int, active);
        QFETCH(double, expected);
        QVERIFY(std::abs(DatabaseServer::speed(capacity, active) - expected) < 1e-15);
    }

    void aloneRunsInItsDemand()
    {
        // Exactly, to the tick: an idle server is today's infinite server for one query.
        Bench b(server(1, 0.3, 0.01));
        const SimTime demand = SimTime::fromTicks(1'234'567'891);
        b.script.at(sec(5), [&] { b.server.startQuery(7, 0, demand, 1, b.log); });
        b.sim.run(sec(100));
        QCOMPARE(b.log.ends.at(7), sec(5) + demand);
        QCOMPARE(b.sink.tallies["database.slowdown"], std::vector<double>{1.0});
        QCOMPARE(b.sink.counts["database.queries"], 1);
        QCOMPARE(b.sink.levels["database.active"], 0);
    }

    void sharing_data()
    {
        QTest::addColumn<DatabaseServer::Capacity>("capacity");
        QTest::addColumn<std::vector<Query>>("queries");
        QTest::addColumn<std::vector<double>>("ends");
        // Both at half speed until the first has its 1 s (at 2 s); the second's last second alone.
        QTest::newRow("one core, two queries")
            << server(1) << std::vector<Query>{{0, 1, 1}, {0, 2, 1}} << std::vector<double>{2, 3};
        // At 1 s the first has 1 s left; both at half speed: both have their demand at 3 s.
        QTest::newRow("one core, a late arrival, ending together")
            << server(1) << std::vector<Query>{{0, 2, 1}, {1, 1, 1}} << std::vector<double>{3, 3};
        // Three queries on two cores: 2/3 each.
        QTest::newRow("two cores, three queries")
            << server(2) << std::vector<Query>{{0, 1, 1}, {0, 1, 1}, {0, 1, 1}}
            << std::vector<double>{1.5, 1.5, 1.5};
        // Two on four cores, but each 1 / (1 + 0.1) as fast.
        QTest::newRow("contention") << server(4, 0.1) << std::vector<Query>{{0, 1, 1}, {0, 1, 1}}
                                    << std::vector<double>{1.1, 1.1};
        // 1 / (1 + 0.05 x 2 x 1) until the first ends at 1.1 s; the second then has 1 s alone.
        QTest::newRow("coherency") << server(4, 0, 0.05) << std::vector<Query>{{0, 1, 1}, {0, 2, 1}}
                                   << std::vector<double>{1.1, 2.1};
        // A query on 2 connections counts 2: three running on one core, 1/3 each.
        QTest::newRow("weighted by connections")
            << server(1) << std::vector<Query>{{0, 1, 2}, {0, 1, 1}} << std::vector<double>{3, 3};
        // A query of no demand ends at once and slows nobody.
        QTest::newRow("no demand") << server(1) << std::vector<Query>{{0, 1, 1}, {0.5, 0, 1}}
                                   << std::vector<double>{1, 0.5};
    }
    void sharing()
    {
        QFETCH(DatabaseServer::Capacity, capacity);
        QFETCH(std::vector<Query>, queries);
        QFETCH(std::vector<double>, ends);
        Bench b(capacity);
        for (std::uint32_t i = 0; i < queries.size(); ++i)
            b.start(i, queries[i]);
        b.sim.run(sec(100));
        QCOMPARE(b.log.ends.size(), ends.size());
        std::int64_t weighted = 0;
        for (std::uint32_t i = 0; i < ends.size(); ++i) {
            // Times are rounded up to whole nanoseconds.
            QVERIFY2(std::abs(b.log.ends.at(i).seconds() - ends[i]) <= 1.5e-9,
                     qPrintable(QString::number(i) + QStringLiteral(": ") +
                                QString::number(b.log.ends.at(i).seconds(), 'g', 12)));
            weighted += queries[i].connections;
        }
        QCOMPARE(b.sink.counts["database.queries"], weighted);
        QCOMPARE(b.sink.levels["database.active"], 0);
        // Each query's slowdown is its time on the server over its demand.
        std::vector<double> expected;
        for (std::uint32_t i = 0; i < queries.size(); ++i)
            if (queries[i].demand > 0)
                expected.push_back((ends[i] - queries[i].at) / queries[i].demand);
        std::vector<double> slowdowns = b.sink.tallies["database.slowdown"];
        std::sort(slowdowns.begin(), slowdowns.end());
        std::sort(expected.begin(), expected.end());
        QCOMPARE(slowdowns.size(), expected.size());
        for (std::size_t i = 0; i < expected.size(); ++i)
            QVERIFY(std::abs(slowdowns[i] - expected[i]) < 1e-8);
    }

    void cancelling_data()
    {
        QTest::addColumn<DatabaseServer::Capacity>("capacity");
        QTest::addColumn<std::vector<Query>>("queries");
        QTest::addColumn<std::vector<Cancel>>("cancels");
        QTest::addColumn<std::vector<double>>("ends");
        // One core, two queries of 2 s: 0.5 s each by 1 s, when the second is cancelled; the
        // first's last 1.5 s alone: 2.5 s.
        QTest::newRow("one core, the other runs alone")
            << server(1) << std::vector<Query>{{0, 2, 1}, {0, 2, 1}} << std::vector<Cancel>{{1, 1}}
            << std::vector<double>{2.5, kNever};
        // Three of 3 s at 1/3: 1 s each by 3 s; then two at 1/2 with 2 s left: 4 s more.
        QTest::newRow("one core, one of three cancelled")
            << server(1) << std::vector<Query>{{0, 3, 1}, {0, 3, 1}, {0, 3, 1}} << std::vector<Cancel>{{2, 3}}
            << std::vector<double>{7, 7, kNever};
        // A query on 2 connections counts 2: the other runs at 1/3, 0.5 s by 1.5 s; cancelling
        // the pair leaves it alone for its last 0.5 s.
        QTest::newRow("a query on 2 connections cancelled")
            << server(1) << std::vector<Query>{{0, 1, 2}, {0, 1, 1}} << std::vector<Cancel>{{0, 1.5}}
            << std::vector<double>{kNever, 2};
        // Contention 0.1 on 4 cores: three at 1 / 1.2, 0.5 s each by 0.6 s; then two at 1 / 1.1
        // with 0.5 s left: 0.55 s more.
        QTest::newRow("contention") << server(4, 0.1) << std::vector<Query>{{0, 1, 1}, {0, 1, 1}, {0, 1, 1}}
                                    << std::vector<Cancel>{{2, 0.6}}
                                    << std::vector<double>{1.15, 1.15, kNever};
        // The only query cancelled: the server is idle, the next runs in exactly its demand.
        QTest::newRow("the only query") << server(1) << std::vector<Query>{{0, 1, 1}, {2, 1, 1}}
                                        << std::vector<Cancel>{{0, 0.5}} << std::vector<double>{kNever, 3};
        // Both at 1/2: the first ends at 2 s; the second, 2 s left, cancelled at 3 s.
        QTest::newRow("cancelled after the other ended")
            << server(1) << std::vector<Query>{{0, 1, 1}, {0, 3, 1}} << std::vector<Cancel>{{1, 3}}
            << std::vector<double>{2, kNever};
    }
    void cancelling()
    {
        QFETCH(DatabaseServer::Capacity, capacity);
        QFETCH(std::vector<Query>, queries);
        QFETCH(std::vector<Cancel>, cancels);
        QFETCH(std::vector<double>, ends);
        Bench b(capacity);
        for (std::uint32_t i = 0; i < queries.size(); ++i)
            b.start(i, queries[i]);
        for (const Cancel& c : cancels)
            b.script.at(sec(c.at), [&b, c] { b.server.cancelQuery(c.request); });
        b.sim.run(sec(100));
        std::int64_t weighted = 0;
        std::size_t told = 0;
        for (std::uint32_t i = 0; i < ends.size(); ++i) {
            if (ends[i] == kNever) {
                QVERIFY2(!b.log.ends.count(i), qPrintable(QStringLiteral("query %1 was told").arg(i)));
                continue;
            }
            QVERIFY2(b.log.ends.count(i), qPrintable(QStringLiteral("query %1 never ended").arg(i)));
            QVERIFY2(std::abs(b.log.ends.at(i).seconds() - ends[i]) <= 1.5e-9,
                     qPrintable(QString::number(i) + QStringLiteral(": ") +
                                QString::number(b.log.ends.at(i).seconds(), 'g', 12)));
            weighted += queries[i].connections;
            ++told;
        }
        QCOMPARE(b.log.ends.size(), told);
        // Only the queries that ran their demand count and have a slowdown.
        QCOMPARE(b.sink.counts["database.queries"], weighted);
        QCOMPARE(b.sink.tallies["database.slowdown"].size(), told);
        QCOMPARE(b.sink.levels["database.active"], 0);
    }

    void cancelledAsItEndsIsNotTold()
    {
        // Two queries end together at 1 s on two cores. Told of the first, its client cancels
        // the second (as a request whose end fails its instance takes out the others there):
        // the second's client, whose query ended at that same instant, is not told.
        class Cancelling final : public DatabaseServer::Client
        {
        public:
            DatabaseServer* server = nullptr;
            std::vector<std::uint32_t> told;
            void queryDone(std::uint32_t request) override
            {
                told.push_back(request);
                if (request == 0)
                    server->cancelQuery(1);
            }
        } client;
        Bench b(server(2));
        client.server = &b.server;
        b.script.at(sec(0), [&] {
            b.server.startQuery(0, 0, sec(1), 1, client);
            b.server.startQuery(1, 0, sec(1), 1, client);
        });
        b.sim.run(sec(100));
        QCOMPARE(client.told, std::vector<std::uint32_t>{0});
        QCOMPARE(b.sink.levels["database.active"], 0);
        QCOMPARE(b.server.active(), 0);
    }

    void agreesWithDirectComputation()
    {
        // 200 queries started at different times with different demands on one core, against
        // a direct computation of processor sharing: between two events every running query
        // gets the same share, so the next end is the least remaining demand over the speed.
        const DatabaseServer::Capacity c = server(1, 0.02, 0.0001);
        Bench b(c);
        std::vector<Query> queries;
        for (std::uint32_t i = 0; i < 200; ++i) {
            queries.push_back({0.01 * i, 0.05 + 0.001 * (i % 37), 1});
            b.start(i, queries.back());
        }
        b.sim.run(sec(1000));
        QCOMPARE(b.log.ends.size(), queries.size());

        std::vector<double> remaining(queries.size(), 0), ends(queries.size(), -1);
        std::vector<bool> running(queries.size(), false);
        double now = 0;
        std::size_t next = 0, done = 0;
        while (done < queries.size()) {
            const auto n = static_cast<std::int64_t>(std::count(running.begin(), running.end(), true));
            const double speed = DatabaseServer::speed(c, n);
            double first = std::numeric_limits<double>::infinity();
            for (std::size_t i = 0; i < queries.size(); ++i)
                if (running[i])
                    first = std::min(first, remaining[i] / speed);
            const double arrival =
                next < queries.size() ? queries[next].at : std::numeric_limits<double>::infinity();
            const bool arrives = arrival - now < first;
            const double step = arrives ? arrival - now : first;
            for (std::size_t i = 0; i < queries.size(); ++i)
                if (running[i])
                    remaining[i] -= step * speed;
            if (arrives) {
                now = arrival;
                remaining[next] = queries[next].demand;
                running[next] = true;
                ++next;
                continue;
            }
            now += step;
            for (std::size_t i = 0; i < queries.size(); ++i)
                if (running[i] && remaining[i] <= 1e-12) {
                    running[i] = false;
                    ends[i] = now;
                    ++done;
                }
        }
        for (std::uint32_t i = 0; i < queries.size(); ++i)
            QVERIFY2(std::abs(b.log.ends.at(i).seconds() - ends[i]) <= 1e-8,
                     qPrintable(QStringLiteral("query %1: %2 s, directly %3 s")
                                    .arg(i)
                                    .arg(b.log.ends.at(i).seconds(), 0, 'g', 12)
                                    .arg(ends[i], 0, 'g', 12)));
        // One pending completion: besides the script's 200 events, at most one completion per
        // end and one early wake-up per start.
        QVERIFY(b.sim.eventsHandled() <= 200 + 2 * queries.size());
        QVERIFY(b.sink.maxima["database.active"] > 1);
    }
};

QTEST_APPLESS_MAIN(TestDatabaseServer)
#include "tst_database_server.moc"
