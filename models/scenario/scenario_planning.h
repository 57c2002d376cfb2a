#pragma once
// The what-if parts of a scenario (variants, service levels, alert rules, sweeps) and how a
// scenario with some values changed is made from another.
#include "models/scenario/scenario.h"

#include <string>
#include <vector>

namespace poolsim::models {

/// The base scenario with `changes` applied, as --set would apply them to its file: every
/// value is checked as if written there. A change's value is the text of one scalar, taken as
/// it is (not read as YAML again: "Peak: 2x" stays text). A change written in a file (a
/// variant's set entry) is reported at its place, "(set by LABEL)"; one without a place (from
/// --param or a sweep) and any other error name `label` as the file. The result has no
/// variants and no sweep of its own; its sourcePath and dataDir are the base's (relative data
/// files resolve against dataDir). Throws ScenarioError.
Scenario applySettings(const Scenario& base, const std::vector<SettingChange>& changes,
                       const std::string& label);

/// The variant named `name` of `base`; throws std::invalid_argument listing the variants when
/// there is none of that name.
const Variant& findVariant(const Scenario& base, const std::string& name);
/// applySettings with the variant's changes, labelled "FILE (variant 'NAME')", errors at a set
/// entry "(set by variant 'NAME')"; named "BASE NAME [VARIANT]" unless a change renames it.
Scenario scenarioVariant(const Scenario& base, const Variant& variant);

/// "5:60:5" -> 5, 10, ..., 60 (numbers, decimals exact: 1:1.5:0.1 -> 1, 1.1, ..., 1.5; also
/// durations such as 5s:30s:5s; step 1 when left out), "10,20,40" -> a list, "7" -> one value.
/// At most 10000 values. Throws std::invalid_argument saying what was expected.
std::vector<std::string> expandSweepValues(const std::string& text);

/// `--param pool.size=5:60:5`: a swept path and its values. Throws ScenarioError (file
/// "--param") when malformed.
SweepParam parseSweepParam(const std::string& option);

} // namespace poolsim::models
