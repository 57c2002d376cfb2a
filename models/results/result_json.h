#pragma once
// The JSON form of a run (`poolsim run --json`). Field names are a public interface:
// fields may be added, none renamed.
#include "models/results/run_result.h"
#include "models/results/slo.h"

#include <nlohmann/json.hpp>

#include <string>

namespace poolsim::models {

nlohmann::ordered_json toJson(const RunResult& result);

/// Service levels checked: {"met", "checks": [{key, workload (if any), limit, text, mean, ci95,
/// upper, (for a minimum such as availability: lower, at_least: true), met, certain}]}. Every
/// command's JSON uses this form.
nlohmann::ordered_json toJson(const SloReport& report);

/// Per-bin series as CSV: time_s, then mean/min/max of every series (empty where a bin has no value).
std::string seriesCsv(const RunResult& result);

} // namespace poolsim::models
