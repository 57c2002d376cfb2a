#include "models/analytic/analytic_check.h"

#include "models/analytic/analytic_prose.h"
#include "models/metrics/metric_catalogue.h"
#include "models/scenario/distribution_spec.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <type_traits>

namespace poolsim::models {

using namespace analytic_prose;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---- The steady part -----------------------------------------------------------------------------

enum class Role { Steady, OtherArrivals, PoissonSteps, PoissonConnections };

Role roleOf(const Workload& w)
{
    if (!std::holds_alternative<PoissonArrivals>(w.arrivals))
        return Role::OtherArrivals;
    if (!w.steps.empty() || !w.hold)
        return Role::PoissonSteps;
    if (w.effectiveConnections() > 1)
        return Role::PoissonConnections;
    return Role::Steady;
}

analytic::QueueFigures closedForms(const AnalyticInputs& in)
{
    const int c = static_cast<int>(in.servers);
    switch (in.model) {
    case AnalyticModel::ErlangB:
        return analytic::erlangBFigures(c, in.lambdaPerS, in.meanHoldS);
    case AnalyticModel::ErlangC:
        return analytic::erlangCFigures(c, in.lambdaPerS, in.meanHoldS);
    case AnalyticModel::FixedTimeout:
        return analytic::fixedTimeoutFigures(c, in.lambdaPerS, in.meanHoldS, *in.timeoutS);
    case AnalyticModel::UslChain:
        break;
    }
    const auto chain = analytic::uslPoolOpenFigures(*in.server, c, in.lambdaPerS, in.meanHoldS);
    analytic::QueueFigures f;
    f.offeredLoad = in.offeredLoad;
    f.waitRatio = chain.waitRatio;
    f.waitMeanS = chain.waitMeanS;
    f.waitP50S = f.waitP95S = f.waitP99S = kNaN; // the chain gives means, not the wait's distribution
    f.busyMean = chain.busyMean;
    f.utilization = chain.utilization;
    f.throughputPerS = chain.throughputPerS;
    f.stable = chain.stable;
    return f;
}

/// Requests per second the pool completes when it is never empty: c / h, or with a database
/// server the N queries' completions at the server's speed for N.
double capacityPerS(const AnalyticInputs& in)
{
    const auto c = static_cast<int>(in.servers);
    return in.server ? analytic::uslWorkRate(*in.server, c) / in.meanHoldS : c / in.meanHoldS;
}

/// About how long a pool that starts idle takes to reach steady state: five relaxation times.
/// The relaxation time of M/M/c near saturation is about h / (c (1 - sqrt(rho))^2) (the M/M/1
/// heavy-traffic form with service rate c/h); a pool timeout bounds the queue, so then it is at
/// most timeout + h; never less than a hold. Infinite for an unstable queue (it never settles).
double settleTimeS(const AnalyticInputs& in)
{
    const double h = in.meanHoldS;
    const double capacity = capacityPerS(in);
    const double rho = in.lambdaPerS / capacity;
    double relax = rho < 1 ? 1 / (capacity * std::pow(1 - std::sqrt(rho), 2)) : kInf;
    if (in.timeoutS)
        relax = std::min(relax, *in.timeoutS + h);
    return std::isinf(relax) ? kInf : 5 * std::max(h, relax);
}

FigureComparison figure(std::string key, double analytic, double low, double high)
{
    FigureComparison f;
    f.key = std::move(key);
    f.analytic = analytic;
    f.allowedLow = std::max(low, 0.0); // every figure is >= 0
    f.allowedHigh = high;
    return f;
}

/// The compared figures and what each may differ by beyond the simulated CI:
/// - offered load: 1% (the holds of requests still running at the horizon are not counted);
/// - probabilities: 1e-4 absolute plus 2% of the value (start-up and end-of-run edges);
/// - waits: 2% plus 0.1% of the mean hold (the histogram's quantile error is at most 0.4%); the
///   p95 may also lie anywhere between the closed form's p94.5 and p95.5, since near the atom at
///   zero wait (5% waiting) the p95 jumps;
/// - utilization: 0.5% (as tests/models/tst_validation.cpp).
std::vector<FigureComparison> comparisonsFor(const AnalyticInputs& in, const analytic::QueueFigures& f)
{
    const double h = in.meanHoldS;
    const auto ratio = [](const char* key, double v) {
        const double tol = 1e-4 + 0.02 * v;
        return figure(key, v, v - tol, v + tol);
    };
    const auto wait = [&](const char* key, double v, double low, double high) {
        return figure(key, v, low * 0.98 - 0.001 * h, high * 1.02 + 0.001 * h);
    };
    const auto quantile = [&](double p) {
        const int c = static_cast<int>(in.servers);
        return in.model == AnalyticModel::ErlangB ? 0.0
               : in.timeoutS ? analytic::fixedTimeoutWaitQuantile(c, in.lambdaPerS, h, *in.timeoutS, p)
                             : analytic::erlangCWaitQuantile(c, in.lambdaPerS, h, p);
    };
    std::vector<FigureComparison> out;
    if (in.model == AnalyticModel::UslChain) {
        // Means only: the chain gives no quantiles; nothing times out; the server's queries
        // running are the connections in use. The simulated holds are stretched by the server,
        // so the offered load (of demands) is not measured: the throughput is, within 1%.
        out.push_back(
            figure("throughput_per_s", f.throughputPerS, f.throughputPerS * 0.99, f.throughputPerS * 1.01));
        const double response = analytic::uslPoolOpenFigures(*in.server, static_cast<int>(in.servers),
                                                             in.lambdaPerS, in.meanHoldS)
                                    .responseMeanS;
        out.push_back(ratio("wait_ratio", f.waitRatio));
        out.push_back(wait("wait_mean_s", f.waitMeanS, f.waitMeanS, f.waitMeanS));
        out.push_back(wait("response_mean_s", response, response, response));
        out.push_back(figure("utilization_mean", f.utilization, f.utilization * 0.995 - 1e-4,
                             f.utilization * 1.005 + 1e-4));
        out.push_back(
            figure("db_active_mean", f.busyMean, f.busyMean * 0.995 - 1e-4, f.busyMean * 1.005 + 1e-4));
        return out;
    }
    out.push_back(figure("offered_load", f.offeredLoad, f.offeredLoad * 0.99, f.offeredLoad * 1.01));
    out.push_back(ratio("wait_ratio", f.waitRatio));
    out.push_back(wait("wait_mean_s", f.waitMeanS, f.waitMeanS, f.waitMeanS));
    out.push_back(wait("wait_p95_s", f.waitP95S, quantile(0.945), quantile(0.955)));
    out.push_back(ratio("timeout_ratio", f.timeoutRatio));
    out.push_back(figure("utilization_mean", f.utilization, f.utilization * 0.995 - 1e-4,
                         f.utilization * 1.005 + 1e-4));
    return out;
}

} // namespace

// ---- Public ----------------------------------------------------------------------------------------

std::string_view analyticModelKey(AnalyticModel model)
{
    static constexpr std::string_view kKeys[] = {"erlang_b", "erlang_c", "mmc_fixed_timeout",
                                                 "usl_pool_chain"};
    return kKeys[static_cast<std::size_t>(model)];
}

std::string_view analyticModelTitle(AnalyticModel model)
{
    static constexpr std::string_view kTitles[] = {
        "Erlang B (M/M/c/c): timeout 0, a request that finds no idle connection fails",
        "Erlang C (M/M/c): timeout none, requests wait as long as it takes",
        "M/M/c with a fixed timeout (M/M/c+D): requests wait at most the timeout, then fail",
        "Birth-death chain (M/M/N before a USL database server): timeout none, the pool's queries share "
        "the server's cores",
    };
    return kTitles[static_cast<std::size_t>(model)];
}

std::string_view figureLabel(const FigureComparison& figure)
{
    if (figure.key == "offered_load") // not a metric of a run
        return "offered load";
    const MetricInfo* metric = findMetric(figure.key);
    return metric ? metric->label : std::string_view(figure.key);
}

bool AnalyticCheck::agree() const
{
    return std::any_of(comparisons.begin(), comparisons.end(),
                       [](const auto& f) { return f.agree.has_value(); }) &&
           std::none_of(comparisons.begin(), comparisons.end(),
                        [](const auto& f) { return f.agree == false; });
}

std::vector<std::string> AnalyticCheck::disagreeing() const
{
    std::vector<std::string> out;
    for (const FigureComparison& f : comparisons)
        if (f.agree && !*f.agree)
            out.emplace_back(figureLabel(f));
    return out;
}

std::string AnalyticCheck::verdict() const
{
    if (!applicable)
        return "no steady Poisson traffic: nothing for the closed forms to describe";
    if (!simulation)
        return "not compared with a simulation";
    std::string out;
    if (!stable() && inputs.server)
        out = "the queue grows without bound (" + printf1("%.4g", inputs.lambdaPerS) +
              " requests/s arrive, more than the " + printf1("%.4g", capacityPerS(inputs)) + "/s that " +
              std::to_string(inputs.servers) +
              " queries complete on the database server), so there are no "
              "finite waits; ";
    else if (!stable())
        out = "the queue grows without bound (offered load " + printf1("%.4g", inputs.offeredLoad) +
              " >= " + std::to_string(inputs.servers) + " connections), so there are no finite waits; ";
    const std::vector<std::string> off = disagreeing();
    if (off.empty())
        return out + "the closed forms and the simulation agree" + (stable() ? "" : " on the rest");
    out += "the closed forms and the simulation disagree on " + joined(off);
    if (std::any_of(caveats.begin(), caveats.end(), [](const AnalyticCaveat& c) { return c.steadyPart; }))
        out += " (the steady traffic is not exactly what the closed forms assume: see the caveats)";
    return out;
}

AnalyticCheck analyseSteadyPart(const Scenario& s)
{
    AnalyticCheck check;
    check.scenarioName = s.name;
    const double holdScale = s.effectiveHoldScale();

    std::vector<std::size_t> steady;
    LeftOut others, steps, multi;
    double totalRequests = 0, steadyRequests = 0;
    for (std::size_t i = 0; i < s.workloads.size(); ++i) {
        const Workload& w = s.workloads[i];
        const double expected = expectedRequests(w, s);
        totalRequests += expected;
        const bool random = std::holds_alternative<PoissonArrivals>(w.arrivals) ||
                            std::holds_alternative<ProfileArrivals>(w.arrivals) ||
                            std::holds_alternative<UsersArrivals>(w.arrivals);
        const std::string count = (random ? "about " : "") + humanCount(expected) +
                                  (humanCount(expected) == "1" ? " request" : " requests");
        switch (roleOf(w)) {
        case Role::Steady:
            steady.push_back(i);
            steadyRequests += expected;
            break;
        case Role::OtherArrivals:
            others.names.push_back(w.name + " (" + arrivalKindName(w.arrivals) + ", " + count + ")");
            others.requests += expected;
            break;
        case Role::PoissonSteps:
            steps.names.push_back(w.name + " (" + std::to_string(w.steps.size()) + " steps" +
                                  (w.effectiveTransaction() ? " in a transaction" : "") + ", " + count + ")");
            steps.requests += expected;
            break;
        case Role::PoissonConnections:
            multi.names.push_back(w.name + " (" + std::to_string(w.effectiveConnections()) +
                                  " connections, " + count + ")");
            multi.requests += expected;
            break;
        }
    }
    addLeftOut(check.caveats, "other_arrivals", "other arrival kinds", others, totalRequests,
               "the figures describe the steady traffic without them and say nothing of the waits they cause "
               "when they come");
    addLeftOut(
        check.caveats, "steps", "Poisson workloads made of steps", steps, totalRequests,
        "their requests take and give back connections in turn, which the closed forms do not model, and "
        "their load is not counted");
    addLeftOut(check.caveats, "several_connections",
               "Poisson workloads needing several connections per request", multi, totalRequests,
               "the closed forms serve one connection per request, and their load is not counted");

    AnalyticInputs& in = check.inputs;
    in.instances = s.backend.effectiveInstances();
    in.servers = s.pool.effectiveSize();
    const auto timeout = s.pool.effectiveTimeout();
    in.timeoutS = timeout ? std::optional<double>(timeout->seconds()) : std::nullopt;
    in.model = !in.timeoutS        ? AnalyticModel::ErlangC
               : *in.timeoutS == 0 ? AnalyticModel::ErlangB
                                   : AnalyticModel::FixedTimeout;
    in.requestShare = totalRequests > 0 ? steadyRequests / totalRequests : 0;
    if (const auto& cap = s.database.capacity) {
        // The Erlang forms know nothing of the server; the exact chain needs what it assumes.
        if (in.instances != 1 || in.timeoutS) {
            check.notApplicable = "with a database server (database.capacity) the exact chain needs one "
                                  "instance and no pool timeout";
            return check;
        }
        in.model = AnalyticModel::UslChain;
        in.server = analytic::UslServer{static_cast<int>(s.database.capacityCores()),
                                        cap->effectiveContention(), cap->effectiveCoherency()};
    }

    double weightedHold = 0;
    std::optional<SimTime> exponentialMean;
    for (const std::size_t i : steady) {
        const Workload& w = s.workloads[i];
        const double rate = std::get<PoissonArrivals>(w.arrivals).rate.perSecond();
        in.workloads.push_back(w.name);
        in.totalRatePerS += rate;
        weightedHold += rate * distributionMean(*w.hold);
        const auto* e = std::get_if<ExponentialDist>(&*w.hold);
        if (!e || (exponentialMean && *exponentialMean != e->mean))
            in.exponentialHolds = false;
        else
            exponentialMean = e->mean;
    }
    if (steady.empty()) {
        check.notApplicable = "no workload has poisson arrivals with a hold of one connection";
        return check;
    }
    if (in.totalRatePerS <= 0) {
        check.notApplicable = "the steady Poisson workloads have a rate of 0";
        return check;
    }
    in.lambdaPerS = in.totalRatePerS / static_cast<double>(in.instances);
    in.meanHoldS = weightedHold / in.totalRatePerS * holdScale;
    if (!(in.meanHoldS > 0)) {
        check.notApplicable = "the steady Poisson workloads hold their connections for no time";
        return check;
    }
    check.applicable = true;
    in.offeredLoad = in.lambdaPerS * in.meanHoldS;
    check.figures = closedForms(in);
    check.settleS = settleTimeS(in);
    check.comparisons = comparisonsFor(in, check.figures);
    for (FigureComparison& f : check.comparisons)
        if (std::isinf(f.analytic))
            f.allowedLow = f.allowedHigh = kInf;

    addHoldCaveat(check, s, steady);
    addPoolCaveats(check, s, steady);
    return check;
}

Scenario steadySubScenario(const Scenario& scenario, const AnalyticCheck& check)
{
    if (!check.applicable)
        throw std::invalid_argument("the scenario has no steady Poisson part to simulate");
    Scenario sub = scenario;
    sub.workloads.clear();
    for (const Workload& w : scenario.workloads)
        if (std::find(check.inputs.workloads.begin(), check.inputs.workloads.end(), w.name) !=
            check.inputs.workloads.end())
            sub.workloads.push_back(w);
    sub.variants.clear();
    sub.sweep.clear();
    sub.slo.clear();
    sub.alerts = std::vector<AlertRule>{};
    sub.resolution.reset(); // the series are not shown; the default width suits any horizon

    // Whole milliseconds keep the times readable.
    const auto ms = [](double s) { return SimTime::fromTicks(std::llround(s * 1e3) * 1'000'000); };
    const SimTime horizon = scenario.horizon;
    SimTime warmup = scenario.effectiveWarmup();
    if (std::isfinite(check.settleS) && warmup.seconds() < check.settleS)
        warmup = std::max(warmup, std::min(ms(check.settleS), SimTime::fromTicks(horizon.ticks() / 2)));
    const double window = (horizon - warmup).seconds();
    const double budgetWindow = kCheckRequestBudget / check.inputs.totalRatePerS;
    const double floorWindow = std::isfinite(check.settleS) ? 20 * check.settleS : 0.0;
    const double kept = std::min(window, std::max(budgetWindow, floorWindow));
    sub.warmup = warmup;
    sub.horizon = kept < window && ms(kept) > SimTime::zero() ? warmup + ms(kept) : horizon;
    return sub;
}

void compareWithSimulation(AnalyticCheck& check, const RunResult& r)
{
    CheckSimulation sim;
    sim.replications = r.replications;
    sim.seed = r.seed;
    sim.warmupS = r.warmupS;
    sim.horizonS = r.horizonS;
    sim.wallSeconds = r.wallSeconds;
    sim.complete = r.complete;

    // The offered load per instance as simulated: arrival rate x mean hold, per replication.
    const double window = r.horizonS - r.warmupS;
    std::vector<double> offered;
    for (const MetricValues& m : r.replicationMetrics)
        offered.push_back(m[Metric::Arrivals] / window / static_cast<double>(check.inputs.instances) *
                          m[Metric::HoldMeanS]);

    for (FigureComparison& f : check.comparisons) {
        if (f.key == "offered_load") {
            f.simulated = estimate(offered);
        } else {
            const auto it = std::find(kMetricNames.begin(), kMetricNames.end(), f.key);
            if (it == kMetricNames.end())
                throw std::logic_error("analytic check: no metric named " + f.key);
            f.simulated = r.metrics[static_cast<Metric>(it - kMetricNames.begin())];
        }
        if (std::isinf(f.analytic)) {
            f.agree.reset();
            continue;
        }
        const double half = std::isnan(f.simulated->ci95) ? 0.0 : f.simulated->ci95;
        f.agree = f.simulated->mean - half <= f.allowedHigh && f.simulated->mean + half >= f.allowedLow;
    }
    check.simulation = sim;
}

AnalyticCheck runAnalyticCheck(const Scenario& scenario, RunOptions options, engine::RunObserver* observer)
{
    AnalyticCheck check = analyseSteadyPart(scenario);
    if (!check.applicable)
        return check;
    const Scenario sub = steadySubScenario(scenario, check);
    if (!options.replications)
        options.replications = kCheckReplications;
    const auto result = runScenario(sub, options, observer);
    compareWithSimulation(check, *result);
    check.simulation->warmupExtended = sub.effectiveWarmup() > scenario.effectiveWarmup();
    check.simulation->horizonCapped = sub.horizon < scenario.horizon;
    return check;
}

} // namespace poolsim::models
