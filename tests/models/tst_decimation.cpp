// Min-max decimation of series for charts (models/results/series_decimation.h): the result keeps the
// global minimum and maximum, the first and the last point, has at most N points with x in the
// input's order, and leaves a series that already fits unchanged.
#ifndef Q_MOC_RUN
#include "models/results/series_decimation.h"
#endif

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

using poolsim::models::decimateMinMax;
using poolsim::models::XYSeries;

namespace {

enum class Shape { Ramp, Sine, Spike, Dip, Constant, Noise, NanGaps };

std::vector<double> shapeValues(Shape shape, int n)
{
    std::vector<double> y(static_cast<std::size_t>(n));
    unsigned state = 12345;
    for (int i = 0; i < n; ++i) {
        double v = 0;
        switch (shape) {
        case Shape::Ramp:
            v = i;
            break;
        case Shape::Sine:
            v = std::sin(i * 0.01) * 10;
            break;
        case Shape::Spike:
            v = (i == n / 3) ? 1000 : 1;
            break;
        case Shape::Dip:
            v = (i == n - 2) ? -50 : 3;
            break;
        case Shape::Constant:
            v = 7;
            break;
        case Shape::Noise:
            state = state * 1103515245u + 12345u;
            v = static_cast<double>((state >> 8) % 1000);
            break;
        case Shape::NanGaps:
            v = (i / 1000) % 3 == 1 ? std::numeric_limits<double>::quiet_NaN() : i % 17;
            break;
        }
        y[static_cast<std::size_t>(i)] = v;
    }
    return y;
}

std::vector<double> indexX(int n)
{
    std::vector<double> x(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i)
        x[static_cast<std::size_t>(i)] = i * 0.5;
    return x;
}

double minOf(const std::vector<double>& v)
{
    double m = std::numeric_limits<double>::infinity();
    for (double d : v)
        if (!std::isnan(d))
            m = std::min(m, d);
    return m;
}

double maxOf(const std::vector<double>& v)
{
    double m = -std::numeric_limits<double>::infinity();
    for (double d : v)
        if (!std::isnan(d))
            m = std::max(m, d);
    return m;
}

} // namespace

Q_DECLARE_METATYPE(Shape)

class TstDecimation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reduces_data()
    {
        QTest::addColumn<Shape>("shape");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("maxPoints");
        QTest::newRow("ramp 100k -> 4000") << Shape::Ramp << 100000 << 4000;
        QTest::newRow("sine 10k -> 500") << Shape::Sine << 10000 << 500;
        QTest::newRow("one spike 1M -> 4000") << Shape::Spike << 1000000 << 4000;
        QTest::newRow("dip before the end") << Shape::Dip << 5000 << 100;
        QTest::newRow("constant") << Shape::Constant << 9000 << 1000;
        QTest::newRow("noise, odd budget") << Shape::Noise << 12345 << 777;
        QTest::newRow("noise, smallest budget") << Shape::Noise << 1000 << 4;
        QTest::newRow("just over the budget") << Shape::Sine << 4001 << 4000;
        QTest::newRow("gaps of NaN") << Shape::NanGaps << 30000 << 600;
    }
    void reduces()
    {
        QFETCH(Shape, shape);
        QFETCH(int, n);
        QFETCH(int, maxPoints);
        const std::vector<double> x = indexX(n), y = shapeValues(shape, n);
        const XYSeries d = decimateMinMax(x, y, static_cast<std::size_t>(maxPoints));

        QCOMPARE(d.x.size(), d.y.size());
        QVERIFY(d.x.size() <= static_cast<std::size_t>(maxPoints));
        QVERIFY(d.x.size() >= std::min<std::size_t>(static_cast<std::size_t>(maxPoints) / 2, x.size()));
        QVERIFY(std::is_sorted(d.x.begin(), d.x.end()));
        QVERIFY(std::adjacent_find(d.x.begin(), d.x.end()) == d.x.end()); // no point twice
        QCOMPARE(d.x.front(), x.front());
        QCOMPARE(d.x.back(), x.back());
        QCOMPARE(minOf(d.y), minOf(y));
        QCOMPARE(maxOf(d.y), maxOf(y));
        // Every point kept is a point of the input.
        for (std::size_t i = 0; i < d.x.size(); ++i) {
            const auto k = static_cast<std::size_t>(std::llround(d.x[i] * 2));
            QCOMPARE(d.x[i], x[k]);
            QVERIFY(d.y[i] == y[k] || (std::isnan(d.y[i]) && std::isnan(y[k])));
        }
        if (shape == Shape::NanGaps) // a run of only NaN stays a gap in the line
            QVERIFY(std::any_of(d.y.begin(), d.y.end(), [](double v) { return std::isnan(v); }));
    }

    void smallInputsUnchanged_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("maxPoints");
        QTest::newRow("empty") << 0 << 4000;
        QTest::newRow("one point") << 1 << 4000;
        QTest::newRow("exactly the budget") << 4000 << 4000;
        QTest::newRow("tiny budget, tiny input") << 3 << 3;
        QTest::newRow("zero budget, empty input") << 0 << 0;
    }
    void smallInputsUnchanged()
    {
        QFETCH(int, n);
        QFETCH(int, maxPoints);
        const std::vector<double> x = indexX(n), y = shapeValues(Shape::Noise, n);
        const XYSeries d = decimateMinMax(x, y, static_cast<std::size_t>(maxPoints));
        QCOMPARE(d.x, x);
        QCOMPARE(d.y, y);
    }

    void rejectsBadInput_data()
    {
        QTest::addColumn<int>("nx");
        QTest::addColumn<int>("ny");
        QTest::addColumn<int>("maxPoints");
        QTest::newRow("lengths differ") << 10 << 9 << 4000;
        QTest::newRow("budget too small to keep ends and peaks") << 100 << 100 << 3;
    }
    void rejectsBadInput()
    {
        QFETCH(int, nx);
        QFETCH(int, ny);
        QFETCH(int, maxPoints);
        const std::vector<double> x = indexX(nx), y = shapeValues(Shape::Ramp, ny);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 decimateMinMax(x, y, static_cast<std::size_t>(maxPoints)));
    }
};

QTEST_MAIN(TstDecimation)
#include "tst_decimation.moc"
