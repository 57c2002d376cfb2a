#pragma once
// --set KEY=VALUE: changes to a scenario given on the command line, applied to the parsed YAML
// tree before it is read, so a value given this way is checked exactly like one in the file and
// an error in it names the option.
#include "models/scenario/yaml_tree.h"

#include <string>
#include <vector>

namespace poolsim::models {

/// One --set option. KEY is a dotted path to a single value: `pool.size`, `horizon`,
/// `workloads[0].arrivals.poisson`, or with a workload named: `workloads.api.hold.exponential`
/// (also `workloads[api]`, for names with dots). VALUE is read as one YAML scalar.
struct OverrideOption
{
    struct Segment
    {
        enum class Kind { Key, Index, Name }; // a.b, [3], [name]
        Kind kind = Kind::Key;
        std::string text;
        std::size_t index = 0;
    };
    std::string text; // the option as given
    std::string key, value;
    std::vector<Segment> path;
};

/// Splits and checks one option; throws ScenarioError (file "--set", line 0) if it is malformed.
OverrideOption parseOverride(const std::string& option);
/// As above, with errors at `where` (a variant's set entry, a --param option).
OverrideOption parseOverride(const std::string& option, const Where& where);

/// Applies the options in order. Maps on the way are created when absent (`pool.timeout` in a
/// file without `pool`); list entries are not. Throws ScenarioError (file "--set") for a bad
/// option, an index out of range, an unknown workload name, or a KEY naming a map or a list.
/// The values set remember their option, so later errors about them name it.
void applyOverrides(YamlNode& root, const std::vector<std::string>& options);

/// Applies one change (already parsed) whose values and errors are located at `where`.
void applyOverride(YamlNode& root, const OverrideOption& option, const Where& where);

} // namespace poolsim::models
