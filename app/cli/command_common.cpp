#include "app/cli/command_common.h"

#include "app/cli/job.h"
#include "models/scenario/atomic_file.h"
#include "models/scenario/overrides.h"
#include "models/scenario/scenario_planning.h"
#include "models/scenario/scenario_yaml.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <sys/resource.h>

namespace poolsim::cli {

namespace {
bool hasVariant(const models::Scenario& scenario, const std::string& name)
{
    for (const models::Variant& v : scenario.variants)
        if (v.name == name)
            return true;
    return false;
}
} // namespace

models::RunOptions CommonOptions::runOptions() const
{
    models::RunOptions o;
    o.replications = replications;
    o.seed = seed;
    o.threads = threads;
    o.group = jobGroup();
    return o;
}

void addCommonOptions(CLI::App* command, CommonOptions& o)
{
    command->add_option("file", o.file, "Scenario file (YAML)")->required();
    command->add_option("--set", o.overrides, "Override a scalar of the file, e.g. pool.size=25")
        ->type_name("KEY=VALUE")
        ->take_all();
    command->add_option("--replications", o.replications, "Number of replications")
        ->check(CLI::Range(1, 100000));
    command->add_option("--seed", o.seed, "Base random seed");
    command->add_option("--threads", o.threads, "Worker threads (0: one per core)")
        ->check(CLI::Range(0, 1024));
    command->add_option("--json", o.jsonOut, "Write the results as JSON to a file, or - for stdout");
    command->add_flag("--quiet", o.quiet, "Print no table and no progress");
    command->add_flag("--check", o.check, "Exit with 3 when a service level (slo:) is not met");
}

void addVariantOption(CLI::App* command, CommonOptions& o)
{
    command
        ->add_option("--variant", o.variant, "Work on one of the file's variants (base: the file as written)")
        ->type_name("NAME");
}

void refuseOverriddenSets(const CommonOptions& o, const models::Scenario& scenario,
                          const std::vector<std::string>& variantNames)
{
    for (const std::string& option : o.overrides) {
        const std::string path = models::parseOverride(option).key;
        for (const models::Variant& v : scenario.variants) {
            if (std::find(variantNames.begin(), variantNames.end(), v.name) == variantNames.end())
                continue;
            for (const models::SettingChange& c : v.set)
                if (c.path == path)
                    throw std::invalid_argument("--set " + option + ": variant '" + v.name + "' sets " +
                                                path +
                                                " too, and a variant's values apply after --set, so this one "
                                                "would be lost; leave it out, or change the variant");
        }
    }
}

models::Scenario loadScenario(const CommonOptions& o)
{
    models::Scenario scenario = models::loadScenarioFile(o.file, o.overrides);
    if (o.variant.empty() || (o.variant == "base" && !hasVariant(scenario, "base")))
        return scenario;
    refuseOverriddenSets(o, scenario, {o.variant});
    models::Scenario changed = models::scenarioVariant(scenario, models::findVariant(scenario, o.variant));
    changed.sweep = scenario.sweep; // a sweep of the variant: the paths mean the same there
    return changed;
}

void writeJson(const std::string& out, const nlohmann::ordered_json& json)
{
    if (out.empty())
        return;
    const std::string text = json.dump(2) + "\n";
    if (out == "-")
        std::fwrite(text.data(), 1, text.size(), stdout);
    else
        writeOutputFile(out, text);
}

double peakResidentMegabytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0; // Linux reports KiB
}

} // namespace poolsim::cli
