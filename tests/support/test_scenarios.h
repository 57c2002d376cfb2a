#pragma once
// Scenarios built in code for tests that check the model against closed forms.
#include "models/scenario/scenario.h"

#include <optional>
#include <string>

namespace poolsim::tests {

inline models::SimTime seconds(double s)
{
    return models::SimTime::fromSeconds(s);
}

/// One Poisson workload with exponential holds on one pool: the M/M/c family.
/// timeoutS: nullopt = none (wait forever), 0 = fail at once.
inline models::Scenario mmcScenario(int c, double lambda, double meanHold, std::optional<double> timeoutS,
                                    double horizonS, double warmupS, int replications, std::uint64_t seed = 1)
{
    models::Scenario s;
    s.name = "M/M/" + std::to_string(c);
    s.horizon = seconds(horizonS);
    s.warmup = seconds(warmupS);
    s.replications = replications;
    s.seed = seed;
    s.pool.size = c;
    s.pool.timeout = models::Timeout{timeoutS ? std::optional(seconds(*timeoutS)) : std::nullopt};
    models::Workload w;
    w.name = "api";
    w.arrivals = models::PoissonArrivals{models::Rate{lambda, 's'}};
    w.hold = models::ExponentialDist{seconds(meanHold)};
    s.workloads.push_back(w);
    return s;
}

} // namespace poolsim::tests
