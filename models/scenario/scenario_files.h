#pragma once
// The data files a scenario refers to: one-column files of durations for empirical
// distributions, and request traces (CSV). Internal to poolsim_models.
#include "models/scenario/scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace poolsim::models {

/// The whole file, or nullopt with `error` saying why ("No such file or directory").
std::optional<std::string> readWholeFile(const std::string& path, std::string& error);

/// `file` as written in a scenario, resolved against the scenario's folder (absolute paths and
/// an empty folder leave it as it is).
std::string resolveScenarioPath(const std::string& baseDir, const std::string& file);

/// One duration a line; blank lines and '#' comments skipped; the first line may be a header.
/// A bad line is a ScenarioError at `displayPath`:line:column under `keyPath`. May be empty.
std::vector<SimTime> parseEmpiricalValues(const std::string& text, const std::string& displayPath,
                                          const std::string& keyPath);

/// A header line (recognised by not starting with a time), then rows `start,hold[,connections]`
/// with times as plain seconds or durations with units; blank lines and '#' comments skipped.
/// Sorted by start (stable). A bad row is a ScenarioError at `displayPath`:line:column naming
/// the column. May be empty.
std::vector<TraceArrivals::Record> parseTraceRecords(const std::string& text, const std::string& displayPath,
                                                     const std::string& keyPath);

} // namespace poolsim::models
