// Durations, rates and percentages: parsing as written in scenario files, and formatting that
// parses back to exactly the same value.
// moc (Qt 6.4) cannot parse the C++20 headers these include; it needs only the test class.
#ifndef Q_MOC_RUN
#include "models/scenario/units.h"
#endif

#include <QtTest>

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

using poolsim::engine::SimTime;
using namespace poolsim::models;

namespace {

constexpr std::int64_t kUs = 1'000;
constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kS = 1'000'000'000;
constexpr std::int64_t kM = 60 * kS;
constexpr std::int64_t kH = 3600 * kS;
constexpr std::int64_t kLongest = 36500 * 24 * kH; // 100 years, the longest duration

std::string errorOf(const std::function<void()>& f)
{
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return e.what();
    }
    return "(no error)";
}

} // namespace

class TstUnits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseDurationGood_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<qint64>("ticks");
        QTest::newRow("ms") << QByteArray("250ms") << qint64(250 * kMs);
        QTest::newRow("decimal seconds") << QByteArray("1.5s") << qint64(1500 * kMs);
        QTest::newRow("minutes") << QByteArray("10m") << qint64(10 * kM);
        QTest::newRow("hours") << QByteArray("2h") << qint64(2 * kH);
        QTest::newRow("us") << QByteArray("30us") << qint64(30 * kUs);
        QTest::newRow("ns") << QByteArray("100ns") << qint64(100);
        QTest::newRow("day") << QByteArray("1d") << qint64(24 * kH);
        QTest::newRow("plain integer") << QByteArray("5") << qint64(5 * kS);
        QTest::newRow("plain fraction") << QByteArray("0.25") << qint64(250 * kMs);
        QTest::newRow("0.1s exact") << QByteArray("0.1s") << qint64(100'000'000);
        QTest::newRow("0.1 exact") << QByteArray("0.1") << qint64(100'000'000);
        QTest::newRow("0.3s exact") << QByteArray("0.3s") << qint64(300'000'000);
        QTest::newRow("1.001h exact") << QByteArray("1.001h") << qint64(3'603'600'000'000);
        QTest::newRow("fraction of a minute") << QByteArray("0.7m") << qint64(42 * kS);
        QTest::newRow("zero") << QByteArray("0") << qint64(0);
        QTest::newRow("zero with unit") << QByteArray("0ms") << qint64(0);
        QTest::newRow("leading point") << QByteArray(".5s") << qint64(500 * kMs);
        QTest::newRow("exponent") << QByteArray("1e3ms") << qint64(kS);
        QTest::newRow("negative exponent") << QByteArray("2.5e-1s") << qint64(250 * kMs);
        QTest::newRow("spaces") << QByteArray("  2 h ") << qint64(2 * kH);
        QTest::newRow("min") << QByteArray("3min") << qint64(3 * kM);
        QTest::newRow("sec") << QByteArray("4sec") << qint64(4 * kS);
        QTest::newRow("hours long") << QByteArray("3 hours") << qint64(3 * kH);
        QTest::newRow("days long") << QByteArray("2days") << qint64(48 * kH);
        QTest::newRow("ms fraction") << QByteArray("0.001ms") << qint64(1000);
        QTest::newRow("rounds half up") << QByteArray("1.0000000005s") << qint64(1'000'000'001);
        QTest::newRow("rounds down") << QByteArray("1.0000000004s") << qint64(1'000'000'000);
        QTest::newRow("below 1ns") << QByteArray("0.0000000004s") << qint64(0);
        QTest::newRow("many digits") << QByteArray("1.234567891234567891234567891s") << qint64(1'234'567'891);
        QTest::newRow("large") << QByteArray("876000h") << qint64(876000 * kH);
        QTest::newRow("compound") << QByteArray("1h30m") << qint64(90 * kM);
        QTest::newRow("compound with space") << QByteArray("12m 5s") << qint64(725 * kS);
        QTest::newRow("compound with fraction") << QByteArray("1m0.5s") << qint64(60 * kS + 500 * kMs);
        QTest::newRow("max") << QByteArray("36500d") << qint64(36500 * 24 * kH);
    }
    void parseDurationGood()
    {
        QFETCH(QByteArray, text);
        QFETCH(qint64, ticks);
        QCOMPARE(parseDuration(text.toStdString()).ticks(), ticks);
    }

    void parseDurationBad_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("message");
        const auto generic = [](const char* t) {
            return QByteArray("expected a duration such as 250ms, 1.5s, 10m or 2h, got '") + t + "'";
        };
        for (const char* t : {"", "abc", "1x", "1.2.3s", "s", "1 s s", "inf", "nan", "1e", "1S", "0x10s",
                              "+1s", "5 ms x", "1,5s", "--1s", "1h30", "1h-30m", "h30m"})
            QTest::newRow(t[0] ? t : "empty") << QByteArray(t) << generic(t);
        QTest::newRow("negative") << QByteArray("-1s")
                                  << QByteArray("a duration cannot be negative, got '-1s'");
        QTest::newRow("negative plain")
            << QByteArray("-0.5") << QByteArray("a duration cannot be negative, got '-0.5'");
        QTest::newRow("too large") << QByteArray("3000000h")
                                   << QByteArray(
                                          "duration '3000000h' is too large (at most 100 years, 36500d)");
        QTest::newRow("just too large")
            << QByteArray("3153600000.000000001s")
            << QByteArray("duration '3153600000.000000001s' is too large (at most 100 years, 36500d)");
        QTest::newRow("beyond the clock")
            << QByteArray("9223372036.854775808s")
            << QByteArray("duration '9223372036.854775808s' is too large (at most 100 years, 36500d)");
    }
    void parseDurationBad()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, message);
        QCOMPARE(QByteArray::fromStdString(errorOf([&] { parseDuration(text.toStdString()); })), message);
    }

    void parseRateGood_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<double>("value");
        QTest::addColumn<char>("unit");
        QTest::newRow("per second") << QByteArray("45/s") << 45.0 << 's';
        QTest::newRow("per minute") << QByteArray("300/m") << 300.0 << 'm';
        QTest::newRow("per hour") << QByteArray("2/h") << 2.0 << 'h';
        QTest::newRow("plain") << QByteArray("45") << 45.0 << 's';
        QTest::newRow("fraction") << QByteArray("0.5/min") << 0.5 << 'm';
        QTest::newRow("sec") << QByteArray("10/sec") << 10.0 << 's';
        QTest::newRow("second") << QByteArray("10/second") << 10.0 << 's';
        QTest::newRow("minute") << QByteArray("7/minute") << 7.0 << 'm';
        QTest::newRow("hour") << QByteArray("3/hour") << 3.0 << 'h';
        QTest::newRow("hr") << QByteArray("1/hr") << 1.0 << 'h';
        QTest::newRow("zero") << QByteArray("0") << 0.0 << 's';
        QTest::newRow("spaces") << QByteArray(" 2.5 / s ") << 2.5 << 's';
        QTest::newRow("exponent") << QByteArray("1e3/h") << 1000.0 << 'h';
    }
    void parseRateGood()
    {
        QFETCH(QByteArray, text);
        QFETCH(double, value);
        QFETCH(char, unit);
        const Rate r = parseRate(text.toStdString());
        QCOMPARE(r.value, value);
        QCOMPARE(r.unit, unit);
    }

    void parseRateBad_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QByteArray>("message");
        for (const char* t :
             {"", "abc", "45/x", "45/", "/s", "inf/s", "nan", "1/d", "1/s/s", "45 per second", "+4/s"})
            QTest::newRow(t[0] ? t : "empty")
                << QByteArray(t) << QByteArray("expected a rate such as 45/s, 300/m or 2/h, got '") + t + "'";
        QTest::newRow("negative") << QByteArray("-1/s")
                                  << QByteArray("a rate cannot be negative, got '-1/s'");
    }
    void parseRateBad()
    {
        QFETCH(QByteArray, text);
        QFETCH(QByteArray, message);
        QCOMPARE(QByteArray::fromStdString(errorOf([&] { parseRate(text.toStdString()); })), message);
    }

    void parsePercent_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<double>("value");
        QTest::addColumn<QByteArray>("message");
        QTest::newRow("percent") << QByteArray("80%") << 0.8 << QByteArray();
        QTest::newRow("fraction") << QByteArray("0.8") << 0.8 << QByteArray();
        QTest::newRow("decimal percent") << QByteArray("12.5%") << 0.125 << QByteArray();
        QTest::newRow("small percent") << QByteArray("0.1%") << 0.001 << QByteArray();
        QTest::newRow("hundred") << QByteArray("100%") << 1.0 << QByteArray();
        QTest::newRow("zero") << QByteArray("0%") << 0.0 << QByteArray();
        QTest::newRow("above one") << QByteArray("150%") << 1.5 << QByteArray();
        QTest::newRow("space") << QByteArray("95 %") << 0.95 << QByteArray();
        const auto generic = [](const char* t) {
            return QByteArray("expected a percentage such as 80% or a fraction such as 0.8, got '") + t + "'";
        };
        for (const char* t : {"", "abc", "%", "80%%", "inf", "8 0%"})
            QTest::newRow(t[0] ? t : "empty") << QByteArray(t) << 0.0 << generic(t);
        QTest::newRow("negative") << QByteArray("-5%") << 0.0
                                  << QByteArray("a percentage cannot be negative, got '-5%'");
    }
    void parsePercent()
    {
        QFETCH(QByteArray, text);
        QFETCH(double, value);
        QFETCH(QByteArray, message);
        if (message.isEmpty())
            QCOMPARE(poolsim::models::parsePercent(text.toStdString()), value);
        else
            QCOMPARE(QByteArray::fromStdString(
                         errorOf([&] { poolsim::models::parsePercent(text.toStdString()); })),
                     message);
    }

    void formatDuration_data()
    {
        QTest::addColumn<qint64>("ticks");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("zero") << qint64(0) << QByteArray("0s");
        QTest::newRow("ms") << qint64(250 * kMs) << QByteArray("250ms");
        QTest::newRow("1.5s") << qint64(1500 * kMs) << QByteArray("1.5s");
        QTest::newRow("10m") << qint64(10 * kM) << QByteArray("10m");
        QTest::newRow("2h") << qint64(2 * kH) << QByteArray("2h");
        QTest::newRow("90s") << qint64(90 * kS) << QByteArray("1.5m");
        QTest::newRow("100s") << qint64(100 * kS) << QByteArray("100s");
        QTest::newRow("3601s") << qint64(3601 * kS) << QByteArray("3601s");
        QTest::newRow("1.001h") << qint64(3'603'600'000'000) << QByteArray("1.001h");
        QTest::newRow("36h") << qint64(36 * kH) << QByteArray("36h");
        QTest::newRow("1ns") << qint64(1) << QByteArray("1ns");
        QTest::newRow("999ns") << qint64(999) << QByteArray("999ns");
        QTest::newRow("1us") << qint64(1000) << QByteArray("1us");
        QTest::newRow("1.5ms") << qint64(1'500'000) << QByteArray("1.5ms");
        QTest::newRow("odd") << qint64(1'234'567'891) << QByteArray("1.234567891s");
        QTest::newRow("negative") << qint64(-250 * kMs) << QByteArray("-250ms");
    }
    void formatDuration()
    {
        QFETCH(qint64, ticks);
        QFETCH(QByteArray, text);
        QCOMPARE(QByteArray::fromStdString(poolsim::models::formatDuration(SimTime::fromTicks(ticks))), text);
    }

    void formatDurationRoundTrip()
    {
        std::vector<std::int64_t> values = {
            0,        1,           7,          999,           1000,
            1001,     kMs - 1,     kMs,        kS - 1,        kS,
            kS + 1,   59 * kS,     kM,         kM + 1,        kH - 1,
            kH,       kH + 1,      86400 * kS, 1'234'567'891, 3'603'600'000'000,
            kLongest, kLongest - 1};
        // Deterministic pseudo-random ticks over every magnitude.
        std::uint64_t x = 0x9E3779B97F4A7C15ull;
        for (int i = 0; i < 20000; ++i) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            const int bits = 1 + static_cast<int>(x % 62); // wrapped into the 100-year range below
            values.push_back(static_cast<std::int64_t>((x >> 1) >> (63 - bits)) % (kLongest + 1));
            // Round multiples, where the coarse units apply.
            values.push_back(static_cast<std::int64_t>(x % 100000) * kMs);
            values.push_back(static_cast<std::int64_t>(x % 10000) * kS / 8);
        }
        for (const std::int64_t t : values) {
            const std::string text = poolsim::models::formatDuration(SimTime::fromTicks(t));
            const std::int64_t back = parseDuration(text).ticks();
            if (back != t)
                QFAIL(qPrintable(
                    QStringLiteral("%1 -> %2 -> %3").arg(t).arg(QString::fromStdString(text)).arg(back)));
        }
    }

    void formatNumber_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("integer") << 45.0 << QByteArray("45");
        QTest::newRow("tenth") << 0.1 << QByteArray("0.1");
        QTest::newRow("negative") << -0.2 << QByteArray("-0.2");
        QTest::newRow("large") << 1e20 << QByteArray("1e+20");
        QTest::newRow("third") << 1.0 / 3 << QByteArray("0.3333333333333333");
    }
    void formatNumber()
    {
        QFETCH(double, value);
        QFETCH(QByteArray, text);
        const std::string s = poolsim::models::formatNumber(value);
        QCOMPARE(QByteArray::fromStdString(s), text);
        QCOMPARE(std::strtod(s.c_str(), nullptr), value);
    }

    void formatRate()
    {
        QCOMPARE(poolsim::models::formatRate(Rate{45, 's'}), std::string("45/s"));
        QCOMPARE(poolsim::models::formatRate(Rate{0.5, 'm'}), std::string("0.5/m"));
        QCOMPARE(poolsim::models::formatRate(Rate{2, 'h'}), std::string("2/h"));
        for (const Rate r : {Rate{45, 's'}, Rate{0.1, 'm'}, Rate{1.0 / 3, 'h'}, Rate{0, 's'}})
            QCOMPARE(parseRate(poolsim::models::formatRate(r)), r);
    }
};

QTEST_APPLESS_MAIN(TstUnits)
#include "tst_units.moc"
