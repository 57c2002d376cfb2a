#include "models/pool_model.h"

#include <boost/random/uniform_int_distribution.hpp>

#include <algorithm>
#include <stdexcept>

namespace poolsim::models {

namespace {
// Among events at the same instant: connections come back before anyone waits for them,
// openings complete before timeouts fire, then new arrivals.
constexpr std::int32_t kPriorityRelease = 0;
constexpr std::int32_t kPriorityPool = 1;
constexpr std::int32_t kPriorityTimeout = 2;
constexpr std::int32_t kPriorityArrival = 3;
// one_by_one's next getConnection() comes after every request arriving at the same instant
// has made its first: simultaneous threads each get a connection before any gets a second.
constexpr std::int32_t kPriorityNextAcquire = 4;

std::uint32_t high(std::uint64_t v) { return static_cast<std::uint32_t>(v >> 32); }
std::uint32_t low(std::uint64_t v) { return static_cast<std::uint32_t>(v); }

constexpr std::uint64_t kComponentBalancer = 0x62616c616e636572ull; // "balancer"
constexpr std::uint64_t kComponentConnect = 0x636f6e6e65637400ull;  // "connect"
constexpr std::uint64_t kComponentLifetime = 0x6c69666574696d65ull; // "lifetime"
} // namespace

PoolModel::PoolModel(const CompiledScenario& scenario, std::uint64_t replication)
    : m_scenario(scenario), m_balancerStream(scenario.seed, replication, kComponentBalancer),
      m_connectStream(scenario.seed, replication, kComponentConnect),
      m_lifetimeStream(scenario.seed, replication, kComponentLifetime)
{
    m_instances.resize(scenario.instances);
    for (Instance& inst : m_instances) {
        inst.connections.resize(scenario.poolSize);
        for (std::uint32_t c = scenario.poolSize; c-- > 0;)
            inst.closed.push_back(c);
        inst.idle.reserve(scenario.poolSize);
    }
    m_workloads.reserve(scenario.workloads.size());
    for (const CompiledWorkload& w : scenario.workloads)
        m_workloads.emplace_back(engine::RandomStream(scenario.seed, replication, w.arrivalStream),
                               engine::RandomStream(scenario.seed, replication, w.holdStream),
                               engine::RandomStream(scenario.seed, replication, w.retryStream));
    m_stats = std::make_unique<ModelStatistics>(scenario, scenario.workloads.size());
}

engine::EventHandle PoolModel::schedule(SimTime t, EventKind kind, std::uint64_t data)
{
    if (t < m_now)
        throw std::logic_error("pool model: event scheduled in the past");
    std::int32_t priority = kPriorityArrival;
    switch (kind) {
    case kStepEnd:
        priority = kPriorityRelease;
        break;
    case kOpenDone:
    case kOpenFailed:
    case kIdleCheck:
    case kRetire:
    case kWarmupEnd:
        priority = kPriorityPool;
        break;
    case kAcquireTimeout:
        priority = kPriorityTimeout;
        break;
    case kAcquireNext:
        priority = kPriorityNextAcquire;
        break;
    default:
        break;
    }
    return m_calendar.schedule(t, priority, kind, data);
}

ReplicationResult PoolModel::run(engine::ReplicationContext* context)
{
    openInitialConnections();
    if (m_scenario.warmup > SimTime::zero())
        schedule(m_scenario.warmup, kWarmupEnd, 0);
    startWorkloads();

    constexpr std::uint64_t kCheckEvery = 1 << 14;
    const double horizon = static_cast<double>(m_scenario.horizon.ticks());
    engine::Event e;
    while (m_calendar.pop(e)) {
        if (e.time >= m_scenario.horizon)
            break;
        m_now = e.time;
        ++m_events;
        handle(e);
        if ((m_events & (kCheckEvery - 1)) == 0 && context) {
            context->reportProgress(static_cast<double>(m_now.ticks()) / horizon, m_events);
            if (context->stopRequested())
                break;
        }
    }
    m_now = m_scenario.horizon;
    // Requests still waiting at the horizon count in the waits with their wait so far.
    std::vector<char> isFree(m_requests.size(), 0);
    for (const std::uint32_t id : m_freeRequests)
        isFree[id] = 1;
    for (std::size_t id = 0; id < m_requests.size(); ++id) {
        const Request& r = m_requests[id];
        if (!isFree[id] && r.waiting && r.counted)
            m_stats->stillWaiting(r.workload, r.totalWait + (m_now - r.waitStart));
    }
    ReplicationResult result = m_stats->finish(m_scenario.horizon);
    result.events = m_events;
    result.requests = m_requestsCreated;
    return result;
}

void PoolModel::handle(const engine::Event& e)
{
    switch (static_cast<EventKind>(e.kind)) {
    case kArrival:
        onArrival(low(e.data), high(e.data));
        break;
    case kBurstStart:
        onBurstStart(low(e.data));
        break;
    case kStepEnd:
        onStepEnd(low(e.data));
        break;
    case kAcquireTimeout:
        onAcquireTimer(low(e.data));
        break;
    case kRetryStart:
        startAttempt(low(e.data));
        break;
    case kOpenDone:
        onOpenDone(high(e.data), low(e.data));
        break;
    case kOpenFailed:
        onOpenFailed(high(e.data), low(e.data));
        break;
    case kIdleCheck:
        onIdleCheck(high(e.data), low(e.data));
        break;
    case kRetire:
        onRetire(high(e.data), low(e.data));
        break;
    case kUserThinkEnd: {
        const std::uint32_t w = low(e.data);
        startAttempt(newRequest(w, 0, SimTime::zero(), 0));
        break;
    }
    case kBatchStart:
        onBatchStart(low(e.data));
        break;
    case kBatchItem:
        startBatchItem(low(e.data), high(e.data));
        break;
    case kWarmupEnd:
        m_stats->warmupEnded(m_now);
        break;
    case kAcquireNext:
        acquireNext(low(e.data));
        break;
    }
}

// ---- Requests ---------------------------------------------------------------------------

std::uint32_t PoolModel::newRequest(std::uint32_t workload, std::uint32_t origin, SimTime holdOverride,
                                    std::uint32_t connectionsOverride)
{
    std::uint32_t id;
    if (!m_freeRequests.empty()) {
        id = m_freeRequests.back();
        m_freeRequests.pop_back();
    } else {
        id = static_cast<std::uint32_t>(m_requests.size());
        m_requests.emplace_back();
    }
    Request& r = m_requests[id];
    const CompiledWorkload& w = m_scenario.workloads[workload];
    r.workload = workload;
    r.arrival = m_now;
    r.totalWait = SimTime::zero();
    r.attempt = 0;
    r.origin = origin;
    r.counted = m_now >= m_scenario.warmup;
    r.connectionSeconds = 0;
    r.connections.clear();
    r.grantedAt.clear();
    r.traceConnections = connectionsOverride;
    r.durations.clear();
    if (w.kind == CompiledWorkload::Kind::Trace) {
        r.durations.push_back(scaledHold(holdOverride));
    } else {
        auto& holds = m_workloads[workload].holds;
        for (const CompiledStep& s : w.steps) {
            const SimTime d = s.duration.sample(holds); // drawn for every step: same stream use at any scale
            r.durations.push_back(s.isWork ? d : scaledHold(d));
        }
    }
    ++m_requestsCreated;
    m_stats->arrived(m_now, workload, r.counted);
    return id;
}

SimTime PoolModel::scaledHold(SimTime hold) const
{
    // hold_scale (query logging's overhead, say) stretches the time connections are held.
    if (m_scenario.holdScale == 1.0)
        return hold;
    return SimTime::fromSeconds(std::min(hold.seconds() * m_scenario.holdScale, engine::kMaxDurationSeconds));
}

std::uint32_t PoolModel::acquisitionSize(const Request& r) const
{
    return m_scenario.workloads[r.workload].oneByOne ? 1 : r.pendingNeed;
}

std::uint32_t PoolModel::chooseInstance()
{
    const auto n = static_cast<std::uint32_t>(m_instances.size());
    if (n == 1)
        return 0;
    switch (m_scenario.balancer) {
    case Balancer::RoundRobin:
        return m_roundRobin++ % n;
    case Balancer::Random:
        return boost::random::uniform_int_distribution<std::uint32_t>(0, n - 1)(m_balancerStream.engine());
    case Balancer::LeastBusy: {
        std::uint32_t best = 0;
        for (std::uint32_t i = 1; i < n; ++i)
            if (m_instances[i].inFlight < m_instances[best].inFlight)
                best = i;
        return best;
    }
    }
    return 0;
}

void PoolModel::startAttempt(std::uint32_t id)
{
    Request& r = m_requests[id];
    ++r.attempt;
    r.step = 0;
    r.transactionHeld = false;
    r.instance = chooseInstance();
    ++m_instances[r.instance].inFlight;
    if (m_scenario.workloads[r.workload].transaction) {
        r.phase = Phase::AcquiringTransaction;
        acquire(id, 1);
    } else {
        startStep(id);
    }
}

void PoolModel::startStep(std::uint32_t id)
{
    Request& r = m_requests[id];
    const CompiledStep& s = m_scenario.workloads[r.workload].steps[r.step];
    if (s.isWork) {
        r.phase = Phase::Running;
        schedule(m_now + r.durations[r.step], kStepEnd, id);
        return;
    }
    std::uint32_t need = r.traceConnections ? r.traceConnections : s.connections;
    if (r.transactionHeld)
        need -= 1;
    if (need == 0) {
        r.phase = Phase::Running;
        schedule(m_now + r.durations[r.step], kStepEnd, id);
        return;
    }
    r.phase = Phase::AcquiringQuery;
    acquire(id, need);
}

void PoolModel::acquire(std::uint32_t id, std::uint32_t n)
{
    Request& r = m_requests[id];
    r.pendingNeed = n;
    acquireNext(id);
}

// Takes the next connection(s) of the current phase: all at once (together), or one more
// (one_by_one: each is its own getConnection() with its own timeout, holding the ones it has).
void PoolModel::acquireNext(std::uint32_t id)
{
    Request& r = m_requests[id];
    Instance& inst = m_instances[r.instance];
    const std::uint32_t n = acquisitionSize(r);
    r.waitStart = m_now;
    if (inst.waiting == 0 && inst.idle.size() >= n) {
        grant(id, n);
        afterGrant(id);
        return;
    }
    if (m_scenario.timeout && m_scenario.timeout->isZero()) {
        // No wait allowed: fail at once when no connection is idle, but let the pool grow
        // towards its size so that later requests find one (as HikariCP adds on demand).
        bool refused = false;
        if (inst.open + inst.opening < m_scenario.poolSize && inst.opening + inst.idle.size() < n)
            refused = !startOpening(r.instance, UINT32_MAX);
        fail(id, refused ? Outcome::Refused : Outcome::Timeout);
        return;
    }
    r.waiting = true;
    ++r.waitGeneration;
    const SimTime deadline = m_scenario.timeout ? m_now + *m_scenario.timeout : SimTime::max();
    inst.queue.push_back({id, r.waitGeneration, n, deadline});
    ++inst.waiting;
    inst.waitingNeed += n;
    setWaiting(+1, r.workload);
    if (m_scenario.timeout && !inst.timerPending)
        armTimer(inst, r.instance);
    // A refused opening does not fail the request at once: as with HikariCP it keeps waiting
    // for a connection another request gives back, and fails as `refused` at its timeout.
    ensureOpening(r.instance, id);
}

void PoolModel::afterGrant(std::uint32_t id)
{
    Request& r = m_requests[id];
    if (r.pendingNeed > 0) {
        // one_by_one: the next getConnection() is a new call, after whatever else happens at
        // this instant (requests arriving together each get their first connection first).
        schedule(m_now, kAcquireNext, id);
        return;
    }
    if (r.phase == Phase::AcquiringTransaction) {
        r.transactionHeld = true;
        startStep(id);
        return;
    }
    r.phase = Phase::Running;
    schedule(m_now + r.durations[r.step], kStepEnd, id);
}

void PoolModel::leaveQueue(Request& r, std::uint32_t need)
{
    Instance& inst = m_instances[r.instance];
    r.waiting = false;
    --inst.waiting;
    inst.waitingNeed -= need;
    setWaiting(-1, r.workload);
    // The queue entry stays behind and is skipped when it reaches the front.
}

void PoolModel::armTimer(Instance& inst, std::uint32_t instance)
{
    // Skip entries of requests that left; arm for the oldest live waiter, if any.
    while (!inst.queue.empty()) {
        const QueueEntry& head = inst.queue.front();
        const Request& r = m_requests[head.request];
        if (r.waiting && r.waitGeneration == head.generation) {
            inst.timerPending = true;
            schedule(head.deadline, kAcquireTimeout, instance);
            return;
        }
        inst.queue.pop_front();
    }
}

void PoolModel::onAcquireTimer(std::uint32_t instance)
{
    Instance& inst = m_instances[instance];
    inst.timerPending = false;
    while (!inst.queue.empty()) {
        const QueueEntry head = inst.queue.front();
        Request& r = m_requests[head.request];
        if (!r.waiting || r.waitGeneration != head.generation) {
            inst.queue.pop_front();
            continue;
        }
        if (head.deadline > m_now)
            break;
        inst.queue.pop_front();
        leaveQueue(r, head.need);
        r.totalWait += m_now - r.waitStart;
        const bool refused = inst.lastRefusal >= r.waitStart;
        fail(head.request, refused ? Outcome::Refused : Outcome::Timeout);
    }
    if (!inst.timerPending)
        armTimer(inst, instance);
    dispatch(instance); // a blocked head may have left: the next in line may fit now
}

void PoolModel::releaseHeld(std::uint32_t id, std::size_t keep)
{
    Request& r = m_requests[id];
    while (r.connections.size() > keep) {
        const std::uint32_t c = r.connections.back();
        // Held from the grant to now, including any time spent holding it while waiting for more.
        r.connectionSeconds += (m_now - r.grantedAt.back()).seconds();
        r.connections.pop_back();
        r.grantedAt.pop_back();
        setBusy(-1, r.workload);
        releaseConnection(r.instance, c);
    }
}

void PoolModel::onStepEnd(std::uint32_t id)
{
    Request& r = m_requests[id];
    const std::uint32_t instance = r.instance;
    releaseHeld(id, r.transactionHeld ? 1 : 0); // a transaction keeps its connection
    ++r.step;
    if (r.step < m_scenario.workloads[r.workload].steps.size()) {
        startStep(id);
    } else {
        finish(id, Outcome::Served);
    }
    dispatch(instance);
}

void PoolModel::fail(std::uint32_t id, Outcome outcome)
{
    Request& r = m_requests[id];
    const CompiledWorkload& w = m_scenario.workloads[r.workload];
    if (outcome == Outcome::Timeout && r.attempt < static_cast<std::uint32_t>(w.attempts)) {
        // Give back what this try held, then try again after the backoff with the same holds.
        const std::uint32_t instance = r.instance;
        releaseHeld(id, 0);
        --m_instances[instance].inFlight;
        m_stats->retried(r.workload, r.counted);
        const SimTime backoff = w.backoff ? w.backoff->sample(m_workloads[r.workload].retries) : SimTime::zero();
        schedule(m_now + backoff, kRetryStart, id);
        dispatch(instance);
        return;
    }
    finish(id, outcome);
}

void PoolModel::finish(std::uint32_t id, Outcome outcome)
{
    releaseHeld(id, 0);
    Request& r = m_requests[id];
    const std::uint32_t instance = r.instance;
    --m_instances[instance].inFlight;
    switch (outcome) {
    case Outcome::Served:
        m_stats->served(m_now, r.workload, r.counted, r.totalWait, m_now - r.arrival, r.connectionSeconds);
        break;
    case Outcome::Timeout:
        m_stats->failed(m_now, r.workload, r.counted, ModelStatistics::Failure::Timeout);
        break;
    case Outcome::ConnectFailure:
        m_stats->failed(m_now, r.workload, r.counted, ModelStatistics::Failure::ConnectFailure);
        break;
    case Outcome::Refused:
        m_stats->failed(m_now, r.workload, r.counted, ModelStatistics::Failure::Refused);
        break;
    }
    onRequestEnded(r);
    m_freeRequests.push_back(id);
    dispatch(instance);
}

void PoolModel::setBusy(std::int64_t delta, std::uint32_t workload) { m_stats->busyChanged(m_now, workload, delta); }
void PoolModel::setWaiting(std::int64_t delta, std::uint32_t workload) { m_stats->waitersChanged(m_now, workload, delta); }
void PoolModel::setOpen(std::int64_t delta) { m_stats->openChanged(m_now, delta); }

} // namespace poolsim::models
