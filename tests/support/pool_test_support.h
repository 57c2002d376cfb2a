#pragma once
// Shared by the pool-model suites: run an inline YAML scenario, read metrics and series, and
// compare with stated tolerances.
#ifndef Q_MOC_RUN
#include "models/metrics/metrics.h"
#include "models/results/run_result.h"
#include "models/scenario/scenario_yaml.h"
#include "models/simulation/simulation.h"
#endif

#include <QTest>

#include <cmath>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using namespace poolsim;
using models::Metric;
using models::Series;

namespace pooltest {

using Result = std::shared_ptr<const models::RunResult>;

const std::string kDataDir = POOLSIM_SOURCE_DIR "/tests/data/model";

struct Options
{
    unsigned threads = 2;
    std::optional<std::uint64_t> seed;
    std::optional<std::int64_t> replications;
};

/// Loads and runs `yaml`; on a load or run error, `error` says why and the result is null.
Result runYaml(const QByteArray& yaml, QString& error, const Options& options = {})
{
    try {
        const models::Scenario s = models::loadScenarioText(yaml.toStdString(), "pool-test.yaml", kDataDir);
        models::RunOptions o;
        o.threads = options.threads;
        o.seed = options.seed;
        o.replications = options.replications;
        return models::runScenario(s, o);
    } catch (const std::exception& e) {
        error = QString::fromUtf8(e.what());
        return nullptr;
    }
}

// RUN(var, yaml[, options]) declares `var` as the result of running `yaml`, failing the test if it
// does not load or run.
#define RUN(var, yaml, ...)                                                                                  \
    QString var##Error;                                                                                      \
    const Result var = runYaml(yaml, var##Error __VA_OPT__(, ) __VA_ARGS__);                                 \
    do {                                                                                                     \
        if (!var)                                                                                            \
            QFAIL(qPrintable(QStringLiteral("scenario failed: ") + var##Error));                             \
    } while (false)

QByteArray text(const char* s)
{
    return QByteArray(s);
}

/// `tmpl` with %1, %2, ... replaced by `args` in order.
QByteArray fill(const char* tmpl, const QStringList& args)
{
    QString s = QString::fromUtf8(tmpl);
    for (const QString& a : args)
        s = s.arg(a);
    return s.toUtf8();
}

QString num(double v)
{
    return QString::number(v, 'g', 12);
}

double mean(const models::RunResult& r, Metric m)
{
    return r.metrics[m].mean;
}
double wmean(const models::RunResult& r, std::size_t workload, Metric m)
{
    return r.workloadMetrics[workload][m].mean;
}
const models::SeriesBand& band(const models::RunResult& r, Series s)
{
    return r.series[static_cast<std::size_t>(s)];
}

/// Bin index of time `t` (seconds) at the run's resolution, by exact rounding of the ratio.
std::size_t binAt(const models::RunResult& r, double t)
{
    return static_cast<std::size_t>(std::floor(t / r.resolutionS + 1e-9));
}

/// Sum of the per-bin means of `s` over the bins covering [from, to) seconds.
double binSum(const models::RunResult& r, Series s, double from, double to)
{
    const auto& v = band(r, s).mean;
    double sum = 0;
    for (std::size_t i = binAt(r, from); i < v.size() && i < binAt(r, to); ++i)
        sum += v[i];
    return sum;
}

double seriesMax(const std::vector<double>& v)
{
    double best = -1e300;
    for (const double x : v)
        best = std::max(best, x);
    return best;
}

QString describe(const char* what, double got, double expected, double tolerance)
{
    return QStringLiteral("%1: got %2, expected %3 (tolerance %4)")
        .arg(QLatin1String(what))
        .arg(got, 0, 'g', 10)
        .arg(expected, 0, 'g', 10)
        .arg(tolerance, 0, 'g', 3);
}

#define EXPECT_NEAR(what, got, expected, tolerance)                                                          \
    do {                                                                                                     \
        const double got_ = (got), expected_ = (expected), tolerance_ = (tolerance);                         \
        QVERIFY2(std::fabs(got_ - expected_) <= tolerance_,                                                  \
                 qPrintable(describe(what, got_, expected_, tolerance_)));                                   \
    } while (false)

// Exact up to the rounding of a few additions of doubles.
#define EXPECT_EXACT(what, got, expected)                                                                    \
    EXPECT_NEAR(what, got, expected, 1e-9 * (1 + std::fabs(double(expected))))

bool sameBits(const models::MetricValues& a, const models::MetricValues& b)
{
    return std::memcmp(a.values.data(), b.values.data(), sizeof(double) * a.values.size()) == 0;
}

bool sameBits(const models::MetricEstimates& a, const models::MetricEstimates& b)
{
    for (std::size_t i = 0; i < a.values.size(); ++i)
        if (std::memcmp(&a.values[i].mean, &b.values[i].mean, sizeof(double)) != 0 ||
            std::memcmp(&a.values[i].ci95, &b.values[i].ci95, sizeof(double)) != 0)
            return false;
    return true;
}

bool sameBits(const std::vector<double>& a, const std::vector<double>& b)
{
    return a.size() == b.size() &&
           (a.empty() || std::memcmp(a.data(), b.data(), sizeof(double) * a.size()) == 0);
}

QString firstDifference(const models::MetricValues& a, const models::MetricValues& b)
{
    for (std::size_t i = 0; i < a.values.size(); ++i)
        if (std::memcmp(&a.values[i], &b.values[i], sizeof(double)) != 0)
            return QStringLiteral("%1: %2 vs %3")
                .arg(QLatin1String(models::kMetricNames[i].data(), qsizetype(models::kMetricNames[i].size())))
                .arg(a.values[i], 0, 'g', 17)
                .arg(b.values[i], 0, 'g', 17);
    return QStringLiteral("none");
}

} // namespace pooltest

using namespace pooltest; // NOLINT: test helpers, one per suite
