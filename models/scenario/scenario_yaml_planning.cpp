#include "models/scenario/scenario_yaml_planning.h"

#include "models/metrics/limit_keys.h"
#include "models/scenario/scenario_planning.h"
#include "models/scenario/units.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace poolsim::models {

namespace {

SettingChange changeAt(const YamlEntry& entry, const std::string& path)
{
    if (!entry.value.isScalar())
        failAt(entry.value.where, path,
               "expected a single value (a number, a duration, none...), got " + describeNode(entry.value));
    SettingChange c;
    c.path = entry.key;
    c.value = entry.value.scalar;
    c.file = entry.value.where.location.file;
    c.line = entry.value.where.location.line;
    c.column = entry.value.where.location.column;
    return c;
}

std::string expectedLevel(SloUnit unit)
{
    switch (unit) {
    case SloUnit::Duration:
        return "a duration such as 1s or 250ms";
    case SloUnit::Fraction:
        return "a percentage up to 100% such as 90%, or a fraction up to 1 such as 0.9";
    case SloUnit::Count:
        break;
    }
    return "a number >= 0";
}

/// A limit or threshold written in the unit `unit` asks for. A fraction is at most 1: every
/// fraction limited (utilization, timeout and wait ratios) is, and `above: 80` meaning 8000%
/// would silently never fire.
double readLevel(const YamlNode& node, const std::string& path, SloUnit unit)
{
    const std::string expected = expectedLevel(unit);
    const std::string& text = readScalar(node, path, expected);
    double value = std::numeric_limits<double>::quiet_NaN();
    try {
        switch (unit) {
        case SloUnit::Duration:
            value = parseDuration(text).seconds();
            break;
        case SloUnit::Fraction:
            value = parsePercent(text);
            break;
        case SloUnit::Count: {
            const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
            if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value))
                value = std::numeric_limits<double>::quiet_NaN();
            break;
        }
        }
    } catch (const std::invalid_argument&) {
    }
    if (!(value >= 0) || (unit == SloUnit::Fraction && value > 1))
        failAt(node.where, path, "expected " + expected + ", got " + describeNode(node));
    return value;
}

std::vector<std::string_view> sloKeyNames()
{
    std::vector<std::string_view> names;
    for (const SloKey& k : sloKeys())
        names.push_back(k.key);
    return names;
}

void readLimits(const YamlNode& node, const std::string& path, const std::string& workload,
                std::vector<SloLimit>& out)
{
    std::vector<std::string_view> allowed = sloKeyNames();
    if (workload.empty())
        allowed.push_back("workloads");
    const MapReader m(node, path, allowed, true);
    for (const YamlEntry& e : m.node().entries) {
        if (e.key == "workloads")
            continue;
        const SloKey* key = findSloKey(e.key);
        SloLimit limit;
        limit.key = e.key;
        limit.workload = workload;
        limit.limit = readLevel(e.value, m.path(e.key), key->unit);
        limit.text = e.value.scalar;
        out.push_back(limit);
    }
}

} // namespace

Where changeWhere(const SettingChange& change, const std::string& via, const std::string& fallbackFile)
{
    if (change.line > 0)
        return Where{{change.file, change.line, change.column}, {}, via};
    return Where{
        {change.file.empty() ? fallbackFile : change.file, 0, 0}, change.path + "=" + change.value, {}};
}

std::vector<Variant> readVariants(const YamlNode& node)
{
    if (!node.isSequence())
        failAt(node.where, "variants",
               "expected a list of variants (each - name: ..., set: {pool.size: 25}), got " +
                   describeNode(node));
    std::vector<Variant> out;
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        const std::string path = indexPath("variants", i);
        const MapReader m(node.items[i], path, {"name", "description", "set"});
        Variant v;
        v.name = readText(m.require("name", "what the variant is called, such as after"), m.path("name"));
        if (v.name.empty() || v.name.find(',') != std::string::npos)
            failAt(m.get("name")->where, m.path("name"), "a variant needs a name without commas");
        for (std::size_t j = 0; j < out.size(); ++j)
            if (out[j].name == v.name)
                failAt(m.get("name")->where, m.path("name"),
                       "duplicate variant name '" + v.name + "' (also " + indexPath("variants", j) + ")");
        if (const YamlNode* n = m.get("description"))
            v.description = readText(*n, m.path("description"));
        if (const YamlNode* set = m.get("set")) {
            if (!(set->isMap() || set->isNull()))
                failAt(set->where, m.path("set"),
                       "expected a map of changes such as {pool.size: 25, pool.timeout: 15s}, got " +
                           describeNode(*set));
            for (const YamlEntry& e : set->entries)
                v.set.push_back(changeAt(e, m.path("set") + "." + e.key));
        }
        out.push_back(std::move(v));
    }
    return out;
}

std::vector<SloLimit> readSlo(const YamlNode& node, const std::vector<Workload>& workloads)
{
    std::vector<SloLimit> out;
    readLimits(node, "slo", "", out);
    const YamlNode* named = node.find("workloads");
    if (!named)
        return out;
    if (!(named->isMap() || named->isNull()))
        failAt(named->where, "slo.workloads",
               "expected a map from workload names to limits, such as {reports: {response_p95: 30s}}, got " +
                   describeNode(*named));
    for (const YamlEntry& e : named->entries) {
        // Every name is checked, those given no limits ({}) included: a misspelt name is never
        // silently ignored.
        if (std::none_of(workloads.begin(), workloads.end(),
                         [&](const Workload& w) { return w.name == e.key; })) {
            std::string names;
            for (const Workload& w : workloads)
                names += (names.empty() ? "" : ", ") + w.name;
            failAt(e.keyWhere, "slo.workloads",
                   "no workload named '" + e.key + "' (" +
                       (workloads.size() == 1 ? "the workload is " : "the workloads are ") + names + ")");
        }
        readLimits(e.value, "slo.workloads." + e.key, e.key, out);
    }
    return out;
}

std::vector<AlertRule> readAlerts(const YamlNode& node)
{
    if (!node.isSequence())
        failAt(
            node.where, "alerts",
            "expected a list of rules (each - {name: ..., signal: utilization, above: 80%, for: 1m}), got " +
                describeNode(node));
    std::vector<std::string_view> signalNames;
    for (const AlertSignal& s : alertSignals())
        signalNames.push_back(s.name);
    std::vector<AlertRule> out;
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        const std::string path = indexPath("alerts", i);
        const MapReader m(node.items[i], path, {"name", "signal", "above", "window", "for"});
        AlertRule r;
        const YamlNode& signal = m.require("signal", "what to watch: " + joinList(signalNames));
        r.signal = readScalar(signal, m.path("signal"), "one of " + joinList(signalNames));
        const AlertSignal* s = findAlertSignal(r.signal);
        if (!s)
            failAt(signal.where, m.path("signal"),
                   "expected one of " + joinList(signalNames) + ", got " + describeNode(signal));
        r.name = m.has("name") ? readText(*m.get("name"), m.path("name")) : r.signal;
        if (r.name.empty())
            failAt(m.get("name")->where, m.path("name"),
                   "an alert rule needs a name (or leave it out: the signal's)");
        const YamlNode& above = m.require("above", "the threshold, such as 80% or 1s");
        r.threshold = readLevel(above, m.path("above"), s->unit);
        r.thresholdText = above.scalar;
        if (const YamlNode* n = m.get("window"))
            r.window = readDuration(*n, m.path("window"), DurationMin::Positive);
        if (const YamlNode* n = m.get("for"))
            r.forAtLeast = readDuration(*n, m.path("for"), DurationMin::Zero);
        out.push_back(std::move(r));
    }
    return out;
}

void checkPlanningParts(const YamlNode& root, const Scenario& scenario, ModelParts possible)
{
    const auto without = [](ModelPart part) {
        switch (part) {
        case ModelPart::InstanceFailures:
            return "no instance ever fails";
        case ModelPart::LoadShedding:
            return "no request is ever rejected";
        case ModelPart::ClientTimeouts:
            return "no caller ever gives up";
        case ModelPart::DatabaseServer:
            return "there is no database server to measure";
        case ModelPart::Pool:
            break;
        }
        return "";
    };
    const auto check = [&](ModelPart part, const Where& where, const std::string& path,
                           const std::string& what) {
        if (!possible.has(part))
            failAt(where, path,
                   what + " needs " + std::string(partRequirement(part)) +
                       ", in the scenario or in one of its variants (without, " + without(part) + ")");
    };
    if (const YamlNode* slo = root.find("slo")) {
        // Limits are read in file order: the scenario's, then each workload's.
        const auto checkLimits = [&](const YamlNode& limits, const std::string& path) {
            for (const YamlEntry& e : limits.entries)
                if (const SloKey* key = findSloKey(e.key))
                    check(sloKeyPart(*key), e.keyWhere, path + "." + e.key, e.key);
        };
        checkLimits(*slo, "slo");
        if (const YamlNode* named = slo->find("workloads"))
            for (const YamlEntry& e : named->entries)
                checkLimits(e.value, "slo.workloads." + e.key);
    }
    const YamlNode* alerts = root.find("alerts");
    for (std::size_t i = 0;
         alerts && scenario.alerts && i < scenario.alerts->size() && i < alerts->items.size(); ++i) {
        const AlertRule& rule = (*scenario.alerts)[i];
        const YamlNode* signal = alerts->items[i].find("signal");
        if (const AlertSignal* s = findAlertSignal(rule.signal); s && signal)
            check(alertSignalPart(*s), signal->where, indexPath("alerts", i) + ".signal", rule.signal);
    }
}

std::vector<SweepParam> readSweep(const YamlNode& node)
{
    if (!node.isMap())
        failAt(
            node.where, "sweep",
            "expected a map of swept values such as {pool.size: 5:60:5, backend.instances: [1, 2, 4]}, got " +
                describeNode(node));
    if (node.entries.size() > 2)
        failAt(node.entries[2].keyWhere, "sweep", "at most two parameters can be swept at once (a grid)");
    std::vector<SweepParam> out;
    for (const YamlEntry& e : node.entries) {
        const std::string path = "sweep." + e.key;
        SweepParam p;
        p.path = e.key;
        if (e.value.isScalar()) {
            p.text = e.value.scalar;
            try {
                p.values = expandSweepValues(e.value.scalar);
            } catch (const std::invalid_argument& error) {
                failAt(e.value.where, path, error.what());
            }
        } else if (e.value.isSequence() && !e.value.items.empty()) {
            for (std::size_t i = 0; i < e.value.items.size(); ++i)
                p.values.push_back(readScalar(e.value.items[i], indexPath(path, i), "a single value"));
        } else {
            failAt(e.value.where, path,
                   "expected a range such as 5:60:5 or a list such as [10, 25, 50], got " +
                       (e.value.isSequence() ? std::string("an empty list") : describeNode(e.value)));
        }
        out.push_back(std::move(p));
    }
    return out;
}

} // namespace poolsim::models
