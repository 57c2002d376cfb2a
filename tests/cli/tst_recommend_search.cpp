// The pool-size search for a scenario with a database server (models/planning/size_search.h) on
// made-up verdicts, where a scan of every size is free: for every interval of meeting sizes (and
// none), wherever the start, the bottom of the shortfall and the lowest response p99 lie, the
// search finds the smallest and largest meeting size and the best, as the scan does, asks for no
// size twice and for far fewer sizes than the scan. And the shortfall it steers by.
#ifndef Q_MOC_RUN
#include "models/planning/size_search.h"
#endif

#include <QTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <vector>

using namespace poolsim;

namespace {

/// A U-shaped verdict: sizes in [lo, hi] meet (none when hi < lo); the shortfall falls to its
/// bottom and rises after it (steeper above, as an overloaded server), flat below `flatBelow`
/// (a saturated metric); the response p99 is lowest at `p99At` (between two sizes: a tie).
struct Shape
{
    std::int64_t lo = 0, hi = -1;
    double bottom = 0;
    double p99At = 0;
    std::int64_t flatBelow = 0;

    double shortfall(std::int64_t n) const
    {
        if (hi < lo)
            return 1.2 + 0.01 * std::abs(static_cast<double>(std::max(n, flatBelow)) - bottom);
        if (n < lo)
            return 1 + 0.1 * static_cast<double>(lo - std::max(n, std::min(flatBelow, lo - 1)));
        const double x = static_cast<double>(n);
        if (n > hi)
            return 1 + 0.3 * static_cast<double>(n - hi);
        return 0.5 + 0.4 * std::abs(x - bottom) / static_cast<double>(hi - lo + 1);
    }
    models::SizeVerdict at(std::int64_t n) const
    {
        const double d = static_cast<double>(n) - p99At;
        return {n >= lo && n <= hi, shortfall(n), 0.01 + 0.001 * d * d};
    }
};

struct Scan
{
    std::optional<std::int64_t> smallest, largest, best;
};

/// Every size from minSize to maxSize.
Scan scan(const Shape& shape, std::int64_t minSize, std::int64_t maxSize)
{
    Scan s;
    double lowest = std::numeric_limits<double>::infinity();
    for (std::int64_t n = minSize; n <= maxSize; ++n) {
        const models::SizeVerdict v = shape.at(n);
        if (!v.met)
            continue;
        if (!s.smallest)
            s.smallest = n;
        s.largest = n;
        if (v.responseP99 < lowest) {
            lowest = v.responseP99;
            s.best = n;
        }
    }
    return s;
}

QString text(std::optional<std::int64_t> v)
{
    return v ? QString::number(*v) : QStringLiteral("none");
}

} // namespace

class TestRecommendSearch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Every interval [lo, hi] of the row's sizes (and every empty one), with the shortfall's
    // bottom and the lowest p99 at the interval's ends, in it and outside it.
    void agreesWithScan_data()
    {
        QTest::addColumn<int>("minSize");
        QTest::addColumn<int>("maxSize");
        QTest::addColumn<int>("start");
        QTest::addColumn<int>("flatBelow");
        QTest::addColumn<int>("mostProbes"); // for any interval: the search's cost, stated
        QTest::newRow("1..64 from 2") << 1 << 64 << 2 << 0 << 26;
        QTest::newRow("1..64 from 20: above narrow ranges") << 1 << 64 << 20 << 0 << 26;
        QTest::newRow("1..64 from 64: --max-pool") << 1 << 64 << 64 << 0 << 26;
        QTest::newRow("3..40 from 1: min_idle 3") << 3 << 40 << 1 << 0 << 24;
        QTest::newRow("1..64 from 2, flat below 12") << 1 << 64 << 2 << 12 << 26;
        QTest::newRow("1..300 from 5") << 1 << 300 << 5 << 0 << 36;
    }
    void agreesWithScan()
    {
        QFETCH(int, minSize);
        QFETCH(int, maxSize);
        QFETCH(int, start);
        QFETCH(int, flatBelow);
        QFETCH(int, mostProbes);
        int most = 0, cases = 0;
        auto check = [&](const Shape& shape) {
            ++cases;
            std::map<std::int64_t, int> asked;
            const models::SizeProbe probe = [&](std::int64_t n) {
                ++asked[n];
                return shape.at(n);
            };
            const models::MeetingRange got = models::searchMeetingRange(probe, minSize, maxSize, start, true);
            const Scan want = scan(shape, minSize, maxSize);
            const QString what = QStringLiteral("meeting %1..%2, bottom %3, p99 lowest at %4: ")
                                     .arg(shape.lo)
                                     .arg(shape.hi)
                                     .arg(shape.bottom)
                                     .arg(shape.p99At);
            if (got.smallest != want.smallest || got.largest != want.largest || got.best != want.best) {
                QFAIL(qPrintable(what + QStringLiteral("found %1..%2 best %3, the scan %4..%5 best %6")
                                            .arg(text(got.smallest), text(got.largest), text(got.best),
                                                 text(want.smallest), text(want.largest), text(want.best))));
            }
            for (const auto& [n, times] : asked)
                QVERIFY2(times == 1, qPrintable(what + QStringLiteral("size %1 asked twice").arg(n)));
            most = std::max(most, static_cast<int>(asked.size()));
        };
        // The lowest p99 below the range and above it (the best at an end), a tie between two
        // sizes inside, a third of the way in.
        auto p99Places = [](std::int64_t lo, std::int64_t hi) {
            const double l = static_cast<double>(lo), h = static_cast<double>(hi);
            return std::vector<double>{l - 3, h + 5, (l + h) / 2 + 0.5, l + (h - l) / 3};
        };
        const int stride = maxSize > 100 ? 7 : 1; // the long row: every seventh size
        for (int lo = minSize; lo <= maxSize; lo += stride)
            for (int hi = lo; hi <= maxSize; hi += stride)
                for (const double bottom : {double(lo), (lo + hi) / 2.0, double(hi)})
                    for (const double p99At : p99Places(lo, hi))
                        if (QTest::currentTestFailed())
                            return;
                        else
                            check(Shape{lo, hi, bottom, p99At, flatBelow});
        for (int bottom = minSize; bottom <= maxSize; ++bottom) // nothing meets
            check(Shape{1, 0, double(bottom), 0, flatBelow});
        QVERIFY(!QTest::currentTestFailed());
        qInfo("%d cases; at most %d of the %d sizes asked for", cases, most, maxSize - minSize + 1);
        QVERIFY2(most <= mostProbes, qPrintable(QStringLiteral("%1 probes").arg(most)));
    }

    // Without the whole range the search stops at the smallest, with the same answer.
    void smallestOnly()
    {
        for (int lo = 1; lo <= 40; ++lo)
            for (int hi = lo; hi <= 40; ++hi) {
                const Shape shape{lo, hi, (lo + hi) / 2.0, double(lo), 0};
                int asked = 0;
                const models::SizeProbe probe = [&](std::int64_t n) {
                    ++asked;
                    return shape.at(n);
                };
                const models::MeetingRange got = models::searchMeetingRange(probe, 1, 40, 3, false);
                QCOMPARE(got.smallest, std::optional<std::int64_t>(lo));
                QVERIFY(!got.largest);
                QVERIFY(!got.best);
                QVERIFY2(asked <= 12,
                         qPrintable(QStringLiteral("%1..%2: %3 probes").arg(lo).arg(hi).arg(asked)));
            }
    }

    void shortfall_data()
    {
        QTest::addColumn<double>("limit1");
        QTest::addColumn<double>("upper1");
        QTest::addColumn<double>("limit2");
        QTest::addColumn<double>("upper2");
        QTest::addColumn<double>("shortfall");
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        QTest::newRow("both within: the worse") << 0.1 << 0.05 << 0.01 << 0.008 << 0.8;
        QTest::newRow("one over") << 0.1 << 0.3 << 0.01 << 0.008 << 3.0;
        QTest::newRow("exactly at the limit") << 0.1 << 0.1 << 0.01 << 0.0 << 1.0;
        QTest::newRow("limit 0 met") << 0.0 << 0.0 << 1.0 << 0.5 << 1.0;
        QTest::newRow("limit 0 missed by 2") << 0.0 << 2.0 << 1.0 << 0.5 << 3.0;
        QTest::newRow("nothing measured") << 0.1 << nan << 1.0 << 0.5 << inf;
    }
    void shortfall()
    {
        QFETCH(double, limit1);
        QFETCH(double, upper1);
        QFETCH(double, limit2);
        QFETCH(double, upper2);
        QFETCH(double, shortfall);
        models::SloReport report;
        for (const auto& [limit, upper] : {std::pair{limit1, upper1}, std::pair{limit2, upper2}}) {
            models::SloCheck c;
            c.limit.limit = limit;
            c.estimate.mean = upper;
            c.upper = upper;
            c.met = !std::isnan(upper) && upper <= limit;
            report.checks.push_back(c);
        }
        const double got = models::sloShortfall(report);
        QCOMPARE(got, shortfall);
        QCOMPARE(got <= 1, report.met());
    }
};

QTEST_GUILESS_MAIN(TestRecommendSearch)
#include "tst_recommend_search.moc"
