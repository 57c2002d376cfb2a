// `poolsim recommend`: the smallest pool per instance that meets the scenario's service levels,
// the rules of thumb beside it, the database budget, and nested-acquisition deadlock sizes.
#include "app/cli/command_common.h"
#include "app/cli/terminal_progress.h"
#include "app/cli/text_table.h"
#include "models/metrics/metric_catalogue.h"
#include "models/planning/recommend.h"
#include "models/results/slo.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iterator>
#include <memory>
#include <optional>
#include <string>

namespace poolsim::cli {

namespace {

using models::Metric;

struct RecommendCommandOptions
{
    CommonOptions common;
    std::optional<std::int64_t> instances;
    std::int64_t maxPool = 1000;
    bool markdown = false;
};

std::string plural(std::int64_t n, const char* one, const char* many)
{
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string verdict(bool met)
{
    return met ? "meets the service levels" : "misses the service levels";
}

void printChecks(std::string& out, const models::SloReport& report)
{
    TextTable table({{Align::Left}, {Align::Right, 10}, {Align::Left}, {Align::Left}});
    for (const models::SloCheck& c : report.checks)
        table.addRow({models::describeLimit(c.limit), models::limitValueText(c.limit, c.estimate.mean),
                      "(" + std::string(models::judgedEndName(c)) + " 95% " +
                          models::limitValueText(c.limit, c.judged()) + ")",
                      c.met ? "met" : "MISSED"});
    out += table.text();
}

/// With a database server: the sizes that meet, the best of them, and why not more.
void printRange(std::string& out, const models::Recommendation& rec)
{
    const models::SizeSearch& s = rec.search;
    if (!s.largestPoolSize || !s.bestPoolSize)
        return;
    out += "\nPool sizes that meet the service levels: ";
    out += *s.largestPoolSize == s.poolSize
               ? "only " + std::to_string(s.poolSize)
               : std::to_string(s.poolSize) + " to " + std::to_string(*s.largestPoolSize);
    out += " per instance";
    if (*s.largestPoolSize == s.maxSize)
        out += " (the largest tried, --max-pool)";
    out += "; best " + std::to_string(*s.bestPoolSize);
    if (const models::Probe* p = rec.probeAt(*s.bestPoolSize))
        out +=
            " (response p99 " +
            models::formatMetricValue(Metric::ResponseP99S, p->result->metrics[Metric::ResponseP99S].mean) +
            ")";
    out += "\n";
    if (*s.largestPoolSize < s.maxSize)
        out += "Above " + std::to_string(*s.largestPoolSize) +
               " the database server is overloaded (database.capacity): more queries at once make each "
               "slower, and the service levels are missed\n";
}

void printProbes(std::string& out, const models::Recommendation& rec)
{
    out += "\nProbes (" + plural(static_cast<std::int64_t>(rec.probes.size()), "simulation", "simulations") +
           ", the same random numbers for each; the search's sizes " + std::to_string(rec.search.minSize) +
           ".." + std::to_string(rec.search.maxSize) + ", from " + std::to_string(rec.search.start) + "):\n";
    std::vector<Metric> columnMetrics = {Metric::WaitP95S, Metric::TimeoutRatio, Metric::Timeouts,
                                         Metric::Unfinished, Metric::UtilizationMean};
    // Instances that can fail: how often they did, and how much of the time they were up.
    if (std::all_of(rec.probes.begin(), rec.probes.end(), [](const models::Probe& p) {
            return p.result->parts.has(models::ModelPart::InstanceFailures);
        }))
        columnMetrics.insert(columnMetrics.end(), {Metric::Crashes, Metric::Availability});
    std::vector<TextColumn> columns = {{Align::Right}, {Align::Right}, {Align::Left}};
    columns.resize(columns.size() + columnMetrics.size(), TextColumn{Align::Right});
    columns.push_back({Align::Left});
    TextTable table(columns);
    std::vector<std::string> header = {"instances", "size", "met"};
    for (const Metric m : columnMetrics)
        header.emplace_back(models::metricLabel(m));
    header.emplace_back("for");
    table.addRow(header);
    for (const models::Probe& p : rec.probes) {
        std::vector<std::string> row = {std::to_string(p.instances), std::to_string(p.poolSize),
                                        p.met() ? "yes" : "no"};
        for (const Metric m : columnMetrics)
            row.push_back(models::formatMetricValue(m, p.result->metrics[m].mean));
        row.push_back(p.purpose);
        table.addRow(row);
    }
    out += table.text();
}

void printRule(std::string& out, const char* name, const models::RuleOfThumb& r,
               const models::Recommendation& rec)
{
    out += std::string("  ") + name + ": ";
    if (!r.applicable) {
        out += "not applicable: " + r.basis + "\n";
        return;
    }
    out += std::to_string(r.poolSize) + " (" + r.basis + "): ";
    out += r.probe ? verdict(rec.probes[*r.probe].met()) : "not simulated: " + r.note;
    if (rec.found()) {
        const std::int64_t diff = r.poolSize - rec.search.poolSize;
        out += diff == 0 ? ", the recommendation itself"
               : diff > 0
                   ? ", over-provisions by " + plural(diff, "connection", "connections") + " per instance"
                   : ", under-provisions by " + plural(-diff, "connection", "connections") + " per instance";
        // With a server, more is not merely wasteful: past the range it misses.
        if (rec.search.largestPoolSize && r.poolSize > *rec.search.largestPoolSize)
            out += ", above " + std::to_string(*rec.search.largestPoolSize) + ", the largest that meets them";
    }
    out += "\n";
}

void printDatabase(std::string& out, const models::Recommendation& rec)
{
    const models::DatabaseBudget& d = rec.database;
    out += "\nDatabase:\n  ";
    out += d.budget
               ? "budget " + std::to_string(*d.budget) + " connections (max_connections " +
                     std::to_string(*d.maxConnections) + " - " + std::to_string(d.reserved) + " reserved)"
               : std::string("max_connections unlimited");
    if (!d.total) {
        out += "; no recommendation to weigh against it\n";
        return;
    }
    out += "; the recommendation needs " + std::to_string(*d.total) + " in all (" +
           std::to_string(rec.search.poolSize) + " x " +
           plural(rec.search.instances, "instance", "instances") + ")";
    if (d.budget)
        out += *d.fits ? ": fits" : ": BREAKS the budget by " + std::to_string(*d.total - *d.budget);
    out += "\n  PostgreSQL needs max_connections >= " + std::to_string(*d.postgresMaxConnectionsNeeded) +
           " (" + std::to_string(*d.total) + " + " + std::to_string(d.reserved) + " reserved)\n";
    if (!rec.alternatives)
        return;
    const models::BudgetAlternatives& a = *rec.alternatives;
    out += "  Alternatives within the budget:\n    (a) fewer instances: ";
    if (a.fewerInstances)
        out += plural(a.fewerInstances->instances, "instance", "instances") + " x pool " +
               std::to_string(a.fewerInstances->poolSize) + " = " +
               std::to_string(a.fewerInstances->instances * a.fewerInstances->poolSize) +
               " connections in all, which " + verdict(true) + "\n";
    else
        out += "none of the " + plural(a.instanceCountsTried, "smaller count", "smaller counts") +
               " meets the service levels within the budget\n";
    out += "    (b) the largest pool within the budget, " + std::to_string(a.largestPool) +
           " per instance (" + std::to_string(a.largestPool * rec.search.instances) + " in all): ";
    if (a.largestPoolProbe) {
        const models::Probe& p = rec.probes[*a.largestPoolProbe];
        out += "wait p95 " +
               models::formatMetricValue(Metric::WaitP95S, p.result->metrics[Metric::WaitP95S].mean) +
               ", timeouts " +
               models::formatPreciseValue(Metric::Timeouts, p.result->metrics[Metric::Timeouts].mean) +
               " per replication, " + verdict(p.met()) + " (longer waits)\n";
    } else {
        out += a.note + "\n";
    }
}

void printDeadlocks(std::string& out, const models::Recommendation& rec)
{
    if (rec.deadlocks.empty())
        return;
    out += "\nNested acquisitions (acquire: one_by_one), per pool, as if every request in flight were on one "
           "instance:\n";
    const models::Probe* at = rec.shown();
    for (const models::DeadlockWarning& d : rec.deadlocks) {
        out += "  " + d.name + ": " + std::to_string(d.connections) + " connections one by one, ";
        if (d.minPoolSize) {
            out += "at most " + std::to_string(*d.threads) + " in flight (" + d.arrivals +
                   "): deadlock-free from pool " + std::to_string(*d.minPoolSize) + " = " +
                   std::to_string(*d.threads) + " x (" + std::to_string(d.connections) + " - 1) + 1";
        } else {
            out +=
                d.arrivals +
                " arrivals: no pool size is deadlock-free for unbounded concurrency; use acquire: together";
        }
        if (at) {
            const models::MetricEstimates& m = at->result->workloadMetrics[d.workload];
            out += "\n    simulated at pool " + std::to_string(at->poolSize) + ": unfinished " +
                   models::formatPreciseValue(Metric::Unfinished, m[Metric::Unfinished].mean) +
                   ", timeouts " + models::formatPreciseValue(Metric::Timeouts, m[Metric::Timeouts].mean) +
                   " per replication";
            if (d.minPoolSize && at->poolSize < *d.minPoolSize)
                out += " (below the deadlock-free size)";
        }
        out += "\n";
    }
}

std::string recommendationText(const models::Recommendation& rec)
{
    std::string out = "Pool size for '" + rec.scenarioName +
                      "': " + plural(rec.search.instances, "instance", "instances") + ", " +
                      plural(rec.replications, "replication", "replications") + " per probe, seed " +
                      std::to_string(rec.seed) +
                      "\nService levels (met when the upper end of the 95% interval is "
                      "within the limit" +
                      (models::anyMinimum(rec.slo) ? "; the lower end for a minimum):" : "):");
    for (const models::SloLimit& l : rec.slo)
        out += " " + models::describeLimit(l) + ";";
    out.back() = '\n';
    out += "\n";
    const models::Probe* shown = rec.shown();
    if (rec.found()) {
        out += "Recommended: pool.size " + std::to_string(rec.search.poolSize) + " per instance (" +
               std::to_string(rec.search.poolSize * rec.search.instances) +
               " connections in all), the smallest "
               "that meets them:\n";
    } else {
        out += "NO pool size up to " + std::to_string(rec.search.maxSize) +
               " meets them (--max-pool raises the "
               "limit). The best probe, pool.size " +
               std::to_string(shown->poolSize) + ":\n";
    }
    printChecks(out, shown->slo);
    printRange(out, rec);
    printProbes(out, rec);
    out += "\nRules of thumb (pool size per instance):\n";
    printRule(out, "users x 1.5 + 10", rec.usersRule, rec);
    printRule(out, "HikariCP cores x 2 + spindles", rec.hikariRule, rec);
    printDatabase(out, rec);
    printDeadlocks(out, rec);
    return out;
}

/// A rule as a markdown cell: its size, the verdict and the difference from the recommendation.
std::string ruleCell(const models::RuleOfThumb& r, const models::Recommendation& rec)
{
    if (!r.applicable)
        return "-";
    std::string cell = std::to_string(r.poolSize);
    if (r.probe)
        cell += rec.probes[*r.probe].met() ? ", meets" : ", misses";
    if (rec.found()) {
        const std::int64_t d = r.poolSize - rec.search.poolSize;
        cell += " (" + std::string(d > 0 ? "+" : "") + std::to_string(d) + ")";
    }
    if (rec.database.budget && r.poolSize * rec.search.instances > *rec.database.budget)
        cell += ", over the budget";
    return cell;
}

/// One markdown table row per scenario (the header too unless `rowOnly`): what the README's
/// incident table is made of, stable for a given file and seed (no wall times).
std::string recommendationMarkdown(const models::Recommendation& rec, const std::string& file)
{
    std::string out =
        "| scenario | recommended pool | users x 1.5 + 10 | HikariCP cores x 2 + spindles | database |\n"
        "| --- | ---: | ---: | ---: | --- |\n";
    const std::string name = std::filesystem::path(file).filename().string();
    std::string recommended = "none up to " + std::to_string(rec.search.maxSize);
    if (rec.found())
        recommended = std::to_string(rec.search.poolSize) + " x " + std::to_string(rec.search.instances);
    if (rec.search.largestPoolSize && rec.search.bestPoolSize) // with a database server: the range
        recommended += " (meets up to " + std::to_string(*rec.search.largestPoolSize) + ", best " +
                       std::to_string(*rec.search.bestPoolSize) + ")";
    std::string database = "no limit";
    if (rec.database.budget) {
        database = "budget " + std::to_string(*rec.database.budget);
        if (rec.database.fits)
            database += *rec.database.fits ? ", fits" : ", BREAKS it";
    }
    return out + "| " + name + " | " + recommended + " | " + ruleCell(rec.usersRule, rec) + " | " +
           ruleCell(rec.hikariRule, rec) + " | " + database + " |\n";
}

int recommendCommand(const RecommendCommandOptions& o)
{
    const models::Scenario scenario = loadScenario(o.common);
    models::RecommendOptions options;
    options.instances = o.instances;
    options.maxPool = o.maxPool;
    options.run = o.common.runOptions();
    models::Recommendation rec;
    try {
        TerminalProgress progress(!o.common.quiet);
        rec = models::recommendPoolSize(scenario, options, &progress);
    } catch (const models::RecommendInterrupted& e) {
        std::fprintf(stderr, "poolsim: interrupted (%s); nothing written\n", e.what());
        return kExitInterrupted;
    }
    writeJson(o.common.jsonOut, models::toJson(rec));
    if (o.common.printTable())
        std::fputs(
            (o.markdown ? recommendationMarkdown(rec, o.common.file) : recommendationText(rec)).c_str(),
            stdout);
    if (o.common.check && rec.needsAttention()) {
        std::fputs(rec.found() ? "poolsim: the recommended pool breaks the database budget\n"
                               : "poolsim: no pool size up to --max-pool meets the service levels\n",
                   stderr);
        return kExitSloNotMet;
    }
    return 0;
}

} // namespace

void addRecommendCommand(CLI::App& app, Commands& commands)
{
    auto o = std::make_shared<RecommendCommandOptions>();
    CLI::App* cmd = app.add_subcommand(
        "recommend", "Find the smallest pool per instance that meets the scenario's service levels (slo:)");
    addCommonOptions(cmd, o->common);
    addVariantOption(cmd, o->common);
    cmd->add_option("--instances", o->instances, "Application instances (overrides backend.instances)")
        ->check(CLI::Range(1, 10000));
    cmd->add_option("--max-pool", o->maxPool, "Largest pool per instance to try (default 1000)")
        ->check(CLI::Range(1, 100000));
    cmd->add_flag("--markdown", o->markdown, "Print a one-row markdown table (for reports) instead");
    commands.push_back({cmd, [o] { return recommendCommand(*o); }});
}

} // namespace poolsim::cli
