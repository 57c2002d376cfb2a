#pragma once
// A YAML document as a plain tree that remembers where each node was written: the file, line
// and column, or the --set option that gave it. The scenario loader reads this tree rather than
// yaml-cpp's nodes so that duplicate keys are caught, overrides can be applied and every error
// can name its place. Internal to poolsim_models.
#include "models/scenario/scenario_error.h"

#include <string>
#include <string_view>
#include <vector>

namespace poolsim::models {

/// Where a node came from: a place in a file, or a command-line option (then `location.file`
/// names the option, --set or --param, and `setBy` is its text). `via` says what put a value
/// written in a file in its place ("variant 'after'"), for messages.
struct Where
{
    SourceLocation location;
    std::string setBy;
    std::string via;
};

struct YamlEntry;

struct YamlNode
{
    enum class Kind { Null, Scalar, Sequence, Map };
    Kind kind = Kind::Null;
    std::string scalar;             // Kind::Scalar
    std::vector<YamlNode> items;    // Kind::Sequence
    std::vector<YamlEntry> entries; // Kind::Map, in file order, keys unique
    Where where;

    bool isNull() const { return kind == Kind::Null; }
    bool isScalar() const { return kind == Kind::Scalar; }
    bool isSequence() const { return kind == Kind::Sequence; }
    bool isMap() const { return kind == Kind::Map; }

    const YamlEntry* findEntry(std::string_view key) const;
    YamlEntry* findEntry(std::string_view key);
    const YamlNode* find(std::string_view key) const;
};

struct YamlEntry
{
    std::string key;
    Where keyWhere;
    YamlNode value;
};

/// Parses one YAML document. Syntax errors, duplicate keys and non-scalar keys become
/// ScenarioErrors located in `fileName`. An empty document gives a Null root.
YamlNode parseYamlDocument(const std::string& text, const std::string& fileName);

/// Parses the value of a --set option as one YAML scalar (or null).
YamlNode parseYamlScalar(const std::string& text, const Where& where);

/// Throws a ScenarioError at `where`; for a --set value the location is the option.
[[noreturn]] void failAt(const Where& where, const std::string& keyPath, const std::string& message);

/// How a node reads in a message: 'text', a map, a list, nothing.
std::string describeNode(const YamlNode& node);

} // namespace poolsim::models
