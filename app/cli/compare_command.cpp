// `poolsim compare`: variants of a scenario side by side, on common random numbers, with the
// difference of each against a baseline and whether each meets the service levels.
#include "app/cli/command_common.h"
#include "app/cli/terminal_progress.h"
#include "app/cli/text_table.h"
#include "models/metrics/metric_catalogue.h"
#include "models/planning/comparison.h"
#include "models/results/failure_story.h"
#include "models/results/slo.h"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <memory>
#include <optional>
#include <stdexcept>

namespace poolsim::cli {

using models::Metric;

namespace {

struct CompareOptions
{
    CommonOptions common;
    std::vector<std::string> variants; // empty: all the file's
    std::string baseline;              // empty: the first
    bool markdown = false;
    bool unpaired = false;
};

// ---- Which variants -----------------------------------------------------------------------

/// The names to run, the baseline first.
std::vector<std::string> chooseVariants(const CompareOptions& o, const models::Scenario& scenario)
{
    const std::string base(models::kBaseVariantName);
    std::vector<std::string> names = o.variants.empty() ? models::variantNames(scenario) : o.variants;
    if (names.empty())
        throw std::invalid_argument(
            "the scenario has no variants to compare: add a variants: section (each - name: ..., "
            "set: {pool.size: 25})");
    for (std::size_t i = 0; i < names.size(); ++i)
        if (std::find(names.begin(), names.begin() + static_cast<std::ptrdiff_t>(i), names[i]) !=
            names.begin() + static_cast<std::ptrdiff_t>(i))
            throw std::invalid_argument("--variants names '" + names[i] + "' twice");
    if (!o.baseline.empty() && std::find(names.begin(), names.end(), o.baseline) == names.end())
        names.insert(names.begin(), o.baseline);
    if (names.size() == 1) {
        // One variant alone: compare it with the scenario as written.
        if (names.front() == base)
            throw std::invalid_argument(
                "nothing to compare 'base' with: name another variant with --variants");
        names.insert(names.begin(), base);
    }
    const std::string baseline = o.baseline.empty() ? names.front() : o.baseline;
    std::stable_partition(names.begin(), names.end(), [&](const std::string& n) { return n == baseline; });
    return names;
}

// ---- Readable values --------------------------------------------------------------------

/// The compare table's metrics, in its order; labels and formats are the catalogue's.
constexpr Metric kRows[] = {
    Metric::Arrivals,     Metric::Served,          Metric::Timeouts,       Metric::Failures,
    Metric::TimeoutRatio, Metric::WaitRatio,       Metric::WaitMeanS,      Metric::WaitP95S,
    Metric::WaitP99S,     Metric::UtilizationMean, Metric::UtilizationMax, Metric::WaitersMax,
    Metric::ResponseP95S, Metric::Unfinished,
};
/// When every variant has a database server: its load and how much it stretched the queries.
constexpr Metric kServerRows[] = {Metric::ResponseMeanS, Metric::DbActiveMean, Metric::DbSlowdownMean,
                                  Metric::DbThroughputPerS};
/// The failure loop's, each when every variant has its part (instances that can fail, load
/// shedding, client timeouts).
constexpr Metric kFailureRows[] = {Metric::Crashes,         Metric::CrashReplications, Metric::FirstCrashS,
                                   Metric::FailedInstances, Metric::DowntimeS,         Metric::Availability,
                                   Metric::Crashed,         Metric::Unavailable,       Metric::Rejected,
                                   Metric::ClientTimeouts,  Metric::ProbeFailures};

std::string changesText(const std::vector<models::SettingChange>& changes)
{
    std::string out;
    for (const models::SettingChange& c : changes)
        out += (out.empty() ? "" : ", ") + c.path + "=" + c.value;
    return out.empty() ? std::string("no changes") : out;
}

/// Per variant, one line: its failure story, when any variant's instances can fail.
std::vector<std::string> failureStories(const std::vector<models::VariantRun>& runs)
{
    if (std::none_of(runs.begin(), runs.end(), [](const models::VariantRun& run) {
            return run.result->parts.has(models::ModelPart::InstanceFailures);
        }))
        return {};
    std::vector<std::string> lines;
    for (const models::VariantRun& run : runs) {
        const std::optional<models::FailureStory> story = models::failureStory(*run.result);
        lines.push_back(
            run.name + ": " +
            (story ? story->sentence()
                   : std::string("its instances cannot fail (no health check, no overload crash).")));
    }
    return lines;
}

std::vector<const models::AlertOutcome*> firedAlerts(const models::RunResult& result)
{
    std::vector<const models::AlertOutcome*> fired;
    for (const models::AlertOutcome& a : result.alerts)
        if (!a.periods.empty())
            fired.push_back(&a);
    return fired;
}

// ---- The outputs ---------------------------------------------------------------------------

struct Compared
{
    std::vector<models::VariantRun> runs;        // the baseline first
    std::vector<models::Comparison> differences; // runs[i + 1] - runs[0]
    std::vector<models::SloReport> slo;          // per run
    std::uint64_t seed = 0;
    std::vector<std::string> warnings;
    bool unpairedAsked = false;
};

std::string table(const models::Scenario& scenario, const Compared& c)
{
    const models::VariantRun& baseline = c.runs.front();
    std::string out = (scenario.name.empty() ? std::string("(unnamed scenario)") : scenario.name) + "\n";
    char line[256];
    bool sameReplications = true;
    for (const models::VariantRun& run : c.runs)
        sameReplications = sameReplications && run.result->replications == baseline.result->replications;
    if (sameReplications)
        std::snprintf(line, sizeof line, "  %lld replications per variant, seed %llu, baseline '%s'\n\n",
                      static_cast<long long>(baseline.result->replications),
                      static_cast<unsigned long long>(c.seed), baseline.name.c_str());
    else
        std::snprintf(line, sizeof line,
                      "  seed %llu, baseline '%s'; differences over the replications both ran\n\n",
                      static_cast<unsigned long long>(c.seed), baseline.name.c_str());
    out += line;

    // Each variant: its name and description, and below the description what it changes.
    TextTable variants({{Align::Left}, {Align::Left}});
    for (const models::VariantRun& run : c.runs) {
        variants.addRow({run.name, run.description.empty() ? "-" : run.description});
        std::string set = "set: " + changesText(run.changes);
        if (!sameReplications)
            set += "; " + std::to_string(run.result->replications) + " replications";
        variants.addRow({"", set});
    }
    out += variants.text() + "\n";

    TextTable grid(
        std::vector<TextColumn>(2 * c.runs.size(), TextColumn{Align::Left})); // metric, runs, differences
    std::vector<std::string> head = {"metric"};
    for (const models::VariantRun& run : c.runs)
        head.push_back(run.name);
    for (std::size_t i = 1; i < c.runs.size(); ++i)
        head.push_back(c.runs[i].name + " - " + baseline.name);
    grid.addRow(head);
    std::vector<Metric> rows(std::begin(kRows), std::end(kRows));
    models::ModelParts common = baseline.result->parts;
    for (const models::VariantRun& run : c.runs)
        common = common.commonWith(run.result->parts);
    if (common.has(models::ModelPart::DatabaseServer))
        rows.insert(rows.end(), std::begin(kServerRows), std::end(kServerRows));
    for (const Metric m : kFailureRows)
        if (models::applies(m, common))
            rows.push_back(m);
    for (const Metric metric : rows) {
        std::vector<std::string> cells = {std::string(models::metricLabel(metric))};
        for (const models::VariantRun& run : c.runs) {
            const models::Estimate& e = run.result->metrics[metric];
            cells.push_back(models::formatMetricEstimate(metric, e.mean, e.ci95));
        }
        for (const models::Comparison& d : c.differences) {
            const models::Difference& diff = d.total[metric];
            cells.push_back(models::formatMetricEstimate(metric, diff.mean, diff.ci95, true) +
                            (diff.significant ? " *" : ""));
        }
        grid.addRow(cells);
    }
    out += grid.text();
    bool paired = false, welch = false;
    for (const models::Comparison& d : c.differences)
        (d.method == models::ComparisonMethod::Paired ? paired : welch) = true;
    out += "\n  means ± 95% confidence half-widths; * the difference's interval excludes 0";
    if (paired && welch)
        out += " (paired by replication where\n    the variants share random numbers, else Welch)\n";
    else if (paired)
        out += "\n    (paired by replication: every variant sees the same random numbers)\n";
    else if (c.unpairedAsked)
        out += "\n    (Welch, unpaired, as --unpaired asks: wider than the paired interval)\n";
    else
        out += "\n    (Welch: the variants' random numbers are independent)\n";

    if (const std::vector<std::string> stories = failureStories(c.runs); !stories.empty()) {
        out += "\n  instance failures\n";
        for (const std::string& story : stories)
            out += "    " + story + "\n";
    }

    out += models::anyMinimum(scenario.slo)
               ? "\n  service levels (met when the upper end of the 95% interval is within the limit; the "
                 "lower end for a minimum)\n"
               : "\n  service levels (met when the upper end of the 95% interval is within the limit)\n";
    if (scenario.slo.empty())
        out += "    the scenario sets none (slo:)\n";
    for (std::size_t i = 0; i < c.runs.size() && !scenario.slo.empty(); ++i) {
        const std::vector<std::string> failed = models::failedLimits(c.slo[i]);
        out += "    " + c.runs[i].name + (failed.empty() ? ": met\n" : ": NOT met\n");
        for (const std::string& f : failed)
            out += "      " + f + "\n";
    }
    out += "\n  alerts that fired (on the mean series across replications)\n";
    for (const models::VariantRun& run : c.runs) {
        const auto fired = firedAlerts(*run.result);
        std::string names;
        for (const models::AlertOutcome* a : fired)
            names += (names.empty() ? ": " : ", ") + a->rule.name;
        std::snprintf(line, sizeof line, "    %s: %zu of %zu rules", run.name.c_str(), fired.size(),
                      run.result->alerts.size());
        out += line + names + "\n";
    }
    for (const std::string& w : c.warnings)
        out += "\nwarning: " + w + "\n";
    return out;
}

/// The compact table for a README: no wall times, nothing that varies between runs of the
/// same file and seed.
std::string markdown(const Compared& c)
{
    constexpr Metric kColumns[] = {Metric::WaitP95S, Metric::WaitP99S, Metric::WaitMaxS, Metric::WaitersMax,
                                   Metric::Timeouts};
    std::string out = "| variant | pool |";
    for (const Metric metric : kColumns)
        out += " " + std::string(models::metricLabel(metric)) + " |";
    // Always there, "-" where instances cannot fail, so that the tables of several files line up.
    out += " instance failures | first failure | SLO met |\n| --- | ---: |";
    for (std::size_t i = 0; i < std::size(kColumns) + 2; ++i)
        out += " ---: |";
    out += " --- |\n";
    for (std::size_t i = 0; i < c.runs.size(); ++i) {
        const models::VariantRun& run = c.runs[i];
        std::string slo = "-";
        if (!run.result->slo.empty()) {
            std::string failed;
            for (const models::SloCheck& check : c.slo[i].checks)
                if (!check.met)
                    failed += (failed.empty() ? "" : ", ") + models::describeLimit(check.limit);
            slo = failed.empty() ? "yes" : "no (" + failed + ")";
        }
        out += "| " + run.name + " | " + std::to_string(run.scenario.pool.effectiveSize()) + " x " +
               std::to_string(run.scenario.backend.effectiveInstances()) + " |";
        for (const Metric metric : kColumns)
            out += " " + models::formatMetricValue(metric, run.result->metrics[metric].mean) + " |";
        std::string failed = "-", first = "-";
        if (const auto story = models::failureStory(*run.result)) {
            failed = std::to_string(story->withFailure) + " of " + std::to_string(story->replications);
            first = story->withFailure > 0 ? models::formatClock(story->firstMeanS) : "none";
        }
        out += " " + failed + " | " + first + " | " + slo + " |\n";
    }
    // Below the table (scripts/incident-table.sh takes only its rows): how the instances fared.
    if (const std::vector<std::string> stories = failureStories(c.runs); !stories.empty()) {
        out += "\nInstance failures:\n\n";
        for (const std::string& story : stories)
            out += "- " + story + "\n";
    }
    return out;
}

nlohmann::ordered_json json(const models::Scenario& scenario, const Compared& c)
{
    nlohmann::ordered_json j;
    j["scenario"] = scenario.name;
    j["baseline"] = c.runs.front().name;
    j["seed"] = c.seed;
    j["warnings"] = c.warnings;
    j["variants"] = nlohmann::ordered_json::array();
    for (const models::VariantRun& run : c.runs)
        j["variants"].push_back(models::toJson(run));
    nlohmann::ordered_json differences = nlohmann::ordered_json::object();
    for (std::size_t i = 0; i < c.differences.size(); ++i)
        differences[c.runs[i + 1].name] = models::toJson(c.differences[i]);
    j["differences"] = differences;
    return j;
}

int compareCommand(const CompareOptions& o)
{
    const models::Scenario scenario = loadScenario(o.common);
    const std::vector<std::string> names = chooseVariants(o, scenario);
    refuseOverriddenSets(o.common, scenario, names);
    Compared c;
    {
        TerminalProgress progress(!o.common.quiet);
        c.runs = models::runVariants(scenario, names, o.common.runOptions(), &progress);
    }
    if (TerminalProgress::interrupted()) {
        std::fputs("poolsim: interrupted; nothing written\n", stderr);
        return kExitInterrupted;
    }
    c.seed = models::sharedSeed(scenario, o.common.runOptions());
    c.unpairedAsked = o.unpaired;
    c.warnings = models::variantWarnings(c.runs);
    for (const models::VariantRun& run : c.runs)
        c.slo.push_back(models::evaluateSlo(run.result->slo, *run.result));
    for (std::size_t i = 1; i < c.runs.size(); ++i) {
        const models::ComparisonMethod method =
            o.unpaired ? models::ComparisonMethod::Welch : models::defaultMethod(c.runs.front(), c.runs[i]);
        c.differences.push_back(models::compareRuns(*c.runs.front().result, *c.runs[i].result, method));
    }

    writeJson(o.common.jsonOut, json(scenario, c));
    if (o.common.printTable())
        std::fputs((o.markdown ? markdown(c) : table(scenario, c)).c_str(), stdout);
    if (!o.common.check)
        return 0;
    if (scenario.slo.empty())
        std::fputs(
            "poolsim: --check: the scenario sets no service levels (slo:), so there is nothing to miss\n",
            stderr);
    bool met = true;
    for (std::size_t i = 1; i < c.runs.size(); ++i)
        for (const std::string& f : models::failedLimits(c.slo[i])) {
            std::fprintf(stderr, "poolsim: service level not met (variant '%s'): %s\n",
                         c.runs[i].name.c_str(), f.c_str());
            met = false;
        }
    return met ? 0 : kExitSloNotMet;
}

} // namespace

void addCompareCommand(CLI::App& app, Commands& commands)
{
    auto o = std::make_shared<CompareOptions>();
    CLI::App* cmd = app.add_subcommand(
        "compare", "Run variants of a scenario on common random numbers and compare them with a baseline");
    addCommonOptions(cmd, o->common);
    cmd->add_option("--variants", o->variants,
                    "Variants to compare, e.g. before,after (default: all the file's; base is the scenario "
                    "as written)")
        ->type_name("A,B,...")
        ->delimiter(',');
    cmd->add_option("--baseline", o->baseline,
                    "The variant the others are compared with (default: the first)")
        ->type_name("NAME");
    cmd->add_flag("--markdown", o->markdown, "Print a compact GitHub markdown table instead");
    cmd->add_flag("--unpaired", o->unpaired,
                  "Compare with Welch's unpaired interval instead of differences paired by replication");
    commands.push_back({cmd, [o] { return compareCommand(*o); }});
}

} // namespace poolsim::cli
