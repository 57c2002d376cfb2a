#pragma once
// Reading the what-if sections of a scenario file: variants, slo, alerts and sweep. Internal
// to poolsim_models.
#include "models/scenario/scenario.h"
#include "models/scenario/yaml_reader.h"

namespace poolsim::models {

std::vector<Variant> readVariants(const YamlNode& node);
/// Every workload `slo.workloads` names must be one of `workloads`.
std::vector<SloLimit> readSlo(const YamlNode& node, const std::vector<Workload>& workloads);
std::vector<AlertRule> readAlerts(const YamlNode& node);
std::vector<SweepParam> readSweep(const YamlNode& node);

/// Reads a whole scenario tree (in scenario_yaml_load.cpp); relative paths resolve in `baseDir`.
Scenario readScenarioTree(const YamlNode& root, const std::string& baseDir);

/// Applies every variant's changes, and every swept value, to copies of `root` and reads them,
/// so that a bad change is reported when the file loads, at the place it is written. Returns
/// the parts (ModelParts) that any of them has.
ModelParts checkWhatIfs(const YamlNode& root, const Scenario& scenario, const std::string& baseDir);

/// Every limit of the scenario's `slo:` and every signal of its `alerts:` measures a part that
/// the scenario, one of its variants or one of its swept values (`possible`) has: a limit on
/// instance failures in a file whose instances never fail is an error at the key, as it could
/// only ever be met by nothing happening.
void checkPlanningParts(const YamlNode& root, const Scenario& scenario, ModelParts possible);

/// The value of a change as the place it was written, for applying it to a tree.
Where changeWhere(const SettingChange& change, const std::string& via, const std::string& fallbackFile);

} // namespace poolsim::models
