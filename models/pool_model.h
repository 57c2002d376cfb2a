#pragma once
// One replication of the connection-pool model: backend instances, each with its own pool,
// requests that acquire and hold connections, and the database's connection budget.
// Events are plain (kind, payload) records on the engine's calendar; all per-request state
// lives in a recycled slab, so memory follows the number of requests in flight, never the
// number simulated.
#include "engine/event_calendar.h"
#include "engine/random_stream.h"
#include "engine/replication_runner.h"
#include "models/compiled_scenario.h"
#include "models/model_statistics.h"
#include "models/run_result.h"

#include <deque>
#include <utility>
#include <memory>
#include <vector>

namespace poolsim::models {

class PoolModel
{
public:
    PoolModel(const CompiledScenario& scenario, std::uint64_t replication);
    ReplicationResult run(engine::ReplicationContext* context = nullptr);

private:
    enum EventKind : std::uint32_t {
        kArrival, kStepEnd, kAcquireTimeout, kRetryStart, kOpenDone, kOpenFailed, kIdleCheck,
        kRetire, kUserThinkEnd, kBatchStart, kWarmupEnd, kAcquireNext, kBurstStart, kBatchItem
    };
    enum class Outcome { Served, Timeout, ConnectFailure, Refused };
    enum class Phase : std::uint8_t { AcquiringTransaction, AcquiringQuery, Running };

    struct Request
    {
        std::uint32_t workload = 0, instance = 0;
        SimTime arrival, waitStart, totalWait;
        std::uint32_t attempt = 0, step = 0;
        std::uint32_t pendingNeed = 0; // connections still to acquire for the current phase
        Phase phase = Phase::Running;
        bool transactionHeld = false;
        bool waiting = false;
        bool counted = false; // arrived after warm-up
        std::uint32_t waitGeneration = 0;
        std::uint32_t origin = 0; // batch run of a batch workload
        double connectionSeconds = 0;
        std::vector<std::uint32_t> connections; // held, transaction connection first
        std::vector<SimTime> grantedAt;         // when each held connection was taken
        std::vector<SimTime> durations;         // per step, drawn at arrival (common random numbers)
        std::uint32_t traceConnections = 0;     // for trace replays
    };
    struct QueueEntry
    {
        std::uint32_t request, generation, need;
        SimTime deadline; // when pool.timeout fails it
    };
    struct Connection
    {
        enum class State : std::uint8_t { Closed, Opening, Idle, Busy };
        State state = State::Closed;
        bool retireOnRelease = false;
        bool idleCheckPending = false;
        SimTime idleSince;
        engine::EventHandle retire;
        std::uint32_t trigger = UINT32_MAX, triggerGeneration = 0; // the waiter an opening is for
    };
    struct Instance
    {
        std::vector<Connection> connections;
        std::vector<std::uint32_t> idle; // a stack: the most recently released is reused first
        std::vector<std::uint32_t> closed;
        std::uint32_t open = 0, opening = 0, busy = 0;
        std::deque<QueueEntry> queue; // FIFO; entries of requests that left are skipped
        std::uint32_t waiting = 0;
        std::uint64_t waitingNeed = 0;
        std::uint32_t inFlight = 0; // requests routed here and not finished (least_busy)
        bool dispatching = false, dispatchAgain = false;
        // One timer per instance, for the oldest waiter: pool.timeout is the same for all, so
        // deadlines grow along the FIFO queue and expired waiters are always at its front.
        bool timerPending = false;
        // The last time the database refused an opening for this instance: a waiter that
        // queued before it and then runs out of time failed because of the database.
        SimTime lastRefusal = SimTime::fromTicks(-1);
    };
    struct BatchRun
    {
        std::int64_t remaining = 0, active = 0;
    };
    /// One burst in progress (bursts may overlap when `every` is shorter than `within`).
    struct BurstRun
    {
        SimTime start;
        std::int64_t sent = 0;
        double u = 0; // the last order statistic drawn, in [0, 1)
        bool active = false;
    };
    struct WorkloadState
    {
        WorkloadState(engine::RandomStream a, engine::RandomStream h, engine::RandomStream r)
            : arrivals(std::move(a)), holds(std::move(h)), retries(std::move(r))
        {
        }
        engine::RandomStream arrivals, holds, retries;
        // Bursts in progress; finished slots are reused.
        std::vector<BurstRun> bursts;
        // Profile: index of the segment the last arrival fell in.
        std::size_t profileSegment = 0;
        // Batch runs in progress.
        std::vector<BatchRun> batchRuns;
        // Trace: the (jittered, sorted) start times and the next record to replay.
        std::vector<std::pair<SimTime, std::uint32_t>> traceOrder;
        std::size_t traceNext = 0;
    };

    // Events
    void handle(const engine::Event& e);
    engine::EventHandle schedule(SimTime t, EventKind kind, std::uint64_t data);

    // Arrivals (workload_arrivals.cpp)
    void startWorkloads();
    void onArrival(std::uint32_t workload, std::uint32_t burst);
    void onBurstStart(std::uint32_t workload);
    void scheduleBurstArrival(std::uint32_t workload, std::uint32_t burst);
    void scheduleNextArrival(std::uint32_t workload);
    void onBatchStart(std::uint32_t workload);
    void startBatchItem(std::uint32_t workload, std::uint32_t run);
    void onRequestEnded(const Request& r);
    SimTime profileNext(std::uint32_t workload, SimTime from);

    // Requests
    std::uint32_t newRequest(std::uint32_t workload, std::uint32_t origin, SimTime holdOverride,
                             std::uint32_t connectionsOverride);
    void startAttempt(std::uint32_t id);
    void startStep(std::uint32_t id);
    void onStepEnd(std::uint32_t id);
    void acquire(std::uint32_t id, std::uint32_t n);
    void acquireNext(std::uint32_t id);
    void afterGrant(std::uint32_t id);
    void onAcquireTimer(std::uint32_t instance);
    void armTimer(Instance& inst, std::uint32_t instance);
    void fail(std::uint32_t id, Outcome outcome);
    void finish(std::uint32_t id, Outcome outcome);
    void leaveQueue(Request& r, std::uint32_t need);
    std::uint32_t chooseInstance();
    /// Connections the request's current acquisition asks for: all it still needs, or one.
    std::uint32_t acquisitionSize(const Request& r) const;
    SimTime scaledHold(SimTime hold) const;

    // The pool (pool_connections.cpp)
    void openInitialConnections();
    /// A closed connection slot of the instance, put into `state` (Idle or Opening).
    std::uint32_t takeClosedSlot(Instance& inst, Connection::State state);
    void dispatch(std::uint32_t instance);
    void grant(std::uint32_t id, std::uint32_t n);
    void releaseConnection(std::uint32_t instance, std::uint32_t connection);
    /// Opens connections for the waiters' unmet need; false if the database refused one.
    bool ensureOpening(std::uint32_t instance, std::uint32_t trigger);
    bool startOpening(std::uint32_t instance, std::uint32_t trigger);
    /// The connection has just become idle: watch it for idle_timeout and max_lifetime.
    void watchIdle(std::uint32_t instance, std::uint32_t connection);
    void scheduleRetirement(std::uint32_t instance, std::uint32_t connection);
    /// The oldest request still waiting at the instance, or UINT32_MAX.
    std::uint32_t oldestWaiter(std::uint32_t instance);
    void onOpenDone(std::uint32_t instance, std::uint32_t connection);
    void onOpenFailed(std::uint32_t instance, std::uint32_t connection);
    void onIdleCheck(std::uint32_t instance, std::uint32_t connection);
    void onRetire(std::uint32_t instance, std::uint32_t connection);
    void closeConnection(std::uint32_t instance, std::uint32_t connection);
    /// Gives back the request's connections beyond the first `keep`, counting connection-seconds.
    void releaseHeld(std::uint32_t id, std::size_t keep);
    SimTime lifetimeOfNewConnection();
    void replenish(std::uint32_t instance);
    void setBusy(std::int64_t delta, std::uint32_t workload);
    void setWaiting(std::int64_t delta, std::uint32_t workload);
    void setOpen(std::int64_t delta);

    const CompiledScenario& m_scenario;
    engine::EventCalendar m_calendar;
    SimTime m_now;
    std::vector<Instance> m_instances;
    std::vector<Request> m_requests;
    std::vector<std::uint32_t> m_freeRequests;
    std::vector<WorkloadState> m_workloads;
    engine::RandomStream m_balancerStream, m_connectStream, m_lifetimeStream;
    std::uint32_t m_roundRobin = 0;
    std::int64_t m_databaseOpen = 0; // open and opening connections over all instances
    std::uint64_t m_events = 0, m_requestsCreated = 0;
    std::unique_ptr<ModelStatistics> m_stats;
};

} // namespace poolsim::models
