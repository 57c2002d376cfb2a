#include "models/scenario/yaml_reader.h"

#include "models/scenario/units.h"

#include <charconv>
#include <cmath>
#include <stdexcept>
#include <system_error>

namespace poolsim::models {

std::string childPath(const std::string& parent, std::string_view key)
{
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string indexPath(const std::string& parent, std::size_t index)
{
    return parent + "[" + std::to_string(index) + "]";
}

std::string joinList(const std::vector<std::string_view>& words)
{
    std::string s;
    for (const std::string_view w : words) {
        if (!s.empty())
            s += ", ";
        s += w;
    }
    return s;
}

MapReader::MapReader(const YamlNode& node, std::string path, std::vector<std::string_view> allowed,
                     bool nullIsEmpty)
    : m_node(node), m_path(std::move(path))
{
    if (!(node.isMap() || (nullIsEmpty && node.isNull())))
        failAt(node.where, m_path,
               "expected a map with keys " + joinList(allowed) + ", got " + describeNode(node));
    for (const YamlEntry& e : node.entries) {
        bool known = false;
        for (const std::string_view a : allowed)
            known = known || a == e.key;
        if (!known)
            failAt(e.keyWhere, m_path,
                   "unknown key '" + e.key + "' (expected one of " + joinList(allowed) + ")");
    }
}

const YamlNode& MapReader::require(std::string_view key, std::string_view hint) const
{
    if (const YamlNode* n = get(key))
        return *n;
    std::string message = "missing required key '" + std::string(key) + "'";
    if (!hint.empty())
        message += " (" + std::string(hint) + ")";
    failAt(m_node.where, m_path, message);
}

const std::string& readScalar(const YamlNode& node, const std::string& path, std::string_view expected)
{
    if (!node.isScalar())
        failAt(node.where, path, "expected " + std::string(expected) + ", got " + describeNode(node));
    return node.scalar;
}

std::string readText(const YamlNode& node, const std::string& path)
{
    return readScalar(node, path, "text");
}

std::int64_t readInt(const YamlNode& node, const std::string& path, std::int64_t min, std::int64_t max)
{
    const std::string expected =
        max == std::numeric_limits<std::int64_t>::max()
            ? "an integer >= " + std::to_string(min)
            : "an integer from " + std::to_string(min) + " to " + std::to_string(max);
    const std::string& s = readScalar(node, path, expected);
    std::int64_t value = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || ptr != s.data() + s.size() || value < min || value > max)
        failAt(node.where, path, "expected " + expected + ", got " + describeNode(node));
    return value;
}

std::uint64_t readUInt64(const YamlNode& node, const std::string& path)
{
    const char* expected = "an integer from 0 to 18446744073709551615";
    const std::string& s = readScalar(node, path, expected);
    std::uint64_t value = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || ptr != s.data() + s.size())
        failAt(node.where, path, std::string("expected ") + expected + ", got " + describeNode(node));
    return value;
}

bool readBool(const YamlNode& node, const std::string& path)
{
    const std::string& s = readScalar(node, path, "true or false");
    if (s == "true" || s == "True" || s == "TRUE")
        return true;
    if (s == "false" || s == "False" || s == "FALSE")
        return false;
    failAt(node.where, path, "expected true or false, got " + describeNode(node));
}

double readNumber(const YamlNode& node, const std::string& path)
{
    const std::string& s = readScalar(node, path, "a number");
    double value = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(value))
        failAt(node.where, path, "expected a number, got " + describeNode(node));
    return value;
}

SimTime readDuration(const YamlNode& node, const std::string& path, DurationMin min)
{
    const std::string& s = readScalar(node, path, "a duration such as 250ms, 1.5s, 10m or 2h");
    SimTime t;
    try {
        t = parseDuration(s);
    } catch (const std::invalid_argument& e) {
        failAt(node.where, path, e.what());
    }
    if (min == DurationMin::Positive && t.isZero())
        failAt(node.where, path, "expected a duration > 0, got " + describeNode(node));
    return t;
}

Timeout readTimeout(const YamlNode& node, const std::string& path, bool zeroAllowed)
{
    const char* expected = "a duration such as 250ms, 1.5s, 10m or 2h, or none";
    const std::string& s = readScalar(node, path, expected);
    if (s == "none")
        return Timeout{std::nullopt};
    SimTime t;
    try {
        t = parseDuration(s);
    } catch (const std::invalid_argument& e) {
        const std::string message = e.what();
        if (message.rfind("expected a duration", 0) == 0)
            failAt(node.where, path, std::string("expected ") + expected + ", got " + describeNode(node));
        failAt(node.where, path, message);
    }
    if (!zeroAllowed && t.isZero())
        failAt(node.where, path, "expected a duration > 0 or none, got " + describeNode(node));
    return Timeout{t};
}

Rate readRate(const YamlNode& node, const std::string& path)
{
    const std::string& s = readScalar(node, path, "a rate such as 45/s, 300/m or 2/h");
    Rate rate;
    try {
        rate = parseRate(s);
    } catch (const std::invalid_argument& e) {
        failAt(node.where, path, e.what());
    }
    // A billion requests a second is beyond any pool; larger rates only make runs that never end.
    if (rate.perSecond() > 1e9)
        failAt(node.where, path, "rate '" + s + "' is too high (at most 1e9/s)");
    return rate;
}

} // namespace poolsim::models
