#pragma once
// A scenario turned into what the simulation needs at run time: effective values, built
// samplers and stream ids. Built once per run and shared read-only by all replications.
#include "engine/distribution.h"
#include "models/metrics/metrics.h"
#include "models/scenario/scenario.h"
#include "models/simulation/request.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace poolsim::models {

using engine::Distribution;

struct CompiledStep
{
    bool isWork = false;
    Distribution duration = Distribution::constant(0);
    std::uint32_t connections = 1;
};

struct CompiledWorkload
{
    enum class Kind { Poisson, Profile, Burst, Users, Batch, Trace };
    std::string name;
    Kind kind = Kind::Poisson;

    double ratePerS = 0;                             // Poisson
    std::vector<std::pair<SimTime, double>> profile; // Profile: (from, rate per s)
    SimTime at, within;                              // Burst, Batch
    std::optional<SimTime> every;                    // Burst, Batch
    std::int64_t count = 0;                          // Burst count, Batch items, Users
    std::int64_t concurrency = 1;                    // Batch
    std::optional<Distribution> think;               // Users
    const TraceArrivals* trace = nullptr;            // Trace (points into the Scenario)

    std::vector<CompiledStep> steps; // a plain `hold` becomes one query step
    bool transaction = false;
    bool oneByOne = false;
    std::int64_t attempts = 1;
    std::optional<Distribution> backoff;
    std::uint32_t retryOn = 1u << static_cast<unsigned>(Outcome::Timeout); // bits by Outcome
    std::optional<SimTime> clientTimeout;
    bool cancelOnTimeout = false;
    /// With a database server: each query's round trip (database.capacity.round_trip, or the
    /// workload's own), time holding its connection beside the server's work; absent when zero.
    std::optional<Distribution> roundTrip;

    bool retries(Outcome outcome) const { return (retryOn >> static_cast<unsigned>(outcome)) & 1u; }

    // Stable stream ids, derived from the workload's name.
    std::uint64_t arrivalStream = 0, holdStream = 0, retryStream = 0, roundTripStream = 0;
};

struct CompiledScenario
{
    SimTime horizon, warmup, resolution;
    std::uint64_t seed = 1;
    double holdScale = 1; // applied to query and hold durations, not to work or think times
    std::uint32_t instances = 1;
    Balancer balancer = Balancer::RoundRobin;
    std::uint32_t poolSize = 10;
    std::optional<SimTime> timeout;
    std::uint32_t minIdle = 10;
    Distribution connectTime = Distribution::constant(0);
    std::optional<SimTime> connectTimeout, idleTimeout, maxLifetime;
    std::optional<std::int64_t> databaseBudget; // max_connections - reserved_connections
    /// The database server's capacity model (database.capacity); absent: an infinite server.
    struct Capacity
    {
        std::uint32_t cores = 1;
        double contention = 0, coherency = 0; // sigma, kappa
    };
    std::optional<Capacity> capacity;
    /// The failure loop (backend.health_check, restart, max_pending, on_overload).
    struct Probe
    {
        SimTime every, timeout;
        std::uint32_t failures = 3;
        Distribution hold = Distribution::constant(0);
    };
    std::optional<Probe> healthCheck;
    std::optional<SimTime> restart; // absent: a failed instance stays down
    std::optional<std::uint32_t> maxPending;
    OverloadAction onOverload = OverloadAction::Crash;
    std::vector<CompiledWorkload> workloads;
    // Stable stream ids of the components that draw random numbers of their own.
    std::uint64_t balancerStream = 0, connectStream = 0, lifetimeStream = 0;

    /// Whether an instance can fail (a health check, or an overload that crashes it).
    bool instancesCanFail() const
    {
        return healthCheck || (maxPending && onOverload == OverloadAction::Crash);
    }
    /// The optional parts of the system this scenario simulates (which metrics it has): the
    /// scenario's own reading (Scenario::parts()), taken when it is compiled.
    ModelParts parts() const { return modelParts; }
    ModelParts modelParts;

    /// Throws std::invalid_argument for what a loaded scenario can still get wrong.
    static CompiledScenario compile(const Scenario& scenario);
};

} // namespace poolsim::models
