#include "models/results/alerts.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace poolsim::models {

const std::vector<AlertRule>& defaultAlertRules()
{
    static const std::vector<AlertRule> rules = [] {
        const auto seconds = [](std::int64_t s) { return SimTime::fromTicks(s * SimTime::kTicksPerSecond); };
        std::vector<AlertRule> r(4);
        r[0] = {"pool-saturated", "utilization", 0.8, "80%", std::nullopt, seconds(60)};
        r[1] = {"slow-waits", "wait_p95", 1.0, "1s", std::nullopt, std::nullopt};
        r[2] = {"timeouts", "timeouts", 0.0, "0", seconds(300), std::nullopt};
        r[3] = {"slow-responses", "response_p99", 5.0, "5s", std::nullopt, std::nullopt};
        return r;
    }();
    return rules;
}

const std::vector<AlertRule>& defaultAlertRules(ModelParts parts)
{
    if (!parts.has(ModelPart::InstanceFailures))
        return defaultAlertRules();
    static const std::vector<AlertRule> rules = [] {
        std::vector<AlertRule> r = defaultAlertRules();
        r.push_back({"instance-down", "instances_down", 0.0, "0", std::nullopt, std::nullopt});
        return r;
    }();
    return rules;
}

const std::vector<AlertRule>& effectiveAlertRules(const Scenario& scenario)
{
    return scenario.alerts ? *scenario.alerts : defaultAlertRules(scenario.parts());
}

namespace {

/// Bins of `width` seconds that `seconds` spans, rounded up (a window of 7 s over 5 s bins takes
/// 2). Ratios are of whole numbers of nanoseconds, so a tiny tolerance absorbs the rounding of
/// the division (0.3 / 0.1 is 2.9999999999999996).
std::size_t binsSpanning(double seconds, double width)
{
    return seconds > 0 ? static_cast<std::size_t>(std::ceil(seconds / width - 1e-9)) : 0;
}

/// Whether a period lasts longer than `minimum`. Durations are bin counts times the width in
/// floating point (3 x 0.1 s is 0.30000000000000004 s): equal within rounding is not longer.
bool lastsLonger(double duration, double minimum)
{
    return duration - minimum > 1e-12 * std::max(duration, minimum);
}

} // namespace

std::vector<AlertPeriod> evaluateAlert(const AlertRule& rule, const SeriesView& series, double resolutionS,
                                       double warmupS, double poolSizeTotal, double horizonS)
{
    const AlertSignal* signal = findAlertSignal(rule.signal);
    if (!signal)
        throw std::invalid_argument("unknown alert signal '" + rule.signal + "'");
    const std::vector<double>* bins = series[static_cast<std::size_t>(signal->series)];
    if (!bins || !(resolutionS > 0))
        return {};
    const double scale = signal->perPoolSize ? (poolSizeTotal > 0 ? 1.0 / poolSizeTotal : 0.0) : 1.0;
    // The first bin that starts at or after the end of the warm-up.
    const std::size_t first = binsSpanning(warmupS, resolutionS);
    const std::size_t window =
        rule.window ? std::max<std::size_t>(1, binsSpanning(rule.window->seconds(), resolutionS)) : 1;
    const double minDuration = rule.forAtLeast ? rule.forAtLeast->seconds() : 0.0;

    std::vector<AlertPeriod> periods;
    AlertPeriod open;
    std::size_t openBins = 0;
    const auto close = [&] {
        if (openBins > 0 && lastsLonger(open.durationS, minDuration))
            periods.push_back(open);
        openBins = 0;
    };
    for (std::size_t i = first; i < bins->size(); ++i) {
        // The windowed value at bin i: the bins of the window ending with i, after warm-up.
        const std::size_t from = i + 1 >= first + window ? i + 1 - window : first;
        double sum = 0, max = std::nan(""), count = 0;
        for (std::size_t k = from; k <= i; ++k) {
            const double v = (*bins)[k];
            if (std::isnan(v))
                continue;
            sum += v;
            max = std::isnan(max) ? v : std::max(max, v);
            ++count;
        }
        double value = std::nan("");
        if (count > 0) {
            switch (signal->combine) {
            case AlertSignal::Combine::Mean:
                value = sum / count;
                break;
            case AlertSignal::Combine::Sum:
                value = sum;
                break;
            case AlertSignal::Combine::Max:
                value = max;
                break;
            }
            value *= scale;
        }
        if (!std::isnan(value) && value > rule.threshold) {
            if (openBins == 0)
                open = AlertPeriod{static_cast<double>(i) * resolutionS, 0, value};
            ++openBins;
            // The last bin ends at the horizon, which need not be a whole number of bins.
            const double end = std::min(static_cast<double>(i + 1) * resolutionS, horizonS);
            open.durationS = std::max(0.0, end - open.startS);
            open.peak = std::max(open.peak, value);
        } else {
            close();
        }
    }
    close();
    return periods;
}

} // namespace poolsim::models
