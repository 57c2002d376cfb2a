#include "app/cli/command_common.h"

#include "models/atomic_file.h"
#include "models/scenario_yaml.h"

#include <cstdio>
#include <sys/resource.h>

namespace poolsim::cli {

models::RunOptions CommonOptions::runOptions() const
{
    models::RunOptions o;
    o.replications = replications;
    o.seed = seed;
    o.threads = threads;
    return o;
}

void addCommonOptions(CLI::App* command, CommonOptions& o)
{
    command->add_option("file", o.file, "Scenario file (YAML)")->required();
    command->add_option("--set", o.overrides, "Override a scalar of the file, e.g. pool.size=25")
        ->type_name("KEY=VALUE")
        ->take_all();
    command->add_option("--replications", o.replications, "Number of replications")->check(CLI::Range(1, 100000));
    command->add_option("--seed", o.seed, "Base random seed");
    command->add_option("--threads", o.threads, "Worker threads (0: one per core)")->check(CLI::Range(0, 1024));
    command->add_option("--json", o.jsonOut, "Write the results as JSON to a file, or - for stdout");
    command->add_flag("--quiet", o.quiet, "Print no table and no progress");
    command->add_flag("--check", o.check, "Exit with 3 when a service level (slo:) is not met");
}

models::Scenario loadScenario(const CommonOptions& o)
{
    return models::loadScenarioFile(o.file, o.overrides);
}

void writeJson(const std::string& out, const nlohmann::ordered_json& json)
{
    if (out.empty())
        return;
    const std::string text = json.dump(2) + "\n";
    if (out == "-")
        std::fwrite(text.data(), 1, text.size(), stdout);
    else
        models::writeFileAtomically(out, text);
}

double peakResidentMegabytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0; // Linux reports KiB
}

} // namespace poolsim::cli
