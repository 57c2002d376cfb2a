#include "app/cli/run_command.h"

#include "app/cli/summary_table.h"
#include "app/cli/terminal_progress.h"
#include "models/atomic_file.h"
#include "models/compiled_scenario.h"
#include "models/result_json.h"
#include "models/scenario_yaml.h"
#include "models/simulation.h"

#include <cstdio>
#include <sys/resource.h>

namespace poolsim::cli {

namespace {
/// The process's peak resident memory: what the benchmarks compare across run lengths.
double peakResidentMegabytes()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0; // Linux reports KiB
}
} // namespace

int runCommand(const RunCommandOptions& o)
{
    const models::Scenario scenario = models::loadScenarioFile(o.file, o.overrides);
    models::RunOptions options;
    options.replications = o.replications;
    options.seed = o.seed;
    options.threads = o.threads;

    std::shared_ptr<const models::RunResult> result;
    {
        TerminalProgress progress(!o.quiet);
        result = models::runScenario(scenario, options, &progress);
    }
    if (TerminalProgress::interrupted()) {
        // Stopped by Ctrl-C: write nothing that could be mistaken for a complete run.
        std::fprintf(stderr, "poolsim: interrupted after %lld complete replications; nothing written\n",
                     static_cast<long long>(result->replications));
        return 130;
    }

    if (!o.jsonOut.empty()) {
        nlohmann::ordered_json j = models::toJson(*result);
        j["engine"]["peak_rss_mb"] = peakResidentMegabytes();
        const std::string json = j.dump(2) + "\n";
        if (o.jsonOut == "-")
            std::fwrite(json.data(), 1, json.size(), stdout);
        else
            models::writeFileAtomically(o.jsonOut, json);
    }
    if (!o.seriesCsvOut.empty())
        models::writeFileAtomically(o.seriesCsvOut, models::seriesCsv(*result));
    if (!o.quiet && o.jsonOut != "-")
        std::fputs(summaryTable(*result).c_str(), stdout);
    return 0;
}

int validateCommand(const std::string& file, const std::vector<std::string>& overrides)
{
    const models::Scenario scenario = models::loadScenarioFile(file, overrides);
    models::CompiledScenario::compile(scenario); // what `run` builds first: its errors too
    std::puts("ok");
    return 0;
}

} // namespace poolsim::cli
