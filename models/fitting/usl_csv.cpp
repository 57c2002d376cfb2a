#include "models/fitting/usl_csv.h"

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

struct Field
{
    std::string_view text;
    int column = 1; // 1-based, of the first character of the trimmed text
};

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/// `line` (comment already removed) split at commas, each field trimmed.
std::vector<Field> fields(std::string_view line)
{
    std::vector<Field> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t comma = line.find(',', start);
        std::size_t b = start, e = comma == std::string_view::npos ? line.size() : comma;
        while (b < e && isBlank(line[b]))
            ++b;
        while (e > b && isBlank(line[e - 1]))
            --e;
        out.push_back({line.substr(b, e - b), static_cast<int>(b) + 1});
        if (comma == std::string_view::npos)
            return out;
        start = comma + 1;
    }
}

/// The whole field as a finite number, or nothing ("12abc", "inf" and "" are not numbers).
std::optional<double> number(std::string_view text)
{
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

double positive(const Field& f, const char* column, const std::string& file, int line)
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
    std::size_t pos = 0;
    int lineNumber = 0;
    bool first = true;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos)
            end = text.size();
        ++lineNumber;
        std::string_view line(text.data() + pos, end - pos);
        pos = end + 1;
        if (const std::size_t hash = line.find('#'); hash != std::string_view::npos)
            line = line.substr(0, hash);
        if (std::all_of(line.begin(), line.end(), isBlank))
            continue;
        const std::vector<Field> f = fields(line);
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
