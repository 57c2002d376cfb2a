#pragma once
// The database server as a shared processor (docs/design.md, "The database server"). Every
// query running on it progresses at the same speed s(n), which falls as the number n of
// queries running grows: min(1, cores / n) for the CPUs, divided by Gunther's Universal
// Scalability Law term 1 + sigma (n - 1) + kappa n (n - 1) for contention and coherency. A query
// ends when it has received its demand (its duration alone on an idle server).
//
// Because all queries share one speed, one virtual clock V (the demand every running query has
// received since V = 0) and a heap of the values of V at which each query ends give O(log n)
// per start and end, with a single pending completion event: the standard technique for
// processor sharing. No query is rescheduled on its own. The event is moved earlier when a
// query ends or a shorter one starts; when a start only slows the others it is left, and wakes
// the server early to be set again.
#include "engine/simulator.h"
#include "models/simulation/compiled_scenario.h"
#include "models/simulation/component.h"
#include "models/simulation/statistics_sink.h"

#include <cstdint>
#include <vector>

namespace poolsim::models {

class DatabaseServer final : public Component
{
public:
    using Capacity = CompiledScenario::Capacity;

    /// Told when a query has received its demand (its connections are still held).
    class Client
    {
    public:
        virtual ~Client() = default;
        virtual void queryDone(std::uint32_t request) = 0;
    };

    DatabaseServer(engine::Simulator& sim, const Capacity& capacity, StatisticsSink& stats);

    /// A query of `request` (of `workload`) starts now on `connections` connections with
    /// `demand`: it counts as `connections` queries running, and ends together; `client` hears
    /// of its end.
    void startQuery(std::uint32_t request, std::uint32_t workload, SimTime demand, std::uint32_t connections,
                    Client& client);
    /// The query of `request` stops now without ending (cancelled, or its instance failed):
    /// the others speed up, and its client hears nothing.
    void cancelQuery(std::uint32_t request);

    /// Queries running, connections weighted.
    std::int64_t active() const { return m_active; }
    /// s(n): the demand-seconds per second each of n running queries receives (1 for n <= 1
    /// on an uncontended server).
    static double speed(const Capacity& capacity, std::int64_t n);

private:
    // The heap holds what orders the queries (24 bytes: cheap to move); the rest of a query
    // waits by its request's id, which is unique among the requests in flight.
    struct Running
    {
        double finish; // the virtual time at which the query has received its demand, in ticks
        std::uint64_t sequence;
        std::uint32_t request;
    };
    struct QueryInfo
    {
        SimTime started, demand;
        std::uint32_t workload = 0, connections = 0;
        Client* client = nullptr;
        std::uint64_t sequence = kCancelled; // its heap entry's while it runs
    };
    // A query's sequence once it is over: cancelled (or its client told), or ended with its
    // client not yet told.
    static constexpr std::uint64_t kCancelled = UINT64_MAX, kEnded = UINT64_MAX - 1;
    /// Drops the entries of cancelled queries from the top of the heap.
    void dropCancelledAtTop();
    // A type, not a function: the heap's comparisons inline.
    struct Later
    {
        bool operator()(const Running& a, const Running& b) const
        {
            return a.finish != b.finish ? a.finish > b.finish : a.sequence > b.sequence;
        }
    };
    /// Brings the virtual clock to now at the current speed.
    void advance();
    void setActive(std::int64_t active);
    /// Moves the pending completion event to when the first running query will end.
    void reschedule();
    void onCompletion(std::uint64_t);

    engine::Simulator& m_sim;
    Capacity m_capacity;
    StatisticsSink& m_stats;
    StatisticsSink::LevelId m_activeLevel;
    StatisticsSink::TallyId m_slowdown;
    StatisticsSink::CounterId m_queries;
    engine::EventType m_completion;

    std::vector<Running> m_heap;                            // min-heap by (finish, sequence)
    std::vector<QueryInfo> m_info;                          // by request id
    std::vector<std::pair<std::uint32_t, Client*>> m_ended; // queries that ended, reused by onCompletion
    std::vector<double> m_speeds;                           // s(n) by n, computed as n is first reached
    std::int64_t m_active = 0;
    double m_speed = 1;
    double m_virtual = 0; // ticks of demand received by each running query
    SimTime m_updated;    // when m_virtual was last brought up to date
    std::uint64_t m_sequence = 0;
    engine::EventHandle m_pending;
    SimTime m_pendingAt;
    bool m_inCompletion = false;
};

} // namespace poolsim::models
