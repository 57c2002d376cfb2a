// `poolsim compare`: variants of a scenario side by side, on common random numbers, with the
// difference of each against a baseline and whether each meets the service levels.
#include "app/cli/command_common.h"
#include "app/cli/terminal_progress.h"
#include "models/planning/comparison.h"
#include "models/results/slo.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
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

enum class Unit { Count, Ratio, Seconds };

struct Row
{
    Metric metric;
    const char* label;
    Unit unit;
};

constexpr Row kRows[] = {
    {Metric::Arrivals, "arrivals", Unit::Count},
    {Metric::Served, "served", Unit::Count},
    {Metric::Timeouts, "timeouts", Unit::Count},
    {Metric::Failures, "other failures", Unit::Count},
    {Metric::TimeoutRatio, "timeout ratio", Unit::Ratio},
    {Metric::WaitRatio, "served that waited", Unit::Ratio},
    {Metric::WaitMeanS, "wait mean", Unit::Seconds},
    {Metric::WaitP95S, "wait p95", Unit::Seconds},
    {Metric::WaitP99S, "wait p99", Unit::Seconds},
    {Metric::UtilizationMean, "utilization mean", Unit::Ratio},
    {Metric::UtilizationMax, "utilization max (bin)", Unit::Ratio},
    {Metric::WaitersMax, "waiting requests max", Unit::Count},
    {Metric::ResponseP95S, "response p95", Unit::Seconds},
    {Metric::Unfinished, "unfinished at horizon", Unit::Count},
};

/// "1.234 +/- 0.056 s", "45.0 +/- 3.1 ms", "0.41 +/- 0.02%", "2999 +/- 31": the interval in the
/// unit of the value, so that the two read together. `sign` prefixes + to positive values.
std::string formatEstimate(double mean, double ci, Unit unit, bool sign = false)
{
    if (!std::isfinite(mean))
        return "-";
    double scale = 1;
    const char* suffix = "";
    int decimals = 0;
    switch (unit) {
    case Unit::Count: // a mean over replications: a decimal where it says something
        decimals = std::fabs(mean) < 100 ? 1 : 0;
        break;
    case Unit::Ratio:
        scale = 100;
        suffix = "%";
        decimals = 2;
        break;
    case Unit::Seconds:
        if (std::max(std::fabs(mean), std::isfinite(ci) ? ci : 0.0) < 1) {
            scale = 1000;
            suffix = " ms";
            decimals = 1;
        } else {
            suffix = " s";
            decimals = 3;
        }
        break;
    }
    char buf[96];
    if (std::isfinite(ci))
        std::snprintf(buf, sizeof buf, sign ? "%+.*f +/- %.*f%s" : "%.*f +/- %.*f%s", decimals, mean * scale,
                      decimals, ci * scale, suffix);
    else
        std::snprintf(buf, sizeof buf, sign ? "%+.*f%s" : "%.*f%s", decimals, mean * scale, suffix);
    return buf;
}

/// Left-aligned columns, two spaces apart.
std::string alignColumns(const std::vector<std::vector<std::string>>& rows)
{
    std::vector<std::size_t> width;
    for (const auto& row : rows)
        for (std::size_t c = 0; c < row.size(); ++c) {
            width.resize(std::max(width.size(), row.size()), 0);
            width[c] = std::max(width[c], row[c].size());
        }
    std::string out;
    for (const auto& row : rows) {
        std::string line = " ";
        for (std::size_t c = 0; c < row.size(); ++c)
            line += " " + row[c] + (c + 1 < row.size() ? std::string(width[c] - row[c].size() + 1, ' ') : "");
        out += line + "\n";
    }
    return out;
}

std::string changesText(const std::vector<models::SettingChange>& changes)
{
    std::string out;
    for (const models::SettingChange& c : changes)
        out += (out.empty() ? "" : ", ") + c.path + "=" + c.value;
    return out.empty() ? std::string("no changes") : out;
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
    std::size_t nameWidth = 0;
    for (const models::VariantRun& run : c.runs)
        nameWidth = std::max(nameWidth, run.name.size());
    for (const models::VariantRun& run : c.runs) {
        out += "  " + run.name + std::string(nameWidth - run.name.size() + 2, ' ') +
               (run.description.empty() ? "-" : run.description) + "\n";
        out += std::string(nameWidth + 4, ' ') + "set: " + changesText(run.changes);
        if (!sameReplications)
            out += "; " + std::to_string(run.result->replications) + " replications";
        out += "\n";
    }
    out += "\n";

    std::vector<std::vector<std::string>> grid;
    std::vector<std::string> head = {"metric"};
    for (const models::VariantRun& run : c.runs)
        head.push_back(run.name);
    for (std::size_t i = 1; i < c.runs.size(); ++i)
        head.push_back(c.runs[i].name + " - " + baseline.name);
    grid.push_back(head);
    for (const Row& row : kRows) {
        std::vector<std::string> cells = {row.label};
        for (const models::VariantRun& run : c.runs) {
            const models::Estimate& e = run.result->metrics[row.metric];
            cells.push_back(formatEstimate(e.mean, e.ci95, row.unit));
        }
        for (const models::Comparison& d : c.differences) {
            const models::Difference& diff = d.total[row.metric];
            cells.push_back(formatEstimate(diff.mean, diff.ci95, row.unit, true) +
                            (diff.significant ? " *" : ""));
        }
        grid.push_back(cells);
    }
    out += alignColumns(grid);
    bool paired = false, welch = false;
    for (const models::Comparison& d : c.differences)
        (d.method == models::ComparisonMethod::Paired ? paired : welch) = true;
    out += "\n  means +/- 95% confidence half-widths; * the difference's interval excludes 0";
    if (paired && welch)
        out += " (paired by replication where\n    the variants share random numbers, else Welch)\n";
    else if (paired)
        out += "\n    (paired by replication: every variant sees the same random numbers)\n";
    else if (c.unpairedAsked)
        out += "\n    (Welch, unpaired, as --unpaired asks: wider than the paired interval)\n";
    else
        out += "\n    (Welch: the variants' random numbers are independent)\n";

    out += "\n  service levels (met when the upper end of the 95% interval is within the limit)\n";
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
    std::string out =
        "| variant | pool | wait p95 | wait p99 | longest wait | most waiting | timeouts | SLO met |\n"
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n";
    for (std::size_t i = 0; i < c.runs.size(); ++i) {
        const models::VariantRun& run = c.runs[i];
        const models::MetricEstimates& m = run.result->metrics;
        const auto mean = [&](Metric metric, Unit unit) {
            return formatEstimate(m[metric].mean, std::nan(""), unit);
        };
        std::string slo = "-";
        if (!run.result->slo.empty()) {
            std::string failed;
            for (const models::SloCheck& check : c.slo[i].checks)
                if (!check.met)
                    failed += (failed.empty() ? "" : ", ") + models::describeLimit(check.limit);
            slo = failed.empty() ? "yes" : "no (" + failed + ")";
        }
        out += "| " + run.name + " | " + std::to_string(run.scenario.pool.effectiveSize()) + " x " +
               std::to_string(run.scenario.backend.effectiveInstances()) + " | " +
               mean(Metric::WaitP95S, Unit::Seconds) + " | " + mean(Metric::WaitP99S, Unit::Seconds) + " | " +
               mean(Metric::WaitMaxS, Unit::Seconds) + " | " + mean(Metric::WaitersMax, Unit::Count) + " | " +
               mean(Metric::Timeouts, Unit::Count) + " | " + slo + " |\n";
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
