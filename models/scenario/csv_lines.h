#pragma once
// The lines of a small comma-separated data file as PoolSim reads them (holds and traces beside
// a scenario, a load test's curve for fit-usl): `#` starts a comment, blank lines are skipped,
// fields are trimmed and keep their column for located errors.
#include <string>
#include <string_view>
#include <vector>

namespace poolsim::models {

struct CsvField
{
    std::string_view text; // into the text given to csvDataLines
    int column = 1;        // 1-based, of the first character of the trimmed text
};

/// A data line: its number and fields, comments and surrounding blanks removed.
struct CsvLine
{
    int number = 0; // 1-based
    std::vector<CsvField> fields;
};

/// Every line of `text` that holds data, in order. The fields point into `text`.
std::vector<CsvLine> csvDataLines(const std::string& text);

} // namespace poolsim::models
