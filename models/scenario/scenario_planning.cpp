#include "models/scenario/scenario_planning.h"

#include "models/scenario/overrides.h"
#include "models/scenario/scenario_yaml.h"
#include "models/scenario/scenario_yaml_planning.h"
#include "models/scenario/units.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <optional>
#include <stdexcept>

namespace poolsim::models {

namespace {

constexpr std::size_t kMaxSweepValues = 10'000;

/// Every node's place becomes the label: after a save and reload, line numbers would point
/// into text nobody wrote.
void relabel(YamlNode& node, const std::string& label)
{
    node.where = Where{{label, 0, 0}, {}, {}};
    for (YamlNode& item : node.items)
        relabel(item, label);
    for (YamlEntry& e : node.entries) {
        e.keyWhere = Where{{label, 0, 0}, {}, {}};
        relabel(e.value, label);
    }
}

/// `text` as one double-quoted YAML scalar, which reads back as exactly `text`.
std::string doubleQuoted(const std::string& text)
{
    std::string out = "\"";
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u == 0x7f) {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\x%02X", static_cast<unsigned>(u));
            out += buffer;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

/// Sets `path` to `value` in the tree as --set would. The value is a scalar's text already (a
/// variant's set entry or a sweep's item as read from the file, or a value from the command
/// line), so it is quoted rather than read as YAML again, which would make "Peak: 2x" a map
/// and cut "load #2" at its comment.
void applyValue(YamlNode& root, const std::string& path, const std::string& value, const Where& where)
{
    applyOverride(root, parseOverride(path + "=" + doubleQuoted(value), where), where);
}

/// A plain decimal such as 5, -1.25 or 0.1, as a count of 10^-decimals (0.1 is 1 at 1 decimal).
struct Decimal
{
    std::int64_t units = 0;
    int decimals = 0;
};

/// At most 15 digits (exact in a double); no exponent, no hex, no inf.
std::optional<Decimal> plainDecimal(const std::string& text)
{
    constexpr int kMaxDigits = 15;
    Decimal d;
    std::size_t i = 0;
    const bool negative = !text.empty() && text[0] == '-';
    if (!text.empty() && (text[0] == '-' || text[0] == '+'))
        ++i;
    int digits = 0;
    bool point = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.' && !point) {
            point = true;
        } else if (c >= '0' && c <= '9') {
            if (++digits > kMaxDigits)
                return std::nullopt;
            d.units = d.units * 10 + (c - '0');
            d.decimals += point ? 1 : 0;
        } else {
            return std::nullopt;
        }
    }
    if (digits == 0)
        return std::nullopt;
    if (negative)
        d.units = -d.units;
    return d;
}

bool parsesAsNumber(const std::string& text, double& out)
{
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return !text.empty() && ec == std::errc() && ptr == text.data() + text.size() && std::isfinite(out);
}

std::vector<std::string> split(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = text.find(separator, start);
        std::string part = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        while (!part.empty() && part.front() == ' ')
            part.erase(part.begin());
        while (!part.empty() && part.back() == ' ')
            part.pop_back();
        parts.push_back(part);
        if (end == std::string::npos)
            return parts;
        start = end + 1;
    }
}

std::invalid_argument badRange(const std::string& text)
{
    return std::invalid_argument(
        "expected a range FROM:TO:STEP of numbers (5:60:5) or durations (5s:30s:5s) with "
        "FROM <= TO and STEP > 0, or a list such as 10,25,50, got '" +
        text + "'");
}

std::invalid_argument tooManyValues(const std::string& text)
{
    return std::invalid_argument("the range '" + text + "' has more than " + std::to_string(kMaxSweepValues) +
                                 " values");
}

/// FROM:TO:STEP of plain decimals, in exact integer arithmetic: 1:1.5:0.1 gives 1, 1.1, ...,
/// 1.5 and -0.3:0.3:0.1 gives 0, not 5.55e-17. Empty when the numbers are not plain decimals
/// or too large to scale exactly.
std::optional<std::vector<std::string>> decimalRange(const std::string& text, const std::string& fromText,
                                                     const std::string& toText, const std::string& stepText)
{
    const std::optional<Decimal> from = plainDecimal(fromText), to = plainDecimal(toText),
                                 step = plainDecimal(stepText);
    if (!from || !to || !step)
        return std::nullopt;
    const int decimals = std::max({from->decimals, to->decimals, step->decimals});
    constexpr std::int64_t kExact = std::int64_t{1} << 53; // integers a double holds exactly
    const auto scaled = [&](const Decimal& d) -> std::optional<std::int64_t> {
        std::int64_t v = d.units;
        for (int i = d.decimals; i < decimals; ++i) {
            if (v > kExact / 10 || v < -kExact / 10)
                return std::nullopt;
            v *= 10;
        }
        return v;
    };
    const std::optional<std::int64_t> f = scaled(*from), t = scaled(*to), d = scaled(*step);
    if (!f || !t || !d)
        return std::nullopt;
    if (*d <= 0 || *t < *f)
        throw badRange(text);
    if ((*t - *f) / *d + 1 > static_cast<std::int64_t>(kMaxSweepValues))
        throw tooManyValues(text);
    double unit = 1;
    for (int i = 0; i < decimals; ++i)
        unit *= 10;
    std::vector<std::string> values;
    // Two exact integers divide to the double nearest the decimal, which prints as written.
    for (std::int64_t v = *f; v <= *t; v += *d)
        values.push_back(formatNumber(static_cast<double>(v) / unit));
    return values;
}

/// FROM:TO:STEP of other numbers (1e3:1e4:1e3), in doubles rounded to 12 significant digits.
std::vector<std::string> floatingRange(const std::string& text, double from, double to, double step)
{
    if (!(step > 0) || to < from)
        throw badRange(text);
    const double count = std::floor((to - from) / step * (1 + 1e-12)) + 1;
    if (count > static_cast<double>(kMaxSweepValues))
        throw tooManyValues(text);
    std::vector<std::string> values;
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(count); ++i) {
        double v = from + static_cast<double>(i) * step;
        if (std::fabs(v) < 1e-9 * step)
            v = 0; // crossing zero: not 5.55e-17
        // 12 significant digits: 1 + 3 x 0.1 is 1.3, not 1.3000000000000003.
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.12g", v);
        values.push_back(formatNumber(std::stod(buffer)));
        if (values.size() >= 2 && values.back() == values[values.size() - 2])
            throw std::invalid_argument("the step of the range '" + text +
                                        "' is too small to tell its values apart");
    }
    return values;
}

Scenario applyChanges(const Scenario& base, const std::vector<SettingChange>& changes,
                      const std::string& label, const std::string& via)
{
    Scenario plain = base;
    plain.variants.clear();
    plain.sweep.clear();
    YamlNode root = parseYamlDocument(saveScenarioText(plain), label);
    relabel(root, label);
    for (const SettingChange& change : changes)
        applyValue(root, change.path, change.value, changeWhere(change, via, label));
    Scenario out = readScenarioTree(root, base.dataDir);
    out.sourcePath = base.sourcePath;
    out.dataDir = base.dataDir;
    return out;
}

} // namespace

Scenario applySettings(const Scenario& base, const std::vector<SettingChange>& changes,
                       const std::string& label)
{
    return applyChanges(base, changes, label, label);
}

const Variant& findVariant(const Scenario& base, const std::string& name)
{
    for (const Variant& v : base.variants)
        if (v.name == name)
            return v;
    std::string known;
    for (const Variant& v : base.variants)
        known += (known.empty() ? "" : ", ") + v.name;
    throw std::invalid_argument(
        "no variant named '" + name + "' in the scenario" +
        (known.empty() ? std::string(" (it has no variants)") : " (it has " + known + ")"));
}

Scenario scenarioVariant(const Scenario& base, const Variant& variant)
{
    const std::string via = "variant '" + variant.name + "'";
    Scenario out = applyChanges(
        base, variant.set,
        (base.sourcePath.empty() ? std::string("scenario") : base.sourcePath) + " (" + via + ")", via);
    if (out.name.empty() || out.name == base.name)
        out.name = (base.name.empty() ? std::string("scenario") : base.name) + " [" + variant.name + "]";
    return out;
}

std::vector<std::string> expandSweepValues(const std::string& text)
{
    if (text.find(',') != std::string::npos) {
        std::vector<std::string> values = split(text, ',');
        for (const std::string& v : values)
            if (v.empty())
                throw std::invalid_argument("expected a list of values such as 10,25,50, got '" + text + "'");
        return values;
    }
    const std::vector<std::string> parts = split(text, ':');
    if (parts.size() == 1) {
        if (parts[0].empty())
            throw badRange(text);
        return parts;
    }
    if (parts.size() > 3)
        throw badRange(text);
    const std::string stepText = parts.size() == 3 ? parts[2] : "1";
    if (std::optional<std::vector<std::string>> values = decimalRange(text, parts[0], parts[1], stepText))
        return *values;
    double from = 0, to = 0, step = 0;
    if (parsesAsNumber(parts[0], from) && parsesAsNumber(parts[1], to) && parsesAsNumber(stepText, step))
        return floatingRange(text, from, to, step);
    SimTime a, b, d;
    try {
        a = parseDuration(parts[0]);
        b = parseDuration(parts[1]);
        d = parseDuration(stepText);
    } catch (const std::invalid_argument&) {
        throw badRange(text);
    }
    if (d.ticks() <= 0 || b < a)
        throw badRange(text);
    if ((b - a).ticks() / d.ticks() + 1 > static_cast<std::int64_t>(kMaxSweepValues))
        throw tooManyValues(text);
    std::vector<std::string> values;
    for (SimTime t = a; t <= b; t = t + d)
        values.push_back(formatDuration(t));
    return values;
}

SweepParam parseSweepParam(const std::string& option)
{
    const Where where{{"--param", 0, 0}, option, {}};
    const OverrideOption parsed = parseOverride(option, where); // checks KEY=VALUE and the path
    SweepParam p;
    p.path = parsed.key;
    p.text = parsed.value;
    try {
        p.values = expandSweepValues(parsed.value);
    } catch (const std::invalid_argument& e) {
        failAt(where, "", e.what());
    }
    return p;
}

ModelParts checkWhatIfs(const YamlNode& root, const Scenario& scenario, const std::string& baseDir)
{
    ModelParts parts;
    for (const Variant& v : scenario.variants) {
        YamlNode copy = root;
        for (const SettingChange& change : v.set)
            applyValue(copy, change.path, change.value,
                       changeWhere(change, "variant '" + v.name + "'", "variants"));
        parts = parts.unitedWith(readScenarioTree(copy, baseDir).parts());
    }
    const YamlNode* sweep = root.find("sweep");
    for (std::size_t i = 0; i < scenario.sweep.size(); ++i) {
        const SweepParam& p = scenario.sweep[i];
        const YamlNode& written = sweep->entries[i].value;
        for (std::size_t k = 0; k < p.values.size(); ++k) {
            // A list's item is reported at its place, a range's values at the range.
            const Where& place =
                written.isSequence() && k < written.items.size() ? written.items[k].where : written.where;
            const Where at{place.location, {}, "sweep " + p.path + "=" + p.values[k]};
            YamlNode copy = root;
            applyValue(copy, p.path, p.values[k], at);
            parts = parts.unitedWith(readScenarioTree(copy, baseDir).parts());
        }
    }
    return parts;
}

} // namespace poolsim::models
