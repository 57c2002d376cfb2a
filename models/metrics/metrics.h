#pragma once
// The names and order of the summary metrics. The names are the JSON keys of `poolsim run
// --json` and must never be renamed; new metrics go at the end.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace poolsim::models {

enum class Metric : std::size_t {
    Arrivals,     // requests that arrived after warm-up
    Served,       // of those, finished with their connections before the horizon
    Timeouts,     // failed by pool timeout (after their last retry)
    Failures,     // failed otherwise: connect failures, database refusals and the failure loop's
    TimeoutRatio, // timeouts / (served + timeouts + failures)
    WaitRatio,    // share of served requests that waited at all
    WaitMeanS,    // wait of served requests (all their acquisitions), seconds
    WaitP50S,
    WaitP95S,
    WaitP99S,
    WaitMaxS,
    BusyMean,        // time-average connections in use
    UtilizationMean, // busy_mean / pool size (over all instances)
    UtilizationMax,  // highest time-series bin of the utilization
    WaitersMean,     // time-average requests waiting for a connection
    WaitersMax,      // most requests waiting at any instant
    ThroughputPerS,  // served per second after warm-up
    ResponseP95S,    // arrival to completion (waits, holds, work, retries), served requests
    ResponseP99S,
    // Additions beyond the documented core set:
    Retries,         // tries re-issued after a pool timeout
    ConnectFailures, // openings slower than connect_timeout
    Refused,         // openings the database refused (max_connections)
    ResponseMeanS,
    HoldMeanS,  // connection-seconds held per served request (Little's law: busy = throughput x this)
    OpenMean,   // time-average open connections
    Unfinished, // arrived after warm-up and still waiting or holding at the horizon (a deadlock shows here)
    // The database server's (database.capacity; absent without it). A query on k connections
    // counts k; queries that ended after warm-up.
    DbActiveMean,     // time-average queries running on the server
    DbActiveMax,      // most queries running at any instant
    DbSlowdownMean,   // mean over queries of duration / demand (1: ran as fast as alone)
    DbThroughputPerS, // queries ended per second
    // The failure loop's (backend.health_check, max_pending, client_timeout; absent without).
    // Instance-level figures are the same for every workload.
    Crashes,           // instance failures per replication (after warm-up)
    CrashReplications, // 1 when the replication had an instance failure: its mean is the share
    FirstCrashS,       // time of the first failure; NaN in a replication without one
    FailedInstances,   // distinct instances that failed: more than 1 is a cascade
    DowntimeS,         // instance-seconds down after warm-up
    Availability,      // share of instance-time up after warm-up
    Crashed,           // requests failed because their instance failed under them
    Rejected,          // requests an overloaded instance turned away (on_overload: reject)
    Unavailable,       // requests that found every instance down
    ClientTimeouts,    // requests whose caller gave up (client_timeout), after their last retry
    ProbeFailures,     // health-check probes that failed
    Count
};

inline constexpr std::size_t kMetricCount = static_cast<std::size_t>(Metric::Count);

inline constexpr std::array<std::string_view, kMetricCount> kMetricNames = {
    "arrivals",         "served",
    "timeouts",         "failures",
    "timeout_ratio",    "wait_ratio",
    "wait_mean_s",      "wait_p50_s",
    "wait_p95_s",       "wait_p99_s",
    "wait_max_s",       "busy_mean",
    "utilization_mean", "utilization_max",
    "waiters_mean",     "waiters_max",
    "throughput_per_s", "response_p95_s",
    "response_p99_s",   "retries",
    "connect_failures", "refused",
    "response_mean_s",  "hold_mean_s",
    "open_mean",        "unfinished",
    "db_active_mean",   "db_active_max",
    "db_slowdown_mean", "db_throughput_per_s",
    "crashes",          "crash_replications",
    "first_crash_s",    "failed_instances",
    "downtime_s",       "availability",
    "crashed",          "rejected",
    "unavailable",      "client_timeouts",
    "probe_failures"};

inline constexpr std::string_view metricName(Metric m)
{
    return kMetricNames[static_cast<std::size_t>(m)];
}

/// The probabilities at which the wait distribution is kept for plots (histogram and CDF):
/// every percent, then the tail (99.5%, 99.9%, 99.99%) and the maximum.
inline constexpr std::size_t kWaitCdfPoints = 104;
inline constexpr std::array<double, kWaitCdfPoints> kWaitCdfProbabilities = [] {
    std::array<double, kWaitCdfPoints> p{};
    for (std::size_t i = 0; i < 100; ++i)
        p[i] = static_cast<double>(i) / 100.0;
    p[100] = 0.995;
    p[101] = 0.999;
    p[102] = 0.9999;
    p[103] = 1.0;
    return p;
}();

/// The optional parts of the simulated system that some metrics and series measure. Without the
/// part, they are not shown anywhere (no zeros that look like measurements).
enum class ModelPart : std::uint8_t {
    Pool,             // always there
    DatabaseServer,   // database.capacity
    InstanceFailures, // instances can fail: backend.health_check, or max_pending with on_overload crash
    LoadShedding,     // max_pending with on_overload reject
    ClientTimeouts,   // some workload has a client_timeout
};

/// Which optional parts a scenario has.
class ModelParts
{
public:
    constexpr ModelParts() = default;
    constexpr ModelParts with(ModelPart part) const
    {
        ModelParts p = *this;
        p.m_bits |= bit(part);
        return p;
    }
    constexpr bool has(ModelPart part) const { return part == ModelPart::Pool || (m_bits & bit(part)) != 0; }
    /// The parts both have.
    constexpr ModelParts commonWith(ModelParts other) const
    {
        ModelParts p;
        p.m_bits = m_bits & other.m_bits;
        return p;
    }
    /// The parts either has.
    constexpr ModelParts unitedWith(ModelParts other) const
    {
        ModelParts p;
        p.m_bits = m_bits | other.m_bits;
        return p;
    }
    constexpr bool operator==(const ModelParts&) const = default;

private:
    static constexpr std::uint32_t bit(ModelPart part) { return 1u << static_cast<unsigned>(part); }
    std::uint32_t m_bits = 0;
};

/// One value per metric.
struct MetricValues
{
    std::array<double, kMetricCount> values{};
    double& operator[](Metric m) { return values[static_cast<std::size_t>(m)]; }
    double operator[](Metric m) const { return values[static_cast<std::size_t>(m)]; }
};

/// Per-bin time series of one replication, all vectors of the same length (the bin count).
enum class Series : std::size_t {
    BusyMean,
    BusyMax,
    WaitersMean,
    WaitersMax,
    OpenMean,
    Arrivals,
    Served,
    Timeouts,
    Failures,
    WaitP50S,
    WaitP95S,
    WaitP99S,
    ResponseP50S,
    ResponseP95S,
    ResponseP99S, // of requests served in the bin, arrival to completion
    // The database server's (database.capacity; absent without it).
    DbActiveMean,   // queries running
    DbActiveMax,    // queries running (peak in bin)
    DbSlowdownMean, // mean duration / demand of the queries that ended in the bin
    // The failure loop's (instances can fail).
    InstancesDown, // instances down (time average in the bin)
    Count
};
inline constexpr std::size_t kSeriesCount = static_cast<std::size_t>(Series::Count);
inline constexpr std::array<std::string_view, kSeriesCount> kSeriesNames = {
    "busy_mean",      "busy_max",      "waiters_mean",     "waiters_max",    "open_mean",
    "arrivals",       "served",        "timeouts",         "failures",       "wait_p50_s",
    "wait_p95_s",     "wait_p99_s",    "response_p50_s",   "response_p95_s", "response_p99_s",
    "db_active_mean", "db_active_max", "db_slowdown_mean", "instances_down"};

} // namespace poolsim::models
