#include "models/simulation/request_lifecycle.h"

#include "models/simulation/event_priorities.h"

#include <algorithm>

namespace poolsim::models {

namespace {
using Failure = StatisticsSink::Failure;
/// The statistics' name for a failed outcome: Outcome lists Served, then the failures in the
/// order of StatisticsSink::Failure.
Failure failureOf(Outcome outcome)
{
    return static_cast<Failure>(static_cast<int>(outcome) - 1);
}
static_assert(static_cast<int>(Outcome::Timeout) - 1 == static_cast<int>(Failure::Timeout));
static_assert(static_cast<int>(Outcome::ConnectFailure) - 1 == static_cast<int>(Failure::ConnectFailure));
static_assert(static_cast<int>(Outcome::Refused) - 1 == static_cast<int>(Failure::Refused));
static_assert(static_cast<int>(Outcome::ClientTimeout) - 1 == static_cast<int>(Failure::ClientTimeout));
static_assert(static_cast<int>(Outcome::Crashed) - 1 == static_cast<int>(Failure::Crashed));
static_assert(static_cast<int>(Outcome::Rejected) - 1 == static_cast<int>(Failure::Rejected));
static_assert(static_cast<int>(Outcome::Unavailable) - 1 == static_cast<int>(Failure::Unavailable));
} // namespace

RequestLifecycle::RequestLifecycle(engine::Simulator& sim, const CompiledScenario& scenario,
                                   std::uint64_t replication, RequestTable& requests, ModelStatistics& stats,
                                   LoadBalancer& balancer)
    : m_sim(sim), m_scenario(scenario), m_requests(requests), m_stats(stats), m_balancer(balancer),
      m_endListeners(scenario.workloads.size(), nullptr),
      m_stepEnd(sim.eventType<&RequestLifecycle::onStepEnd>(this, priority::kRelease, "request/step-end")),
      m_retry(sim.eventType<&RequestLifecycle::onRetry>(this, priority::kArrival, "request/retry")),
      m_acquireNext(sim.eventType<&RequestLifecycle::onAcquireNext>(this, priority::kNextAcquire,
                                                                    "request/acquire-next")),
      // The caller gives up as a waiter's deadline would: after the releases of that instant.
      m_clientTimeout(sim.eventType<&RequestLifecycle::onClientTimeout>(this, priority::kTimeout,
                                                                        "request/client-timeout")),
      m_roundTripEnd(sim.eventType<&RequestLifecycle::onRoundTripEnd>(this, priority::kRelease,
                                                                      "request/round-trip-end"))
{
    m_holdStreams.reserve(scenario.workloads.size());
    m_retryStreams.reserve(scenario.workloads.size());
    for (const CompiledWorkload& w : scenario.workloads) {
        m_holdStreams.emplace_back(scenario.seed, replication, w.holdStream);
        m_retryStreams.emplace_back(scenario.seed, replication, w.retryStream);
    }
    for (const CompiledWorkload& w : scenario.workloads)
        if (w.roundTrip) {
            m_roundTripStreams.reserve(scenario.workloads.size());
            for (const CompiledWorkload& v : scenario.workloads)
                m_roundTripStreams.emplace_back(scenario.seed, replication, v.roundTripStream);
            break;
        }
}

std::uint32_t RequestLifecycle::create(std::uint32_t workload, std::uint32_t batchRun, SimTime holdOverride,
                                       std::uint32_t connectionsOverride)
{
    const std::uint32_t id = m_requests.allocate();
    Request& r = m_requests[id];
    const CompiledWorkload& w = m_scenario.workloads[workload];
    const SimTime now = m_sim.now();
    r.owner = this;
    r.workload = workload;
    r.orphan = false;
    r.atInstance = false;
    r.arrival = now;
    r.totalWait = SimTime::zero();
    r.attempt = 0;
    r.batchRun = batchRun;
    r.counted = now >= m_scenario.warmup;
    r.connectionSeconds = 0;
    r.connections.clear();
    r.traceConnections = connectionsOverride;
    r.durations.clear();
    if (w.kind == CompiledWorkload::Kind::Trace) {
        r.durations.push_back(scaledHold(holdOverride));
    } else {
        auto& holds = m_holdStreams[workload];
        for (const CompiledStep& s : w.steps) {
            const SimTime d = s.duration.sample(holds); // drawn for every step: same stream use at any scale
            r.durations.push_back(s.isWork ? d : scaledHold(d));
        }
    }
    r.roundTrips.clear();
    r.inTransit = false;
    if (w.roundTrip) {
        // Drawn at arrival, as the durations, so that variants see the same round trips.
        auto& trips = m_roundTripStreams[workload];
        for (const CompiledStep& s : w.steps)
            r.roundTrips.push_back(s.isWork ? SimTime::zero() : w.roundTrip->sample(trips));
    }
    ++m_created;
    m_stats.arrived(now, workload, r.counted);
    return id;
}

SimTime RequestLifecycle::scaledHold(SimTime hold) const
{
    // hold_scale (query logging's overhead, say) stretches the time connections are held.
    if (m_scenario.holdScale == 1.0)
        return hold;
    return SimTime::fromSeconds(std::min(hold.seconds() * m_scenario.holdScale, engine::kMaxDurationSeconds));
}

std::uint32_t RequestLifecycle::acquisitionSize(const Request& r) const
{
    return m_scenario.workloads[r.workload].oneByOne ? 1 : r.pendingNeed;
}

void RequestLifecycle::startAttempt(std::uint32_t id)
{
    Request& r = m_requests[id];
    ++r.attempt;
    ++r.generation;
    r.step = 0;
    r.transactionHeld = false;
    r.instance = m_balancer.route();
    r.atInstance = r.instance != LoadBalancer::kNoInstance;
    if (!r.atInstance) {
        tryFailed(id, Outcome::Unavailable); // every instance is down
        return;
    }
    const CompiledWorkload& w = m_scenario.workloads[r.workload];
    if (w.clientTimeout)
        m_sim.schedule(saturatingAdd(m_sim.now(), *w.clientTimeout), m_clientTimeout, payload(id));
    if (w.transaction) {
        r.phase = Request::Phase::AcquiringTransaction;
        acquire(id, 1);
    } else {
        startStep(id);
    }
}

void RequestLifecycle::startStep(std::uint32_t id)
{
    Request& r = m_requests[id];
    const CompiledStep& s = m_scenario.workloads[r.workload].steps[r.step];
    if (s.isWork) {
        runStep(id);
        return;
    }
    std::uint32_t need = r.traceConnections ? r.traceConnections : s.connections;
    if (r.transactionHeld)
        need -= 1;
    if (need == 0) {
        runStep(id); // on the transaction's connection
        return;
    }
    r.phase = Request::Phase::AcquiringQuery;
    acquire(id, need);
}

void RequestLifecycle::runStep(std::uint32_t id)
{
    Request& r = m_requests[id];
    r.phase = Request::Phase::Running;
    r.inTransit = false; // an earlier try may have ended in its round trip
    const CompiledStep& s = m_scenario.workloads[r.workload].steps[r.step];
    if (m_server && !s.isWork) {
        if (!r.roundTrips.empty() && r.roundTrips[r.step] > SimTime::zero()) {
            // The round trip first (driver, network, a pooler's hop), holding the connection and
            // none of the server's capacity; then the query's work on the server.
            r.inTransit = true;
            m_sim.schedule(m_sim.now() + r.roundTrips[r.step], m_roundTripEnd, payload(id));
            return;
        }
        startQuery(id);
        return;
    }
    m_sim.schedule(m_sim.now() + r.durations[r.step], m_stepEnd, payload(id));
}

void RequestLifecycle::startQuery(std::uint32_t id)
{
    Request& r = m_requests[id];
    const CompiledStep& s = m_scenario.workloads[r.workload].steps[r.step];
    // A query on k connections is k queries running on the server.
    m_server->startQuery(id, r.workload, r.durations[r.step],
                         r.traceConnections ? r.traceConnections : s.connections, *this);
}

void RequestLifecycle::onRoundTripEnd(std::uint64_t event)
{
    if (stale(event))
        return; // the try ended (timed out, failed) during its round trip
    const auto id = static_cast<std::uint32_t>(event);
    m_requests[id].inTransit = false;
    startQuery(id);
}

bool RequestLifecycle::queryOnServer(const Request& r) const
{
    return m_server && r.phase == Request::Phase::Running && !r.waiting && !r.inTransit &&
           !m_scenario.workloads[r.workload].steps[r.step].isWork;
}

void RequestLifecycle::acquire(std::uint32_t id, std::uint32_t n)
{
    m_requests[id].pendingNeed = n;
    acquireNext(id);
}

// Takes the next connection(s) of the current phase: all at once (together), or one more
// (one_by_one: each is its own getConnection() with its own timeout, holding the ones it has).
void RequestLifecycle::acquireNext(std::uint32_t id)
{
    Request& r = m_requests[id];
    ConnectionPool& p = pool(r.instance);
    const std::uint32_t n = acquisitionSize(r);
    r.waitStart = m_sim.now();
    if (p.canGrantAtOnce(n)) {
        p.grant(id, n);
        granted(id);
        return;
    }
    if (m_scenario.timeout && m_scenario.timeout->isZero()) {
        // No wait allowed: fail at once when no connection is idle.
        const bool refused = !p.growWithoutWaiting(n);
        tryFailed(id, refused ? Outcome::Refused : Outcome::Timeout);
        return;
    }
    if (m_instances) {
        switch (m_instances->admitWaiter(p.waiting())) {
        case BackendInstances::Admission::Admit:
            break;
        case BackendInstances::Admission::Reject:
            tryFailed(id, Outcome::Rejected);
            return;
        case BackendInstances::Admission::Crash:
            // One waiter too many: the process runs out of memory, this request with it.
            m_instances->fail(r.instance, BackendInstances::Cause::Overload);
            return;
        }
    }
    p.enqueue(id, n);
}

void RequestLifecycle::onAcquireNext(std::uint64_t event)
{
    if (!stale(event))
        acquireNext(static_cast<std::uint32_t>(event));
}

void RequestLifecycle::granted(std::uint32_t id)
{
    Request& r = m_requests[id];
    if (r.pendingNeed > 0) {
        // one_by_one: the next getConnection() is a new call, after whatever else happens at
        // this instant (requests arriving together each get their first connection first).
        m_sim.schedule(m_sim.now(), m_acquireNext, payload(id));
        return;
    }
    if (r.phase == Request::Phase::AcquiringTransaction) {
        r.transactionHeld = true;
        startStep(id);
        return;
    }
    runStep(id);
}

void RequestLifecycle::releaseHeld(std::uint32_t id, std::size_t keep)
{
    Request& r = m_requests[id];
    if (r.connections.size() <= keep)
        return;
    ConnectionPool& p = pool(r.instance);
    while (r.connections.size() > keep) {
        const HeldConnection held = r.connections.back();
        // Held from the grant to now, including any time spent holding it while waiting for more.
        r.connectionSeconds += (m_sim.now() - held.grantedAt).seconds();
        r.connections.pop_back();
        p.release(r.workload, held.connection);
    }
}

void RequestLifecycle::onStepEnd(std::uint64_t event)
{
    if (!stale(event))
        stepEnded(static_cast<std::uint32_t>(event));
}

void RequestLifecycle::stepEnded(std::uint32_t id)
{
    Request& r = m_requests[id];
    if (++r.step == m_scenario.workloads[r.workload].steps.size()) {
        finish(id, Outcome::Served); // gives back every connection and serves the pool's waiters
        return;
    }
    ConnectionPool& p = pool(r.instance);
    releaseHeld(id, r.transactionHeld ? 1 : 0); // a transaction keeps its connection
    startStep(id);
    p.dispatch();
}

void RequestLifecycle::tryFailed(std::uint32_t id, Outcome outcome)
{
    Request& r = m_requests[id];
    const CompiledWorkload& w = m_scenario.workloads[r.workload];
    if (!r.orphan && w.retries(outcome) && r.attempt < static_cast<std::uint32_t>(w.attempts)) {
        // Give back what this try held, then try again after the backoff with the same holds.
        ++r.generation; // the try is over: its client timeout is stale
        const bool wasAtInstance = r.atInstance;
        const std::uint32_t instance = r.instance;
        releaseHeld(id, 0);
        leaveInstance(r);
        m_stats.retried(r.workload, r.counted);
        const SimTime backoff = w.backoff ? w.backoff->sample(m_retryStreams[r.workload]) : SimTime::zero();
        m_sim.schedule(m_sim.now() + backoff, m_retry, payload(id));
        if (wasAtInstance)
            pool(instance).dispatch();
        return;
    }
    finish(id, outcome);
}

void RequestLifecycle::onRetry(std::uint64_t event)
{
    if (!stale(event))
        startAttempt(static_cast<std::uint32_t>(event));
}

void RequestLifecycle::leaveInstance(Request& r)
{
    if (r.atInstance) {
        m_balancer.left(r.instance);
        r.atInstance = false;
    }
}

void RequestLifecycle::finish(std::uint32_t id, Outcome outcome)
{
    releaseHeld(id, 0);
    Request& r = m_requests[id];
    const bool wasAtInstance = r.atInstance;
    const std::uint32_t instance = r.instance;
    leaveInstance(r);
    if (!r.orphan) { // the caller of an orphan has already been told
        const SimTime now = m_sim.now();
        if (outcome == Outcome::Served)
            m_stats.served(now, r.workload, r.counted, r.totalWait, now - r.arrival, r.connectionSeconds);
        else
            m_stats.failed(now, r.workload, r.counted, failureOf(outcome));
        if (EndListener* l = m_endListeners[r.workload])
            l->requestEnded(r);
    }
    m_requests.release(id);
    if (wasAtInstance)
        pool(instance).dispatch();
}

void RequestLifecycle::onClientTimeout(std::uint64_t event)
{
    if (stale(event))
        return; // the try ended in time
    const auto id = static_cast<std::uint32_t>(event);
    if (m_scenario.workloads[m_requests[id].workload].cancelOnTimeout) {
        abandonTry(id); // tryFailed() then serves the pool's waiters from what it gave back
        tryFailed(id, Outcome::ClientTimeout);
        return;
    }
    // The try runs on at the backend, holding and waiting for connections nobody waits for.
    tryFailed(splitFromOrphan(id), Outcome::ClientTimeout);
}

std::uint32_t RequestLifecycle::splitFromOrphan(std::uint32_t id)
{
    const std::uint32_t caller = m_requests.allocate(); // may move the table: no reference before
    Request& orphan = m_requests[id];
    Request& r = m_requests[caller];
    r.owner = this;
    r.workload = orphan.workload;
    r.arrival = orphan.arrival;
    r.totalWait = orphan.totalWait;
    r.attempt = orphan.attempt;
    r.batchRun = orphan.batchRun;
    r.counted = orphan.counted;
    r.connectionSeconds = orphan.connectionSeconds;
    r.durations = orphan.durations;
    r.traceConnections = orphan.traceConnections;
    r.connections.clear();
    r.atInstance = r.waiting = r.orphan = r.transactionHeld = false;
    r.phase = Request::Phase::Running;
    orphan.orphan = true;
    return caller;
}

void RequestLifecycle::abandonTry(std::uint32_t id)
{
    Request& r = m_requests[id];
    if (r.waiting)
        pool(r.instance).abandon(id);
    else if (queryOnServer(r))
        m_server->cancelQuery(id);
    ++r.generation; // its step's end or next acquisition is stale
    releaseHeld(id, 0);
}

void RequestLifecycle::instanceFailed(std::uint32_t instance)
{
    // Everything at the instance, in id order; the list first, as failing releases ids.
    std::vector<std::uint32_t> there;
    m_requests.forEachInFlight([&](std::uint32_t id, const Request& r) {
        if (r.owner == this && r.atInstance && r.instance == instance)
            there.push_back(id);
    });
    for (const std::uint32_t id : there) {
        abandonTry(id); // its pool is down: the connections it gives back close
        tryFailed(id, Outcome::Crashed);
    }
}

void RequestLifecycle::reportStillWaiting() const
{
    // Their wait is at least what they waited so far: leaving them out would make a stalled
    // pool look fast.
    const SimTime now = m_sim.now();
    m_requests.forEachInFlight([&](std::uint32_t, const Request& r) {
        if (r.waiting && r.counted && !r.orphan && r.owner == this)
            m_stats.stillWaiting(r.workload, r.totalWait + (now - r.waitStart));
    });
}

} // namespace poolsim::models
