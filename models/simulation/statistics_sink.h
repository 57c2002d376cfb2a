#pragma once
// How the components of a replication report what they measure, as OMNeT++'s signals: each
// names the levels it keeps and the events it counts once, then reports every change at its
// simulated time. ModelStatistics collects a replication's results from it; a test implements
// it to watch one component on its own.
#include "engine/simtime.h"
#include "models/results/run_result.h"

#include <cstdint>
#include <string_view>

namespace poolsim::models {

using engine::SimTime;

inline constexpr std::uint32_t kNoWorkload = UINT32_MAX;

class StatisticsSink
{
public:
    // The levels the pool's components keep, by the names they register them under.
    static constexpr std::string_view kBusyConnections = "connections.busy";
    static constexpr std::string_view kWaitingRequests = "requests.waiting";
    static constexpr std::string_view kOpenConnections = "connections.open";
    // The database server's (DatabaseServer): queries running, connections weighted; each
    // query's stretch (duration / demand) as it ends; queries ended, connections weighted.
    static constexpr std::string_view kActiveQueries = "database.active";
    static constexpr std::string_view kQuerySlowdown = "database.slowdown";
    static constexpr std::string_view kQueriesDone = "database.queries";
    // A health check's probes that failed (LivenessProbe).
    static constexpr std::string_view kProbeFailures = "health.probe_failures";

    enum class Failure { Timeout, ConnectFailure, Refused, ClientTimeout, Crashed, Rejected, Unavailable };
    using InstanceFailure = InstanceFailureCause;
    using LevelId = std::uint32_t;
    using CounterId = std::uint32_t;

    virtual ~StatisticsSink() = default;

    /// The id of the level called `name` (registered on first use). A level is a number a
    /// component keeps over time: connections in use, requests waiting, queries running.
    virtual LevelId level(std::string_view name) = 0;
    /// The level moved by `delta` at `t`, on behalf of `workload` (kNoWorkload: of nobody's).
    virtual void levelChanged(LevelId level, SimTime t, std::uint32_t workload, std::int64_t delta) = 0;
    /// The id of the count called `name` (registered on first use): things that happen.
    virtual CounterId counter(std::string_view name) = 0;
    /// `n` of them happened at `t` (a query on k connections counts k).
    virtual void counted(CounterId counter, SimTime t, std::uint32_t workload, std::uint64_t n) = 0;
    using TallyId = std::uint32_t;
    /// The id of the tally called `name` (registered on first use): values observed one at a
    /// time, such as each query's slowdown as it ends.
    virtual TallyId tally(std::string_view name) = 0;
    virtual void recorded(TallyId tally, SimTime t, std::uint32_t workload, double value) = 0;

    // The life of a request. `counted` is false for requests that arrived during warm-up.
    virtual void arrived(SimTime t, std::uint32_t workload, bool counted) = 0;
    /// One acquisition got its connections after waiting `wait`.
    virtual void granted(SimTime t, SimTime wait) = 0;
    virtual void served(SimTime t, std::uint32_t workload, bool counted, SimTime wait, SimTime response,
                        double connectionSeconds) = 0;
    virtual void failed(SimTime t, std::uint32_t workload, bool counted, Failure failure) = 0;
    virtual void retried(std::uint32_t workload, bool counted) = 0;
    /// A counted request still waiting for a connection at the horizon, after `waitSoFar`.
    virtual void stillWaiting(std::uint32_t workload, SimTime waitSoFar) = 0;

    // The backend's instances (BackendInstances): one failed at `t`, one started again.
    virtual void instanceFailed(SimTime t, std::uint32_t instance, InstanceFailure cause) = 0;
    virtual void instanceRestarted(SimTime t, std::uint32_t instance) = 0;
};

} // namespace poolsim::models
