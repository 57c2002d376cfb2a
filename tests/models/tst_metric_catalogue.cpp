// The metric catalogue (models/metrics/metric_catalogue.h): every metric and series has its JSON
// name, a label, a unit and a format (metrics a direction too), names and labels are unique,
// and values are written as the tables print them.
#ifndef Q_MOC_RUN
#include "models/metrics/metric_catalogue.h"
#endif

#include <QtTest>

#include <cmath>
#include <limits>
#include <set>
#include <string>

using namespace poolsim::models;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}
} // namespace

class TestMetricCatalogue : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyMetricDescribed()
    {
        std::set<std::string_view> names, labels;
        for (std::size_t i = 0; i < kMetricCount; ++i) {
            const auto metric = static_cast<Metric>(i);
            const MetricInfo& info = catalogue(metric);
            QVERIFY(info.metric == metric);
            QCOMPARE(info.name, kMetricNames[i]); // the JSON name, unchanged
            QCOMPARE(info.name, metricName(metric));
            QVERIFY2(!info.label.empty(), info.name.data());
            QVERIFY2(!unitName(info.unit).empty(), info.name.data());
            QVERIFY2(!directionName(info.direction).empty(), info.name.data());
            QVERIFY2(names.insert(info.name).second, info.name.data());
            QVERIFY2(labels.insert(info.label).second, info.label.data());
            QCOMPARE(findMetric(info.name), &info);
            // The format suits the unit.
            switch (info.unit) {
            case MetricUnit::Count:
                // Rare events per replication (instance failures) keep two decimals: a mean of
                // 0.3 failures is the answer, and written whole it would read "0".
                QVERIFY(info.format == NumberFormat::Whole || info.format == NumberFormat::TwoDecimals);
                break;
            case MetricUnit::Ratio:
                QVERIFY(info.format == NumberFormat::Percent);
                break;
            case MetricUnit::Seconds:
                QVERIFY(info.format == NumberFormat::Duration);
                break;
            case MetricUnit::Level:
                QVERIFY(info.format == NumberFormat::TwoDecimals);
                break;
            case MetricUnit::PerSecond:
                QVERIFY(info.format == NumberFormat::Rate);
                break;
            case MetricUnit::Factor:
                QVERIFY(info.format == NumberFormat::Factor);
                break;
            }
        }
        QCOMPARE(names.size(), kMetricCount);
        QVERIFY(findMetric("wait_p95") == nullptr); // a slo: key, not a metric name
        QVERIFY(catalogue(Metric::WaitP95S).direction == Direction::LowerIsBetter);
        QVERIFY(catalogue(Metric::ThroughputPerS).direction == Direction::HigherIsBetter);
        QVERIFY(catalogue(Metric::Arrivals).direction == Direction::Neither);
        QCOMPARE(metricLabel(Metric::Failures), std::string_view("other failures"));
    }

    void everySeriesDescribed()
    {
        std::set<std::string_view> names, labels;
        for (std::size_t i = 0; i < kSeriesCount; ++i) {
            const auto series = static_cast<Series>(i);
            const SeriesInfo& info = catalogue(series);
            QVERIFY(info.series == series);
            QCOMPARE(info.name, kSeriesNames[i]);
            QVERIFY2(!info.label.empty(), info.name.data());
            QVERIFY2(!unitName(info.unit).empty(), info.name.data());
            QVERIFY2(names.insert(info.name).second, info.name.data());
            QVERIFY2(labels.insert(info.label).second, info.label.data());
        }
    }

    void values_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<double>("value");
        QTest::addColumn<bool>("sign");
        QTest::addColumn<QString>("text");
        const auto row = [](const char* name, NumberFormat f, double v, bool sign, const char* text) {
            QTest::newRow(name) << int(f) << v << sign << QString::fromUtf8(text);
        };
        row("count", NumberFormat::Whole, 36174.4, false, "36174");
        row("count difference", NumberFormat::Whole, 3, true, "+3");
        row("count difference near zero", NumberFormat::Whole, -0.2, true, "+0");
        row("negative zero", NumberFormat::Whole, -0.0, false, "0");
        row("percent", NumberFormat::Percent, 0.00507, false, "0.507%");
        row("percent whole", NumberFormat::Percent, 1, false, "100.000%");
        row("milliseconds", NumberFormat::Duration, 0.0204, false, "20.4 ms");
        row("just below a second", NumberFormat::Duration, 0.9994, false, "999.4 ms");
        row("rounds to a second", NumberFormat::Duration, 0.99996, false, "1.000 s");
        row("a second", NumberFormat::Duration, 1, false, "1.000 s");
        row("seconds", NumberFormat::Duration, 7.5111, false, "7.511 s");
        row("negative milliseconds", NumberFormat::Duration, -0.0393, true, "-39.3 ms");
        row("level", NumberFormat::TwoDecimals, 1.1234, false, "1.12");
        row("rate", NumberFormat::Rate, 20.1, false, "20.10/s");
        row("factor", NumberFormat::Factor, 1.844, false, "1.84x");
        row("nan", NumberFormat::Duration, kNaN, false, "-");
        row("infinity", NumberFormat::Percent, kInf, true, "-");
    }
    void values()
    {
        QFETCH(int, format);
        QFETCH(double, value);
        QFETCH(bool, sign);
        QFETCH(QString, text);
        QCOMPARE(q(formatValue(value, static_cast<NumberFormat>(format), sign)), text);
    }

    void estimates()
    {
        QCOMPARE(q(formatMetricEstimate(Metric::Arrivals, 36174, 357.2)), QStringLiteral("36174 ± 357"));
        QCOMPARE(q(formatMetricEstimate(Metric::WaitRatio, 0.0072, 0.0015)),
                 QStringLiteral("0.720 ± 0.150%"));
        QCOMPARE(q(formatMetricEstimate(Metric::WaitMeanS, 0.0393, 0.0134)),
                 QStringLiteral("39.3 ± 13.4 ms"));
        // One unit for both, chosen by the larger: never "900.0 ± 1500.0 ms".
        QCOMPARE(q(formatMetricEstimate(Metric::WaitP95S, 0.9, 1.5)), QStringLiteral("0.900 ± 1.500 s"));
        QCOMPARE(q(formatMetricEstimate(Metric::WaitMeanS, -0.0393, 0.0075, true)),
                 QStringLiteral("-39.3 ± 7.5 ms"));
        QCOMPARE(q(formatMetricEstimate(Metric::UtilizationMean, 0.1011, 0.0011, true)),
                 QStringLiteral("+10.110 ± 0.110%"));
        QCOMPARE(q(formatMetricEstimate(Metric::ThroughputPerS, 20.1, 0.2)),
                 QStringLiteral("20.10 ± 0.20/s"));
        QCOMPARE(q(formatMetricEstimate(Metric::BusyMean, 1.12, 0.01)), QStringLiteral("1.12 ± 0.01"));
        // No interval (one replication): the mean alone; no mean: "-".
        QCOMPARE(q(formatMetricEstimate(Metric::WaitMaxS, 1.234, kNaN)), QStringLiteral("1.234 s"));
        QCOMPARE(q(formatMetricEstimate(Metric::WaitMaxS, kNaN, 1)), QStringLiteral("-"));
        // A metric's value and a series' value in their catalogue formats.
        QCOMPARE(q(formatMetricValue(Metric::WaitersMax, 147.67)), QStringLiteral("148"));
        QCOMPARE(q(formatSeriesValue(Series::WaitersMax, 147.67)), QStringLiteral("147.67"));
        QCOMPARE(q(formatSeriesValue(Series::WaitP95S, 7.214)), QStringLiteral("7.214 s"));
        // Against a limit a count keeps its fraction, and only then.
        QCOMPARE(q(formatPreciseValue(Metric::Timeouts, 0.3333)), QStringLiteral("0.33"));
        QCOMPARE(q(formatPreciseValue(Metric::Timeouts, 2)), QStringLiteral("2"));
        QCOMPARE(q(formatPreciseValue(Metric::WaitP95S, 0.25)), QStringLiteral("250.0 ms"));
        QCOMPARE(q(formatPreciseEstimate(Metric::Timeouts, 2, 0.5)), QStringLiteral("2.00 ± 0.50"));
        QCOMPARE(q(formatPreciseEstimate(Metric::Timeouts, 2, 1)), QStringLiteral("2 ± 1"));
    }
};

QTEST_GUILESS_MAIN(TestMetricCatalogue)
#include "tst_metric_catalogue.moc"
