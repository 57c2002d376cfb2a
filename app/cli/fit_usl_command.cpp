// `poolsim fit-usl FILE.csv`: the Universal Scalability Law through a load test's throughput
// curve, as a table, as JSON, or as the scenario's database capacity block to paste.
#include "app/cli/command_common.h"
#include "app/cli/text_table.h"
#include "models/fitting/usl_csv.h"
#include "models/fitting/usl_fit.h"
#include "models/scenario/scenario_error.h"

#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace poolsim::cli {

namespace {

using models::UslFit;
using models::UslPoint;

struct FitUslOptions
{
    std::string file;
    std::optional<int> cores;
    bool json = false;
    bool yaml = false;
    bool pure = false; // --pure: no round trip even when the CSV has latencies
};

[[gnu::format(printf, 1, 2)]] std::string fmt(const char* format, ...)
{
    char buf[128];
    std::va_list args;
    va_start(args, format);
    std::vsnprintf(buf, sizeof buf, format, args);
    va_end(args);
    return buf;
}

/// `v` with `digits` significant digits in plain decimal notation (no exponent, no trailing
/// zeros): what a scenario file and a reader take without surprise, 0.000589 rather than 5.89e-04.
std::string plainDecimal(double v, int digits)
{
    if (v == 0 || !std::isfinite(v))
        return fmt("%g", v);
    const int decimals = std::max(0, digits - 1 - static_cast<int>(std::floor(std::log10(std::fabs(v)))));
    std::string s = fmt("%.*f", decimals, v);
    if (s.find('.') != std::string::npos) {
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.')
            s.pop_back();
    }
    return s;
}

/// A standard error, or why there is none.
std::string standardError(double se, bool atBound)
{
    if (atBound)
        return "held at 0 (the best fit inside the bounds)";
    return std::isfinite(se) ? "± " + plainDecimal(se, 2) : "-";
}

std::string modelText(const UslFit& fit)
{
    const std::string roundTrip = fit.roundTripS ? ", with a round trip" : "";
    if (!fit.curve.cores)
        return "classic (cores unlimited)" + roundTrip;
    return "capped at " + std::to_string(*fit.curve.cores) + (*fit.curve.cores == 1 ? " core" : " cores") +
           roundTrip;
}

std::string milliseconds(double seconds)
{
    return plainDecimal(seconds * 1000, 4) + " ms";
}

std::string roundTripError(const UslFit& fit)
{
    if (fit.roundTripAtZero)
        return "held at 0 (the best fit inside the bounds)";
    if (fit.roundTripAtLimit)
        return "held at its limit, latency - server_ms (the best fit inside the bounds)";
    return std::isfinite(fit.roundTripError) ? "± " + milliseconds(fit.roundTripError) : "-";
}

std::string bestConcurrencyText(const UslFit& fit)
{
    const double n = fit.bestConcurrency();
    if (!std::isfinite(n))
        return "none: throughput keeps rising";
    return plainDecimal(n, 3) +
           fmt(" (%.1f/s; while a query is in its round trip the server is free for another)",
               fit.at(n).throughputPerS);
}

std::string peakConcurrencyText(const UslFit& fit)
{
    const double n = fit.curve.peakConcurrency();
    if (!std::isfinite(n))
        return "none: throughput keeps rising (kappa = 0)";
    std::string text = plainDecimal(n, 3);
    if (fit.curve.cores) {
        const models::UslCurve uncapped{fit.curve.lambda, fit.curve.sigma, fit.curve.kappa, std::nullopt};
        const double classic = uncapped.peakConcurrency();
        if (classic > n)
            text += " (the cores; uncapped, the curve would peak at " +
                    (std::isfinite(classic) ? plainDecimal(classic, 3) : std::string("none")) + ")";
    }
    return text;
}

std::string peakThroughputText(const UslFit& fit)
{
    const double x = fit.curve.peakThroughput();
    if (!std::isfinite(x))
        return "unbounded (sigma = kappa = 0: linear scaling)";
    const std::string text = fmt("%.1f/s", x);
    return std::isfinite(fit.curve.peakConcurrency()) ? text
                                                      : text + " approached, never reached (lambda / sigma)";
}

/// Relative to the measurement, as the fit weighs it (models/fitting/usl_fit.h says why).
double residual(const UslPoint& p, const UslFit& fit)
{
    return (p.throughput - fit.at(p.concurrency).throughputPerS) / p.throughput;
}

std::string optionalMs(const std::optional<double>& seconds)
{
    return seconds ? fmt("%.4f", *seconds * 1000) : std::string("-");
}

std::string roundTripRows(const std::vector<UslPoint>& points, const UslFit& fit)
{
    TextTable rows({{Align::Right},
                    {Align::Right},
                    {Align::Right},
                    {Align::Right},
                    {Align::Right},
                    {Align::Right},
                    {Align::Right},
                    {Align::Right}});
    rows.addRow({"concurrency", "measured", "fitted", "residual", "latency ms", "fitted", "server_ms",
                 "fitted server ms"});
    for (const UslPoint& p : points) {
        const models::ClosedLoopFigures f = fit.at(p.concurrency);
        rows.addRow({fmt("%g", p.concurrency), fmt("%.1f", p.throughput), fmt("%.1f", f.throughputPerS),
                     fmt("%+.2f%%", 100 * residual(p, fit)), optionalMs(p.latencyS),
                     fmt("%.4f", f.latencyS * 1000), optionalMs(p.serverS), fmt("%.4f", f.serverS * 1000)});
    }
    return rows.text();
}

std::string table(const std::string& file, const std::vector<UslPoint>& points, const UslFit& fit)
{
    std::string out =
        "USL fit of " + file + ": " + std::to_string(fit.points) + " points, " + modelText(fit) + "\n\n";
    TextTable parameters({{Align::Left}, {Align::Right}, {Align::Left}});
    parameters.addRow({"parameter", "value", "standard error"});
    parameters.addRow(
        {"lambda (one query alone)", fmt("%.1f/s", fit.curve.lambda), standardError(fit.lambdaError, false)});
    parameters.addRow({"sigma (contention)", plainDecimal(fit.curve.sigma, 4),
                       standardError(fit.sigmaError, fit.sigmaAtBound)});
    parameters.addRow({"kappa (coherency)", plainDecimal(fit.curve.kappa, 4),
                       standardError(fit.kappaError, fit.kappaAtBound)});
    if (fit.roundTripS)
        parameters.addRow(
            {"round trip (no server capacity)", milliseconds(*fit.roundTripS), roundTripError(fit)});
    out += parameters.text() + "\n";

    TextTable figures({{Align::Left}, {Align::Left}});
    figures.addRow(
        {fit.roundTripS ? "peak concurrency on the server" : "peak concurrency", peakConcurrencyText(fit)});
    figures.addRow(
        {fit.roundTripS ? "peak throughput on the server" : "peak throughput", peakThroughputText(fit)});
    if (fit.roundTripS)
        figures.addRow({"best connections", bestConcurrencyText(fit)});
    figures.addRow({"R squared", std::isfinite(fit.rSquared)
                                     ? fmt("%.5f", fit.rSquared)
                                     : std::string("undefined (every throughput equal)")});
    out += figures.text() + "\n";

    if (fit.roundTripS)
        out += roundTripRows(points, fit);
    else {
        TextTable rows({{Align::Right}, {Align::Right}, {Align::Right}, {Align::Right}});
        rows.addRow({"concurrency", "measured", "fitted", "residual"});
        for (const UslPoint& p : points)
            rows.addRow({fmt("%g", p.concurrency), fmt("%.1f", p.throughput),
                         fmt("%.1f", fit.curve.throughput(p.concurrency)),
                         fmt("%+.2f%%", 100 * residual(p, fit))});
        out += rows.text();
    }
    out += "\n  residual: (measured - fitted) / measured; the fit minimises the sum of their squares\n";
    if (fit.roundTripS) {
        out += "  latency: a query's round trip and its time on the server; server: its time on the server\n";
        if (fit.roundTripLimitS)
            out += "  server_ms: its execution time there as PostgreSQL counts it, without parsing, the "
                   "protocol\n"
                   "  or waiting for a core: part of its time on the server, so the round trip is at most\n"
                   "  latency - server_ms (" +
                   milliseconds(*fit.roundTripLimitS) + " here)\n";
        if (fit.latencyMismatch > 0.1)
            out += fmt("  note: a latency differs from concurrency / throughput by up to %.0f%%: the fit "
                       "assumes the "
                       "load test's clients\n  send their next query as soon as the last one answered (no "
                       "think time)\n",
                       100 * fit.latencyMismatch);
    }
    if (!fit.curve.cores)
        out += "  the classic USL: a scenario's database caps at its cores, so fit with --cores N for one\n";
    return out;
}

nlohmann::ordered_json number(double v)
{
    return std::isfinite(v) ? nlohmann::ordered_json(v) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json json(const std::string& file, const std::vector<UslPoint>& points, const UslFit& fit)
{
    using J = nlohmann::ordered_json;
    J j;
    j["file"] = file;
    j["model"] = fit.curve.cores ? "capped" : "classic";
    j["cores"] = fit.curve.cores ? J(*fit.curve.cores) : J(nullptr);
    j["points"] = fit.points;
    j["lambda_per_s"] = fit.curve.lambda;
    j["sigma"] = fit.curve.sigma;
    j["kappa"] = fit.curve.kappa;
    if (fit.roundTripS)
        j["round_trip_ms"] = *fit.roundTripS * 1000;
    j["std_errors"] = {{"lambda_per_s", number(fit.lambdaError)},
                       {"sigma", number(fit.sigmaError)},
                       {"kappa", number(fit.kappaError)}};
    if (fit.roundTripS)
        j["std_errors"]["round_trip_ms"] = number(fit.roundTripError * 1000);
    j["at_bound"] = {{"sigma", fit.sigmaAtBound}, {"kappa", fit.kappaAtBound}};
    if (fit.roundTripS) {
        j["at_bound"]["round_trip"] = fit.roundTripAtZero || fit.roundTripAtLimit;
        j["round_trip_limit_ms"] = fit.roundTripLimitS ? J(*fit.roundTripLimitS * 1000) : J(nullptr);
    }
    j["peak_concurrency"] = number(fit.curve.peakConcurrency());
    j["peak_throughput_per_s"] = number(fit.curve.peakThroughput());
    if (fit.roundTripS) {
        const double best = fit.bestConcurrency();
        j["best_concurrency"] = number(best);
        j["best_throughput_per_s"] = std::isfinite(best) ? J(fit.at(best).throughputPerS) : J(nullptr);
    }
    j["r_squared"] = number(fit.rSquared);
    const auto ms = [](const std::optional<double>& s) { return s ? J(*s * 1000) : J(nullptr); };
    J rows = J::array();
    for (const UslPoint& p : points) {
        J row = {{"concurrency", p.concurrency},
                 {"measured_per_s", p.throughput},
                 {"fitted_per_s", fit.at(p.concurrency).throughputPerS},
                 {"residual", residual(p, fit)}};
        if (fit.roundTripS) {
            const models::ClosedLoopFigures f = fit.at(p.concurrency);
            row["measured_latency_ms"] = ms(p.latencyS);
            row["fitted_latency_ms"] = f.latencyS * 1000;
            row["measured_server_ms"] = ms(p.serverS);
            row["fitted_server_ms"] = f.serverS * 1000;
        }
        rows.push_back(row);
    }
    j["per_point"] = rows;
    return j;
}

std::string yamlBlock(const std::string& file, const UslFit& fit)
{
    const std::string cores = std::to_string(*fit.curve.cores);
    std::string out = "# poolsim fit-usl " + file + " --cores " + cores + ": R squared " +
                      (std::isfinite(fit.rSquared) ? fmt("%.5f", fit.rSquared) : std::string("undefined")) +
                      ", " + std::to_string(fit.points) + " points\n";
    out += "database:\n  capacity:\n";
    TextTable values({{Align::Left}, {Align::Left}}, "    ", 4); // the comments line up
    values.addRow({"cores: " + cores});
    values.addRow({"contention: " + plainDecimal(fit.curve.sigma, 6), "# sigma"});
    values.addRow({"coherency: " + plainDecimal(fit.curve.kappa, 6), "# kappa"});
    if (fit.roundTripS)
        values.addRow({"round_trip: " + plainDecimal(*fit.roundTripS * 1000, 4) + "ms",
                       "# a query of this load test alone takes " + plainDecimal(1000 / fit.curve.lambda, 4) +
                           "ms on the server (1 / lambda)"});
    return out + values.text();
}

int fitUslCommand(const FitUslOptions& o)
{
    if (o.yaml && !o.cores)
        throw std::invalid_argument(
            "--yaml needs --cores N: the block's cores are the database server's, and the fit must know them "
            "(without them it fits the classic USL, whose contention and coherency differ)");
    const std::vector<UslPoint> points = models::readUslCsv(o.file);
    const models::UslFitModel model = o.pure ? models::UslFitModel::Pure : models::modelFor(points);
    UslFit fit;
    try {
        fit = models::fitUsl(points, o.cores, model);
    } catch (const std::invalid_argument& e) {
        throw models::ScenarioError({o.file, 0, 0}, "", e.what()); // the data's fault: say which file
    }
    if (o.yaml)
        std::fputs(yamlBlock(o.file, fit).c_str(), stdout);
    else if (o.json)
        writeJson("-", json(o.file, points, fit));
    else
        std::fputs(table(o.file, points, fit).c_str(), stdout);
    return 0;
}

} // namespace

void addFitUslCommand(CLI::App& app, Commands& commands)
{
    auto o = std::make_shared<FitUslOptions>();
    CLI::App* cmd = app.add_subcommand(
        "fit-usl", "Fit the Universal Scalability Law to a load test's throughput curve (CSV)");
    cmd->add_option(
           "file", o->file,
           "CSV of concurrency,throughput rows; with a latency_ms column (scripts/measure-postgres.sh), "
           "the round trip is fitted too")
        ->required();
    cmd->add_option("--cores", o->cores, "The database server's cores: fit the simulator's capped model")
        ->check(CLI::Range(1, 100000));
    CLI::Option* json = cmd->add_flag("--json", o->json, "Print the fit as JSON");
    CLI::Option* yaml =
        cmd->add_flag("--yaml", o->yaml, "Print the scenario's database capacity block (needs --cores)");
    json->excludes(yaml);
    cmd->add_flag(
        "--pure", o->pure,
        "Fit the USL alone, charging the queries' round trip to the server, even when the CSV has latencies");
    commands.push_back({cmd, [o] { return fitUslCommand(*o); }});
}

} // namespace poolsim::cli
