#pragma once
// The scenario as written in a file (format version 1). Values keep the form the author used
// (a rate per minute stays per minute, a lognormal given by mean and p95 stays so), and optional
// settings stay unset rather than filled with defaults, so load -> save -> load is exact and a
// saved file reads like the one that was opened. Effective values come from the accessors.
#include "engine/simtime.h"
#include "models/metrics/metrics.h"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace poolsim::models {

using engine::SimTime;

/// A rate as written: `value` events per `unit` ('s', 'm' or 'h').
struct Rate
{
    double value = 0;
    char unit = 's';
    double perSecond() const { return value / (unit == 'h' ? 3600.0 : unit == 'm' ? 60.0 : 1.0); }
    bool operator==(const Rate&) const = default;
};

// ---- Duration distributions -------------------------------------------------------------
struct ConstantDist
{
    SimTime value;
    bool operator==(const ConstantDist&) const = default;
};
struct ExponentialDist
{
    SimTime mean;
    bool operator==(const ExponentialDist&) const = default;
};
struct UniformDist
{
    SimTime min, max;
    bool operator==(const UniformDist&) const = default;
};
/// Normal truncated at 0.
struct NormalDist
{
    SimTime mean, sd;
    bool operator==(const NormalDist&) const = default;
};
struct LognormalDist
{
    enum class Form { MeanP95, MedianP95, MuSigma };
    Form form = Form::MeanP95;
    SimTime center; // the mean (MeanP95) or the median (MedianP95)
    SimTime p95;
    double mu = 0, sigma = 0; // of ln(seconds), for MuSigma
    bool operator==(const LognormalDist&) const = default;
};
struct GammaDist
{
    SimTime mean;
    double cv = 1;
    bool operator==(const GammaDist&) const = default;
};
struct WeibullDist
{
    double shape = 1;
    SimTime scale;
    bool operator==(const WeibullDist&) const = default;
};
/// Values given inline, or read from a one-column file (path as written, relative to the scenario).
struct EmpiricalDist
{
    std::vector<SimTime> values;
    std::string file; // empty when the values were given inline
    bool operator==(const EmpiricalDist&) const = default;
};

using DistributionSpec = std::variant<ConstantDist, ExponentialDist, UniformDist, NormalDist, LognormalDist,
                                      GammaDist, WeibullDist, EmpiricalDist>;

// ---- Arrival patterns -------------------------------------------------------------------
struct PoissonArrivals
{
    Rate rate;
    bool operator==(const PoissonArrivals&) const = default;
};

/// Piecewise-constant rate: each point's rate holds from its time until the next point's.
struct ProfileArrivals
{
    struct Point
    {
        SimTime at;
        Rate rate;
        bool operator==(const Point&) const = default;
    };
    std::vector<Point> points;
    bool operator==(const ProfileArrivals&) const = default;
};

/// `count` requests at uniformly random times within [at, at + within); repeated every `every`.
struct BurstArrivals
{
    SimTime at;
    std::int64_t count = 0;
    SimTime within;
    std::optional<SimTime> every;
    bool operator==(const BurstArrivals&) const = default;
};

/// A closed population: each user thinks, sends a request, waits for it to end, thinks again.
struct UsersArrivals
{
    std::int64_t users = 0;
    DistributionSpec think;
    bool operator==(const UsersArrivals&) const = default;
};

/// `items` requests processed `concurrency` at a time from `at`; repeated every `every`.
struct BatchArrivals
{
    SimTime at;
    std::int64_t items = 0;
    std::int64_t concurrency = 1;
    std::optional<SimTime> every;
    bool operator==(const BatchArrivals&) const = default;
};

/// Replay of recorded requests from a CSV file.
struct TraceArrivals
{
    struct Record
    {
        SimTime start, hold;
        std::int64_t connections = 1;
        bool operator==(const Record&) const = default;
    };
    std::string file;              // as written, relative to the scenario file
    std::optional<SimTime> jitter; // each start moves by a uniform offset in [-jitter, +jitter]
    std::vector<Record> records;   // loaded from the file, sorted by start
    bool operator==(const TraceArrivals&) const = default;
};

using ArrivalSpec = std::variant<PoissonArrivals, ProfileArrivals, BurstArrivals, UsersArrivals,
                                 BatchArrivals, TraceArrivals>;

// ---- Requests ---------------------------------------------------------------------------
enum class AcquireMode { Together, OneByOne };

/// One step of a request: a query holding `connections` for `duration`, or application work
/// (`isWork`) holding none.
struct Step
{
    bool isWork = false;
    DistributionSpec duration;
    std::int64_t connections = 1;
    bool operator==(const Step&) const = default;
};

/// How a request (or one try of it) can fail, as `retry.on` names them.
enum class FailureKind {
    Timeout,        // pool timeout: no connection within pool.timeout
    ConnectFailure, // an opening slower than connect_timeout
    Refused,        // the database refused an opening (max_connections)
    ClientTimeout,  // the caller gave up after the workload's client_timeout
    Crashed,        // the instance failed while the request was there
    Rejected,       // the instance was overloaded (max_pending, on_overload: reject)
    Unavailable,    // every instance was down
};

struct RetrySpec
{
    std::int64_t attempts = 1; // tries in all, the first included
    DistributionSpec backoff;  // wait before each new try
    /// The outcomes that are tried again; default: pool timeouts only.
    std::optional<std::vector<FailureKind>> on;
    bool operator==(const RetrySpec&) const = default;
    std::vector<FailureKind> effectiveOn() const { return on.value_or(std::vector{FailureKind::Timeout}); }
};

struct Workload
{
    std::string name;
    std::string description;
    ArrivalSpec arrivals;
    // Request shape: either `hold` (+ connections, acquire) or `steps` (+ transaction).
    std::optional<DistributionSpec> hold;
    std::optional<std::int64_t> connections; // default 1
    std::optional<AcquireMode> acquire;      // default together
    std::vector<Step> steps;
    std::optional<bool> transaction; // default false
    std::optional<RetrySpec> retry;
    /// The caller gives up on a try after this long (client_timeout); default: never.
    std::optional<SimTime> clientTimeout;
    /// Whether giving up cancels the try's work at the backend; default false: it runs on,
    /// waiting for and holding connections nobody is waiting for.
    std::optional<bool> cancelOnTimeout;
    /// This workload's queries' round trip, instead of database.capacity.round_trip.
    std::optional<DistributionSpec> roundTrip;
    bool operator==(const Workload&) const = default;

    std::int64_t effectiveConnections() const { return connections.value_or(1); }
    AcquireMode effectiveAcquire() const { return acquire.value_or(AcquireMode::Together); }
    bool effectiveTransaction() const { return transaction.value_or(false); }
    bool effectiveCancelOnTimeout() const { return cancelOnTimeout.value_or(false); }
};

// ---- Pool, backend, database ------------------------------------------------------------
/// A timeout that may be "none" (wait forever).
struct Timeout
{
    std::optional<SimTime> value; // nullopt: none
    bool operator==(const Timeout&) const = default;
};

struct PoolConfig
{
    std::optional<std::int64_t> size;            // default 10
    std::optional<Timeout> timeout;              // default 30s (HikariCP connectionTimeout)
    std::optional<std::int64_t> minIdle;         // default: size
    std::optional<DistributionSpec> connectTime; // default 0
    std::optional<Timeout> connectTimeout;       // default none
    std::optional<Timeout> idleTimeout;          // default 10m (only acts above min_idle)
    std::optional<Timeout> maxLifetime;          // default none
    bool operator==(const PoolConfig&) const = default;

    static constexpr std::int64_t kDefaultSize = 10;
    std::int64_t effectiveSize() const { return size.value_or(kDefaultSize); }
    std::optional<SimTime> effectiveTimeout() const
    {
        return timeout ? timeout->value
                       : std::optional<SimTime>(SimTime::fromTicks(30 * SimTime::kTicksPerSecond));
    }
    std::int64_t effectiveMinIdle() const { return minIdle.value_or(effectiveSize()); }
    std::optional<SimTime> effectiveConnectTimeout() const
    {
        return connectTimeout ? connectTimeout->value : std::nullopt;
    }
    std::optional<SimTime> effectiveIdleTimeout() const
    {
        return idleTimeout ? idleTimeout->value
                           : std::optional<SimTime>(SimTime::fromTicks(600 * SimTime::kTicksPerSecond));
    }
    std::optional<SimTime> effectiveMaxLifetime() const
    {
        return maxLifetime ? maxLifetime->value : std::nullopt;
    }
};

enum class Balancer { RoundRobin, Random, LeastBusy };

/// backend.health_check: a liveness probe with Kubernetes' semantics (periodSeconds,
/// timeoutSeconds, failureThreshold) whose query needs a connection from the instance's own
/// pool. Each instance is probed `every`, the first time `every` after it started; a probe not
/// finished within `timeout` (its wait for a connection included) fails, and `failures`
/// consecutive failures make the instance fail.
struct HealthCheck
{
    std::optional<SimTime> every;         // default 10s
    std::optional<SimTime> timeout;       // default 1s
    std::optional<std::int64_t> failures; // default 3
    std::optional<DistributionSpec> hold; // the probe's query (SELECT 1); default 1ms
    bool operator==(const HealthCheck&) const = default;
    SimTime effectiveEvery() const
    {
        return every.value_or(SimTime::fromTicks(10 * SimTime::kTicksPerSecond));
    }
    SimTime effectiveTimeout() const
    {
        return timeout.value_or(SimTime::fromTicks(SimTime::kTicksPerSecond));
    }
    std::int64_t effectiveFailures() const { return failures.value_or(3); }
};

/// What an instance does when more than max_pending requests would wait for a connection.
enum class OverloadAction {
    Crash,  // it fails, as a process whose unbounded queue runs it out of memory
    Reject, // it answers the new request at once with an error (HTTP 503)
};

struct BackendConfig
{
    std::optional<std::int64_t> instances; // default 1
    std::optional<Balancer> balancer;      // default round_robin
    /// Concurrent users the backend serves, for the "users x 1.5 + 10" rule of thumb only (the
    /// simulation uses the workloads). Default: the sum of the closed populations (`users:`).
    std::optional<std::int64_t> users;
    /// The failure loop (all optional; absent, no instance ever fails).
    std::optional<HealthCheck> healthCheck;
    /// How long a failed instance is down before it starts again with a cold pool; default 10s,
    /// `none`: it stays down.
    std::optional<Timeout> restart;
    std::optional<std::int64_t> maxPending;   // requests waiting at one instance; default unlimited
    std::optional<OverloadAction> onOverload; // default crash
    bool operator==(const BackendConfig&) const = default;
    std::int64_t effectiveInstances() const { return instances.value_or(1); }
    Balancer effectiveBalancer() const { return balancer.value_or(Balancer::RoundRobin); }
    std::optional<SimTime> effectiveRestart() const
    {
        return restart ? restart->value
                       : std::optional<SimTime>(SimTime::fromTicks(10 * SimTime::kTicksPerSecond));
    }
    OverloadAction effectiveOnOverload() const { return onOverload.value_or(OverloadAction::Crash); }
    /// Whether instances can fail at all (a health check, or max_pending with on_overload crash).
    bool instancesCanFail() const
    {
        return healthCheck || (maxPending && effectiveOnOverload() == OverloadAction::Crash);
    }
};

/// The database server as a shared processor: with n queries active, each progresses at
/// min(1, cores / n) / (1 + contention (n - 1) + coherency n (n - 1)) seconds of its demand per
/// second (the Universal Scalability Law on `cores` CPUs). See docs/design.md.
struct DatabaseCapacity
{
    std::optional<std::int64_t> cores; // default database.cores
    std::optional<double> contention;  // sigma, 0 <= sigma < 1; default 0
    std::optional<double> coherency;   // kappa >= 0; default 0
    /// Time a query holds its connection beside its work on the server, using none of the
    /// server's capacity: the driver, the network, a pooler's hop. Default 0.
    std::optional<DistributionSpec> roundTrip;
    bool operator==(const DatabaseCapacity&) const = default;
    double effectiveContention() const { return contention.value_or(0.0); }
    double effectiveCoherency() const { return coherency.value_or(0.0); }
};

struct DatabaseConfig
{
    std::optional<std::int64_t> maxConnections;      // default unlimited
    std::optional<std::int64_t> reservedConnections; // default 3 (superuser_reserved_connections)
    /// The database server's CPU cores and effective spindles, for HikariCP's sizing formula
    /// (cores x 2 + spindles), and the capacity model's cores when it gives none.
    std::optional<std::int64_t> cores;
    std::optional<std::int64_t> spindles; // default 1 when cores is set
    /// Absent: the database runs every query in its hold time however many run at once.
    std::optional<DatabaseCapacity> capacity;
    bool operator==(const DatabaseConfig&) const = default;
    std::int64_t effectiveReserved() const { return reservedConnections.value_or(3); }
    /// The capacity model's cores (its own, else database.cores); 0 without a model.
    std::int64_t capacityCores() const
    {
        if (!capacity)
            return 0;
        return capacity->cores ? *capacity->cores : cores.value_or(0);
    }
};

// ---- What-if planning ---------------------------------------------------------------------
/// One change to a scenario: a path to a single value as --set takes it (`pool.size`,
/// `workloads.api.arrivals.poisson`) and the value as written.
struct SettingChange
{
    std::string path;
    std::string value;
    /// Where the change was written (a variant's set entry), for errors; not compared.
    std::string file;
    int line = 0, column = 0;
    bool operator==(const SettingChange& o) const { return path == o.path && value == o.value; }
};

/// A named what-if: the scenario with some values changed.
struct Variant
{
    std::string name;
    std::string description;
    std::vector<SettingChange> set;
    bool operator==(const Variant&) const = default;
};

/// One service-level limit: a summary metric (of all requests, or of one workload) whose upper
/// 95% confidence bound must not exceed `limit`. Met means upper bound <= limit; for a key where
/// higher is better (availability, SloBound::AtLeast) lower bound >= limit.
struct SloLimit
{
    std::string key;      // as written: wait_p95, timeout_ratio, utilization_max, timeouts...
    std::string workload; // empty: all requests
    double limit = 0;     // in the metric's unit: seconds, a fraction, a count
    std::string text;     // as written: "1s", "90%", "0"
    bool operator==(const SloLimit& o) const
    {
        return key == o.key && workload == o.workload && limit == o.limit;
    }
};

/// An alert rule over the time series, as monitoring would evaluate it: `signal` (averaged or
/// summed over a sliding `window`) above `threshold` for longer than `forAtLeast`.
struct AlertRule
{
    std::string name;
    std::string signal;   // utilization, busy, waiters, wait_p95, response_p99, timeouts...
    double threshold = 0; // in the signal's unit
    std::string thresholdText;
    std::optional<SimTime> window;     // default: one bin
    std::optional<SimTime> forAtLeast; // default: 0 (any bin)
    bool operator==(const AlertRule& o) const
    {
        return name == o.name && signal == o.signal && threshold == o.threshold && window == o.window &&
               forAtLeast == o.forAtLeast;
    }
};

/// One swept parameter: a path as --set takes it and the values to try, as written.
struct SweepParam
{
    std::string path;
    std::vector<std::string> values;
    std::string text; // the range as written ("5:60:5"), or empty for a list
    bool operator==(const SweepParam& o) const { return path == o.path && values == o.values; }
};

struct Scenario
{
    static constexpr int kFormatVersion = 1;
    std::string name;
    std::string description;
    SimTime horizon;
    std::optional<SimTime> warmup;            // default 0
    std::optional<std::int64_t> replications; // default 10
    std::optional<std::uint64_t> seed;        // default 1
    std::optional<SimTime> resolution;        // default: chosen from the horizon
    std::optional<double> holdScale;          // default 1: stretches every query's hold time
    PoolConfig pool;
    BackendConfig backend;
    DatabaseConfig database;
    std::vector<Workload> workloads;

    std::vector<Variant> variants;
    std::vector<SloLimit> slo;
    std::optional<std::vector<AlertRule>> alerts; // unset: the default rules (defaultAlertRules)
    std::vector<SweepParam> sweep;                // at most two parameters

    /// The file it came from, or the name it was loaded under (not saved, not compared).
    std::string sourcePath;
    /// The folder its relative data-file paths (traces, empirical values) resolve against: the
    /// file's folder, or the base folder given with the text (not saved, not compared).
    std::string dataDir;

    bool operator==(const Scenario& o) const;

    SimTime effectiveWarmup() const { return warmup.value_or(SimTime::zero()); }
    std::int64_t effectiveReplications() const { return replications.value_or(10); }
    std::uint64_t effectiveSeed() const { return seed.value_or(1); }
    double effectiveHoldScale() const { return holdScale.value_or(1.0); }
    /// The given resolution, or a round width giving at most about 1000 bins.
    SimTime effectiveResolution() const;
    /// The optional parts of the system a run of it simulates (which metrics and series its
    /// results have): the database server with database.capacity; InstanceFailures when
    /// instances can fail (backend.health_check, or max_pending with on_overload crash);
    /// LoadShedding with max_pending and on_overload reject; ClientTimeouts when a workload has a
    /// client_timeout. The one reading, for CompiledScenario and for whoever lists metrics before
    /// anything has run.
    ModelParts parts() const;
};

} // namespace poolsim::models
