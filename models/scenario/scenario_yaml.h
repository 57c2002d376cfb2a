#pragma once
// Scenario files (YAML, format version 1; docs/scenario-format.md): loading with errors that say
// where and what was expected, and saving in a canonical, readable form that loads back equal.
#include "models/scenario/scenario.h"

#include <string>
#include <vector>

namespace poolsim::models {

/// Loads a scenario file, applying `overrides` ("KEY=VALUE", as --set) to it first. Relative
/// paths inside (traces, empirical value files) resolve against the file's folder, and those
/// files are read now. `sourcePath` is set to `path`. Every problem is a ScenarioError located
/// at the offending node (or the --set option, or a data file's line); a file that cannot be
/// read is a ScenarioError naming it with "cannot open".
Scenario loadScenarioFile(const std::string& path, const std::vector<std::string>& overrides = {});

/// As loadScenarioFile, from text: errors name `displayName`, relative paths resolve against
/// `baseDir` (empty: the working directory), and `sourcePath` is set to `displayName`.
Scenario loadScenarioText(const std::string& yamlText, const std::string& displayName,
                          const std::string& baseDir, const std::vector<std::string>& overrides = {});

/// The scenario as YAML: canonical key order, only the fields that are set, distributions and
/// arrivals in flow style. Traces and empirical files are saved as their `file`, not their data.
std::string saveScenarioText(const Scenario& scenario);

/// Writes saveScenarioText atomically: a temporary file in the same folder, flushed and synced,
/// then renamed over `path`. On failure the old file is untouched, no temporary is left, and a
/// std::runtime_error says why.
void saveScenarioFile(const Scenario& scenario, const std::string& path);

} // namespace poolsim::models
