#pragma once
// The life of a request: routed to an instance, it runs its steps in order (a query step
// acquires its connections from the instance's pool, holds them for its duration, or with a
// database server until the server has run its demand, and gives them back; a work step holds
// nothing new), inside a transaction if the workload has one, and is tried again after a
// failure its workload retries (retry.on; pool timeouts by default) while it has attempts left.
//
// A try can also end because its caller gave up (client_timeout: the try's work is cancelled,
// or runs on as an orphan that reports nothing), because its instance was overloaded
// (max_pending) or failed, or because no instance was up.
#include "engine/random_stream.h"
#include "engine/simulator.h"
#include "models/simulation/backend_instances.h"
#include "models/simulation/balancer.h"
#include "models/simulation/compiled_scenario.h"
#include "models/simulation/connection_pool.h"
#include "models/simulation/database_server.h"
#include "models/simulation/model_statistics.h"
#include "models/simulation/request.h"

#include <memory>
#include <vector>

namespace poolsim::models {

class RequestLifecycle final : public RequestOwner,
                               public DatabaseServer::Client,
                               public BackendInstances::Listener
{
public:
    /// Told when a request has ended, served or failed for good (closed users think and send
    /// the next; a batch starts its next item).
    class EndListener
    {
    public:
        virtual ~EndListener() = default;
        virtual void requestEnded(const Request& request) = 0;
    };

    RequestLifecycle(engine::Simulator& sim, const CompiledScenario& scenario, std::uint64_t replication,
                     RequestTable& requests, ModelStatistics& stats, LoadBalancer& balancer);
    // Its events are registered with `this`: it stays where it was built.
    RequestLifecycle(const RequestLifecycle&) = delete;
    RequestLifecycle& operator=(const RequestLifecycle&) = delete;

    /// The pools requests acquire from, one per instance, in instance order.
    void setPools(std::vector<std::unique_ptr<ConnectionPool>>* pools) { m_pools = pools; }
    /// The database server that runs the queries (absent: a query takes its demand).
    void setDatabase(DatabaseServer* server) { m_server = server; }
    /// The instances, when they can fail or be overloaded (absent: they never do).
    void setInstances(BackendInstances* instances) { m_instances = instances; }
    /// Who hears of the end of the workload's requests (at most one listener per workload).
    void setEndListener(std::uint32_t workload, EndListener* listener)
    {
        m_endListeners[workload] = listener;
    }

    /// A new request of `workload` arriving now, with its step durations drawn. A trace replay
    /// gives its record's hold and connections (holdOverride, connectionsOverride).
    std::uint32_t create(std::uint32_t workload, std::uint32_t batchRun = 0,
                         SimTime holdOverride = SimTime::zero(), std::uint32_t connectionsOverride = 0);
    /// Starts a try of the request: routes it to an instance and begins its first step.
    void startAttempt(std::uint32_t id);

    /// Requests created so far, warm-up included.
    std::uint64_t created() const { return m_created; }
    /// Reports the counted requests still waiting at the horizon to the statistics.
    void reportStillWaiting() const;

    // RequestOwner
    void granted(std::uint32_t id) override;
    void acquisitionFailed(std::uint32_t id, Outcome outcome) override { tryFailed(id, outcome); }
    // DatabaseServer::Client: the query has run; its step ends.
    void queryDone(std::uint32_t id) override { stepEnded(id); }
    // BackendInstances::Listener: every request at the failed instance fails as crashed.
    void instanceFailed(std::uint32_t instance) override;

private:
    void startStep(std::uint32_t id);
    /// The current step runs, its connections held: a query on the database server when there
    /// is one, otherwise (and for work) for its drawn duration.
    void runStep(std::uint32_t id);
    void acquire(std::uint32_t id, std::uint32_t n);
    void acquireNext(std::uint32_t id);
    /// The try failed: tried again if the workload retries `outcome` and attempts are left,
    /// otherwise the request ends (an orphan just ends).
    void tryFailed(std::uint32_t id, Outcome outcome);
    void finish(std::uint32_t id, Outcome outcome);
    /// Stops whatever the try is doing at its instance (leaves the pool's queue, cancels its
    /// query) and gives back its connections; its pending events go stale.
    void abandonTry(std::uint32_t id);
    /// A new record for the caller's side of the request, whose try runs on as an orphan.
    std::uint32_t splitFromOrphan(std::uint32_t id);
    /// No longer counted in flight at its instance by the balancer.
    void leaveInstance(Request& r);
    bool queryOnServer(const Request& r) const;
    /// Gives back the request's connections beyond the first `keep`, counting connection-seconds.
    void releaseHeld(std::uint32_t id, std::size_t keep);
    /// Connections the request's current acquisition asks for: all it still needs, or one.
    std::uint32_t acquisitionSize(const Request& r) const;
    SimTime scaledHold(SimTime hold) const;
    ConnectionPool& pool(std::uint32_t instance) { return *(*m_pools)[instance]; }

    void stepEnded(std::uint32_t id);

    // The request's events carry its generation above its id (RequestTable::eventPayload).
    std::uint64_t payload(std::uint32_t id) const { return m_requests.eventPayload(id); }
    bool stale(std::uint64_t event) const { return m_requests.isStale(event); }
    void onStepEnd(std::uint64_t event);
    void onRetry(std::uint64_t event);
    void onAcquireNext(std::uint64_t event);
    void onClientTimeout(std::uint64_t event);
    void onRoundTripEnd(std::uint64_t event);
    void startQuery(std::uint32_t id);

    engine::Simulator& m_sim;
    const CompiledScenario& m_scenario;
    RequestTable& m_requests;
    // The concrete collector, not the StatisticsSink interface: it is the only one a request
    // life cycle ever reports to, and a call per arrival and per end is then direct (inlined),
    // not virtual.
    ModelStatistics& m_stats;
    LoadBalancer& m_balancer;
    std::vector<std::unique_ptr<ConnectionPool>>* m_pools = nullptr;
    DatabaseServer* m_server = nullptr;
    BackendInstances* m_instances = nullptr;
    std::vector<EndListener*> m_endListeners;
    // Per workload: step durations, retry backoffs, and (with round trips) queries' round trips.
    std::vector<engine::RandomStream> m_holdStreams, m_retryStreams, m_roundTripStreams;
    engine::EventType m_stepEnd, m_retry, m_acquireNext, m_clientTimeout, m_roundTripEnd;
    std::uint64_t m_created = 0;
};

} // namespace poolsim::models
