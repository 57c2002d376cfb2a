#pragma once
// A load test's throughput curve from CSV: rows `concurrency,throughput`, as a planner collects
// them from pgbench -c 1,2,4,... or a similar tool.
#include "models/fitting/usl_curve.h"

#include <string>
#include <vector>

namespace poolsim::models {

/// Rows `concurrency,throughput[,anything else]`: concurrency a positive number, throughput a
/// positive number per second. Blank lines and '#' comments are skipped; the first row may be a
/// header (neither of its first two fields is a number). A header's further columns named
/// `latency_ms` (a query's mean latency as the client saw it, > 0 on every row) and `server_ms`
/// (its mean execution time on the server, >= 0, or empty) are read, as scripts/measure-postgres.sh
/// writes them; other columns, and every column past the second without a header, are ignored.
/// Bad input is a ScenarioError at `displayPath`:line:column saying what was expected, and so is
/// a file with fewer than kUslMinDistinctConcurrencies distinct concurrencies (at the file).
std::vector<UslPoint> parseUslCsv(const std::string& text, const std::string& displayPath);

/// parseUslCsv of the file at `path`; a file that cannot be read is a ScenarioError at `path`.
std::vector<UslPoint> readUslCsv(const std::string& path);

} // namespace poolsim::models
