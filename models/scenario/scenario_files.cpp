#include "models/scenario/scenario_files.h"

#include "models/scenario/csv_lines.h"
#include "models/scenario/scenario_error.h"
#include "models/scenario/units.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <system_error>

namespace poolsim::models {

namespace {

[[noreturn]] void fail(const std::string& file, int line, int column, const std::string& keyPath,
                       const std::string& message)
{
    throw ScenarioError({file, line, column}, keyPath, message);
}

bool parsesAsDuration(std::string_view s)
{
    try {
        parseDuration(s);
        return true;
    } catch (const std::invalid_argument&) {
        return false;
    }
}

SimTime durationField(const CsvField& f, const CsvLine& line, const std::string& file,
                      const std::string& keyPath, const std::string& columnName)
{
    try {
        return parseDuration(f.text);
    } catch (const std::invalid_argument& e) {
        fail(file, line.number, f.column, keyPath, columnName + ": " + e.what());
    }
}

} // namespace

std::optional<std::string> readWholeFile(const std::string& path, std::string& error)
{
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) {
        error = "it is a folder";
        return std::nullopt;
    }
    errno = 0;
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f) {
        error = std::generic_category().message(errno);
        return std::nullopt;
    }
    std::string text;
    char buffer[65536];
    for (;;) {
        const std::size_t n = std::fread(buffer, 1, sizeof buffer, f.get());
        text.append(buffer, n);
        if (n < sizeof buffer)
            break;
    }
    if (std::ferror(f.get())) {
        error = std::generic_category().message(errno);
        return std::nullopt;
    }
    return text;
}

std::string resolveScenarioPath(const std::string& baseDir, const std::string& file)
{
    const std::filesystem::path p(file);
    if (baseDir.empty() || p.is_absolute())
        return file;
    return (std::filesystem::path(baseDir) / p).lexically_normal().string();
}

std::vector<SimTime> parseEmpiricalValues(const std::string& text, const std::string& displayPath,
                                          const std::string& keyPath)
{
    std::vector<SimTime> values;
    bool first = true;
    for (const CsvLine& line : csvDataLines(text)) {
        const bool header = first && !parsesAsDuration(line.fields.front().text);
        first = false;
        if (header)
            continue;
        if (line.fields.size() != 1)
            fail(displayPath, line.number, line.fields[1].column - 1, keyPath,
                 "expected one duration per line, got " + std::to_string(line.fields.size()) + " columns");
        values.push_back(durationField(line.fields.front(), line, displayPath, keyPath, "value"));
    }
    return values;
}

std::vector<TraceArrivals::Record> parseTraceRecords(const std::string& text, const std::string& displayPath,
                                                     const std::string& keyPath)
{
    std::vector<TraceArrivals::Record> records;
    bool first = true;
    for (const CsvLine& line : csvDataLines(text)) {
        const bool header = first && !parsesAsDuration(line.fields.front().text);
        first = false;
        if (header)
            continue;
        if (line.fields.size() < 2 || line.fields.size() > 3)
            fail(displayPath, line.number, 1, keyPath,
                 "expected start,hold[,connections], got " + std::to_string(line.fields.size()) +
                     (line.fields.size() == 1 ? " column" : " columns"));
        TraceArrivals::Record r;
        r.start = durationField(line.fields[0], line, displayPath, keyPath, "column 1 (start)");
        r.hold = durationField(line.fields[1], line, displayPath, keyPath, "column 2 (hold)");
        if (line.fields.size() == 3) {
            const CsvField& f = line.fields[2];
            std::int64_t c = 0;
            const auto [ptr, ec] = std::from_chars(f.text.data(), f.text.data() + f.text.size(), c);
            if (f.text.empty() || ec != std::errc() || ptr != f.text.data() + f.text.size() || c < 1)
                fail(displayPath, line.number, f.column, keyPath,
                     "column 3 (connections): expected an integer >= 1, got '" + std::string(f.text) + "'");
            r.connections = c;
        }
        records.push_back(r);
    }
    std::stable_sort(
        records.begin(), records.end(),
        [](const TraceArrivals::Record& a, const TraceArrivals::Record& b) { return a.start < b.start; });
    return records;
}

} // namespace poolsim::models
