#pragma once
// Typed reading of YamlNodes with errors that say where and what was expected. Internal to
// poolsim_models.
#include "models/scenario/scenario.h"
#include "models/scenario/yaml_tree.h"

#include <cstdint>
#include <initializer_list>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace poolsim::models {

/// "pool" + "size" -> "pool.size"; "" + "horizon" -> "horizon".
std::string childPath(const std::string& parent, std::string_view key);
/// "workloads" + 1 -> "workloads[1]".
std::string indexPath(const std::string& parent, std::size_t index);
/// "a, b, c".
std::string joinList(const std::vector<std::string_view>& words);

/// A map whose keys were checked against the allowed ones on construction.
class MapReader
{
public:
    /// Fails unless `node` is a map (a Null node counts as an empty map when `nullIsEmpty`)
    /// whose keys are all in `allowed`.
    MapReader(const YamlNode& node, std::string path, std::vector<std::string_view> allowed,
              bool nullIsEmpty = false);

    const YamlNode& node() const { return m_node; }
    const std::string& path() const { return m_path; }
    std::string path(std::string_view key) const { return childPath(m_path, key); }
    bool has(std::string_view key) const { return m_node.find(key) != nullptr; }
    const YamlNode* get(std::string_view key) const { return m_node.find(key); }
    const YamlEntry* entry(std::string_view key) const { return m_node.findEntry(key); }
    /// Fails with "missing required key 'key' (hint)" at the map.
    const YamlNode& require(std::string_view key, std::string_view hint = {}) const;

private:
    const YamlNode& m_node;
    std::string m_path;
};

/// The node's scalar text; fails unless it is a scalar.
const std::string& readScalar(const YamlNode& node, const std::string& path, std::string_view expected);
std::string readText(const YamlNode& node, const std::string& path);
std::int64_t readInt(const YamlNode& node, const std::string& path, std::int64_t min,
                     std::int64_t max = std::numeric_limits<std::int64_t>::max());
std::uint64_t readUInt64(const YamlNode& node, const std::string& path);
bool readBool(const YamlNode& node, const std::string& path);
double readNumber(const YamlNode& node, const std::string& path);

enum class DurationMin { Zero, Positive };
SimTime readDuration(const YamlNode& node, const std::string& path, DurationMin min);
/// A duration or `none`; zero allowed only when `zeroAllowed`.
Timeout readTimeout(const YamlNode& node, const std::string& path, bool zeroAllowed);
Rate readRate(const YamlNode& node, const std::string& path);

/// One of the names in `values` (pairs of a name and its value, such as a name table).
template <typename E, typename Values>
E readEnumOf(const YamlNode& node, const std::string& path, const Values& values)
{
    std::vector<std::string_view> names;
    for (const auto& [name, value] : values)
        names.push_back(name);
    const std::string& s = readScalar(node, path, "one of " + joinList(names));
    for (const auto& [name, value] : values)
        if (name == s)
            return value;
    failAt(node.where, path, "expected one of " + joinList(names) + ", got " + describeNode(node));
}

template <typename E>
E readEnum(const YamlNode& node, const std::string& path,
           std::initializer_list<std::pair<std::string_view, E>> values)
{
    return readEnumOf<E>(node, path, values);
}

} // namespace poolsim::models
