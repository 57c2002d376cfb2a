#pragma once
// Turns a distribution as written in a scenario into the engine's sampler.
#include "engine/distribution.h"
#include "models/scenario/scenario.h"

#include <string>

namespace poolsim::models {

/// Throws std::invalid_argument (naming the bad parameter) when the parameters are invalid.
engine::Distribution makeDistribution(const DistributionSpec& spec);

/// The YAML name of the distribution's kind ("exponential", ...).
std::string distributionKindName(const DistributionSpec& spec);

/// A constant 0 (`0s`, `0ms`): a duration that is no time at all.
bool isZeroConstant(const DistributionSpec& spec);

} // namespace poolsim::models
