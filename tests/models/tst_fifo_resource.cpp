// Tests of the generic resource (models/simulation/fifo_resource.h) on its own, as SimCpp20
// tests its `resource`: units granted at once when free, strict FIFO for requests of k units
// (a k = 2 head blocks a k = 1 behind it), deadlines, leaving, and the rescan after a waiter
// leaves the head of the queue.
#ifndef Q_MOC_RUN
#include "engine/simulator.h"
#include "models/simulation/fifo_resource.h"
#endif

#include <QObject>
#include <QTest>

#include <string>
#include <vector>

using namespace poolsim;
using engine::SimTime;

namespace {

SimTime sec(double s)
{
    return SimTime::fromSeconds(s);
}

// The owner of `units` identical units; logs whom it gave them to and who ran out of time.
class Units
{
public:
    Units(engine::Simulator& sim, std::uint32_t units)
        : m_sim(sim), m_free(units), queue(sim, *this, 2, "units")
    {
    }

    std::uint32_t available() const { return m_free; }
    void waiterGranted(std::uint32_t waiter, std::uint32_t need)
    {
        m_free -= need;
        log.push_back("grant " + std::to_string(waiter) + " at " + std::to_string(m_sim.now().seconds()));
    }
    void waiterExpired(std::uint32_t waiter, std::uint32_t)
    {
        log.push_back("expire " + std::to_string(waiter) + " at " + std::to_string(m_sim.now().seconds()));
    }
    /// `n` units come back at the current time.
    void giveBack(std::uint32_t n)
    {
        m_free += n;
        queue.dispatch();
    }

    std::vector<std::string> log;

private:
    engine::Simulator& m_sim;
    std::uint32_t m_free;

public:
    models::FifoResource<Units> queue;
};

// Gives units back at a given time: a tiny component of the test's own.
class GiveBack
{
public:
    GiveBack(engine::Simulator& sim, Units& units)
        : m_sim(sim), m_units(units), m_event(sim.eventType<&GiveBack::onGiveBack>(this, 0, "give-back"))
    {
    }
    void at(SimTime t, std::uint32_t n) { m_sim.schedule(t, m_event, n); }

private:
    void onGiveBack(std::uint64_t n) { m_units.giveBack(static_cast<std::uint32_t>(n)); }
    engine::Simulator& m_sim;
    Units& m_units;
    engine::EventType m_event;
};

} // namespace

class TestFifoResource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void grantsFreeUnitsAtOnce();
    void headBlocksSmallerRequestBehindIt();
    void deadlineExpiresOldestFirst();
    void rescanAfterTimedOutHead();
    void leavingFromTheMiddle();
    void oldestSkipsLeftWaiters();
    void deadlinesMustNotDecrease();
};

void TestFifoResource::grantsFreeUnitsAtOnce()
{
    engine::Simulator sim;
    Units units(sim, 3);
    units.queue.enqueue(1, 2, SimTime::max());
    units.queue.dispatch();
    QCOMPARE(units.log, std::vector<std::string>{"grant 1 at 0.000000"});
    QCOMPARE(units.available(), 1u);
    QCOMPARE(units.queue.waiting(), 0u);
    QCOMPARE(units.queue.waitingNeed(), std::uint64_t{0});
}

void TestFifoResource::headBlocksSmallerRequestBehindIt()
{
    engine::Simulator sim;
    Units units(sim, 1);
    GiveBack giveBack(sim, units);
    units.queue.enqueue(1, 2, SimTime::max()); // needs 2, only 1 free
    units.queue.enqueue(2, 1, SimTime::max()); // would fit, but must not overtake
    units.queue.dispatch();
    QVERIFY(units.log.empty());
    QCOMPARE(units.queue.waiting(), 2u);
    QCOMPARE(units.queue.waitingNeed(), std::uint64_t{3});
    giveBack.at(sec(1), 1); // 2 free: the head is served, 0 left for the second
    giveBack.at(sec(2), 1);
    sim.run(sec(10));
    const std::vector<std::string> want = {"grant 1 at 1.000000", "grant 2 at 2.000000"};
    QCOMPARE(units.log, want);
}

void TestFifoResource::deadlineExpiresOldestFirst()
{
    engine::Simulator sim;
    Units units(sim, 0);
    units.queue.enqueue(1, 1, sec(1));
    units.queue.enqueue(2, 1, sec(1)); // same deadline: expires at the same instant, in order
    units.queue.enqueue(3, 1, sec(3));
    sim.run(sec(10));
    const std::vector<std::string> want = {"expire 1 at 1.000000", "expire 2 at 1.000000",
                                           "expire 3 at 3.000000"};
    QCOMPARE(units.log, want);
    QCOMPARE(units.queue.waiting(), 0u);
    QCOMPARE(sim.eventsHandled(), std::uint64_t{2}); // one timer, for the oldest: at 1 s and at 3 s
}

// A head asking for 3 units of 2 free runs out of time: the waiters behind it that fit are
// served at that same instant, in order, until one does not fit.
void TestFifoResource::rescanAfterTimedOutHead()
{
    engine::Simulator sim;
    Units units(sim, 2);
    units.queue.enqueue(1, 3, sec(5));
    units.queue.enqueue(2, 1, SimTime::max());
    units.queue.enqueue(3, 2, SimTime::max()); // 1 left after waiter 2: blocks
    units.queue.enqueue(4, 1, SimTime::max()); // behind a blocked head: waits
    units.queue.dispatch();
    QVERIFY(units.log.empty());
    sim.run(sec(10));
    const std::vector<std::string> want = {"expire 1 at 5.000000", "grant 2 at 5.000000"};
    QCOMPARE(units.log, want);
    QCOMPARE(units.queue.waiting(), 2u);
    QCOMPARE(units.queue.waitingNeed(), std::uint64_t{3});
}

void TestFifoResource::leavingFromTheMiddle()
{
    engine::Simulator sim;
    Units units(sim, 0);
    units.queue.enqueue(1, 1, SimTime::max());
    const auto middle = units.queue.enqueue(2, 5, SimTime::max());
    units.queue.enqueue(3, 1, SimTime::max());
    QVERIFY(units.queue.isWaiting(middle));
    QCOMPARE(units.queue.leave(middle), 5u);
    QVERIFY(!units.queue.isWaiting(middle));
    QCOMPARE(units.queue.waitingNeed(), std::uint64_t{2});
    units.giveBack(2);
    const std::vector<std::string> want = {"grant 1 at 0.000000", "grant 3 at 0.000000"};
    QCOMPARE(units.log, want);
    QVERIFY(!units.queue.isWaiting(middle)); // still false once its entry is gone
}

void TestFifoResource::oldestSkipsLeftWaiters()
{
    engine::Simulator sim;
    Units units(sim, 0);
    const auto first = units.queue.enqueue(7, 1, SimTime::max());
    units.queue.enqueue(8, 1, SimTime::max());
    units.queue.leave(first);
    models::FifoResource<Units>::Ticket oldest = 0;
    QVERIFY(units.queue.oldest(oldest));
    QCOMPARE(units.queue.waiterOf(oldest), 8u);
    units.queue.leave(oldest);
    QVERIFY(!units.queue.oldest(oldest));
}

void TestFifoResource::deadlinesMustNotDecrease()
{
    engine::Simulator sim;
    Units units(sim, 0);
    units.queue.enqueue(1, 1, sec(5));
    QVERIFY_THROWS_EXCEPTION(std::logic_error, units.queue.enqueue(2, 1, sec(4)));
}

QTEST_APPLESS_MAIN(TestFifoResource)
#include "tst_fifo_resource.moc"
