#pragma once
// A load test's throughput curve from CSV: rows `concurrency,throughput`, as a planner collects
// them from pgbench -c 1,2,4,... or a similar tool.
#include "models/fitting/usl_curve.h"

#include <string>
#include <vector>

namespace poolsim::models {

/// Rows `concurrency,throughput[,anything else]`: concurrency a positive number, throughput a
/// positive number per second, further columns ignored (pgbench's latency, say). Blank lines and
/// '#' comments are skipped; the first row may be a header (neither of its first two fields is a number).
/// Bad input is a ScenarioError at `displayPath`:line:column saying what was expected, and so is
/// a file with fewer than kUslMinDistinctConcurrencies distinct concurrencies (at the file).
std::vector<UslPoint> parseUslCsv(const std::string& text, const std::string& displayPath);

/// parseUslCsv of the file at `path`; a file that cannot be read is a ScenarioError at `path`.
std::vector<UslPoint> readUslCsv(const std::string& path);

} // namespace poolsim::models
