#include "models/simulation/compiled_scenario.h"

#include "engine/random_stream.h"
#include "models/scenario/distribution_spec.h"

#include <stdexcept>
#include <type_traits>

namespace poolsim::models {

namespace {
template <class... Ts> struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template <class... Ts> Overloaded(Ts...) -> Overloaded<Ts...>;

Outcome outcomeOf(FailureKind kind)
{
    switch (kind) {
    case FailureKind::Timeout:
        return Outcome::Timeout;
    case FailureKind::ConnectFailure:
        return Outcome::ConnectFailure;
    case FailureKind::Refused:
        return Outcome::Refused;
    case FailureKind::ClientTimeout:
        return Outcome::ClientTimeout;
    case FailureKind::Crashed:
        return Outcome::Crashed;
    case FailureKind::Rejected:
        return Outcome::Rejected;
    case FailureKind::Unavailable:
        return Outcome::Unavailable;
    }
    return Outcome::Timeout;
}

std::uint32_t toCount(std::int64_t v, const char* what)
{
    if (v < 0 || v > 1'000'000)
        throw std::invalid_argument(std::string(what) + " out of range");
    return static_cast<std::uint32_t>(v);
}

void compileArrivals(const Workload& w, CompiledWorkload& c)
{
    using Kind = CompiledWorkload::Kind;
    std::visit(Overloaded{
                   [&](const PoissonArrivals& a) {
                       c.kind = Kind::Poisson;
                       c.ratePerS = a.rate.perSecond();
                   },
                   [&](const ProfileArrivals& a) {
                       c.kind = Kind::Profile;
                       for (const auto& p : a.points)
                           c.profile.emplace_back(p.at, p.rate.perSecond());
                   },
                   [&](const BurstArrivals& a) {
                       c.kind = Kind::Burst;
                       c.at = a.at;
                       c.within = a.within;
                       c.every = a.every;
                       c.count = a.count;
                   },
                   [&](const UsersArrivals& a) {
                       c.kind = Kind::Users;
                       c.count = a.users;
                       c.think = makeDistribution(a.think);
                   },
                   [&](const BatchArrivals& a) {
                       c.kind = Kind::Batch;
                       c.at = a.at;
                       c.every = a.every;
                       c.count = a.items;
                       c.concurrency = a.concurrency;
                   },
                   [&](const TraceArrivals& a) {
                       c.kind = Kind::Trace;
                       c.trace = &a;
                   },
               },
               w.arrivals);
}
} // namespace

CompiledScenario CompiledScenario::compile(const Scenario& s)
{
    CompiledScenario c;
    c.horizon = s.horizon;
    c.warmup = s.effectiveWarmup();
    c.resolution = s.effectiveResolution();
    c.seed = s.effectiveSeed();
    c.holdScale = s.effectiveHoldScale();
    c.instances = toCount(s.backend.effectiveInstances(), "backend.instances");
    c.balancer = s.backend.effectiveBalancer();
    c.poolSize = toCount(s.pool.effectiveSize(), "pool.size");
    c.timeout = s.pool.effectiveTimeout();
    c.minIdle = std::min(c.poolSize, toCount(s.pool.effectiveMinIdle(), "pool.min_idle"));
    if (s.pool.connectTime)
        c.connectTime = makeDistribution(*s.pool.connectTime);
    c.connectTimeout = s.pool.effectiveConnectTimeout();
    c.idleTimeout = s.pool.effectiveIdleTimeout();
    c.maxLifetime = s.pool.effectiveMaxLifetime();
    if (s.database.maxConnections)
        c.databaseBudget = *s.database.maxConnections - s.database.effectiveReserved();
    if (const auto& cap = s.database.capacity) {
        if (s.database.capacityCores() < 1)
            throw std::invalid_argument("database.capacity needs cores (or database.cores)");
        c.capacity = Capacity{toCount(s.database.capacityCores(), "database cores"),
                              cap->effectiveContention(), cap->effectiveCoherency()};
    }

    if (const auto& hc = s.backend.healthCheck) {
        Probe probe;
        probe.every = hc->effectiveEvery();
        probe.timeout = hc->effectiveTimeout();
        probe.failures = toCount(hc->effectiveFailures(), "backend.health_check.failures");
        probe.hold =
            hc->hold ? makeDistribution(*hc->hold) : Distribution::constant(0.001); // a SELECT 1's round trip
        if (probe.every <= SimTime::zero() || probe.failures < 1)
            throw std::invalid_argument("backend.health_check needs every > 0 and failures >= 1");
        c.healthCheck = probe;
    }
    c.restart = s.backend.effectiveRestart();
    if (s.backend.maxPending)
        c.maxPending = toCount(*s.backend.maxPending, "backend.max_pending");
    c.onOverload = s.backend.effectiveOnOverload();

    for (const Workload& w : s.workloads) {
        CompiledWorkload cw;
        cw.name = w.name;
        compileArrivals(w, cw);
        if (!w.steps.empty()) {
            for (const Step& st : w.steps)
                cw.steps.push_back({st.isWork, makeDistribution(st.duration),
                                    st.isWork ? 0u : toCount(st.connections, "connections")});
        } else {
            // A trace carries its own holds and connections; the step is a placeholder.
            const Distribution hold = w.hold ? makeDistribution(*w.hold) : Distribution::constant(0);
            cw.steps.push_back({false, hold, toCount(w.effectiveConnections(), "connections")});
        }
        cw.transaction = w.effectiveTransaction();
        cw.oneByOne = w.effectiveAcquire() == AcquireMode::OneByOne;
        if (w.retry) {
            cw.attempts = w.retry->attempts;
            cw.backoff = makeDistribution(w.retry->backoff);
            cw.retryOn = 0;
            for (const FailureKind kind : w.retry->effectiveOn())
                cw.retryOn |= 1u << static_cast<unsigned>(outcomeOf(kind));
        }
        cw.clientTimeout = w.clientTimeout;
        cw.cancelOnTimeout = w.effectiveCancelOnTimeout();
        if (s.database.capacity) {
            const auto& rt = w.roundTrip ? w.roundTrip : s.database.capacity->roundTrip;
            if (rt && !isZeroConstant(*rt))
                cw.roundTrip = makeDistribution(*rt);
        }
        cw.roundTripStream = engine::streamId("workload/" + w.name + "/round-trips");
        cw.arrivalStream = engine::streamId("workload/" + w.name + "/arrivals");
        cw.holdStream = engine::streamId("workload/" + w.name + "/holds");
        cw.retryStream = engine::streamId("workload/" + w.name + "/retries");
        c.workloads.push_back(std::move(cw));
    }
    c.balancerStream = engine::packedNameStreamId("balancer");
    c.connectStream = engine::packedNameStreamId("connect");
    c.lifetimeStream = engine::packedNameStreamId("lifetime");
    c.modelParts = s.parts();
    return c;
}

} // namespace poolsim::models
