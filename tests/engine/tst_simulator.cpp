// Tests of the kernel's loop (engine/simulator.h): events delivered to the member function they
// were registered with, in (time, priority, scheduling order), cancelling, the horizon, the
// clock, and stopping on request.
#ifndef Q_MOC_RUN
#include "engine/replication_runner.h"
#include "engine/simulator.h"
#endif

#include <QObject>
#include <QTest>

#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include "engine_test_support.h"

namespace {

// Two toy components that write what they are given into one shared log.
struct Log
{
    std::vector<std::string> lines;
};

class Pinger
{
public:
    Pinger(Simulator& sim, Log& log, std::int32_t priority)
        : m_sim(sim), m_log(log), m_ping(sim.eventType<&Pinger::onPing>(this, priority, "pinger/ping"))
    {
    }
    EventHandle ping(SimTime t, std::uint64_t n) { return m_sim.schedule(t, m_ping, n); }

private:
    void onPing(std::uint64_t n)
    {
        m_log.lines.push_back("ping " + std::to_string(n) + " at " + std::to_string(m_sim.now().ticks()));
    }
    Simulator& m_sim;
    Log& m_log;
    EventType m_ping;
};

class Echo
{
public:
    Echo(Simulator& sim, Log& log) : m_sim(sim), m_log(log)
    {
        m_call = sim.eventType<&Echo::onCall>(this, 0, "echo/call");
        m_answer = sim.eventType<&Echo::onAnswer>(this, 1, "echo/answer");
    }
    void call(SimTime t, std::uint64_t n) { m_sim.schedule(t, m_call, n); }

private:
    void onCall(std::uint64_t n)
    {
        m_log.lines.push_back("call " + std::to_string(n));
        m_sim.schedule(m_sim.now() + SimTime::fromTicks(5), m_answer, n * 10); // an event of its own
    }
    void onAnswer(std::uint64_t n) { m_log.lines.push_back("answer " + std::to_string(n)); }
    Simulator& m_sim;
    Log& m_log;
    EventType m_call, m_answer;
};

SimTime ticks(std::int64_t t)
{
    return SimTime::fromTicks(t);
}

} // namespace

class TestSimulator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deliversToTheRegisteredMember();
    void sameTimeOrder_data();
    void sameTimeOrder();
    void cancelSkips();
    void horizonStopsAndSetsClock();
    void pastAndPriorityAreRefused();
    void stopRequested();
    void stuckClockIsAnError_data();
    void stuckClockIsAnError();
};

void TestSimulator::deliversToTheRegisteredMember()
{
    Simulator sim;
    Log log;
    Pinger pinger(sim, log, 0);
    Echo echo(sim, log);
    echo.call(ticks(10), 1);
    pinger.ping(ticks(12), 7);
    pinger.ping(ticks(20), 8);
    QVERIFY(sim.run(ticks(100)));
    const std::vector<std::string> want = {"call 1", "ping 7 at 12", "answer 10", "ping 8 at 20"};
    QCOMPARE(log.lines, want);
    QCOMPARE(sim.eventsHandled(), std::uint64_t{4});
}

void TestSimulator::sameTimeOrder_data()
{
    QTest::addColumn<int>("firstPriority");
    QTest::addColumn<int>("secondPriority");
    QTest::addColumn<QString>("want");
    QTest::newRow("lower priority first") << 2 << -1 << QStringLiteral("b a");
    QTest::newRow("equal: scheduling order") << 3 << 3 << QStringLiteral("a b");
    QTest::newRow("highest and lowest") << 7 << -8 << QStringLiteral("b a");
}

void TestSimulator::sameTimeOrder()
{
    QFETCH(int, firstPriority);
    QFETCH(int, secondPriority);
    QFETCH(QString, want);
    Simulator sim;
    Log log;
    Pinger a(sim, log, firstPriority), b(sim, log, secondPriority);
    a.ping(ticks(5), 'a'); // scheduled first
    b.ping(ticks(5), 'b');
    sim.run(ticks(6));
    QString got;
    for (const std::string& line : log.lines) // "ping 97 at 5"
        got += (got.isEmpty() ? QString() : QStringLiteral(" ")) +
               QChar::fromLatin1(static_cast<char>(std::stoi(line.substr(5))));
    QCOMPARE(got, want);
}

void TestSimulator::cancelSkips()
{
    Simulator sim;
    Log log;
    Pinger pinger(sim, log, 0);
    const EventHandle h = pinger.ping(ticks(3), 1);
    pinger.ping(ticks(4), 2);
    sim.cancel(h);
    sim.cancel(h); // twice is harmless
    sim.run(ticks(10));
    QCOMPARE(log.lines, std::vector<std::string>{"ping 2 at 4"});
    sim.cancel(h); // after the run too
}

void TestSimulator::horizonStopsAndSetsClock()
{
    Simulator sim;
    Log log;
    Pinger pinger(sim, log, 0);
    pinger.ping(ticks(9), 1);
    pinger.ping(ticks(10), 2); // at the horizon: not delivered
    QVERIFY(sim.run(ticks(10)));
    QCOMPARE(log.lines, std::vector<std::string>{"ping 1 at 9"});
    QCOMPARE(sim.now(), ticks(10));
}

void TestSimulator::pastAndPriorityAreRefused()
{
    Simulator sim;
    Log log;
    Pinger pinger(sim, log, 0);
    pinger.ping(ticks(5), 1);
    sim.run(ticks(6));
    QVERIFY_THROWS_EXCEPTION(std::logic_error, pinger.ping(ticks(4), 2));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Pinger(sim, log, 8));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Pinger(sim, log, -9));
}

void TestSimulator::stopRequested()
{
    // A chain of events that never ends on its own; the context's stop flag ends it.
    class Chain
    {
    public:
        explicit Chain(Simulator& sim) : m_sim(sim), m_next(sim.eventType<&Chain::onNext>(this, 0, "chain"))
        {
        }
        void start() { m_sim.schedule(SimTime::zero(), m_next); }

    private:
        void onNext(std::uint64_t) { m_sim.schedule(m_sim.now() + SimTime::fromTicks(1), m_next); }
        Simulator& m_sim;
        EventType m_next;
    };
    Simulator sim;
    Chain chain(sim);
    chain.start();
    std::atomic<bool> stop{true};
    std::atomic<std::uint64_t> progress{0}, events{0};
    ReplicationContext context(stop, progress, events);
    QVERIFY(!sim.run(SimTime::max(), &context));
    QVERIFY(events.load() > 0);
    QCOMPARE(sim.eventsHandled(), events.load()); // stopped at its first check
}

void TestSimulator::stuckClockIsAnError_data()
{
    QTest::addColumn<std::int64_t>("step");
    QTest::addColumn<bool>("stuck");
    QTest::newRow("each event schedules the next at the same instant") << std::int64_t{0} << true;
    QTest::newRow("the clock moves a tick each time") << std::int64_t{1} << false;
}

// A model that sends something again at the very instant it failed never lets time pass: the
// run fails with an error that says so, instead of never ending. A clock that moves, however
// little, is progress.
void TestSimulator::stuckClockIsAnError()
{
    QFETCH(std::int64_t, step);
    QFETCH(bool, stuck);
    class Loop
    {
    public:
        Loop(Simulator& sim, std::int64_t step)
            : m_sim(sim), m_step(step), m_next(sim.eventType<&Loop::onNext>(this, 0, "loop/again"))
        {
        }
        void start() { m_sim.schedule(SimTime::fromTicks(5), m_next); }

    private:
        void onNext(std::uint64_t) { m_sim.schedule(m_sim.now() + SimTime::fromTicks(m_step), m_next); }
        Simulator& m_sim;
        std::int64_t m_step;
        EventType m_next;
    };
    Simulator sim;
    sim.setStallLimit(1 << 16);
    Loop loop(sim, step);
    loop.start();
    try {
        QVERIFY(sim.run(SimTime::fromTicks(200'000)));
        QVERIFY2(!stuck, "a stuck clock ran to the horizon");
    } catch (const poolsim::engine::SimulationStalled& e) {
        QVERIFY2(stuck, e.what());
        const QString what = QString::fromUtf8(e.what());
        QVERIFY2(what.contains(QLatin1String("'loop/again'")) && what.contains(QLatin1String("65536 events")),
                 e.what());
        QCOMPARE(sim.now(), SimTime::fromTicks(5));
    }
}

QTEST_APPLESS_MAIN(TestSimulator)
#include "tst_simulator.moc"
