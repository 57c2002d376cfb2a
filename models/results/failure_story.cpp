#include "models/results/failure_story.h"

#include "models/metrics/metric_catalogue.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace poolsim::models {

std::string formatClock(double seconds)
{
    if (!std::isfinite(seconds))
        return "-";
    const auto s = static_cast<long long>(std::max(0.0, seconds));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    return buf;
}

std::optional<FailureStory> failureStory(const RunResult& result)
{
    if (!result.parts.has(ModelPart::InstanceFailures))
        return std::nullopt;
    FailureStory story;
    story.replications = static_cast<std::int64_t>(result.replicationMetrics.size());
    story.instances = static_cast<std::int64_t>(result.instanceDownShare.size());
    story.firstMinS = std::numeric_limits<double>::infinity();
    story.firstMaxS = -std::numeric_limits<double>::infinity();
    double firstSum = 0;
    for (const MetricValues& rep : result.replicationMetrics) {
        if (rep[Metric::Crashes] < 1)
            continue;
        ++story.withFailure;
        if (rep[Metric::FailedInstances] > 1)
            ++story.cascaded;
        const double first = rep[Metric::FirstCrashS];
        firstSum += first;
        story.firstMinS = std::min(story.firstMinS, first);
        story.firstMaxS = std::max(story.firstMaxS, first);
    }
    if (story.withFailure > 0)
        story.firstMeanS = firstSum / static_cast<double>(story.withFailure);
    story.failuresMean = result.metrics[Metric::Crashes].mean;
    story.availability = result.metrics[Metric::Availability].mean;
    return story;
}

std::string FailureStory::sentence() const
{
    const auto reps = [](std::int64_t n) {
        return std::to_string(n) + (n == 1 ? " replication" : " replications");
    };
    if (withFailure == 0)
        return "No instance failed in " + reps(replications) + ".";
    std::string s =
        withFailure == replications && replications > 1
            ? "An instance failed in every one of " + reps(replications)
            : "An instance failed in " + std::to_string(withFailure) + " of " + reps(replications);
    if (withFailure == 1)
        s += ", at " + formatClock(firstMeanS);
    else if (firstMinS == firstMaxS)
        s += ", first at " + formatClock(firstMeanS);
    else
        s += ", first at " + formatClock(firstMeanS) + " on average (" + formatClock(firstMinS) + " to " +
             formatClock(firstMaxS) + ")";
    if (instances > 1) {
        if (cascaded == 0)
            s += "; it did not spread to other instances";
        else if (withFailure == 1)
            s += "; it spread to other instances";
        else
            s += "; it spread to other instances in " + std::to_string(cascaded) + " of them";
    }
    s += ". " + formatValue(failuresMean, NumberFormat::TwoDecimals) +
         " failures per replication, availability " + formatValue(availability, NumberFormat::Percent) + ".";
    return s;
}

} // namespace poolsim::models
