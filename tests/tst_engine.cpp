// Tests of the discrete-event kernel in engine/: the event calendar against a sorted-vector
// reference, the histogram against exact order statistics, the statistics collectors and time
// series on hand-computed sequences, random streams, distributions and the replication runner.
#include "engine/distribution.h"
#include "engine/event_calendar.h"
#include "engine/log_histogram.h"
#include "engine/random_stream.h"
#include "engine/replication_runner.h"
#include "engine/simtime.h"
#include "engine/statistics.h"
#include "engine/time_series.h"

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
#include <random>
#include <stdexcept>
#include <string_view>
#include <thread>
#include <tuple>
#include <vector>

using namespace poolsim::engine;

using Thrower = std::function<void()>;
using DistributionFactory = std::function<Distribution()>;
Q_DECLARE_METATYPE(Thrower)
Q_DECLARE_METATYPE(DistributionFactory)

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

SimTime sec(double s) { return SimTime::fromSeconds(s); }

bool close(double got, double want, double relTol, double absTol)
{
    if (got == want)
        return true;
    return std::fabs(got - want) <= std::max(absTol, relTol * std::fabs(want));
}

QString describe(const char* what, double got, double want)
{
    return QStringLiteral("%1: got %2, expected %3 (diff %4)")
        .arg(QLatin1String(what))
        .arg(got, 0, 'g', 17)
        .arg(want, 0, 'g', 17)
        .arg(got - want, 0, 'g', 3);
}

// ---- LogHistogram data sets -----------------------------------------------------------------
enum class DataSet { Uniform, Exponential, LognormalHeavy, LogUniformWide, SmallIntegers, AllZero, SingleValue, Extremes };

std::vector<std::uint64_t> makeData(DataSet which, std::size_t n)
{
    std::mt19937_64 rng(20240601);
    std::vector<std::uint64_t> v;
    v.reserve(n);
    auto u01 = [&] { return std::uniform_real_distribution<double>(0.0, 1.0)(rng); };
    for (std::size_t i = 0; i < n; ++i) {
        double x = 0;
        switch (which) {
        case DataSet::Uniform:
            x = 1e6 * u01();
            break;
        case DataSet::Exponential:
            x = -1e6 * std::log1p(-u01());
            break;
        case DataSet::LognormalHeavy:
            x = std::exp(std::log(1e6) + 2.5 * std::normal_distribution<double>()(rng));
            break;
        case DataSet::LogUniformWide: // 1 ns .. 1e12 ns
            x = std::pow(10.0, 12 * u01());
            break;
        case DataSet::SmallIntegers:
            x = static_cast<double>(rng() % 300);
            break;
        case DataSet::AllZero:
            x = 0;
            break;
        case DataSet::SingleValue:
            x = 123456789;
            break;
        case DataSet::Extremes: {
            const std::uint64_t pick[] = {0, 1, 255, 256, 257, UINT64_MAX / 3, UINT64_MAX - 1, UINT64_MAX};
            v.push_back(pick[rng() % 8]);
            continue;
        }
        }
        v.push_back(static_cast<std::uint64_t>(std::min(x, 1.8e19)));
    }
    return v;
}

std::uint64_t rankOf(double p, std::size_t n)
{
    // The value at rank ceil(p n), 1-based: the definition quantile() documents.
    const auto rank = static_cast<std::uint64_t>(std::ceil(p * static_cast<double>(n)));
    return std::clamp<std::uint64_t>(rank, 1, n);
}

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

#define CHECK_CLOSE(got, want, relTol, absTol)                                                 \
    do {                                                                                       \
        const double got_ = (got), want_ = (want);                                             \
        if (!close(got_, want_, (relTol), (absTol)))                                           \
            QFAIL(qPrintable(describe(#got, got_, want_)));                                    \
    } while (false)

class TestEngine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // EventCalendar
    void calendarStressAgainstSortedVector();
    void calendarSameTimeOrdering_data();
    void calendarSameTimeOrdering();
    void calendarStaleHandles();
    void calendarCancelAfterClearIsNoOp();
    void calendarPriorityRange();
    void calendarRenumberKeepsOrder();
    // LogHistogram
    void histogramQuantiles_data();
    void histogramQuantiles();
    void histogramMerge();
    void histogramBucketsTile_data();
    void histogramBucketsTile();
    void histogramClear();
    void histogramInvalid();
    // Statistics and series
    void tally_data();
    void tally();
    void tallyMerge();
    void timeWeighted();
    void binGrid();
    void levelSeries();
    void levelSeriesLongQuietGap();
    void levelSeriesChangeOnBinBoundary();
    void countSeries();
    void countSeriesIgnoresValuesAtOrAfterEnd();
    void quantileSeriesIgnoresValuesAtOrAfterEnd();
    void quantileSeries();
    void simTime();
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

// ---- EventCalendar --------------------------------------------------------------------------

// As OMNeT++'s event-set tests: a long random mix of schedule / cancel / pop checked against a
// plain sorted vector ordered by (time, priority, insertion order).
void TestEngine::calendarStressAgainstSortedVector()
{
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
    std::vector<Ref> ref;             // live events, sorted
    std::vector<Ref> byId;            // every event ever scheduled
    std::vector<EventHandle> handles; // by id
    std::vector<State> state;         // by id
    std::mt19937_64 rng(12345);
    const std::int32_t priorities[] = {EventCalendar::kMinPriority, -5, -1, 0, 0, 0, 1, 2, EventCalendar::kMaxPriority};
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
            handles.push_back(cal.schedule(SimTime::fromTicks(t), prio, kind, id));
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
                QVERIFY2(!got, qPrintable(QStringLiteral("pop returned an event from an empty calendar at op %1").arg(op)));
            } else {
                const Ref expected = ref.front();
                ref.erase(ref.begin());
                if (!got || e.data != expected.id || e.time.ticks() != expected.time || e.priority != expected.priority
                    || e.kind != expected.kind)
                    QFAIL(qPrintable(QStringLiteral("op %1: popped id %2 at t=%3 prio %4, expected id %5 at t=%6 prio %7")
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
            QFAIL(qPrintable(QStringLiteral("op %1: size() %2, reference %3").arg(op).arg(cal.size()).arg(ref.size())));
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

void TestEngine::calendarSameTimeOrdering_data()
{
    QTest::addColumn<std::vector<int>>("priorities");
    QTest::addColumn<std::vector<int>>("expectedOrder"); // indexes into priorities
    QTest::newRow("all equal: FIFO") << std::vector<int>{0, 0, 0, 0} << std::vector<int>{0, 1, 2, 3};
    QTest::newRow("priority first") << std::vector<int>{3, -1, 0, 2} << std::vector<int>{1, 2, 3, 0};
    QTest::newRow("priority then FIFO") << std::vector<int>{3, -1, 0, -1, 3, 0} << std::vector<int>{1, 3, 2, 5, 0, 4};
    QTest::newRow("extreme priorities")
        << std::vector<int>{EventCalendar::kMaxPriority, EventCalendar::kMinPriority, 0, EventCalendar::kMinPriority}
        << std::vector<int>{1, 3, 2, 0};
}

void TestEngine::calendarSameTimeOrdering()
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

void TestEngine::calendarStaleHandles()
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
void TestEngine::calendarCancelAfterClearIsNoOp()
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

void TestEngine::calendarRenumberKeepsOrder()
{
    // Crossing the end of the insertion sequence renumbers pending events: ties must keep
    // their first-scheduled-first order, and priorities and times their meaning.
    EventCalendar cal;
    cal.setNextSequenceForTesting((std::uint64_t{1} << 36) - 5);
    for (std::uint64_t i = 0; i < 20; ++i)
        cal.schedule(sec(i % 2 ? 1.0 : 2.0), i % 3 == 0 ? 1 : 0, 0, i);
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

void TestEngine::calendarPriorityRange()
{
    EventCalendar cal;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, cal.schedule(sec(1), EventCalendar::kMaxPriority + 1, 0, 0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, cal.schedule(sec(1), EventCalendar::kMinPriority - 1, 0, 0));
    QCOMPARE(cal.size(), std::size_t{0});
}

// ---- LogHistogram ---------------------------------------------------------------------------

void TestEngine::histogramQuantiles_data()
{
    QTest::addColumn<int>("dataSet");
    QTest::addColumn<unsigned>("bits");
    QTest::addColumn<int>("n");
    const std::pair<DataSet, const char*> sets[] = {
        {DataSet::Uniform, "uniform"},         {DataSet::Exponential, "exponential"},
        {DataSet::LognormalHeavy, "lognormal heavy tail"}, {DataSet::LogUniformWide, "1ns..1e12ns"},
        {DataSet::SmallIntegers, "small integers"}, {DataSet::AllZero, "all zero"},
        {DataSet::SingleValue, "single value"},  {DataSet::Extremes, "0 and 2^64-1"}};
    for (const auto& [set, name] : sets)
        for (const unsigned bits : {5u, 8u})
            QTest::addRow("%s, %u bits", name, bits) << static_cast<int>(set) << bits << 50000;
    QTest::newRow("one observation") << static_cast<int>(DataSet::SingleValue) << 8u << 1;
    QTest::newRow("three observations") << static_cast<int>(DataSet::LogUniformWide) << 8u << 3;
}

void TestEngine::histogramQuantiles()
{
    QFETCH(int, dataSet);
    QFETCH(unsigned, bits);
    QFETCH(int, n);
    auto data = makeData(static_cast<DataSet>(dataSet), static_cast<std::size_t>(n));
    LogHistogram h(bits);
    for (const auto v : data)
        h.record(v);
    std::sort(data.begin(), data.end());
    QCOMPARE(h.count(), data.size());
    QCOMPARE(h.min(), data.front());
    QCOMPARE(h.max(), data.back());
    QCOMPARE(h.relativeError(), std::ldexp(1.0, -static_cast<int>(bits)));
    for (const double p : {0.01, 0.1, 0.5, 0.9, 0.95, 0.99, 0.999, 1.0}) {
        const std::uint64_t exact = data[rankOf(p, data.size()) - 1];
        const std::uint64_t got = h.quantile(p);
        const std::uint64_t diff = got > exact ? got - exact : exact - got;
        if (static_cast<double>(diff) > h.relativeError() * static_cast<double>(exact))
            QFAIL(qPrintable(QStringLiteral("p=%1: quantile %2, exact order statistic %3, relative error %4 > %5")
                                 .arg(p)
                                 .arg(got)
                                 .arg(exact)
                                 .arg(static_cast<double>(diff) / static_cast<double>(exact))
                                 .arg(h.relativeError())));
    }
}

void TestEngine::histogramMerge()
{
    for (const unsigned bits : {5u, 8u}) {
        const auto a = makeData(DataSet::LognormalHeavy, 20000);
        const auto b = makeData(DataSet::SmallIntegers, 7000);
        LogHistogram ha(bits), hb(bits), all(bits), empty(bits);
        for (const auto v : a) {
            ha.record(v);
            all.record(v);
        }
        for (const auto v : b) {
            hb.record(v);
            all.record(v);
        }
        LogHistogram merged = ha;
        merged.merge(hb);
        merged.merge(empty);
        LogHistogram fromEmpty(bits);
        fromEmpty.merge(merged);
        for (const LogHistogram* m : {&merged, &fromEmpty}) {
            QCOMPARE(m->count(), all.count());
            QCOMPARE(m->min(), all.min());
            QCOMPARE(m->max(), all.max());
            for (int i = 1; i <= 1000; ++i) {
                const double p = i / 1000.0;
                if (m->quantile(p) != all.quantile(p))
                    QFAIL(qPrintable(QStringLiteral("bits %1, p=%2: merged %3, recorded together %4")
                                         .arg(bits).arg(p).arg(m->quantile(p)).arg(all.quantile(p))));
            }
        }
    }
    LogHistogram h5(5), h8(8);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, h8.merge(h5));
}

void TestEngine::histogramBucketsTile_data()
{
    QTest::addColumn<unsigned>("bits");
    QTest::newRow("5 bits") << 5u;
    QTest::newRow("8 bits") << 8u;
    QTest::newRow("2 bits") << 2u;
    QTest::newRow("16 bits") << 16u;
}

void TestEngine::histogramBucketsTile()
{
    QFETCH(unsigned, bits);
    const LogHistogram h(bits);
    const std::size_t buckets = h.indexOf(UINT64_MAX) + 1;
    QCOMPARE(h.bucketLow(0), std::uint64_t{0});
    for (std::size_t i = 0; i < buckets; ++i) {
        const std::uint64_t low = h.bucketLow(i), high = h.bucketHigh(i);
        if (low > high || h.indexOf(low) != i || h.indexOf(high) != i)
            QFAIL(qPrintable(QStringLiteral("bucket %1: [%2, %3] maps to %4 and %5")
                                 .arg(i).arg(low).arg(high).arg(h.indexOf(low)).arg(h.indexOf(high))));
        if (i + 1 < buckets && h.bucketLow(i + 1) != high + 1)
            QFAIL(qPrintable(QStringLiteral("gap or overlap after bucket %1: high %2, next low %3")
                                 .arg(i).arg(high).arg(h.bucketLow(i + 1))));
        // Each bucket is narrow enough for the documented error of its midpoint.
        if (low > 0 && static_cast<double>(high - low) / 2 > h.relativeError() * static_cast<double>(low))
            QFAIL(qPrintable(QStringLiteral("bucket %1 [%2, %3] too wide").arg(i).arg(low).arg(high)));
    }
    QCOMPARE(h.bucketHigh(buckets - 1), UINT64_MAX);
    // Values below 2^bits are counted exactly.
    for (std::uint64_t v = 0; v < (std::uint64_t{1} << bits) && v < 5000; ++v)
        QCOMPARE(h.bucketLow(h.indexOf(v)), v);
}

void TestEngine::histogramClear()
{
    LogHistogram h(8);
    for (const auto v : makeData(DataSet::LogUniformWide, 5000))
        h.record(v);
    h.clear();
    QCOMPARE(h.count(), std::uint64_t{0});
    QCOMPARE(h.min(), std::uint64_t{0});
    QCOMPARE(h.max(), std::uint64_t{0});
    QCOMPARE(h.quantile(0.5), std::uint64_t{0});
    // After clear() only the new values count.
    for (std::uint64_t v = 1; v <= 100; ++v)
        h.record(v);
    QCOMPARE(h.count(), std::uint64_t{100});
    QCOMPARE(h.min(), std::uint64_t{1});
    QCOMPARE(h.max(), std::uint64_t{100});
    QCOMPARE(h.quantile(1.0), std::uint64_t{100});
    QCOMPARE(h.quantile(0.01), std::uint64_t{1});
    QCOMPARE(h.quantile(0.2), std::uint64_t{20});
    LogHistogram untouched(8);
    untouched.clear();
    QCOMPARE(untouched.count(), std::uint64_t{0});
}

void TestEngine::histogramInvalid()
{
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LogHistogram(1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LogHistogram(17));
    const LogHistogram empty;
    QCOMPARE(empty.quantile(0.5), std::uint64_t{0});
    QCOMPARE(empty.min(), std::uint64_t{0});
}

// ---- Statistics and series ------------------------------------------------------------------

void TestEngine::tally_data()
{
    QTest::addColumn<std::vector<double>>("values");
    QTest::newRow("empty") << std::vector<double>{};
    QTest::newRow("one") << std::vector<double>{4.5};
    QTest::newRow("two") << std::vector<double>{1, 3};
    QTest::newRow("hand") << std::vector<double>{2, 4, 4, 4, 5, 5, 7, 9};
    QTest::newRow("negative") << std::vector<double>{-1, -10, 3.5, 0, 2};
    std::mt19937_64 rng(7);
    std::vector<double> offset, spread;
    for (int i = 0; i < 100000; ++i) {
        offset.push_back(1e9 + std::uniform_real_distribution<double>(0, 1)(rng)); // cancellation trap
        spread.push_back(std::exp(5 * std::normal_distribution<double>()(rng)));
    }
    QTest::newRow("large offset") << offset;
    QTest::newRow("wide spread") << spread;
}

void TestEngine::tally()
{
    QFETCH(std::vector<double>, values);
    Tally t;
    for (const double x : values)
        t.add(x);
    QCOMPARE(t.count(), static_cast<std::uint64_t>(values.size()));
    if (values.empty()) {
        QCOMPARE(t.mean(), 0.0);
        QCOMPARE(t.variance(), 0.0);
        QCOMPARE(t.min(), 0.0);
        QCOMPARE(t.max(), 0.0);
        return;
    }
    // Two-pass reference in long double.
    long double sum = 0;
    for (const double x : values)
        sum += x;
    const long double mean = sum / static_cast<long double>(values.size());
    long double ss = 0;
    for (const double x : values)
        ss += (x - mean) * (x - mean);
    const double var = values.size() > 1 ? static_cast<double>(ss / static_cast<long double>(values.size() - 1)) : 0.0;
    CHECK_CLOSE(t.mean(), static_cast<double>(mean), 1e-12, 1e-300);
    CHECK_CLOSE(t.variance(), var, 1e-7, 1e-300);
    CHECK_CLOSE(t.stddev(), std::sqrt(var), 1e-7, 1e-300);
    CHECK_CLOSE(t.sum(), static_cast<double>(sum), 1e-12, 1e-300);
    QCOMPARE(t.min(), *std::min_element(values.begin(), values.end()));
    QCOMPARE(t.max(), *std::max_element(values.begin(), values.end()));
}

void TestEngine::tallyMerge()
{
    std::mt19937_64 rng(99);
    std::vector<double> v;
    for (int i = 0; i < 1001; ++i)
        v.push_back(std::uniform_real_distribution<double>(-5, 50)(rng));
    Tally all;
    for (const double x : v)
        all.add(x);
    for (const std::size_t split : {std::size_t{0}, std::size_t{1}, std::size_t{500}, std::size_t{1000}, v.size()}) {
        Tally a, b;
        for (std::size_t i = 0; i < v.size(); ++i)
            (i < split ? a : b).add(v[i]);
        a.merge(b);
        QCOMPARE(a.count(), all.count());
        CHECK_CLOSE(a.mean(), all.mean(), 1e-13, 0);
        CHECK_CLOSE(a.variance(), all.variance(), 1e-12, 0);
        QCOMPARE(a.min(), all.min());
        QCOMPARE(a.max(), all.max());
    }
    Tally empty, copy = all;
    copy.merge(empty);
    QCOMPARE(copy.count(), all.count());
    QCOMPARE(copy.mean(), all.mean());
}

void TestEngine::timeWeighted()
{
    TimeWeighted tw;
    tw.restart(sec(10), 2);
    QCOMPARE(tw.mean(sec(10)), 2.0); // empty window: the current value
    tw.update(sec(12), 5);
    tw.update(sec(15), 1);
    // 2 on [10,12), 5 on [12,15), 1 on [15,20): (4 + 15 + 5) / 10
    CHECK_CLOSE(tw.mean(sec(20)), 2.4, 1e-15, 0);
    QCOMPARE(tw.max(), 5.0);
    QCOMPARE(tw.current(), 1.0);
    // End of warm-up: restart forgets the past, keeps the level.
    tw.restart(sec(20), tw.current());
    tw.update(sec(25), 3);
    tw.update(sec(25), 0.5); // two changes at the same instant: the first lasts no time
    CHECK_CLOSE(tw.mean(sec(30)), (1 * 5 + 0.5 * 5) / 10.0, 1e-15, 0);
    QCOMPARE(tw.max(), 3.0);
    CHECK_CLOSE(tw.mean(sec(25)), 1.0, 1e-15, 0);
}

void TestEngine::binGrid()
{
    const BinGrid g(sec(10), sec(35));
    QCOMPARE(g.count(), std::size_t{4});
    QCOMPARE(g.binStart(2), sec(20));
    QCOMPARE(g.binLength(0), sec(10));
    QCOMPARE(g.binLength(3), sec(5)); // the partial last bin
    QCOMPARE(g.binOf(sec(0)), std::size_t{0});
    QCOMPARE(g.binOf(SimTime::fromTicks(sec(10).ticks() - 1)), std::size_t{0});
    QCOMPARE(g.binOf(sec(10)), std::size_t{1});
    QCOMPARE(g.binOf(sec(34.999)), std::size_t{3});
    QCOMPARE(g.binOf(sec(40)), std::size_t{4}); // beyond the end: callers ignore it
    QCOMPARE(BinGrid(sec(10), sec(40)).count(), std::size_t{4});
    QCOMPARE(BinGrid(sec(10), sec(0)).count(), std::size_t{0});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, BinGrid(sec(0), sec(10)));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, BinGrid(sec(1), sec(-1)));
}

void TestEngine::levelSeries()
{
    LevelSeries s(BinGrid(sec(10), sec(35)), 1);
    s.update(sec(3), 4);
    s.update(sec(7), 2);
    s.update(sec(12), 6);
    s.update(sec(33), 0);
    s.finish();
    // [0,10): 1*3 + 4*4 + 2*3; [10,20): 2*2 + 6*8; [20,30): 6; [30,35): 6*3 + 0*2 over 5.
    const std::vector<double> means = {2.5, 5.2, 6.0, 3.6};
    const std::vector<double> maxima = {4, 6, 6, 6};
    QCOMPARE(s.means().size(), means.size());
    for (std::size_t i = 0; i < means.size(); ++i) {
        CHECK_CLOSE(s.means()[i], means[i], 1e-14, 0);
        QCOMPARE(s.maxima()[i], maxima[i]);
    }
}

void TestEngine::levelSeriesLongQuietGap()
{
    LevelSeries s(BinGrid(sec(1), sec(100)), 0);
    s.update(sec(0.5), 3);
    s.update(sec(97.25), 1);
    s.finish();
    QCOMPARE(s.means().size(), std::size_t{100});
    CHECK_CLOSE(s.means()[0], 1.5, 1e-14, 0);
    for (std::size_t i = 1; i < 97; ++i) {
        CHECK_CLOSE(s.means()[i], 3.0, 1e-14, 0);
        QCOMPARE(s.maxima()[i], 3.0);
    }
    CHECK_CLOSE(s.means()[97], 0.25 * 3 + 0.75 * 1, 1e-14, 0);
    QCOMPARE(s.maxima()[97], 3.0);
    CHECK_CLOSE(s.means()[98], 1.0, 1e-14, 0);
    CHECK_CLOSE(s.means()[99], 1.0, 1e-14, 0);
    QCOMPARE(s.maxima()[99], 1.0);
    // An update past the end is ignored; finish() twice changes nothing.
    s.update(sec(150), 7);
    s.finish();
    CHECK_CLOSE(s.means()[99], 1.0, 1e-14, 0);
}

// The level drops exactly on a bin boundary: from that instant on the bin only ever sees the
// new value, so its maximum is the new value (sample-and-hold, right-continuous).
void TestEngine::levelSeriesChangeOnBinBoundary()
{
    LevelSeries s(BinGrid(sec(10), sec(30)), 0);
    s.update(sec(5), 8);
    s.update(sec(10), 2); // exactly at the start of bin 1
    s.update(sec(20), 1); // exactly at the start of bin 2
    s.finish();
    CHECK_CLOSE(s.means()[0], 4.0, 1e-14, 0);
    CHECK_CLOSE(s.means()[1], 2.0, 1e-14, 0);
    CHECK_CLOSE(s.means()[2], 1.0, 1e-14, 0);
    QCOMPARE(s.maxima()[0], 8.0);
    QCOMPARE(s.maxima()[1], 2.0);
    QCOMPARE(s.maxima()[2], 1.0);
}

void TestEngine::countSeries()
{
    CountSeries c(BinGrid(sec(10), sec(35)));
    c.add(sec(0));
    c.add(SimTime::fromTicks(sec(10).ticks() - 1));
    c.add(sec(10));
    c.add(sec(34), 3);
    c.add(sec(1000)); // far beyond the end: ignored
    QCOMPARE(c.counts(), (std::vector<std::uint64_t>{2, 1, 0, 3}));
}

// The series cover [0, end). With a partial last bin ([30, 35) here), values at or after the end
// but before the next multiple of the width must not land in the last bin.
void TestEngine::countSeriesIgnoresValuesAtOrAfterEnd()
{
    CountSeries c(BinGrid(sec(10), sec(35)));
    c.add(sec(34));
    c.add(sec(35));
    c.add(sec(39.5));
    QCOMPARE(c.counts(), (std::vector<std::uint64_t>{0, 0, 0, 1}));
}

void TestEngine::quantileSeriesIgnoresValuesAtOrAfterEnd()
{
    QuantileSeries q(BinGrid(sec(10), sec(35)));
    q.record(sec(34), 10);
    q.record(sec(36), 5000);
    q.finish();
    QCOMPARE(q.quantile(2)[3], 10.0); // p99 of the last bin: only the value recorded before the end
}

void TestEngine::quantileSeries()
{
    QuantileSeries q(BinGrid(sec(1), sec(4.5)));
    for (std::uint64_t v = 1; v <= 100; ++v)
        q.record(sec(0.001 * static_cast<double>(v)), v); // bin 0: 1..100
    q.record(sec(2.5), 7);                                 // bin 2 after a quiet bin 1
    q.record(sec(4.2), 1000);                              // the partial last bin
    q.record(sec(4.3), 3000);
    q.record(sec(9), 5); // beyond the end
    q.finish();
    const double rel = LogHistogram(7).relativeError();
    const double exact0[] = {50, 95, 99};
    const double exact4[] = {1000, 3000, 3000};
    for (std::size_t k = 0; k < 3; ++k) {
        const auto& series = q.quantile(k);
        QCOMPARE(series.size(), std::size_t{5});
        CHECK_CLOSE(series[0], exact0[k], rel, 0);
        QVERIFY(std::isnan(series[1])); // no waits: no percentile, not a wait of 0
        QCOMPARE(series[2], 7.0);
        QVERIFY(std::isnan(series[3]));
        CHECK_CLOSE(series[4], exact4[k], rel, 0);
    }
}

void TestEngine::simTime()
{
    QCOMPARE(sec(1.5).ticks(), std::int64_t{1'500'000'000});
    QCOMPARE(SimTime::fromSeconds(1e-9).ticks(), std::int64_t{1});
    QCOMPARE(SimTime::fromTicks(2'500'000'000).seconds(), 2.5);
    QCOMPARE(saturatingAdd(SimTime::max(), sec(1)), SimTime::max());
    QCOMPARE(saturatingAdd(sec(1), sec(2)), sec(3));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, SimTime::fromSeconds(kNaN));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, SimTime::fromSeconds(1e10));
}

// ---- Random streams and distributions -------------------------------------------------------

void TestEngine::randomStreamReproducible()
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

void TestEngine::streamIdIsFnv1a_data()
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

void TestEngine::streamIdIsFnv1a()
{
    QFETCH(QString, name);
    QFETCH(quint64, expected);
    const QByteArray utf8 = name.toUtf8();
    const std::string_view view(utf8.constData(), static_cast<std::size_t>(utf8.size()));
    QCOMPARE(static_cast<quint64>(streamId(view)), expected);
    QCOMPARE(static_cast<quint64>(fnv1a64(view)), expected);
}

void TestEngine::distributionSampleMean_data()
{
    QTest::addColumn<DistributionFactory>("make");
    QTest::newRow("constant 2.5") << DistributionFactory([] { return Distribution::constant(2.5); });
    QTest::newRow("exponential 0.3") << DistributionFactory([] { return Distribution::exponential(0.3); });
    QTest::newRow("uniform 1..3") << DistributionFactory([] { return Distribution::uniform(1, 3); });
    QTest::newRow("truncated normal 1, 2") << DistributionFactory([] { return Distribution::truncatedNormal(1, 2); });
    QTest::newRow("truncated normal sd 0") << DistributionFactory([] { return Distribution::truncatedNormal(1, 0); });
    QTest::newRow("lognormal -1, 0.8") << DistributionFactory([] { return Distribution::lognormal(-1, 0.8); });
    QTest::newRow("lognormal mean 1 p95 3") << DistributionFactory([] { return Distribution::lognormalFromMeanP95(1, 3); });
    QTest::newRow("lognormal median 0.2 p95 1") << DistributionFactory([] { return Distribution::lognormalFromMedianP95(0.2, 1); });
    QTest::newRow("gamma mean 2 cv 0.5") << DistributionFactory([] { return Distribution::gammaFromMeanCv(2, 0.5); });
    QTest::newRow("gamma mean 2 cv 2") << DistributionFactory([] { return Distribution::gammaFromMeanCv(2, 2); });
    QTest::newRow("weibull 0.7, 2") << DistributionFactory([] { return Distribution::weibull(0.7, 2); });
    QTest::newRow("weibull 3, 0.5") << DistributionFactory([] { return Distribution::weibull(3, 0.5); });
    QTest::newRow("empirical") << DistributionFactory([] { return Distribution::empirical({7, 1, 2, 2}); });
}

void TestEngine::distributionSampleMean()
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
                            .arg(mean, 0, 'g', 10).arg(d.mean(), 0, 'g', 10).arg(z)));
}

void TestEngine::distributionQuantile_data()
{
    QTest::addColumn<DistributionFactory>("make");
    QTest::addColumn<double>("p");
    QTest::addColumn<double>("expected");
    const boost::math::normal_distribution<double> n01;
    for (const double p : {0.01, 0.5, 0.95, 0.999}) {
        const double z = boost::math::quantile(n01, p);
        QTest::addRow("constant p=%g", p) << DistributionFactory([] { return Distribution::constant(4); }) << p << 4.0;
        QTest::addRow("exponential p=%g", p) << DistributionFactory([] { return Distribution::exponential(2); }) << p
                                             << -2 * std::log1p(-p);
        QTest::addRow("uniform p=%g", p) << DistributionFactory([] { return Distribution::uniform(1, 3); }) << p
                                         << 1 + 2 * p;
        QTest::addRow("lognormal p=%g", p) << DistributionFactory([] { return Distribution::lognormal(0.5, 1.2); })
                                           << p << std::exp(0.5 + 1.2 * z);
        QTest::addRow("weibull p=%g", p) << DistributionFactory([] { return Distribution::weibull(1.5, 3); }) << p
                                         << 3 * std::pow(-std::log1p(-p), 1 / 1.5);
        // Gamma with mean 2 and cv 0.5: shape 1/cv^2 = 4, scale mean cv^2 = 0.5.
        QTest::addRow("gamma p=%g", p) << DistributionFactory([] { return Distribution::gammaFromMeanCv(2, 0.5); })
                                       << p << boost::math::quantile(boost::math::gamma_distribution<double>(4, 0.5), p);
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

void TestEngine::distributionQuantile()
{
    QFETCH(DistributionFactory, make);
    QFETCH(double, p);
    QFETCH(double, expected);
    CHECK_CLOSE(make().quantile(p), expected, 1e-10, 1e-14);
}

void TestEngine::distributionFitted()
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

void TestEngine::distributionSampleCapped()
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

void TestEngine::distributionInvalid_data()
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
    QTest::newRow("lognormal median/p95 p95<median") << Thrower([] { Distribution::lognormalFromMedianP95(1, 0.5); });
    QTest::newRow("lognormal median/p95 median<0") << Thrower([] { Distribution::lognormalFromMedianP95(-1, 0.5); });
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

void TestEngine::distributionInvalid()
{
    QFETCH(Thrower, call);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, call());
}

// ---- ReplicationRunner ----------------------------------------------------------------------

void TestEngine::runnerDeterministic_data()
{
    QTest::addColumn<unsigned>("threads");
    QTest::newRow("1 thread") << 1u;
    QTest::newRow("2 threads") << 2u;
    QTest::newRow("8 threads") << 8u;
}

void TestEngine::runnerDeterministic()
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

void TestEngine::runnerRethrows()
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

void TestEngine::runnerObserverStops()
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

void TestEngine::runnerProgressOnCallingThread()
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

void TestEngine::runnerNoReplications()
{
    RecordingObserver observer(false);
    ReplicationRunner runner(4);
    int calls = 0;
    QVERIFY(runner.run(0, [&](std::size_t, ReplicationContext&) { ++calls; }, &observer));
    QCOMPARE(calls, 0);
    QVERIFY(ReplicationRunner(0).threads() >= 1);
}

QTEST_APPLESS_MAIN(TestEngine)
#include "tst_engine.moc"
