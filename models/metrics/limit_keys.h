#pragma once
// What a scenario's `slo:` and `alerts:` may name: the service-level keys and the metric each
// limits, the alert signals and the series each watches, with the unit their levels are
// written in. The scenario format checks names against these; results evaluate them.
#include "models/metrics/metric_catalogue.h"
#include "models/metrics/metrics.h"

#include <string_view>
#include <vector>

namespace poolsim::models {

enum class SloUnit {
    Duration, // written as a duration (1s, 250ms); the metric is in seconds
    Fraction, // written as a percentage (90%) or a fraction (0.9)
    Count     // a number of requests per replication, or a level (waiters)
};

/// How a level in `unit` is written: Duration as a duration, Fraction as a percentage, Count
/// without decimals (preciseFormat keeps them for a value that is not whole).
constexpr NumberFormat numberFormat(SloUnit unit)
{
    switch (unit) {
    case SloUnit::Duration:
        return NumberFormat::Duration;
    case SloUnit::Fraction:
        return NumberFormat::Percent;
    case SloUnit::Count:
        break;
    }
    return NumberFormat::Whole;
}

/// Which end of the metric's 95% interval a limit bounds.
enum class SloBound {
    AtMost, // the metric must be at most the limit: met when the upper end is within it
    AtLeast // higher is better (availability): met when the lower end is at least the limit
};

/// A key `slo:` accepts and the metric it limits.
struct SloKey
{
    std::string_view key;
    Metric metric;
    SloUnit unit;
    SloBound bound = SloBound::AtMost;
};

/// Every key `slo:` accepts, in documentation order.
const std::vector<SloKey>& sloKeys();
const SloKey* findSloKey(std::string_view key);

/// The optional part of the system a limit's metric or an alert's series measures
/// (ModelPart::Pool for most), and what a scenario needs to have it, for errors:
/// "backend.health_check, or backend.max_pending with on_overload: crash"; "nothing" for the pool.
ModelPart sloKeyPart(const SloKey& key);
std::string_view partRequirement(ModelPart part);

/// A signal alert rules can watch, and how its bins combine over a window.
struct AlertSignal
{
    enum class Combine { Mean, Sum, Max };
    std::string_view name;
    Series series;
    Combine combine;
    SloUnit unit;             // how its threshold is written
    bool perPoolSize = false; // divided by the pool size over all instances (utilization)
};

const std::vector<AlertSignal>& alertSignals();
const AlertSignal* findAlertSignal(std::string_view name);
ModelPart alertSignalPart(const AlertSignal& signal);

} // namespace poolsim::models
