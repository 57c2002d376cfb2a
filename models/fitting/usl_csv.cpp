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

/// A time in milliseconds from the column, in seconds; none for an empty field (a column the
/// load test could not fill at this row, server_ms without pg_stat_statements).
std::optional<double> milliseconds(const std::vector<CsvField>& fields, std::optional<std::size_t> column,
                                   bool positiveOnly, const std::string& file, int line)
{
    if (!column || *column >= fields.size() || fields[*column].text.empty())
        return std::nullopt;
    const CsvField& f = fields[*column];
    const std::optional<double> v = number(f.text);
    if (!v || *v < 0 || (positiveOnly && *v == 0))
        throw ScenarioError({file, line, f.column}, "",
                            "column " + std::to_string(*column + 1) + ": expected a time in milliseconds " +
                                (positiveOnly ? "> 0" : ">= 0") + ", got '" + std::string(f.text) + "'");
    return *v / 1000;
}

/// The header's column called `name` (measure-postgres.sh's names), if any.
std::optional<std::size_t> namedColumn(const std::vector<CsvField>& header, std::string_view name)
{
    for (std::size_t i = 2; i < header.size(); ++i)
        if (header[i].text == name)
            return i;
    return std::nullopt;
}

} // namespace

std::vector<UslPoint> parseUslCsv(const std::string& text, const std::string& displayPath)
{
    std::vector<UslPoint> points;
    std::optional<std::size_t> latencyColumn, serverColumn;
    bool first = true;
    for (const CsvLine& l : csvDataLines(text)) {
        const std::vector<CsvField>& f = l.fields;
        const int lineNumber = l.number;
        // A header names its columns; a first row with a number in either is data with a typo.
        const bool header = first && !number(f[0].text) && (f.size() < 2 || !number(f[1].text));
        first = false;
        if (header) {
            latencyColumn = namedColumn(f, "latency_ms");
            serverColumn = namedColumn(f, "server_ms");
            continue;
        }
        if (f.size() < 2)
            throw ScenarioError({displayPath, lineNumber, f.front().column}, "",
                                "expected concurrency,throughput, got one column");
        UslPoint p;
        p.concurrency = positive(f[0], "column 1 (concurrency)", displayPath, lineNumber);
        p.throughput = positive(f[1], "column 2 (throughput)", displayPath, lineNumber);
        p.line = lineNumber;
        p.latencyS = milliseconds(f, latencyColumn, true, displayPath, lineNumber);
        p.serverS = milliseconds(f, serverColumn, false, displayPath, lineNumber);
        if (latencyColumn && !p.latencyS)
            throw ScenarioError({displayPath, lineNumber, f.back().column}, "",
                                "column " + std::to_string(*latencyColumn + 1) +
                                    " (latency_ms): expected a time in milliseconds > 0, got nothing");
        points.push_back(p);
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
