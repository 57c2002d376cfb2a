// `poolsim sweep`: the scenario at every value of one or two parameters, as a table (one row
// per point), CSV and JSON; with --until-slo, each point stops once its service-level verdicts
// are certain and each row at its first point meeting them.
#include "app/cli/command_common.h"
#include "app/cli/job.h"
#include "app/cli/terminal_progress.h"
#include "app/cli/text_table.h"
#include "models/metrics/metric_catalogue.h"
#include "models/planning/sweep.h"
#include "models/results/result_json.h"
#include "models/results/slo.h"
#include "models/scenario/scenario_planning.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <memory>
#include <stdexcept>

namespace poolsim::cli {

namespace {

using models::Metric;

struct SweepCommandOptions
{
    CommonOptions common;
    std::vector<std::string> params; // --param PATH=VALUES
    bool untilSlo = false;
    std::string csvOut;
    std::string metrics = "timeouts,timeout_ratio,wait_p95_s,wait_p99_s,utilization_mean,utilization_max,"
                          "waiters_max,response_p95_s";
};

std::vector<Metric> parseMetricList(const std::string& text)
{
    std::vector<Metric> out;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = text.find(',', start);
        std::string name = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
        name.erase(0, name.find_first_not_of(' '));
        name.erase(name.find_last_not_of(' ') + 1);
        const models::MetricInfo* info = models::findMetric(name);
        if (!info) {
            std::string known;
            for (const std::string_view k : models::kMetricNames)
                known += (known.empty() ? "" : ", ") + std::string(k);
            throw std::invalid_argument("--metrics: unknown metric '" + name + "' (expected some of " +
                                        known + ")");
        }
        out.push_back(info->metric);
        if (end == std::string::npos)
            return out;
        start = end + 1;
    }
}

std::string sloColumn(const models::SweepPoint& p)
{
    return p.slo.checks.empty() ? "-" : p.slo.met() ? "yes" : "no";
}

std::string replicationsColumn(const models::SweepPoint& p)
{
    const std::string done = std::to_string(p.result->replications);
    return p.result->replications == p.requestedReplications
               ? done
               : done + " of " + std::to_string(p.requestedReplications);
}

std::string pointName(const models::SweepResult& r, const models::SweepPoint& p, std::size_t from)
{
    std::string out;
    for (std::size_t i = from; i < r.params.size(); ++i)
        out += (out.empty() ? "" : ", ") + r.params[i].path + "=" + p.values[i];
    return out;
}

/// Per row (the one parameter's values, or each value of the first), the first point meeting
/// the service levels.
std::string firstMetLines(const models::SweepResult& r)
{
    std::string out;
    const bool grid = r.params.size() == 2;
    for (std::size_t i = 0; i < r.points.size(); ++i) {
        const models::SweepPoint& p = r.points[i];
        if (i > 0 && r.points[i - 1].row == p.row)
            continue; // not the row's start
        std::string found;
        for (std::size_t j = i; j < r.points.size() && r.points[j].row == p.row; ++j)
            if (r.points[j].slo.met()) {
                found = pointName(r, r.points[j], grid ? 1 : 0);
                if (r.untilSlo && r.points[j].column + 1 < r.params.back().values.size())
                    found += " (later values not run)";
                break;
            }
        const std::string row = grid ? r.params[0].path + "=" + p.values[0] + ": " : "";
        out +=
            "  " + row +
            (found.empty() ? "no point meets the service levels" : "service levels first met at " + found) +
            "\n";
    }
    return out;
}

std::string sweepTable(const models::SweepResult& r, const std::vector<Metric>& metrics)
{
    // The parameters' values on the left, then the metrics, the verdict and the replications.
    std::vector<TextColumn> columns(r.params.size(), TextColumn{Align::Left});
    columns.resize(r.params.size() + metrics.size() + 2, TextColumn{Align::Right});
    TextTable table(columns);
    std::vector<std::string> header;
    for (const models::SweepParam& p : r.params)
        header.push_back(p.path);
    for (const Metric m : metrics)
        header.emplace_back(models::metricLabel(m));
    header.emplace_back("slo met");
    header.emplace_back("replications");
    table.addRow(header);
    for (const models::SweepPoint& p : r.points) {
        std::vector<std::string> row = p.values;
        for (const Metric m : metrics) {
            const models::Estimate& e = p.result->metrics[m];
            row.push_back(models::formatMetricEstimate(m, e.mean, e.ci95));
        }
        row.push_back(sloColumn(p));
        row.push_back(replicationsColumn(p));
        table.addRow(row);
    }

    const models::SweepPoint& first = r.points.front();
    std::string grid;
    for (const models::SweepParam& p : r.params)
        grid += (grid.empty() ? "" : " x ") + p.path + " (" + std::to_string(p.values.size()) + " values)";
    char head[512];
    std::snprintf(head, sizeof head,
                  "%s\n  sweep of %s, %lld replications per point%s, seed %llu, horizon %.0f s%s\n\n",
                  r.scenarioName.empty() ? "(unnamed scenario)" : r.scenarioName.c_str(), grid.c_str(),
                  static_cast<long long>(first.requestedReplications),
                  r.untilSlo ? " (fewer once the service-level verdicts are certain)" : "",
                  static_cast<unsigned long long>(first.result->seed), first.result->horizonS,
                  r.complete ? "" : "  [STOPPED EARLY]");
    std::string out = head + table.text();
    out += "  (mean ± 95% CI over replications)\n";
    if (!first.slo.checks.empty()) {
        std::string limits;
        for (const models::SloCheck& c : first.slo.checks)
            limits += (limits.empty() ? "" : "; ") + models::describeLimit(c.limit);
        out += "\n  service levels: " + limits + "\n" + firstMetLines(r);
    }
    char tail[200];
    std::snprintf(tail, sizeof tail, "\n  %zu points, %llu events, %llu requests in %.2f s on %s\n",
                  r.points.size(), static_cast<unsigned long long>(r.events),
                  static_cast<unsigned long long>(r.requests), r.wallSeconds,
                  workersText(r.threads, r.processes).c_str());
    return out + tail;
}

// ---- CSV and JSON -------------------------------------------------------------------------------

std::string csvField(const std::string& text)
{
    if (text.find_first_of(",\"\n") == std::string::npos)
        return text;
    std::string out = "\"";
    for (const char c : text)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

void appendNumber(std::string& out, double v)
{
    if (!std::isfinite(v))
        return; // an empty field: no value (a single replication's interval)
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, r.ptr);
}

/// One row per point: the parameters' values, every metric's mean and ci95, replications and
/// slo_met (empty when the scenario has no service levels).
std::string sweepCsv(const models::SweepResult& r)
{
    // The metrics of the parts any point simulated; a point without one has empty fields.
    models::ModelParts parts;
    for (const models::SweepPoint& p : r.points)
        parts = parts.unitedWith(p.result->parts);
    std::string out;
    for (const models::SweepParam& p : r.params)
        out += csvField(p.path) + ",";
    for (std::size_t m = 0; m < models::kMetricCount; ++m)
        if (models::applies(static_cast<models::Metric>(m), parts))
            out += std::string(models::kMetricNames[m]) + "_mean," + std::string(models::kMetricNames[m]) +
                   "_ci95,";
    out += "replications,slo_met\n";
    for (const models::SweepPoint& p : r.points) {
        for (const std::string& v : p.values)
            out += csvField(v) + ",";
        for (std::size_t m = 0; m < models::kMetricCount; ++m) {
            const auto metric = static_cast<models::Metric>(m);
            if (!models::applies(metric, parts))
                continue;
            const bool has = models::applies(metric, p.result->parts);
            const models::Estimate& e = p.result->metrics.values[m];
            appendNumber(out, has ? e.mean : std::numeric_limits<double>::quiet_NaN());
            out += ",";
            appendNumber(out, has ? e.ci95 : std::numeric_limits<double>::quiet_NaN());
            out += ",";
        }
        out += std::to_string(p.result->replications) + "," +
               (p.slo.checks.empty() ? ""
                : p.slo.met()        ? "true"
                                     : "false") +
               "\n";
    }
    return out;
}

nlohmann::ordered_json number(double v)
{
    if (!std::isfinite(v))
        return nullptr;
    return v;
}

/// A swept value as JSON: a number when it is one (pool.size), else the text as written (5s).
nlohmann::ordered_json valueJson(const std::string& text)
{
    double v = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size() || !std::isfinite(v))
        return text;
    if (v == std::trunc(v) && std::fabs(v) < 9e15)
        return static_cast<std::int64_t>(v); // 25, not 25.0
    return v;
}

nlohmann::ordered_json sweepJson(const models::SweepResult& r)
{
    nlohmann::ordered_json j;
    j["scenario"] = r.scenarioName;
    nlohmann::ordered_json params = nlohmann::ordered_json::array();
    for (const models::SweepParam& p : r.params) {
        nlohmann::ordered_json values = nlohmann::ordered_json::array();
        for (const std::string& v : p.values)
            values.push_back(valueJson(v));
        params.push_back({{"path", p.path}, {"values", values}});
    }
    j["params"] = params;
    j["until_slo"] = r.untilSlo;
    j["complete"] = r.complete;
    nlohmann::ordered_json points = nlohmann::ordered_json::array();
    for (const models::SweepPoint& p : r.points) {
        nlohmann::ordered_json values = nlohmann::ordered_json::object();
        for (std::size_t i = 0; i < r.params.size(); ++i)
            values[r.params[i].path] = valueJson(p.values[i]);
        nlohmann::ordered_json metrics = nlohmann::ordered_json::object();
        for (std::size_t m = 0; m < models::kMetricCount; ++m)
            if (models::applies(static_cast<models::Metric>(m), p.result->parts))
                metrics[std::string(models::kMetricNames[m])] = {
                    {"mean", number(p.result->metrics.values[m].mean)},
                    {"ci95", number(p.result->metrics.values[m].ci95)}};
        nlohmann::ordered_json point;
        point["values"] = values;
        point["replications"] = p.result->replications;
        point["requested_replications"] = p.requestedReplications;
        point["stopped_early"] = p.stoppedEarly;
        point["seed"] = p.result->seed;
        point["pool_size_total"] = p.result->poolSizeTotal;
        point["metrics"] = metrics;
        point["slo"] = models::toJson(p.slo);
        points.push_back(point);
    }
    j["points"] = points;
    j["engine"] = {
        {"events", r.events},
        {"requests", r.requests},
        {"wall_s", r.wallSeconds},
        {"requests_per_s", r.wallSeconds > 0 ? static_cast<double>(r.requests) / r.wallSeconds : 0.0},
        {"threads", r.threads},
        {"peak_rss_mb", peakResidentMegabytes()}};
    if (r.processes > 1)
        j["engine"]["processes"] = r.processes;
    return j;
}

// ---- The command --------------------------------------------------------------------------------

int sweepCommand(const SweepCommandOptions& o)
{
    if (o.params.size() > 2)
        throw std::invalid_argument("at most two --param options (a grid), got " +
                                    std::to_string(o.params.size()));
    std::vector<Metric> columns = parseMetricList(o.metrics);
    std::vector<models::SweepParam> requested;
    for (const std::string& option : o.params)
        requested.push_back(models::parseSweepParam(option));
    const models::Scenario base = loadScenario(o.common);
    models::SweepOptions options;
    options.run = o.common.runOptions();
    options.untilSlo = o.untilSlo;
    options.label = requested.empty() ? o.common.file + " (sweep)" : "--param";
    const std::vector<models::SweepParam> params = models::sweepParams(base, requested);
    if (o.metrics == SweepCommandOptions{}.metrics) // the default columns: add what slo: limits
        for (const models::SloLimit& limit : base.slo)
            if (const models::SloKey* key = models::findSloKey(limit.key);
                key && limit.workload.empty() &&
                std::find(columns.begin(), columns.end(), key->metric) == columns.end())
                columns.push_back(key->metric);

    models::SweepResult result;
    {
        TerminalProgress progress(!o.common.quiet);
        result = models::runSweep(base, params, options, &progress);
    }
    if (TerminalProgress::interrupted()) {
        // Stopped by Ctrl-C: write nothing that could be mistaken for a complete sweep.
        std::fputs("poolsim: sweep interrupted; nothing written\n", stderr);
        return kExitInterrupted;
    }

    if (!o.common.jsonOut.empty())
        writeJson(o.common.jsonOut, sweepJson(result));
    if (!o.csvOut.empty())
        writeOutputFile(o.csvOut, sweepCsv(result));
    if (o.common.printTable())
        std::fputs(sweepTable(result, columns).c_str(), stdout);
    if (o.common.check) {
        bool anyMet = false;
        for (const models::SweepPoint& p : result.points)
            anyMet = anyMet || p.slo.met();
        if (!anyMet) {
            std::fputs("poolsim: service levels not met at any point of the sweep\n", stderr);
            return kExitSloNotMet;
        }
    }
    return 0;
}

} // namespace

void addSweepCommand(CLI::App& app, Commands& commands)
{
    auto o = std::make_shared<SweepCommandOptions>();
    CLI::App* cmd = app.add_subcommand("sweep", "Run the scenario at every value of one or two parameters");
    addCommonOptions(cmd, o->common);
    addVariantOption(cmd, o->common);
    cmd->add_option(
           "--param", o->params,
           "A path as --set takes it and its values: pool.size=5:60:5 or backend.instances=1,2,4 (twice: "
           "a grid, the first outer; replaces the file's sweep:)")
        ->type_name("PATH=VALUES")
        ->allow_extra_args(false); // one value per --param: FILE may follow
    cmd->add_flag(
        "--until-slo", o->untilSlo,
        "Stop each point once its service-level verdicts are certain, and each row at its first point "
        "meeting them (needs slo:)");
    cmd->add_option("--csv", o->csvOut, "Write one row per point as CSV");
    cmd->add_option("--metrics", o->metrics, "The table's metrics, comma-separated")->type_name("a,b,c");
    commands.push_back({cmd, [o] { return sweepCommand(*o); }});
}

} // namespace poolsim::cli
