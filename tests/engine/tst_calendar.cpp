// Tests of the discrete-event kernel in engine/: the event calendar against a sorted-vector
// reference (with and without lanes), same-time ordering by priority then insertion, stale handles,
// renumbering and lanes.
// moc cannot parse <compare> (from engine/simtime.h) as the first standard header it meets; it
// needs only the test class.
#ifndef Q_MOC_RUN
#include "engine/event_calendar.h"
#include "engine/simtime.h"
#endif

#include <QObject>
#include <QString>
#include <QTest>

#include <algorithm>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <tuple>
#include <vector>

#include "engine_test_support.h"

class TestCalendar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // EventCalendar
    void calendarStressAgainstSortedVector_data();
    void calendarStressAgainstSortedVector();
    void calendarSameTimeOrdering_data();
    void calendarSameTimeOrdering();
    void calendarStaleHandles();
    void calendarCancelAfterClearIsNoOp();
    void calendarPriorityRange();
    void calendarRenumberKeepsOrder();
    void calendarLanes();
};

// ---- EventCalendar --------------------------------------------------------------------------

// As OMNeT++'s event-set tests: a long random mix of schedule / cancel / pop checked against a
// plain sorted vector ordered by (time, priority, insertion order). With lanes, half the events
// ask for one of them (taken or not), which must not change the order.
void TestCalendar::calendarStressAgainstSortedVector_data()
{
    QTest::addColumn<std::uint32_t>("lanes");
    QTest::newRow("heap only") << 0u;
    QTest::newRow("one lane") << 1u;
    QTest::newRow("three lanes") << 3u;
}

void TestCalendar::calendarStressAgainstSortedVector()
{
    QFETCH(std::uint32_t, lanes);
    struct Ref
    {
        std::int64_t time;
        std::int32_t priority;
        std::uint64_t seq;
        std::uint32_t kind;
        std::uint64_t id;
    };
    auto before = [](const Ref& a, const Ref& b) {
        return std::tie(a.time, a.priority, a.seq) < std::tie(b.time, b.priority, b.seq);
    };
    enum State : char { Live, Popped, Cancelled };

    EventCalendar cal;
    std::vector<std::uint32_t> laneIds;
    for (std::uint32_t i = 0; i < lanes; ++i)
        laneIds.push_back(cal.addLane());
    std::vector<Ref> ref;             // live events, sorted
    std::vector<Ref> byId;            // every event ever scheduled
    std::vector<EventHandle> handles; // by id
    std::vector<State> state;         // by id
    std::mt19937_64 rng(12345);
    const std::int32_t priorities[] = {EventCalendar::kMinPriority, -5, -1, 0, 0, 0, 1, 2,
                                       EventCalendar::kMaxPriority};
    std::int64_t now = 0;
    std::uint64_t pops = 0, cancels = 0, staleCancels = 0;

    const int kOperations = 200000;
    for (int op = 0; op < kOperations; ++op) {
        const bool growing = (op / 20000) % 2 == 0;
        const std::uint64_t roll = rng() % 100;
        const std::uint64_t scheduleBelow = growing ? 55 : 30, cancelBelow = scheduleBelow + 15;
        if (roll < scheduleBelow) {
            std::int64_t t = now;
            switch (rng() % 8) {
            case 0:
            case 1:
                break; // the same time as now: many equal times
            case 2:
            case 3:
                t += static_cast<std::int64_t>(rng() % 4);
                break;
            case 4:
                t = static_cast<std::int64_t>(rng() % 1000); // possibly in the past: still ordered
                break;
            default:
                t += static_cast<std::int64_t>(rng() % 1'000'000);
            }
            const std::int32_t prio = priorities[rng() % std::size(priorities)];
            const auto kind = static_cast<std::uint32_t>(rng());
            const std::uint64_t id = byId.size();
            const Ref r{t, prio, id, kind, id};
            const std::uint32_t lane = lanes && rng() % 2 ? laneIds[rng() % lanes] : EventCalendar::kNoLane;
            handles.push_back(cal.schedule(SimTime::fromTicks(t), prio, kind, id, lane));
            QVERIFY(handles.back().isValid());
            byId.push_back(r);
            state.push_back(Live);
            ref.insert(std::upper_bound(ref.begin(), ref.end(), r, before), r);
        } else if (roll < cancelBelow) {
            if (byId.empty() || rng() % 50 == 0) {
                cal.cancel(EventHandle{}); // the invalid handle: no-op
            } else {
                // Mostly recent handles, so live, popped and cancelled ones all come up.
                const std::uint64_t window = std::min<std::uint64_t>(byId.size(), 3000);
                const std::uint64_t id = byId.size() - 1 - rng() % window;
                cal.cancel(handles[id]);
                if (state[id] == Live) {
                    const auto it = std::lower_bound(ref.begin(), ref.end(), byId[id], before);
                    QVERIFY(it != ref.end() && it->id == id);
                    ref.erase(it);
                    state[id] = Cancelled;
                    ++cancels;
                } else {
                    ++staleCancels;
                }
            }
        } else {
            Event e;
            const bool got = cal.pop(e);
            if (ref.empty()) {
                QVERIFY2(
                    !got,
                    qPrintable(
                        QStringLiteral("pop returned an event from an empty calendar at op %1").arg(op)));
            } else {
                const Ref expected = ref.front();
                ref.erase(ref.begin());
                if (!got || e.data != expected.id || e.time.ticks() != expected.time ||
                    e.priority != expected.priority || e.kind != expected.kind)
                    QFAIL(qPrintable(
                        QStringLiteral("op %1: popped id %2 at t=%3 prio %4, expected id %5 at t=%6 prio %7")
                            .arg(op)
                            .arg(got ? e.data : 0)
                            .arg(got ? e.time.ticks() : -1)
                            .arg(got ? e.priority : 0)
                            .arg(expected.id)
                            .arg(expected.time)
                            .arg(expected.priority)));
                state[expected.id] = Popped;
                now = expected.time;
                ++pops;
            }
        }
        if (cal.size() != ref.size())
            QFAIL(qPrintable(
                QStringLiteral("op %1: size() %2, reference %3").arg(op).arg(cal.size()).arg(ref.size())));
        QCOMPARE(cal.empty(), ref.empty());
    }
    // Drain what is left, in order.
    Event e;
    while (!ref.empty()) {
        QVERIFY(cal.pop(e));
        QCOMPARE(e.data, ref.front().id);
        ref.erase(ref.begin());
    }
    QVERIFY(!cal.pop(e));
    QCOMPARE(cal.size(), std::size_t{0});
    // Every kind of operation really happened, many times.
    QVERIFY(pops > 50000);
    QVERIFY(cancels > 5000);
    QVERIFY(staleCancels > 5000);
}

void TestCalendar::calendarSameTimeOrdering_data()
{
    QTest::addColumn<std::vector<int>>("priorities");
    QTest::addColumn<std::vector<int>>("expectedOrder"); // indexes into priorities
    QTest::newRow("all equal: FIFO") << std::vector<int>{0, 0, 0, 0} << std::vector<int>{0, 1, 2, 3};
    QTest::newRow("priority first") << std::vector<int>{3, -1, 0, 2} << std::vector<int>{1, 2, 3, 0};
    QTest::newRow("priority then FIFO")
        << std::vector<int>{3, -1, 0, -1, 3, 0} << std::vector<int>{1, 3, 2, 5, 0, 4};
    QTest::newRow("extreme priorities")
        << std::vector<int>{EventCalendar::kMaxPriority, EventCalendar::kMinPriority, 0,
                            EventCalendar::kMinPriority}
        << std::vector<int>{1, 3, 2, 0};
}

void TestCalendar::calendarSameTimeOrdering()
{
    QFETCH(std::vector<int>, priorities);
    QFETCH(std::vector<int>, expectedOrder);
    EventCalendar cal;
    // An earlier event scheduled last still comes first, whatever its priority.
    cal.schedule(sec(0.5), EventCalendar::kMaxPriority, 99, 99);
    for (std::size_t i = 0; i < priorities.size(); ++i)
        cal.schedule(sec(1.0), priorities[i], static_cast<std::uint32_t>(i), i);
    cal.schedule(sec(0.25), EventCalendar::kMaxPriority, 98, 98);
    Event e;
    QVERIFY(cal.pop(e));
    QCOMPARE(e.data, std::uint64_t{98});
    QVERIFY(cal.pop(e));
    QCOMPARE(e.data, std::uint64_t{99});
    for (const int expected : expectedOrder) {
        QVERIFY(cal.pop(e));
        QCOMPARE(e.data, static_cast<std::uint64_t>(expected));
        QCOMPARE(e.priority, priorities[static_cast<std::size_t>(expected)]);
        QCOMPARE(e.time, sec(1.0));
    }
    QVERIFY(!cal.pop(e));
}

void TestCalendar::calendarStaleHandles()
{
    EventCalendar cal;
    const EventHandle a = cal.schedule(sec(1), 0, 1, 1);
    Event e;
    QVERIFY(cal.pop(e));
    // b reuses a's slot; cancelling a's handle must not touch b.
    const EventHandle b = cal.schedule(sec(2), 0, 2, 2);
    QCOMPARE(b.slot, a.slot);
    cal.cancel(a);
    QCOMPARE(cal.size(), std::size_t{1});
    cal.cancel(b);
    cal.cancel(b); // twice: no-op
    QCOMPARE(cal.size(), std::size_t{0});
    QVERIFY(cal.empty());
    const EventHandle c = cal.schedule(sec(3), 0, 3, 3);
    cal.cancel(b);
    cal.cancel(EventHandle{});
    cal.cancel(EventHandle{12345, 1}); // a slot that does not exist
    QCOMPARE(cal.size(), std::size_t{1});
    QVERIFY(cal.pop(e));
    QCOMPARE(e.data, std::uint64_t{3});
    cal.cancel(c);
    QVERIFY(!cal.pop(e));
}

// A handle kept from before clear() (a model's timer from the previous run) must not cancel an
// unrelated event scheduled after it: the header promises handles stay safe to cancel.
void TestCalendar::calendarCancelAfterClearIsNoOp()
{
    EventCalendar cal;
    const EventHandle old = cal.schedule(sec(1), 0, 1, 1);
    cal.clear();
    QVERIFY(cal.empty());
    cal.schedule(sec(2), 0, 2, 2);
    cal.cancel(old);
    QCOMPARE(cal.size(), std::size_t{1});
    Event e;
    QVERIFY(cal.pop(e));
    QCOMPARE(e.data, std::uint64_t{2});
}

void TestCalendar::calendarRenumberKeepsOrder()
{
    // Crossing the end of the insertion sequence renumbers pending events: ties must keep
    // their first-scheduled-first order, and priorities and times their meaning.
    // Some wait in lanes, which join the renumbering.
    EventCalendar cal;
    const std::uint32_t lanes[] = {cal.addLane(), cal.addLane(), EventCalendar::kNoLane};
    cal.setNextSequenceForTesting((std::uint64_t{1} << 36) - 5);
    for (std::uint64_t i = 0; i < 20; ++i)
        cal.schedule(sec(i % 2 ? 1.0 : 2.0), i % 3 == 0 ? 1 : 0, 0, i, lanes[i % 3]);
    std::vector<std::uint64_t> got;
    Event e;
    while (cal.pop(e))
        got.push_back(e.data);
    std::vector<std::uint64_t> want;
    for (const double t : {1.0, 2.0})
        for (const int prio : {0, 1})
            for (std::uint64_t i = 0; i < 20; ++i)
                if ((i % 2 ? 1.0 : 2.0) == t && (i % 3 == 0 ? 1 : 0) == prio)
                    want.push_back(i);
    QCOMPARE(got, want);
}

// An event in a lane comes out in its place among the heap's; a cancelled one leaves its lane to
// the next; a lane that is taken sends the next event to the heap.
void TestCalendar::calendarLanes()
{
    EventCalendar cal;
    const std::uint32_t lane = cal.addLane();
    cal.schedule(sec(1), 0, 0, 1);
    cal.schedule(sec(2), 0, 0, 2, lane);
    cal.schedule(sec(2), 0, 0, 3);         // same time and priority, scheduled later: after 2
    cal.schedule(sec(1.5), 0, 0, 4, lane); // the lane is taken: into the heap
    const EventHandle late = cal.schedule(sec(9), 0, 0, 5);
    cal.cancel(late);
    std::vector<std::uint64_t> got;
    Event e;
    while (cal.pop(e))
        got.push_back(e.data);
    QCOMPARE(got, (std::vector<std::uint64_t>{1, 4, 2, 3}));

    const EventHandle cancelled = cal.schedule(sec(10), 0, 0, 6, lane);
    cal.cancel(cancelled);
    cal.schedule(sec(12), 0, 0, 7, lane); // takes the lane over from the cancelled event
    cal.schedule(sec(11), 0, 0, 8);
    QCOMPARE(cal.size(), std::size_t{2});
    got.clear();
    while (cal.pop(e))
        got.push_back(e.data);
    QCOMPARE(got, (std::vector<std::uint64_t>{8, 7}));
    QVERIFY(cal.empty());
}

void TestCalendar::calendarPriorityRange()
{
    EventCalendar cal;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             cal.schedule(sec(1), EventCalendar::kMaxPriority + 1, 0, 0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                             cal.schedule(sec(1), EventCalendar::kMinPriority - 1, 0, 0));
    QCOMPARE(cal.size(), std::size_t{0});
}

QTEST_APPLESS_MAIN(TestCalendar)
#include "tst_calendar.moc"
