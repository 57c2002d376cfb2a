// The analytic check's prose: see analytic_prose.h.
#include "models/analytic/analytic_prose.h"

#include "models/scenario/distribution_spec.h"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <limits>

namespace poolsim::models::analytic_prose {

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
static double requestMeanS(const Workload& w, double holdScale)
{
    if (w.hold)
        return distributionMean(*w.hold) * holdScale;
    double sum = 0;
    for (const Step& step : w.steps)
        sum += distributionMean(step.duration) * (step.isWork ? 1.0 : holdScale);
    return sum;
}

/// Starts of a burst or batch (at, at + every, ...) before the horizon.
static double occurrences(SimTime at, const std::optional<SimTime>& every, SimTime horizon)
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
                    const SimTime end =
                        i + 1 < a.points.size() ? std::min(a.points[i + 1].at, horizon) : horizon;
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

// ---- Caveats ---------------------------------------------------------------------------------------

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
    std::string text = "hold times are not exponential (" + joined(holds) +
                       (steady.size() > 1 ? ", mixed" : "") + "): the figures use the mean hold, " +
                       humanSeconds(check.inputs.meanHoldS) + "; ";
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
    const std::string split = std::to_string(n) +
                              " instances: each is taken as an independent pool receiving 1/" +
                              std::to_string(n) + " of the arrivals as a Poisson stream (" +
                              printf1("%.4g/s", check.inputs.lambdaPerS) + "); ";
    switch (s.backend.effectiveBalancer()) {
    case Balancer::Random:
        check.caveats.push_back({"instances",
                                 split + "exact for the random balancer (a random split of a Poisson "
                                         "stream is Poisson)",
                                 false});
        break;
    case Balancer::RoundRobin:
        check.caveats.push_back({"instances",
                                 split + "round_robin gives each instance one request in " +
                                     std::to_string(n) +
                                     ", more regular than Poisson, so the figures are slightly "
                                     "pessimistic",
                                 true});
        break;
    case Balancer::LeastBusy:
        check.caveats.push_back({"instances",
                                 split + "least_busy sends each request to the instance with the fewest "
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
    const std::string connect =
        connectMean > 0 ? "connect_time of mean " + humanSeconds(connectMean) : "connect_time 0";

    std::vector<std::string> retrying;
    for (const std::size_t i : steady)
        if (const auto& r = s.workloads[i].retry; r && r->attempts > 1)
            retrying.push_back(s.workloads[i].name + " (" + std::to_string(r->attempts) + " tries)");
    if (!retrying.empty() && check.inputs.timeoutS)
        check.caveats.push_back(
            {"retries",
             "retries after a pool timeout: " + joined(retrying) +
                 "; the extra tries add load the figures do not count, and a request fails only "
                 "after its last try, where the figures count every timeout as a failure",
             true});

    addInstancesCaveat(check, s);

    // With timeout 0 a request that finds no idle connection fails even while one opens; with
    // a wait allowed, an opening only matters when it takes time.
    const std::int64_t minIdle = pool.effectiveMinIdle();
    if (minIdle < pool.effectiveSize() && (connectMean > 0 || check.inputs.model == AnalyticModel::ErlangB))
        check.caveats.push_back(
            {"connections_on_demand",
             "pool.min_idle " + std::to_string(minIdle) + " is below pool.size " +
                 std::to_string(pool.effectiveSize()) + ": the pool opens connections on demand (" + connect +
                 ") while the figures assume all are open; waits and failures are higher while "
                 "connections open",
             true});
    if (const auto lifetime = pool.effectiveMaxLifetime(); lifetime && connectMean > 0)
        check.caveats.push_back(
            {"max_lifetime",
             "pool.max_lifetime " + humanSeconds(lifetime->seconds()) +
                 ": connections retire and are reopened (" + connect +
                 "), and meanwhile the pool has fewer connections than the figures assume",
             true});
    if (s.database.maxConnections) {
        const std::int64_t budget = *s.database.maxConnections - s.database.effectiveReserved();
        const std::int64_t wanted = check.inputs.instances * pool.effectiveSize();
        if (budget < wanted)
            check.caveats.push_back(
                {"database_limit",
                 "database.max_connections leaves " + std::to_string(budget) + " connections for " +
                     std::to_string(wanted) + " pooled (" + std::to_string(check.inputs.instances) + " x " +
                     std::to_string(pool.effectiveSize()) +
                     "): openings beyond it are refused, so the pools are smaller than the "
                     "figures assume",
                 true});
    }
    // The start-up only matters when settling takes a noticeable part of the measured time.
    const double warmup = s.effectiveWarmup().seconds();
    if (check.stable() && warmup < check.settleS && check.settleS > 0.01 * (s.horizon.seconds() - warmup))
        check.caveats.push_back(
            {"warmup_short",
             "the warm-up (" + (warmup > 0 ? humanSeconds(warmup) : std::string("none")) +
                 ") is shorter than the pool needs to settle from idle (about " +
                 humanSeconds(check.settleS) +
                 "): the scenario's own runs count the start, when waits are shorter than in "
                 "steady state",
             false});
}

} // namespace poolsim::models::analytic_prose
