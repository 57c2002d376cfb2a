#include "models/analytic/analytic_check.h"

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

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// ---- Text ------------------------------------------------------------------------------------

[[gnu::format(printf, 1, 2)]] std::string printf1(const char* format, ...)
{
    char buf[128];
    std::va_list args;
    va_start(args, format);
    std::vsnprintf(buf, sizeof buf, format, args);
    va_end(args);
    return buf;
}

/// "50 ms", "1.5 s", "12 min", "2 h": three significant digits, for sentences.
std::string humanSeconds(double s)
{
    if (s < 1)
        return printf1("%.3g ms", s * 1000);
    if (s < 120)
        return printf1("%.3g s", s);
    if (s < 7200)
        return printf1("%.3g min", s / 60);
    return printf1("%.3g h", s / 3600);
}

std::string humanPercent(double fraction)
{
    return printf1("%.3g%%", fraction * 100);
}

std::string humanCount(double v)
{
    return printf1("%.0f", v);
}

std::string joined(const std::vector<std::string>& parts)
{
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i)
        out += (i == 0 ? "" : i + 1 == parts.size() ? " and " : ", ") + parts[i];
    return out;
}

const char* arrivalKindName(const ArrivalSpec& arrivals)
{
    static constexpr const char* kNames[] = {"poisson", "profile", "burst", "users", "batch", "trace"};
    return kNames[arrivals.index()];
}

// ---- Expected requests, for each left-out workload's share -------------------------------------

double distributionMean(const DistributionSpec& spec)
{
    return makeDistribution(spec).mean();
}

/// Mean time a request of `w` takes once it has its connections: holds (scaled) and work.
double requestMeanS(const Workload& w, double holdScale)
{
    if (w.hold)
        return distributionMean(*w.hold) * holdScale;
    double sum = 0;
    for (const Step& step : w.steps)
        sum += distributionMean(step.duration) * (step.isWork ? 1.0 : holdScale);
    return sum;
}

/// Starts of a burst or batch (at, at + every, ...) before the horizon.
double occurrences(SimTime at, const std::optional<SimTime>& every, SimTime horizon)
{
    if (at >= horizon)
        return 0;
    if (!every)
        return 1;
    // k >= 0 with at + k every < horizon
    return static_cast<double>(((horizon - at).ticks() - 1) / every->ticks() + 1);
}

/// Requests `w` is expected to send over [0, horizon). A closed population's count assumes no
/// waiting (think + request time per cycle), so it is an upper estimate.
double expectedRequests(const Workload& w, const Scenario& s)
{
    const SimTime horizon = s.horizon;
    const double horizonS = horizon.seconds();
    return std::visit(
        [&](const auto& a) -> double {
            using T = std::decay_t<decltype(a)>;
            if constexpr (std::is_same_v<T, PoissonArrivals>) {
                return a.rate.perSecond() * horizonS;
            } else if constexpr (std::is_same_v<T, ProfileArrivals>) {
                double sum = 0;
                for (std::size_t i = 0; i < a.points.size(); ++i) {
                    const SimTime end = i + 1 < a.points.size() ? std::min(a.points[i + 1].at, horizon) : horizon;
                    if (end > a.points[i].at)
                        sum += a.points[i].rate.perSecond() * (end - a.points[i].at).seconds();
                }
                return sum;
            } else if constexpr (std::is_same_v<T, BurstArrivals>) {
                return occurrences(a.at, a.every, horizon) * static_cast<double>(a.count);
            } else if constexpr (std::is_same_v<T, BatchArrivals>) {
                return occurrences(a.at, a.every, horizon) * static_cast<double>(a.items);
            } else if constexpr (std::is_same_v<T, UsersArrivals>) {
                const double cycle = distributionMean(a.think) + requestMeanS(w, s.effectiveHoldScale());
                return cycle > 0 ? static_cast<double>(a.users) * horizonS / cycle : 0;
            } else {
                static_assert(std::is_same_v<T, TraceArrivals>);
                return static_cast<double>(std::count_if(a.records.begin(), a.records.end(),
                                                         [&](const auto& r) { return r.start < horizon; }));
            }
        },
        w.arrivals);
}

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
        break;
    }
    return analytic::fixedTimeoutFigures(c, in.lambdaPerS, in.meanHoldS, *in.timeoutS);
}

/// About how long a pool that starts idle takes to reach steady state: five relaxation times.
/// The relaxation time of M/M/c near saturation is about h / (c (1 - sqrt(rho))^2) (the M/M/1
/// heavy-traffic form with service rate c/h); a pool timeout bounds the queue, so then it is at
/// most timeout + h; never less than a hold. Infinite for an unstable queue (it never settles).
double settleTimeS(const AnalyticInputs& in)
{
    const double h = in.meanHoldS;
    const double c = static_cast<double>(in.servers);
    const double rho = in.offeredLoad / c;
    double relax = rho < 1 ? h / (c * std::pow(1 - std::sqrt(rho), 2)) : kInf;
    if (in.timeoutS)
        relax = std::min(relax, *in.timeoutS + h);
    return std::isinf(relax) ? kInf : 5 * std::max(h, relax);
}

// ---- Caveats ---------------------------------------------------------------------------------------

struct LeftOut
{
    std::vector<std::string> names;
    double requests = 0;
};

void addLeftOut(std::vector<AnalyticCaveat>& caveats, const char* kind, const char* what, const LeftOut& left,
                double totalRequests, const char* why)
{
    if (left.names.empty())
        return;
    const double share = totalRequests > 0 ? left.requests / totalRequests : 0;
    caveats.push_back({kind,
                       std::string(what) + " left out (" + humanPercent(share) +
                           " of the requests expected over the horizon): " + joined(left.names) + "; " + why,
                       false});
}

void addHoldCaveat(AnalyticCheck& check, const Scenario& s, const std::vector<std::size_t>& steady)
{
    if (check.inputs.exponentialHolds)
        return;
    std::vector<std::string> holds;
    for (const std::size_t i : steady) {
        const Workload& w = s.workloads[i];
        holds.push_back(w.name + ": " + distributionKindName(*w.hold) + " of mean " +
                        humanSeconds(distributionMean(*w.hold)));
    }
    std::string text = "hold times are not exponential (" + joined(holds) + (steady.size() > 1 ? ", mixed" : "") +
                       "): the figures use the mean hold, " + humanSeconds(check.inputs.meanHoldS) + "; ";
    const bool erlangB = check.inputs.model == AnalyticModel::ErlangB;
    text += erlangB ? "exact for Erlang B, whose loss depends on the hold distribution only through its mean "
                      "(insensitivity)"
                    : "only approximate for waits and timeouts, which depend on the whole distribution (more "
                      "variable holds, longer waits)";
    check.caveats.push_back({"hold_not_exponential", text, !erlangB});
}

void addInstancesCaveat(AnalyticCheck& check, const Scenario& s)
{
    const std::int64_t n = check.inputs.instances;
    if (n <= 1)
        return;
    const std::string split = std::to_string(n) + " instances: each is taken as an independent pool receiving 1/" +
                              std::to_string(n) + " of the arrivals as a Poisson stream (" +
                              printf1("%.4g/s", check.inputs.lambdaPerS) + "); ";
    switch (s.backend.effectiveBalancer()) {
    case Balancer::Random:
        check.caveats.push_back({"instances", split + "exact for the random balancer (a random split of a Poisson "
                                                      "stream is Poisson)", false});
        break;
    case Balancer::RoundRobin:
        check.caveats.push_back({"instances", split + "round_robin gives each instance one request in " +
                                                  std::to_string(n) +
                                                  ", more regular than Poisson, so the figures are slightly "
                                                  "pessimistic",
                                 true});
        break;
    case Balancer::LeastBusy:
        check.caveats.push_back({"instances", split + "least_busy sends each request to the instance with the fewest "
                                                      "in flight, which evens out the queues, so the figures are "
                                                      "pessimistic",
                                 true});
        break;
    }
}

void addPoolCaveats(AnalyticCheck& check, const Scenario& s, const std::vector<std::size_t>& steady)
{
    const PoolConfig& pool = s.pool;
    const double connectMean = pool.connectTime ? distributionMean(*pool.connectTime) : 0.0;
    const std::string connect = connectMean > 0 ? "connect_time of mean " + humanSeconds(connectMean) : "connect_time 0";

    std::vector<std::string> retrying;
    for (const std::size_t i : steady)
        if (const auto& r = s.workloads[i].retry; r && r->attempts > 1)
            retrying.push_back(s.workloads[i].name + " (" + std::to_string(r->attempts) + " tries)");
    if (!retrying.empty() && check.inputs.timeoutS)
        check.caveats.push_back({"retries",
                                 "retries after a pool timeout: " + joined(retrying) +
                                     "; the extra tries add load the figures do not count, and a request fails only "
                                     "after its last try, where the figures count every timeout as a failure",
                                 true});

    addInstancesCaveat(check, s);

    // With timeout 0 a request that finds no idle connection fails even while one opens; with
    // a wait allowed, an opening only matters when it takes time.
    const std::int64_t minIdle = pool.effectiveMinIdle();
    if (minIdle < pool.effectiveSize() && (connectMean > 0 || check.inputs.model == AnalyticModel::ErlangB))
        check.caveats.push_back({"connections_on_demand",
                                 "pool.min_idle " + std::to_string(minIdle) + " is below pool.size " +
                                     std::to_string(pool.effectiveSize()) +
                                     ": the pool opens connections on demand (" + connect +
                                     ") while the figures assume all are open; waits and failures are higher while "
                                     "connections open",
                                 true});
    if (const auto lifetime = pool.effectiveMaxLifetime(); lifetime && connectMean > 0)
        check.caveats.push_back({"max_lifetime",
                                 "pool.max_lifetime " + humanSeconds(lifetime->seconds()) +
                                     ": connections retire and are reopened (" + connect +
                                     "), and meanwhile the pool has fewer connections than the figures assume",
                                 true});
    if (s.database.maxConnections) {
        const std::int64_t budget = *s.database.maxConnections - s.database.effectiveReserved();
        const std::int64_t wanted = check.inputs.instances * pool.effectiveSize();
        if (budget < wanted)
            check.caveats.push_back({"database_limit",
                                     "database.max_connections leaves " + std::to_string(budget) +
                                         " connections for " + std::to_string(wanted) + " pooled (" +
                                         std::to_string(check.inputs.instances) + " x " +
                                         std::to_string(pool.effectiveSize()) +
                                         "): openings beyond it are refused, so the pools are smaller than the "
                                         "figures assume",
                                     true});
    }
    // The start-up only matters when settling takes a noticeable part of the measured time.
    const double warmup = s.effectiveWarmup().seconds();
    if (check.stable() && warmup < check.settleS && check.settleS > 0.01 * (s.horizon.seconds() - warmup))
        check.caveats.push_back({"warmup_short",
                                 "the warm-up (" + (warmup > 0 ? humanSeconds(warmup) : std::string("none")) +
                                     ") is shorter than the pool needs to settle from idle (about " +
                                     humanSeconds(check.settleS) +
                                     "): the scenario's own runs count the start, when waits are shorter than in "
                                     "steady state",
                                 false});
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
    out.push_back(figure("offered_load", f.offeredLoad, f.offeredLoad * 0.99, f.offeredLoad * 1.01));
    out.push_back(ratio("wait_ratio", f.waitRatio));
    out.push_back(wait("wait_mean_s", f.waitMeanS, f.waitMeanS, f.waitMeanS));
    out.push_back(wait("wait_p95_s", f.waitP95S, quantile(0.945), quantile(0.955)));
    out.push_back(ratio("timeout_ratio", f.timeoutRatio));
    out.push_back(figure("utilization_mean", f.utilization, f.utilization * 0.995 - 1e-4, f.utilization * 1.005 + 1e-4));
    return out;
}

} // namespace

// ---- Public ----------------------------------------------------------------------------------------

std::string_view analyticModelKey(AnalyticModel model)
{
    static constexpr std::string_view kKeys[] = {"erlang_b", "erlang_c", "mmc_fixed_timeout"};
    return kKeys[static_cast<std::size_t>(model)];
}

std::string_view analyticModelTitle(AnalyticModel model)
{
    static constexpr std::string_view kTitles[] = {
        "Erlang B (M/M/c/c): timeout 0, a request that finds no idle connection fails",
        "Erlang C (M/M/c): timeout none, requests wait as long as it takes",
        "M/M/c with a fixed timeout (M/M/c+D): requests wait at most the timeout, then fail",
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
    return std::any_of(comparisons.begin(), comparisons.end(), [](const auto& f) { return f.agree.has_value(); }) &&
           std::none_of(comparisons.begin(), comparisons.end(), [](const auto& f) { return f.agree == false; });
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
    if (!stable())
        out = "the queue grows without bound (offered load " + printf1("%.4g", inputs.offeredLoad) + " >= " +
              std::to_string(inputs.servers) + " connections), so there are no finite waits; ";
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
        const std::string count =
            (random ? "about " : "") + humanCount(expected) + (humanCount(expected) == "1" ? " request" : " requests");
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
            multi.names.push_back(w.name + " (" + std::to_string(w.effectiveConnections()) + " connections, " +
                                  count + ")");
            multi.requests += expected;
            break;
        }
    }
    addLeftOut(check.caveats, "other_arrivals", "other arrival kinds", others, totalRequests,
               "the figures describe the steady traffic without them and say nothing of the waits they cause "
               "when they come");
    addLeftOut(check.caveats, "steps", "Poisson workloads made of steps", steps, totalRequests,
               "their requests take and give back connections in turn, which the closed forms do not model, and "
               "their load is not counted");
    addLeftOut(check.caveats, "several_connections", "Poisson workloads needing several connections per request",
               multi, totalRequests, "the closed forms serve one connection per request, and their load is not counted");

    AnalyticInputs& in = check.inputs;
    in.instances = s.backend.effectiveInstances();
    in.servers = s.pool.effectiveSize();
    const auto timeout = s.pool.effectiveTimeout();
    in.timeoutS = timeout ? std::optional<double>(timeout->seconds()) : std::nullopt;
    in.model = !in.timeoutS ? AnalyticModel::ErlangC : *in.timeoutS == 0 ? AnalyticModel::ErlangB
                                                                           : AnalyticModel::FixedTimeout;
    in.requestShare = totalRequests > 0 ? steadyRequests / totalRequests : 0;

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
