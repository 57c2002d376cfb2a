#pragma once
// A request in flight: what the components pass between them, as a packet between OMNeT++
// modules. They live in a recycled table, so memory follows the number of requests in flight,
// never the number simulated.
#include "engine/simtime.h"

#include <boost/container/small_vector.hpp>

#include <cstdint>
#include <vector>

namespace poolsim::models {

using engine::SimTime;

/// How a request (or one try of it) ended.
enum class Outcome {
    Served,
    Timeout,
    ConnectFailure,
    Refused,
    ClientTimeout,
    Crashed,
    Rejected,
    Unavailable
};

inline constexpr std::uint32_t kNoRequest = UINT32_MAX;

/// Whoever runs a request and hears what the pool did with it: the request life cycle for
/// the workloads' requests, a health check for its probes.
class RequestOwner
{
public:
    virtual ~RequestOwner() = default;
    /// The request now holds the connections it waited for.
    virtual void granted(std::uint32_t request) = 0;
    /// The request could not get its connections (pool timeout, a failed or refused opening).
    virtual void acquisitionFailed(std::uint32_t request, Outcome outcome) = 0;
};

/// A connection a request holds, and since when.
struct HeldConnection
{
    std::uint32_t connection = 0;
    SimTime grantedAt;
};

struct Request
{
    enum class Phase : std::uint8_t { AcquiringTransaction, AcquiringQuery, Running };

    RequestOwner* owner = nullptr;
    std::uint32_t workload = 0, instance = 0;
    // Bumped at every new try and whenever the try is abandoned: the request's events carry
    // it, and one that does not match was for a try that is over (ids are reused).
    std::uint32_t generation = 0;
    SimTime arrival, waitStart, totalWait;
    std::uint32_t attempt = 0, step = 0;
    std::uint32_t pendingNeed = 0; // connections still to acquire for the current phase
    Phase phase = Phase::Running;
    bool transactionHeld = false;
    bool waiting = false;    // in a pool's queue, under `ticket`
    bool counted = false;    // arrived after warm-up
    bool atInstance = false; // routed to `instance` and counted in flight there by the balancer
    bool orphan = false;     // its caller gave up (client_timeout): it runs on, reporting nothing
    std::uint64_t ticket = 0;
    std::uint32_t batchRun = 0; // which run of a batch workload the request belongs to
    double connectionSeconds = 0;
    // Held, the transaction's connection first. Inline for up to two (a transaction and a
    // query), the common case; more spill to the heap once and keep that room when reused.
    boost::container::small_vector<HeldConnection, 2> connections;
    // Per step, drawn at arrival (common random numbers).
    boost::container::small_vector<SimTime, 1> durations;
    // Per step, with a round trip (database.capacity.round_trip): each query's, drawn at arrival.
    boost::container::small_vector<SimTime, 1> roundTrips;
    bool inTransit = false;             // its query's round trip runs: not yet on the server
    std::uint32_t traceConnections = 0; // for trace replays
};

/// The requests in flight, by id; ids of finished requests are reused.
class RequestTable
{
public:
    Request& operator[](std::uint32_t id) { return m_requests[id]; }
    const Request& operator[](std::uint32_t id) const { return m_requests[id]; }

    /// A fresh id; the request keeps its lists' capacity from an earlier use.
    std::uint32_t allocate()
    {
        if (!m_free.empty()) {
            const std::uint32_t id = m_free.back();
            m_free.pop_back();
            return id;
        }
        m_requests.emplace_back();
        return static_cast<std::uint32_t>(m_requests.size() - 1);
    }
    /// The payload of an event for request `id`'s current try: its generation above its id.
    std::uint64_t eventPayload(std::uint32_t id) const
    {
        return std::uint64_t{m_requests[id].generation} << 32 | id;
    }
    /// Whether an event's payload is for a try that is over (or a request since released).
    bool isStale(std::uint64_t payload) const
    {
        return m_requests[static_cast<std::uint32_t>(payload)].generation != payload >> 32;
    }

    void release(std::uint32_t id)
    {
        ++m_requests[id].generation; // whatever is still scheduled for it is stale
        m_free.push_back(id);
    }

    /// Calls f(id, request) for every request in flight, in id order.
    template <class F> void forEachInFlight(F f) const
    {
        std::vector<char> isFree(m_requests.size(), 0);
        for (const std::uint32_t id : m_free)
            isFree[id] = 1;
        for (std::uint32_t id = 0; id < m_requests.size(); ++id)
            if (!isFree[id])
                f(id, m_requests[id]);
    }

private:
    std::vector<Request> m_requests;
    std::vector<std::uint32_t> m_free;
};

} // namespace poolsim::models
