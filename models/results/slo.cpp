#include "models/results/slo.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace poolsim::models {

bool SloReport::met() const
{
    return std::all_of(checks.begin(), checks.end(), [](const SloCheck& c) { return c.met; });
}

bool SloReport::decided() const
{
    return std::all_of(checks.begin(), checks.end(), [](const SloCheck& c) { return c.certain; });
}

SloReport evaluateSlo(const std::vector<SloLimit>& limits, const RunResult& result)
{
    SloReport report;
    for (const SloLimit& limit : limits) {
        const SloKey* key = findSloKey(limit.key);
        if (!key)
            throw std::invalid_argument("unknown service-level key '" + limit.key + "'");
        const MetricEstimates* estimates = &result.metrics;
        if (!limit.workload.empty()) {
            const auto it =
                std::find(result.workloadNames.begin(), result.workloadNames.end(), limit.workload);
            if (it == result.workloadNames.end())
                throw std::invalid_argument("the service level names workload '" + limit.workload +
                                            "', which the scenario does not have");
            estimates = &result.workloadMetrics[static_cast<std::size_t>(it - result.workloadNames.begin())];
        }
        SloCheck c;
        c.limit = limit;
        c.estimate = (*estimates)[key->metric];
        const double half = std::isnan(c.estimate.ci95) ? 0.0 : c.estimate.ci95;
        c.lower = c.estimate.mean - half;
        c.upper = c.estimate.mean + half;
        c.bound = key->bound;
        // A NaN estimate (nothing to measure) meets nothing. An interval of width 0 met after a
        // few replications (no timeouts in any of 3) is not yet certain: a rare event may
        // simply not have happened, so early stopping must not trust it.
        const bool hasWidth = !std::isnan(c.estimate.ci95) && c.estimate.ci95 > 0;
        if (c.bound == SloBound::AtLeast) {
            c.met = !std::isnan(c.estimate.mean) && c.lower >= limit.limit;
            c.certain = (c.met && hasWidth) || c.upper < limit.limit;
        } else {
            c.met = !std::isnan(c.estimate.mean) && c.upper <= limit.limit;
            c.certain = (c.met && hasWidth) || c.lower > limit.limit;
        }
        report.checks.push_back(c);
    }
    return report;
}

SloBound limitBound(const SloLimit& limit)
{
    const SloKey* key = findSloKey(limit.key);
    return key ? key->bound : SloBound::AtMost;
}

bool anyMinimum(const std::vector<SloLimit>& limits)
{
    return std::any_of(limits.begin(), limits.end(),
                       [](const SloLimit& l) { return limitBound(l) == SloBound::AtLeast; });
}

std::string_view judgedEndName(const SloCheck& check)
{
    return check.bound == SloBound::AtLeast ? "lower" : "upper";
}

std::string describeLimit(const SloLimit& limit)
{
    return (limit.workload.empty() ? std::string() : limit.workload + ": ") + limit.key +
           (limitBound(limit) == SloBound::AtLeast ? " >= " : " <= ") + limit.text;
}

namespace {
NumberFormat limitFormat(const SloLimit& limit)
{
    const SloKey* key = findSloKey(limit.key);
    return key ? catalogue(key->metric).format : NumberFormat::Whole; // an unknown key: a count
}
} // namespace

std::string limitValueText(const SloLimit& limit, double value)
{
    return formatValue(value, preciseFormat(limitFormat(limit), value));
}

std::string limitEstimateText(const SloLimit& limit, double mean, double ci95)
{
    return formatEstimate(mean, ci95, preciseFormat(preciseFormat(limitFormat(limit), mean), ci95));
}

} // namespace poolsim::models
