// Open arrival processes: each arrival schedules the next, whatever the system does. Poisson at
// a fixed rate, a piecewise-constant rate profile, and the replay of a recorded trace.
#include "models/simulation/event_priorities.h"
#include "models/simulation/workload_source.h"

#include <boost/random/exponential_distribution.hpp>

#include <algorithm>
#include <limits>
#include <utility>
#include <vector>

namespace poolsim::models {

namespace {

class OpenArrivalSource : public WorkloadSource
{
public:
    OpenArrivalSource(engine::Simulator& sim, const CompiledScenario& scenario, std::uint32_t workload,
                      std::uint64_t replication, RequestLifecycle& requests)
        : WorkloadSource(sim, scenario, workload, replication, requests),
          m_arrival(sim.eventType<&OpenArrivalSource::onArrival>(
              this, priority::kArrival, eventName("arrival"), engine::Pending::AtMostOne))
    {
    }
    void start() override { scheduleNext(); }

protected:
    /// When the next request arrives (SimTime::max() for never).
    virtual SimTime next() = 0;
    /// The request that arrives now.
    virtual std::uint32_t createRequest() { return m_requests.create(m_index); }

    void scheduleNext() { scheduleBeforeHorizon(next(), m_arrival); }

private:
    void onArrival(std::uint64_t)
    {
        const std::uint32_t id = createRequest();
        scheduleNext();
        m_requests.startAttempt(id);
    }
    engine::EventType m_arrival;
};

class PoissonSource final : public OpenArrivalSource
{
public:
    using OpenArrivalSource::OpenArrivalSource;

private:
    SimTime next() override
    {
        if (!(m_workload.ratePerS > 0))
            return SimTime::max();
        return secondsFromNow(m_sim.now(), boost::random::exponential_distribution<double>(
                                               m_workload.ratePerS)(m_arrivals.engine()));
    }
};

class ProfileSource final : public OpenArrivalSource
{
public:
    using OpenArrivalSource::OpenArrivalSource;

private:
    // Non-homogeneous Poisson by inversion: spend an Exp(1) amount of integrated rate,
    // walking the piecewise-constant segments from now.
    SimTime next() override
    {
        const auto& points = m_workload.profile;
        double need = boost::random::exponential_distribution<double>(1.0)(m_arrivals.engine());
        double t = m_sim.now().seconds();
        std::size_t i = m_segment;
        while (i + 1 < points.size() && points[i + 1].first.seconds() <= t)
            ++i;
        if (t < points.front().first.seconds()) {
            t = points.front().first.seconds(); // rate 0 before the first point
            i = 0;
        }
        for (;;) {
            const double rate = points[i].second;
            const bool last = i + 1 >= points.size();
            const double end = last ? std::numeric_limits<double>::infinity() : points[i + 1].first.seconds();
            if (rate > 0) {
                const double reach = t + need / rate;
                if (reach < end) {
                    m_segment = i;
                    return secondsFromNow(SimTime::zero(), reach);
                }
                need -= rate * (end - t);
            } else if (last) {
                return SimTime::max();
            }
            t = end;
            ++i;
        }
    }
    std::size_t m_segment = 0; // the segment the last arrival fell in
};

class TraceReplaySource final : public OpenArrivalSource
{
public:
    using OpenArrivalSource::OpenArrivalSource;

    void start() override
    {
        // Each record's start, jittered when asked, in order of the (jittered) times.
        const auto& records = m_workload.trace->records;
        m_order.reserve(records.size());
        for (std::uint32_t i = 0; i < records.size(); ++i) {
            SimTime start = records[i].start;
            if (m_workload.trace->jitter) {
                const double j = m_workload.trace->jitter->seconds() * (2 * m_arrivals.uniform01() - 1);
                start = SimTime::fromSeconds(std::max(0.0, start.seconds() + j));
            }
            m_order.emplace_back(start, i);
        }
        std::stable_sort(m_order.begin(), m_order.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        scheduleNext();
    }

private:
    SimTime next() override { return m_next < m_order.size() ? m_order[m_next].first : SimTime::max(); }
    std::uint32_t createRequest() override
    {
        const auto& record = m_workload.trace->records[m_order[m_next++].second];
        return m_requests.create(m_index, 0, record.hold, static_cast<std::uint32_t>(record.connections));
    }

    std::vector<std::pair<SimTime, std::uint32_t>> m_order; // (start, record), sorted by start
    std::size_t m_next = 0;                                 // the next record to replay
};

} // namespace

std::unique_ptr<WorkloadSource> makeOpenArrivals(engine::Simulator& sim, const CompiledScenario& scenario,
                                                 std::uint32_t workload, std::uint64_t replication,
                                                 RequestLifecycle& requests)
{
    switch (scenario.workloads[workload].kind) {
    case CompiledWorkload::Kind::Profile:
        return std::make_unique<ProfileSource>(sim, scenario, workload, replication, requests);
    case CompiledWorkload::Kind::Trace:
        return std::make_unique<TraceReplaySource>(sim, scenario, workload, replication, requests);
    default:
        return std::make_unique<PoissonSource>(sim, scenario, workload, replication, requests);
    }
}

} // namespace poolsim::models
