// Tests of the discrete-event kernel in engine/: the statistics collectors (tally, time-weighted)
// and the time series (bin grid, level, count and quantile series) on hand-computed sequences,
// and the simulation clock's conversions.
#include "engine/log_histogram.h"
#include "engine/simtime.h"
#include "engine/statistics.h"
#include "engine/time_series.h"

#include <QObject>
#include <QString>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

#include "engine_test_support.h"

class TestStatistics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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
};

// ---- Statistics and series ------------------------------------------------------------------

void TestStatistics::tally_data()
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

void TestStatistics::tally()
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
    const double var =
        values.size() > 1 ? static_cast<double>(ss / static_cast<long double>(values.size() - 1)) : 0.0;
    CHECK_CLOSE(t.mean(), static_cast<double>(mean), 1e-12, 1e-300);
    CHECK_CLOSE(t.variance(), var, 1e-7, 1e-300);
    CHECK_CLOSE(t.stddev(), std::sqrt(var), 1e-7, 1e-300);
    CHECK_CLOSE(t.sum(), static_cast<double>(sum), 1e-12, 1e-300);
    QCOMPARE(t.min(), *std::min_element(values.begin(), values.end()));
    QCOMPARE(t.max(), *std::max_element(values.begin(), values.end()));
}

void TestStatistics::tallyMerge()
{
    std::mt19937_64 rng(99);
    std::vector<double> v;
    for (int i = 0; i < 1001; ++i)
        v.push_back(std::uniform_real_distribution<double>(-5, 50)(rng));
    Tally all;
    for (const double x : v)
        all.add(x);
    for (const std::size_t split :
         {std::size_t{0}, std::size_t{1}, std::size_t{500}, std::size_t{1000}, v.size()}) {
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

void TestStatistics::timeWeighted()
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

void TestStatistics::binGrid()
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

void TestStatistics::levelSeries()
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

void TestStatistics::levelSeriesLongQuietGap()
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
void TestStatistics::levelSeriesChangeOnBinBoundary()
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

void TestStatistics::countSeries()
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
void TestStatistics::countSeriesIgnoresValuesAtOrAfterEnd()
{
    CountSeries c(BinGrid(sec(10), sec(35)));
    c.add(sec(34));
    c.add(sec(35));
    c.add(sec(39.5));
    QCOMPARE(c.counts(), (std::vector<std::uint64_t>{0, 0, 0, 1}));
}

void TestStatistics::quantileSeriesIgnoresValuesAtOrAfterEnd()
{
    QuantileSeries q(BinGrid(sec(10), sec(35)));
    q.record(sec(34), 10);
    q.record(sec(36), 5000);
    q.finish();
    QCOMPARE(q.quantile(2)[3], 10.0); // p99 of the last bin: only the value recorded before the end
}

void TestStatistics::quantileSeries()
{
    QuantileSeries q(BinGrid(sec(1), sec(4.5)));
    for (std::uint64_t v = 1; v <= 100; ++v)
        q.record(sec(0.001 * static_cast<double>(v)), v); // bin 0: 1..100
    q.record(sec(2.5), 7);                                // bin 2 after a quiet bin 1
    q.record(sec(4.2), 1000);                             // the partial last bin
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

void TestStatistics::simTime()
{
    QCOMPARE(sec(1.5).ticks(), std::int64_t{1'500'000'000});
    QCOMPARE(SimTime::fromSeconds(1e-9).ticks(), std::int64_t{1});
    QCOMPARE(SimTime::fromTicks(2'500'000'000).seconds(), 2.5);
    QCOMPARE(saturatingAdd(SimTime::max(), sec(1)), SimTime::max());
    QCOMPARE(saturatingAdd(sec(1), sec(2)), sec(3));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, SimTime::fromSeconds(kNaN));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, SimTime::fromSeconds(1e10));
}

QTEST_APPLESS_MAIN(TestStatistics)
#include "tst_statistics.moc"
