#include "models/simulation/liveness_probe.h"

#include "models/simulation/event_priorities.h"

#include <string>

namespace poolsim::models {

namespace {
std::string eventName(std::uint32_t instance, const char* what)
{
    return "health/" + std::to_string(instance) + "/" + what;
}
} // namespace

LivenessProbe::LivenessProbe(engine::Simulator& sim, const CompiledScenario& scenario, std::uint32_t instance,
                             std::uint64_t replication, RequestTable& requests, StatisticsSink& stats,
                             ConnectionPool& pool, BackendInstances& instances, DatabaseServer* server)
    : m_sim(sim), m_config(*scenario.healthCheck), m_instance(instance), m_requests(requests), m_stats(stats),
      m_pool(pool), m_instances(instances), m_server(server),
      m_noWait(scenario.timeout && scenario.timeout->isZero()),
      m_holds(scenario.seed, replication,
              engine::streamId("backend/" + std::to_string(instance) + "/health_check")),
      m_failuresCounter(stats.counter(StatisticsSink::kProbeFailures)),
      m_probe(sim.eventType<&LivenessProbe::onProbe>(this, priority::kArrival, eventName(instance, "probe"),
                                                     engine::Pending::AtMostOne)),
      m_deadline(sim.eventType<&LivenessProbe::onDeadline>(this, priority::kTimeout,
                                                           eventName(instance, "deadline"))),
      m_queryEnd(sim.eventType<&LivenessProbe::onQueryEnd>(this, priority::kRelease,
                                                           eventName(instance, "query-end")))
{
    instances.addListener(this);
}

void LivenessProbe::scheduleFirstProbe()
{
    m_nextProbe = m_sim.schedule(saturatingAdd(m_sim.now(), m_config.every), m_probe);
}

void LivenessProbe::onProbe(std::uint64_t)
{
    const SimTime now = m_sim.now();
    m_nextProbe = m_sim.schedule(saturatingAdd(now, m_config.every), m_probe);

    const std::uint32_t id = m_requests.allocate();
    Request& r = m_requests[id];
    r.owner = this;
    r.workload = kNoWorkload;
    r.instance = m_instance;
    r.arrival = r.waitStart = now;
    r.totalWait = SimTime::zero();
    r.counted = r.waiting = r.orphan = r.atInstance = r.transactionHeld = false;
    r.connections.clear();
    r.pendingNeed = 1;
    r.phase = Request::Phase::AcquiringQuery;
    m_probes.push_back(
        {id, true,
         m_sim.schedule(saturatingAdd(now, m_config.timeout), m_deadline, m_requests.eventPayload(id))});
    if (m_pool.canGrantAtOnce(1)) {
        m_pool.grant(id, 1);
        granted(id);
    } else if (m_noWait) {
        acquisitionFailed(id, Outcome::Timeout);
    } else {
        m_pool.enqueue(id, 1);
    }
}

void LivenessProbe::granted(std::uint32_t id)
{
    Request& r = m_requests[id];
    r.phase = Request::Phase::Running;
    const SimTime hold = m_config.hold.sample(m_holds);
    if (m_server)
        m_server->startQuery(id, kNoWorkload, hold, 1, *this);
    else
        m_sim.schedule(saturatingAdd(m_sim.now(), hold), m_queryEnd, m_requests.eventPayload(id));
}

void LivenessProbe::onQueryEnd(std::uint64_t event)
{
    const auto id = static_cast<std::uint32_t>(event);
    if (m_requests.isStale(event))
        return; // a probe its instance's failure took out
    probeDone(id);
}

std::size_t LivenessProbe::probeOf(std::uint32_t request) const
{
    std::size_t p = 0;
    while (m_probes[p].request != request)
        ++p;
    return p;
}

void LivenessProbe::probeDone(std::uint32_t id)
{
    giveBack(id);
    const std::size_t p = probeOf(id);
    if (m_probes[p].open)
        succeeded(p);
    forget(p);
    m_pool.dispatch();
}

void LivenessProbe::giveBack(std::uint32_t id)
{
    Request& r = m_requests[id];
    for (const HeldConnection& held : r.connections)
        m_pool.release(kNoWorkload, held.connection);
    r.connections.clear();
}

void LivenessProbe::acquisitionFailed(std::uint32_t id, Outcome)
{
    // The pool timed the probe's handler out (or its opening failed) before the probe's own
    // timeout: a failure now.
    const std::size_t p = probeOf(id);
    const bool open = m_probes[p].open;
    forget(p);
    if (open)
        failed();
}

void LivenessProbe::onDeadline(std::uint64_t event)
{
    const auto id = static_cast<std::uint32_t>(event);
    if (m_requests.isStale(event))
        return; // a probe its instance's failure took out
    Probe& probe = m_probes[probeOf(id)];
    probe.deadline = {};
    probe.open = false; // it stays in the pool; whatever it gets later counts for nothing
    failed();
}

void LivenessProbe::succeeded(std::size_t p)
{
    m_sim.cancel(m_probes[p].deadline);
    m_probes[p].open = false;
    m_consecutive = 0;
}

void LivenessProbe::failed()
{
    m_stats.counted(m_failuresCounter, m_sim.now(), kNoWorkload, 1);
    if (++m_consecutive >= m_config.failures)
        m_instances.fail(m_instance, BackendInstances::Cause::HealthCheck); // takes out every probe
}

void LivenessProbe::forget(std::size_t p)
{
    m_sim.cancel(m_probes[p].deadline);
    m_requests.release(m_probes[p].request);
    m_probes.erase(m_probes.begin() + static_cast<std::ptrdiff_t>(p));
}

void LivenessProbe::instanceFailed(std::uint32_t instance)
{
    if (instance != m_instance)
        return;
    m_sim.cancel(m_nextProbe);
    m_nextProbe = {};
    while (!m_probes.empty()) {
        const std::uint32_t id = m_probes.back().request;
        Request& r = m_requests[id];
        if (r.waiting)
            m_pool.abandon(id);
        else if (r.phase == Request::Phase::Running && m_server)
            m_server->cancelQuery(id);
        giveBack(id); // the pool is down: its connection closes
        forget(m_probes.size() - 1);
    }
    m_consecutive = 0;
}

void LivenessProbe::instanceStarted(std::uint32_t instance)
{
    if (instance == m_instance)
        scheduleFirstProbe();
}

} // namespace poolsim::models
