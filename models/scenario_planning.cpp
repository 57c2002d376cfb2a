#include "models/scenario_planning.h"

#include "models/overrides.h"
#include "models/scenario_yaml.h"
#include "models/scenario_yaml_planning.h"
#include "models/units.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
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

void applyChange(YamlNode& root, const SettingChange& change, const Where& where)
{
    applyOverride(root, parseOverride(change.path + "=" + change.value, where), where);
}

bool parsesAsNumber(const std::string& text, double& out)
{
    try {
        std::size_t used = 0;
        out = std::stod(text, &used);
        return used == text.size() && std::isfinite(out);
    } catch (const std::exception&) {
        return false;
    }
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

} // namespace

Scenario applySettings(const Scenario& base, const std::vector<SettingChange>& changes, const std::string& label)
{
    Scenario plain = base;
    plain.variants.clear();
    plain.sweep.clear();
    YamlNode root = parseYamlDocument(saveScenarioText(plain), label);
    relabel(root, label);
    for (const SettingChange& change : changes)
        applyChange(root, change, changeWhere(change, label, label));
    const std::string baseDir =
        base.sourcePath.empty() ? std::string() : std::filesystem::path(base.sourcePath).parent_path().string();
    Scenario out = readScenarioTree(root, baseDir);
    out.sourcePath = base.sourcePath;
    return out;
}

const Variant& findVariant(const Scenario& base, const std::string& name)
{
    for (const Variant& v : base.variants)
        if (v.name == name)
            return v;
    std::string known;
    for (const Variant& v : base.variants)
        known += (known.empty() ? "" : ", ") + v.name;
    throw std::invalid_argument("no variant named '" + name + "' in the scenario" +
                                (known.empty() ? std::string(" (it has no variants)") : " (it has " + known + ")"));
}

Scenario scenarioVariant(const Scenario& base, const Variant& variant)
{
    Scenario out = applySettings(base, variant.set, base.sourcePath + " (variant '" + variant.name + "')");
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
    if (parts.size() == 1)
        return parts;
    if (parts.size() > 3)
        throw std::invalid_argument("expected a range FROM:TO:STEP such as 5:60:5, got '" + text + "'");
    const std::string stepText = parts.size() == 3 ? parts[2] : "1";
    std::vector<std::string> values;
    double from = 0, to = 0, step = 0;
    if (parsesAsNumber(parts[0], from) && parsesAsNumber(parts[1], to) && parsesAsNumber(stepText, step)) {
        if (!(step > 0) || to < from)
            throw std::invalid_argument("expected a range FROM:TO:STEP with FROM <= TO and STEP > 0, got '" + text + "'");
        const double count = std::floor((to - from) / step * (1 + 1e-12)) + 1;
        if (count > static_cast<double>(kMaxSweepValues))
            throw std::invalid_argument("the range '" + text + "' has more than 10000 values");
        for (std::int64_t i = 0; i < static_cast<std::int64_t>(count); ++i) {
            // 12 significant digits: 1 + 3 x 0.1 is 1.3, not 1.3000000000000003.
            char buffer[32];
            std::snprintf(buffer, sizeof buffer, "%.12g", from + static_cast<double>(i) * step);
            values.push_back(formatNumber(std::stod(buffer)));
        }
        return values;
    }
    try {
        const SimTime a = parseDuration(parts[0]), b = parseDuration(parts[1]), d = parseDuration(stepText);
        if (d.ticks() <= 0 || b < a)
            throw std::invalid_argument("order");
        if ((b - a).ticks() / d.ticks() + 1 > static_cast<std::int64_t>(kMaxSweepValues))
            throw std::invalid_argument("the range '" + text + "' has more than 10000 values");
        for (SimTime t = a; t <= b; t = t + d)
            values.push_back(formatDuration(t));
        return values;
    } catch (const std::invalid_argument&) {
        throw std::invalid_argument("expected a range FROM:TO:STEP of numbers (5:60:5) or durations (5s:30s:5s) with "
                                    "FROM <= TO and STEP > 0, or a list such as 10,25,50, got '" + text + "'");
    }
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

void checkWhatIfs(const YamlNode& root, const Scenario& scenario, const std::string& baseDir)
{
    for (const Variant& v : scenario.variants) {
        YamlNode copy = root;
        for (const SettingChange& change : v.set)
            applyChange(copy, change, changeWhere(change, "variant '" + v.name + "'", "variants"));
        readScenarioTree(copy, baseDir);
    }
    const YamlNode* sweep = root.find("sweep");
    for (std::size_t i = 0; i < scenario.sweep.size(); ++i) {
        const SweepParam& p = scenario.sweep[i];
        const Where& where = sweep->entries[i].value.where;
        for (const std::string& value : p.values) {
            YamlNode copy = root;
            const Where at{where.location, {}, "sweep " + p.path + "=" + value};
            applyOverride(copy, parseOverride(p.path + "=" + value, at), at);
            readScenarioTree(copy, baseDir);
        }
    }
}

} // namespace poolsim::models
