// The parts of `poolsim recommend` that need no simulation: the sizes the scenario allows, the
// offered load the search starts from, the rules of thumb, the database budget and the
// deadlock-free sizes of nested acquisitions.
#include "models/planning/recommend.h"
#include "models/scenario/distribution_spec.h"

#include <algorithm>
#include <type_traits>

namespace poolsim::models {

namespace {

double meanSeconds(const DistributionSpec& spec)
{
    return makeDistribution(spec).mean();
}

/// What one request of a workload asks of the pool, on average.
struct RequestLoad
{
    double connectionSeconds = 0; // connections x seconds held
    double durationS = 0;         // from its first acquisition to its end (work included)
};

RequestLoad requestLoad(const Workload& w, double holdScale)
{
    RequestLoad r;
    if (w.hold) {
        const double hold = meanSeconds(*w.hold) * holdScale;
        r.connectionSeconds = hold * static_cast<double>(w.effectiveConnections());
        r.durationS = hold;
        return r;
    }
    for (const Step& s : w.steps) {
        const double d = meanSeconds(s.duration) * (s.isWork ? 1.0 : holdScale);
        r.durationS += d;
        if (!s.isWork && !w.effectiveTransaction())
            r.connectionSeconds += d * static_cast<double>(s.connections);
    }
    if (w.effectiveTransaction())
        r.connectionSeconds = r.durationS; // one connection across every step
    return r;
}

/// The profile's rate averaged over [0, horizon): each point's rate holds until the next.
double averageRatePerSecond(const ProfileArrivals& p, double horizonS)
{
    double area = 0;
    for (std::size_t i = 0; i < p.points.size(); ++i) {
        const double from = std::min(p.points[i].at.seconds(), horizonS);
        const double to =
            i + 1 < p.points.size() ? std::min(p.points[i + 1].at.seconds(), horizonS) : horizonS;
        area += p.points[i].rate.perSecond() * std::max(0.0, to - from);
    }
    return horizonS > 0 ? area / horizonS : 0.0;
}

std::string arrivalKind(const ArrivalSpec& a)
{
    static const char* const kNames[] = {"poisson", "profile", "burst", "users", "batch", "trace"};
    return kNames[a.index()];
}

} // namespace

std::int64_t smallestAllowedPoolSize(const Scenario& s)
{
    std::int64_t most = 1;
    for (const Workload& w : s.workloads) {
        if (w.hold)
            most = std::max(most, w.effectiveConnections());
        for (const Step& step : w.steps)
            if (!step.isWork)
                most = std::max(most, step.connections);
        if (const auto* trace = std::get_if<TraceArrivals>(&w.arrivals))
            for (const TraceArrivals::Record& r : trace->records)
                most = std::max(most, r.connections);
    }
    if (s.pool.minIdle)
        most = std::max(most, *s.pool.minIdle);
    return most;
}

double offeredLoadPerInstance(const Scenario& s, std::int64_t instances)
{
    const double horizonS = s.horizon.seconds();
    double load = 0;
    for (const Workload& w : s.workloads) {
        if (const auto* trace = std::get_if<TraceArrivals>(&w.arrivals)) {
            double connectionSeconds = 0;
            for (const TraceArrivals::Record& r : trace->records)
                connectionSeconds +=
                    r.hold.seconds() * s.effectiveHoldScale() * static_cast<double>(r.connections);
            load += horizonS > 0 ? connectionSeconds / horizonS : 0.0;
            continue;
        }
        const RequestLoad r = requestLoad(w, s.effectiveHoldScale());
        if (const auto* p = std::get_if<PoissonArrivals>(&w.arrivals))
            load += p->rate.perSecond() * r.connectionSeconds;
        else if (const auto* profile = std::get_if<ProfileArrivals>(&w.arrivals))
            load += averageRatePerSecond(*profile, horizonS) * r.connectionSeconds;
        else if (const auto* users = std::get_if<UsersArrivals>(&w.arrivals)) {
            const double cycle = r.durationS + meanSeconds(users->think);
            if (cycle > 0)
                load += static_cast<double>(users->users) * r.connectionSeconds / cycle;
        }
    }
    return load / static_cast<double>(std::max<std::int64_t>(1, instances));
}

RuleOfThumb usersRule(const Scenario& s)
{
    RuleOfThumb rule;
    std::int64_t populations = 0;
    bool anyPopulation = false;
    for (const Workload& w : s.workloads)
        if (const auto* u = std::get_if<UsersArrivals>(&w.arrivals)) {
            populations += u->users;
            anyPopulation = true;
        }
    if (s.backend.users) {
        rule.users = *s.backend.users;
        rule.basis = "backend.users " + std::to_string(rule.users);
    } else if (anyPopulation) {
        rule.users = populations;
        rule.basis = std::to_string(rule.users) + " users (the closed populations)";
    } else {
        rule.basis = "no users: set backend.users, or model the users as a users: workload";
        return rule;
    }
    rule.applicable = true;
    rule.poolSize = (3 * rule.users + 1) / 2 + 10; // ceil(users x 1.5) + 10
    rule.basis += " x 1.5 + 10";
    return rule;
}

RuleOfThumb hikariRule(const Scenario& s, std::int64_t instances)
{
    RuleOfThumb rule;
    if (!s.database.cores) {
        rule.basis = "needs database.cores, and database.spindles (1 by default)";
        return rule;
    }
    rule.applicable = true;
    rule.cores = *s.database.cores;
    rule.spindles = s.database.spindles.value_or(1);
    rule.total = rule.cores * 2 + rule.spindles;
    rule.poolSize = (rule.total + instances - 1) / instances;
    rule.basis = "cores " + std::to_string(rule.cores) + " x 2 + spindles " + std::to_string(rule.spindles) +
                 " = " + std::to_string(rule.total) + " for the database";
    if (instances > 1)
        rule.basis += ", / " + std::to_string(instances) + " instances, rounded up";
    return rule;
}

DatabaseBudget databaseBudget(const Scenario& s, std::optional<std::int64_t> total)
{
    DatabaseBudget b;
    b.maxConnections = s.database.maxConnections;
    b.reserved = s.database.effectiveReserved();
    if (b.maxConnections)
        b.budget = *b.maxConnections - b.reserved;
    b.total = total;
    if (total) {
        b.fits = !b.budget || *total <= *b.budget;
        b.postgresMaxConnectionsNeeded = *total + b.reserved;
    }
    return b;
}

std::vector<DeadlockWarning> deadlockWarnings(const Scenario& s)
{
    std::vector<DeadlockWarning> out;
    for (std::size_t i = 0; i < s.workloads.size(); ++i) {
        const Workload& w = s.workloads[i];
        if (!w.hold || w.effectiveConnections() < 2 || w.effectiveAcquire() != AcquireMode::OneByOne)
            continue;
        DeadlockWarning d;
        d.workload = i;
        d.name = w.name;
        d.connections = w.effectiveConnections();
        d.arrivals = arrivalKind(w.arrivals);
        std::visit(
            [&](const auto& a) {
                using A = std::decay_t<decltype(a)>;
                if constexpr (std::is_same_v<A, UsersArrivals>)
                    d.threads = a.users;
                else if constexpr (std::is_same_v<A, BatchArrivals>)
                    d.threads = a.concurrency;
                else if constexpr (std::is_same_v<A, BurstArrivals>)
                    d.threads = a.count;
            },
            w.arrivals);
        if (d.threads)
            d.minPoolSize = *d.threads * (d.connections - 1) + 1;
        out.push_back(std::move(d));
    }
    return out;
}

} // namespace poolsim::models
