// Tests of the discrete-event kernel in engine/: the log histogram's quantiles against exact
// order statistics, merging, buckets that tile the whole range, clear() and invalid arguments.
#include "engine/log_histogram.h"

#include <QObject>
#include <QString>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

using namespace poolsim::engine;

namespace {

// ---- LogHistogram data sets -----------------------------------------------------------------
enum class DataSet {
    Uniform,
    Exponential,
    LognormalHeavy,
    LogUniformWide,
    SmallIntegers,
    AllZero,
    SingleValue,
    Extremes
};

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

} // namespace

class TestHistogram : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // LogHistogram
    void histogramQuantiles_data();
    void histogramQuantiles();
    void histogramMerge();
    void histogramBucketsTile_data();
    void histogramBucketsTile();
    void histogramClear();
    void histogramInvalid();
};

// ---- LogHistogram ---------------------------------------------------------------------------

void TestHistogram::histogramQuantiles_data()
{
    QTest::addColumn<int>("dataSet");
    QTest::addColumn<unsigned>("bits");
    QTest::addColumn<int>("n");
    const std::pair<DataSet, const char*> sets[] = {{DataSet::Uniform, "uniform"},
                                                    {DataSet::Exponential, "exponential"},
                                                    {DataSet::LognormalHeavy, "lognormal heavy tail"},
                                                    {DataSet::LogUniformWide, "1ns..1e12ns"},
                                                    {DataSet::SmallIntegers, "small integers"},
                                                    {DataSet::AllZero, "all zero"},
                                                    {DataSet::SingleValue, "single value"},
                                                    {DataSet::Extremes, "0 and 2^64-1"}};
    for (const auto& [set, name] : sets)
        for (const unsigned bits : {5u, 8u})
            QTest::addRow("%s, %u bits", name, bits) << static_cast<int>(set) << bits << 50000;
    QTest::newRow("one observation") << static_cast<int>(DataSet::SingleValue) << 8u << 1;
    QTest::newRow("three observations") << static_cast<int>(DataSet::LogUniformWide) << 8u << 3;
}

void TestHistogram::histogramQuantiles()
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
            QFAIL(qPrintable(
                QStringLiteral("p=%1: quantile %2, exact order statistic %3, relative error %4 > %5")
                    .arg(p)
                    .arg(got)
                    .arg(exact)
                    .arg(static_cast<double>(diff) / static_cast<double>(exact))
                    .arg(h.relativeError())));
    }
}

void TestHistogram::histogramMerge()
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
                                         .arg(bits)
                                         .arg(p)
                                         .arg(m->quantile(p))
                                         .arg(all.quantile(p))));
            }
        }
    }
    LogHistogram h5(5), h8(8);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, h8.merge(h5));
}

void TestHistogram::histogramBucketsTile_data()
{
    QTest::addColumn<unsigned>("bits");
    QTest::newRow("5 bits") << 5u;
    QTest::newRow("8 bits") << 8u;
    QTest::newRow("2 bits") << 2u;
    QTest::newRow("16 bits") << 16u;
}

void TestHistogram::histogramBucketsTile()
{
    QFETCH(unsigned, bits);
    const LogHistogram h(bits);
    const std::size_t buckets = h.indexOf(UINT64_MAX) + 1;
    QCOMPARE(h.bucketLow(0), std::uint64_t{0});
    for (std::size_t i = 0; i < buckets; ++i) {
        const std::uint64_t low = h.bucketLow(i), high = h.bucketHigh(i);
        if (low > high || h.indexOf(low) != i || h.indexOf(high) != i)
            QFAIL(qPrintable(QStringLiteral("bucket %1: [%2, %3] maps to %4 and %5")
                                 .arg(i)
                                 .arg(low)
                                 .arg(high)
                                 .arg(h.indexOf(low))
                                 .arg(h.indexOf(high))));
        if (i + 1 < buckets && h.bucketLow(i + 1) != high + 1)
            QFAIL(qPrintable(QStringLiteral("gap or overlap after bucket %1: high %2, next low %3")
                                 .arg(i)
                                 .arg(high)
                                 .arg(h.bucketLow(i + 1))));
        // Each bucket is narrow enough for the documented error of its midpoint.
        if (low > 0 && static_cast<double>(high - low) / 2 > h.relativeError() * static_cast<double>(low))
            QFAIL(qPrintable(QStringLiteral("bucket %1 [%2, %3] too wide").arg(i).arg(low).arg(high)));
    }
    QCOMPARE(h.bucketHigh(buckets - 1), UINT64_MAX);
    // Values below 2^bits are counted exactly.
    for (std::uint64_t v = 0; v < (std::uint64_t{1} << bits) && v < 5000; ++v)
        QCOMPARE(h.bucketLow(h.indexOf(v)), v);
}

void TestHistogram::histogramClear()
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

void TestHistogram::histogramInvalid()
{
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LogHistogram(1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, LogHistogram(17));
    const LogHistogram empty;
    QCOMPARE(empty.quantile(0.5), std::uint64_t{0});
    QCOMPARE(empty.min(), std::uint64_t{0});
}

QTEST_APPLESS_MAIN(TestHistogram)
#include "tst_histogram.moc"
