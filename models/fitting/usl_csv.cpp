#include "models/fitting/usl_csv.h"

#include "models/scenario/csv_lines.h"
#include "models/scenario/scenario_error.h"
#include "models/scenario/scenario_files.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <set>
#include <string_view>

namespace poolsim::models {

namespace {

/// The whole field as a finite number, or nothing ("12abc", "inf" and "" are not numbers).
std::optional<double> number(std::string_view text)
{
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

double positive(const CsvField& f, const char* column, const std::string& file, int line)
{
    const std::optional<double> v = number(f.text);
    if (!v || *v <= 0)
        throw ScenarioError({file, line, f.column}, "",
                            std::string(column) + ": expected a positive number, got '" +
                                std::string(f.text) + "'");
    return *v;
}

} // namespace

std::vector<UslPoint> parseUslCsv(const std::string& text, const std::string& displayPath)
{
    std::vector<UslPoint> points;
    bool first = true;
    for (const CsvLine& l : csvDataLines(text)) {
        const std::vector<CsvField>& f = l.fields;
        const int lineNumber = l.number;
        // A header names its columns; a first row with a number in either is data with a typo.
        const bool header = first && !number(f[0].text) && (f.size() < 2 || !number(f[1].text));
        first = false;
        if (header)
            continue;
        if (f.size() < 2)
            throw ScenarioError({displayPath, lineNumber, f.front().column}, "",
                                "expected concurrency,throughput, got one column");
        points.push_back({positive(f[0], "column 1 (concurrency)", displayPath, lineNumber),
                          positive(f[1], "column 2 (throughput)", displayPath, lineNumber), lineNumber});
    }
    std::set<double> distinct;
    for (const UslPoint& p : points)
        distinct.insert(p.concurrency);
    if (distinct.size() < static_cast<std::size_t>(kUslMinDistinctConcurrencies))
        throw ScenarioError({displayPath, 0, 0}, "",
                            "expected rows at " + std::to_string(kUslMinDistinctConcurrencies) +
                                " or more distinct concurrencies to fit the USL's three parameters, got " +
                                std::to_string(distinct.size()));
    return points;
}

std::vector<UslPoint> readUslCsv(const std::string& path)
{
    std::string error;
    const std::optional<std::string> text = readWholeFile(path, error);
    if (!text)
        throw ScenarioError({path, 0, 0}, "", "cannot read the file: " + error);
    return parseUslCsv(*text, path);
}

} // namespace poolsim::models
