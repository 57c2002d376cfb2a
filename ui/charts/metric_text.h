#pragma once
// How the charts and tables name and write the model's figures: every metric's and series'
// label and kind of number come from the catalogue (models/metrics/metric_catalogue.h); values
// are written for reading (250 ms, 83.5%, 12.4, 45.2/s) with their 95% confidence half-widths.
#include "models/metrics/metrics.h"
#include "models/results/run_result.h"
#include "models/results/slo.h"

#include <QString>

#include <vector>

namespace poolsim::ui {

enum class ValueUnit {
    Count,    // requests per replication (arrivals, timeouts)
    Fraction, // shown as a percentage
    Seconds,  // a duration
    Level,    // a time-average or a level (connections in use, waiting requests)
    Rate,     // per second
    Factor    // how many times longer than alone: a query's slowdown, "1.84x"
};

struct MetricInfo
{
    models::Metric metric;
    QString label;
    ValueUnit unit;
};

/// Every metric, in display order (the order of models::Metric).
const std::vector<MetricInfo>& metricInfos();
const MetricInfo& metricInfo(models::Metric metric);
/// The metrics a result of a system with `parts` has, in display order. Metrics of parts it
/// does not have (the database server's without database.capacity) are left out rather than
/// shown as zeros that would read as measurements.
std::vector<MetricInfo> metricInfos(models::ModelParts parts);

struct SeriesInfo
{
    models::Series series;
    QString label;
    ValueUnit unit;
};

/// Every time series, in the order of models::Series.
const std::vector<SeriesInfo>& seriesInfos();
const SeriesInfo& seriesInfo(models::Series series);
/// The series a result of a system with `parts` has, in the order of models::Series.
std::vector<SeriesInfo> seriesInfos(models::ModelParts parts);

ValueUnit unitOf(models::SloUnit unit);

/// A value in its unit; "-" for NaN and infinities.
QString formatValue(double value, ValueUnit unit);
/// The same with a sign always shown ("+1.2 s", "-3.0%"): differences.
QString formatSigned(double value, ValueUnit unit);
/// "1.25 s ± 80 ms"; just the mean when the half-width is unknown (one replication).
QString formatEstimate(const models::Estimate& estimate, ValueUnit unit);
/// A length of time as people read it: "350 µs", "250 ms", "1.25 s", "2m 05s", "1h 05m".
QString formatSeconds(double seconds);
/// A simulated time as a clock: "08:00" below an hour, "01:08:00", "2d 01:08:00".
QString formatClock(double seconds);

} // namespace poolsim::ui
