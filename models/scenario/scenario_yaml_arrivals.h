#pragma once
// Reading distributions and arrival patterns from a scenario's YAML tree. Internal to the
// scenario format: scenario_yaml_load.cpp reads the rest.
#include "models/scenario/scenario.h"
#include "models/scenario/yaml_reader.h"

#include <cstdint>
#include <string>

namespace poolsim::models {

/// What a reader needs to know of the file beyond the node it reads.
struct ReadContext
{
    std::string baseDir; // where relative data files are
    std::int64_t poolSize = PoolConfig::kDefaultSize;
    std::string poolSizeText; // "pool.size 10 (the default)", for messages
};

/// A duration or a distribution (`{exponential: 1s}`), at `path`; throws a located ScenarioError.
DistributionSpec readDistribution(const YamlNode& node, const std::string& path, const ReadContext& ctx);
/// A workload's `arrivals:`, at `path`; throws a located ScenarioError.
ArrivalSpec readArrivals(const YamlNode& node, const std::string& path, const ReadContext& ctx);

} // namespace poolsim::models
