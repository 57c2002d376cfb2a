#pragma once
// The JSON form of a run (`poolsim run --json`). Field names are a public interface:
// fields may be added, none renamed.
#include "models/run_result.h"

#include <nlohmann/json.hpp>

#include <string>

namespace poolsim::models {

nlohmann::ordered_json toJson(const RunResult& result);

/// Per-bin series as CSV: time_s, then mean/min/max of every series (empty where a bin has no value).
std::string seriesCsv(const RunResult& result);

} // namespace poolsim::models
