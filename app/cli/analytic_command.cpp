// `poolsim analytic`: the closed forms (Erlang B, Erlang C, M/M/c with a fixed timeout) for the
// steady Poisson part of a scenario, beside a short simulation of exactly that part, with the
// caveats that make them a rough guide for the whole scenario; --check judges the scenario's
// service levels on the closed forms alone.
#include "app/cli/command_common.h"
#include "app/cli/terminal_progress.h"
#include "app/cli/text_table.h"
#include "models/analytic/analytic_check.h"
#include "models/metrics/metric_catalogue.h"
#include "models/results/slo.h"

#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <limits>
#include <memory>
#include <string>

namespace poolsim::cli {

namespace {

using models::AnalyticCheck;
using models::AnalyticSloReport;
using models::FigureComparison;

// ---- Values as a capacity planner reads them -------------------------------------------------

[[gnu::format(printf, 1, 2)]] std::string fmt(const char* format, ...)
{
    char buf[128];
    std::va_list args;
    va_start(args, format);
    std::vsnprintf(buf, sizeof buf, format, args);
    va_end(args);
    return buf;
}

std::string seconds(double s)
{
    if (std::isinf(s))
        return "unbounded";
    if (s == 0)
        return "0";
    if (s < 1e-6)
        return "< 0.001 ms";
    if (s < 1)
        return fmt("%.3g ms", s * 1000);
    if (s < 120)
        return fmt("%.3g s", s);
    if (s < 7200)
        return fmt("%.3g min", s / 60);
    return fmt("%.3g h", s / 3600);
}

std::string percent(double f)
{
    if (f == 0)
        return "0%";
    if (f < 1e-5)
        return "< 0.001%";
    return f >= 0.01 ? fmt("%.2f%%", f * 100) : fmt("%.2g%%", f * 100);
}

/// How a figure is written: a metric's figure in the metric's catalogue format, the offered
/// load (connections) with two decimals.
models::NumberFormat figureFormat(const std::string& key)
{
    const models::MetricInfo* metric = models::findMetric(key);
    return metric ? metric->format : models::NumberFormat::TwoDecimals;
}

/// A closed form's value; "unbounded" for a queue that grows without bound.
std::string figureValue(const std::string& key, double v)
{
    return std::isinf(v) ? "unbounded" : models::formatValue(v, figureFormat(key));
}

/// A limit's value; "unbounded" for a queue that grows without bound.
std::string limitValue(const models::SloLimit& limit, double v)
{
    return std::isinf(v) ? "unbounded" : models::limitValueText(limit, v);
}

/// `text` wrapped at about 96 columns: the first line starts with `first`, the others with `indent`.
std::string wrapped(const std::string& text, const std::string& first, const std::string& indent)
{
    constexpr std::size_t kWidth = 96;
    std::string out = first;
    std::size_t column = first.size();
    bool lineEmpty = true;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string word = text.substr(start, end - start);
        start = end + 1;
        if (word.empty())
            continue;
        if (!lineEmpty && column + 1 + word.size() > kWidth) {
            out += "\n" + indent;
            column = indent.size();
            lineEmpty = true;
        }
        if (!lineEmpty) {
            out += ' ';
            ++column;
        }
        out += word;
        column += word.size();
        lineEmpty = false;
    }
    return out + "\n";
}

std::string row(const char* label, const std::string& text)
{
    char buf[48];
    std::snprintf(buf, sizeof buf, "  %-24s ", label);
    return wrapped(text, buf, std::string(27, ' '));
}

std::string inputsBlock(const AnalyticCheck& c)
{
    const models::AnalyticInputs& in = c.inputs;
    std::string names;
    for (std::size_t i = 0; i < in.workloads.size(); ++i)
        names += (i ? ", " : "") + in.workloads[i];
    std::string out;
    out += row("steady Poisson traffic",
               names + " (" + percent(in.requestShare) + " of the requests expected over the horizon)");
    std::string arrivals = fmt("%.4g/s", in.lambdaPerS);
    if (in.instances > 1)
        arrivals += " per instance (" + fmt("%.4g/s", in.totalRatePerS) + " over " +
                    std::to_string(in.instances) + " instances)";
    out += row("arrivals", arrivals);
    out += row("mean hold",
               seconds(in.meanHoldS) + (in.exponentialHolds ? " (exponential)" : " (not exponential)"));
    out += row("offered load", fmt("%.2f", in.offeredLoad) + " connections, " +
                                   fmt("%.3g%%", 100 * in.offeredLoad / static_cast<double>(in.servers)) +
                                   " of a pool of " + std::to_string(in.servers));
    out += row("pool timeout",
               in.timeoutS ? (*in.timeoutS == 0 ? std::string("0") : seconds(*in.timeoutS)) : "none");
    out += row("model", std::string(models::analyticModelTitle(in.model)));
    return out;
}

std::string figuresBlock(const AnalyticCheck& c)
{
    // The first column as wide as the inputs' labels above it.
    TextTable table({{Align::Left, 24}, {Align::Right, 14}, {Align::Left, 28}, {Align::Left}});
    table.addRow({"figure", "closed form", "simulated (95% CI)", "agree"});
    for (const FigureComparison& f : c.comparisons) {
        const std::string sim =
            f.simulated ? models::formatEstimate(f.simulated->mean, f.simulated->ci95, figureFormat(f.key))
                        : "-";
        const char* agree = !f.simulated ? "" : !f.agree ? "n/a" : *f.agree ? "yes" : "NO";
        table.addRow({std::string(models::figureLabel(f)), figureValue(f.key, f.analytic), sim, agree});
    }
    return "\n" + table.text();
}

std::string simulationText(const AnalyticCheck& c, const models::Scenario& scenario)
{
    const models::CheckSimulation& s = *c.simulation;
    std::string text = "the steady traffic alone, " + std::to_string(s.replications) +
                       " replications, seed " + std::to_string(s.seed) + ", warm-up " +
                       (s.warmupS > 0 ? seconds(s.warmupS) : "none") + ", measured " +
                       seconds(s.horizonS - s.warmupS) + " (" + fmt("%.2f s", s.wallSeconds) + ")";
    if (s.warmupExtended)
        text += "; the scenario's warm-up (" +
                (scenario.effectiveWarmup().isZero() ? std::string("none")
                                                     : seconds(scenario.effectiveWarmup().seconds())) +
                ") was lengthened so that the pool settles first";
    if (s.horizonCapped)
        text += "; the scenario's horizon (" + seconds(scenario.horizon.seconds()) +
                ") was shortened to keep the check quick";
    return text;
}

std::string sloBlock(const AnalyticCheck& c, const AnalyticSloReport& slo)
{
    if (slo.judged.empty() && slo.notJudged.empty())
        return "";
    std::string out = "\n  service levels on the closed forms";
    if (c.applicable && c.inputs.requestShare < 1 && !slo.judged.empty())
        out += " (steady traffic only, " + percent(c.inputs.requestShare) + " of the requests)";
    out += ":\n";
    TextTable table({{Align::Left, 36}, {Align::Right, 14}, {Align::Left}}, "    ");
    for (const auto& j : slo.judged)
        table.addRow(
            {models::describeLimit(j.limit), limitValue(j.limit, j.analytic), j.met ? "met" : "NOT MET"});
    out += table.text();
    for (const auto& n : slo.notJudged)
        out += wrapped(models::describeLimit(n.limit) + ": not judged, " + n.reason, "    ", "      ");
    return out;
}

std::string table(const AnalyticCheck& c, const models::Scenario& scenario, const AnalyticSloReport& slo)
{
    std::string out = "Closed forms beside a short simulation: " +
                      (c.scenarioName.empty() ? std::string("(unnamed scenario)") : c.scenarioName) + "\n\n";
    if (!c.applicable) {
        out += wrapped("No figures: " + c.notApplicable +
                           ". The closed forms describe steady Poisson arrivals holding one connection each.",
                       "  ", "  ");
    } else {
        out += inputsBlock(c);
        if (!c.stable())
            out +=
                "\n" +
                wrapped("The queue is unstable: the offered load is at least the pool size and nobody times "
                        "out, so the queue grows without bound and waits grow with the run's length.",
                        "  ", "  ");
        out += figuresBlock(c);
        out += "\n" + row("verdict", c.verdict());
        out += row("simulation", simulationText(c, scenario));
    }
    if (c.caveats.empty()) {
        if (c.applicable)
            out += row("caveats",
                       "none: steady Poisson traffic with exponential holds on one pool, as the closed "
                       "forms assume");
    } else {
        out += c.applicable ? "\n  caveats: the figures are only a rough guide for this scenario\n"
                            : "\n  what the scenario has instead:\n";
        for (const models::AnalyticCaveat& k : c.caveats)
            out += wrapped(k.text, "    - ", "      ");
    }
    return out + sloBlock(c, slo);
}

// ---- JSON ------------------------------------------------------------------------------------

nlohmann::ordered_json number(double v)
{
    return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json json(const AnalyticCheck& c, const AnalyticSloReport& slo)
{
    using J = nlohmann::ordered_json;
    J j;
    j["scenario"] = c.scenarioName;
    j["applicable"] = c.applicable;
    if (!c.applicable)
        j["reason"] = c.notApplicable;
    if (c.applicable) {
        const models::AnalyticInputs& in = c.inputs;
        j["inputs"] = {{"workloads", in.workloads},
                       {"request_share", in.requestShare},
                       {"instances", in.instances},
                       {"arrival_rate_per_s", in.totalRatePerS},
                       {"lambda_per_s", in.lambdaPerS},
                       {"mean_hold_s", in.meanHoldS},
                       {"exponential_holds", in.exponentialHolds},
                       {"offered_load", in.offeredLoad},
                       {"servers", in.servers},
                       {"timeout_s", in.timeoutS ? J(*in.timeoutS) : J(nullptr)},
                       {"model", std::string(models::analyticModelKey(in.model))}};
        j["stable"] = c.stable();
        J figures = J::object();
        for (const FigureComparison& f : c.comparisons) {
            J e;
            e["analytic"] = number(f.analytic);
            e["unbounded"] = std::isinf(f.analytic);
            e["simulated"] = f.simulated
                                 ? J{{"mean", number(f.simulated->mean)}, {"ci95", number(f.simulated->ci95)}}
                                 : J(nullptr);
            e["allowed"] = {number(f.allowedLow), number(f.allowedHigh)};
            e["agree"] = f.agree ? J(*f.agree) : J(nullptr);
            figures[f.key] = e;
        }
        j["figures"] = figures;
        const auto& q = c.figures;
        j["closed_forms"] = {{"wait_ratio", number(q.waitRatio)},
                             {"wait_mean_s", number(q.waitMeanS)},
                             {"wait_p50_s", number(q.waitP50S)},
                             {"wait_p95_s", number(q.waitP95S)},
                             {"wait_p99_s", number(q.waitP99S)},
                             {"timeout_ratio", number(q.timeoutRatio)},
                             {"busy_mean", number(q.busyMean)},
                             {"utilization", number(q.utilization)},
                             {"throughput_per_s", number(q.throughputPerS)}};
        if (c.simulation) {
            const auto& s = *c.simulation;
            j["simulation"] = {{"replications", s.replications},
                               {"seed", s.seed},
                               {"warmup_s", s.warmupS},
                               {"horizon_s", s.horizonS},
                               {"warmup_extended", s.warmupExtended},
                               {"horizon_capped", s.horizonCapped},
                               {"wall_s", s.wallSeconds}};
        }
    } else {
        j["inputs"] = nullptr;
        j["figures"] = nullptr;
    }
    j["verdict"] = {{"agree", c.agree()}, {"text", c.verdict()}};
    J caveats = J::array();
    for (const models::AnalyticCaveat& k : c.caveats)
        caveats.push_back({{"kind", k.kind}, {"text", k.text}, {"steady_part", k.steadyPart}});
    j["caveats"] = caveats;
    J judged = J::array(), notJudged = J::array();
    for (const auto& x : slo.judged)
        judged.push_back({{"limit", models::describeLimit(x.limit)},
                          {"key", x.limit.key},
                          {"workload", x.limit.workload},
                          {"limit_value", x.limit.limit},
                          {"analytic", number(x.analytic)},
                          {"met", x.met}});
    for (const auto& x : slo.notJudged)
        notJudged.push_back({{"limit", models::describeLimit(x.limit)}, {"reason", x.reason}});
    j["slo"] = {{"met", slo.met()}, {"judged", judged}, {"not_judged", notJudged}};
    return j;
}

int analyticCommand(const CommonOptions& o)
{
    const models::Scenario scenario = loadScenario(o);
    AnalyticCheck check;
    {
        TerminalProgress progress(!o.quiet);
        check = models::runAnalyticCheck(scenario, o.runOptions(), &progress);
    }
    if (TerminalProgress::interrupted()) {
        std::fputs("poolsim: interrupted; nothing written\n", stderr);
        return kExitInterrupted;
    }
    const AnalyticSloReport slo = models::judgeSloAnalytically(check, scenario.slo);
    writeJson(o.jsonOut, json(check, slo));
    if (o.printTable())
        std::fputs(table(check, scenario, slo).c_str(), stdout);
    return o.check && !slo.met() ? kExitSloNotMet : 0;
}

} // namespace

void addAnalyticCommand(CLI::App& app, Commands& commands)
{
    auto o = std::make_shared<CommonOptions>();
    CLI::App* cmd = app.add_subcommand(
        "analytic",
        "Queueing-theory figures for the steady Poisson traffic, beside a short simulation of it");
    addCommonOptions(cmd, *o);
    addVariantOption(cmd, *o);
    commands.push_back({cmd, [o] { return analyticCommand(*o); }});
}

} // namespace poolsim::cli
