#pragma once
// What one replication measures, from what its components report: counts, waits and response
// times of requests that arrived after warm-up, time averages of connection and queue levels,
// and the per-bin time series (the whole horizon, warm-up included, for the timeline). Levels
// and counts of components it does not know yet are kept by name (time average and maximum,
// total), in ReplicationResult::componentMeasures.
#include "engine/log_histogram.h"
#include "engine/statistics.h"
#include "engine/time_series.h"
#include "models/results/run_result.h"
#include "models/simulation/compiled_scenario.h"
#include "models/simulation/statistics_sink.h"

#include <string>
#include <vector>

namespace poolsim::models {

class ModelStatistics final : public StatisticsSink
{
public:
    ModelStatistics(const CompiledScenario& scenario, std::size_t workloadCount);

    /// The end of warm-up: time averages start over from the current levels.
    void warmupEnded(SimTime t);

    LevelId level(std::string_view name) override;
    void levelChanged(LevelId level, SimTime t, std::uint32_t workload, std::int64_t delta) override
    {
        // Busy connections change twice per request: kept small enough to inline where the
        // pool reports them; every other level out of line.
        if (level == kBusyLevel)
            busyChanged(t, workload, delta);
        else
            otherLevelChanged(level, t, workload, delta);
    }
    CounterId counter(std::string_view name) override;
    void counted(CounterId counter, SimTime t, std::uint32_t workload, std::uint64_t n) override;
    TallyId tally(std::string_view name) override;
    void recorded(TallyId tally, SimTime t, std::uint32_t workload, double value) override;

    void arrived(SimTime t, std::uint32_t workload, bool counted) override
    {
        m_arrivalSeries.add(t);
        if (counted) {
            ++m_total.arrivals;
            if (!m_single)
                ++m_groups[workload].arrivals;
        }
    }
    void granted(SimTime t, SimTime wait) override
    {
        m_waitSeries.record(t, static_cast<std::uint64_t>(wait.ticks()));
    }
    void served(SimTime t, std::uint32_t workload, bool counted, SimTime wait, SimTime response,
                double connectionSeconds) override;
    void failed(SimTime t, std::uint32_t workload, bool counted, Failure failure) override;
    void retried(std::uint32_t workload, bool counted) override;
    void stillWaiting(std::uint32_t workload, SimTime waitSoFar) override;
    void instanceFailed(SimTime t, std::uint32_t instance, InstanceFailure cause) override;
    void instanceRestarted(SimTime t, std::uint32_t instance) override;

    /// Closes the series at the horizon and computes every metric.
    ReplicationResult finish(SimTime horizon);

private:
    // The levels, counts and tallies it knows have fixed ids: level(), counter() and tally()
    // give them for their names.
    static constexpr LevelId kBusyLevel = 0, kWaitingLevel = 1, kOpenLevel = 2, kActiveQueriesLevel = 3;
    static constexpr CounterId kQueriesCounter = 0, kProbeFailuresCounter = 1, kFirstOtherCounter = 2;
    static constexpr TallyId kSlowdownTally = 0;

    // A health check's probe holds, waits and queries for no workload: it counts in the totals.
    void busyChanged(SimTime t, std::uint32_t workload, std::int64_t delta)
    {
        m_busy += delta;
        m_total.busy.update(t, static_cast<double>(m_busy));
        m_total.busyBins.update(t, static_cast<double>(m_busy));
        if (m_single || workload == kNoWorkload)
            return;
        Group& g = m_groups[workload];
        g.busyLevel += delta;
        g.busy.update(t, static_cast<double>(g.busyLevel));
        g.busyBins.update(t, static_cast<double>(g.busyLevel));
    }
    void waitersChanged(SimTime t, std::uint32_t workload, std::int64_t delta)
    {
        m_waiters += delta;
        m_total.waiters.update(t, static_cast<double>(m_waiters));
        m_waitersSeries.update(t, static_cast<double>(m_waiters));
        if (m_single || workload == kNoWorkload)
            return;
        Group& g = m_groups[workload];
        g.waitersLevel += delta;
        g.waiters.update(t, static_cast<double>(g.waitersLevel));
    }
    void activeQueriesChanged(SimTime t, std::uint32_t workload, std::int64_t delta)
    {
        m_activeQueries += delta;
        m_total.activeQueries.update(t, static_cast<double>(m_activeQueries));
        m_activeQueriesSeries.update(t, static_cast<double>(m_activeQueries));
        if (m_single || workload == kNoWorkload)
            return;
        Group& g = m_groups[workload];
        g.activeQueriesLevel += delta;
        g.activeQueries.update(t, static_cast<double>(g.activeQueriesLevel));
    }
    void openChanged(SimTime t, std::int64_t delta)
    {
        m_open += delta;
        m_openLevel.update(t, static_cast<double>(m_open));
        m_openSeries.update(t, static_cast<double>(m_open));
    }
    struct Group
    {
        std::uint64_t arrivals = 0, served = 0, timeouts = 0, connectFailures = 0, refused = 0, retries = 0,
                      waited = 0;
        std::uint64_t clientTimeouts = 0, crashed = 0, rejected = 0, unavailable = 0;
        engine::Tally wait, response, hold;
        engine::LogHistogram waitHistogram, responseHistogram;
        engine::TimeWeighted busy, waiters;
        std::int64_t busyLevel = 0, waitersLevel = 0;
        engine::LevelSeries busyBins;
        // The database server's: queries running, and those that ended after warm-up.
        engine::TimeWeighted activeQueries;
        std::int64_t activeQueriesLevel = 0;
        std::uint64_t queries = 0;
        engine::Tally slowdown;
    };
    /// A served request in `g`'s figures (its wait and response also in seconds, computed
    /// once for the total and the workload's group).
    void countServed(Group& g, SimTime wait, double waitS, SimTime response, double responseS,
                     double connectionSeconds);
    MetricValues metricsOf(const Group& g, SimTime horizon) const;
    /// The instances' figures (the same for every workload).
    void instanceMetrics(MetricValues& m, SimTime horizon) const;
    Group* groupOf(std::uint32_t workload)
    {
        return m_single || workload == kNoWorkload ? nullptr : &m_groups[workload];
    }
    /// Any level but the busy connections.
    void otherLevelChanged(LevelId level, SimTime t, std::uint32_t workload, std::int64_t delta);

    // Levels and counts of components beyond the pool's, by name.
    struct OtherLevel
    {
        std::string name;
        std::int64_t level = 0;
        engine::TimeWeighted average;
    };
    struct OtherCounter
    {
        std::string name;
        std::uint64_t count = 0;
    };
    struct OtherTally
    {
        std::string name;
        engine::Tally values;
    };
    std::vector<OtherLevel> m_otherLevels;     // LevelId kActiveQueriesLevel + 1 + i
    std::vector<OtherCounter> m_otherCounters; // CounterId kQueriesCounter + 1 + i
    std::vector<OtherTally> m_otherTallies;    // TallyId kSlowdownTally + 1 + i

    const CompiledScenario& m_scenario;
    // With a single workload its statistics are the totals: kept once, reported twice.
    bool m_single;
    double m_poolTotal;
    std::int64_t m_busy = 0, m_waiters = 0, m_open = 0, m_activeQueries = 0;
    Group m_total;
    std::vector<Group> m_groups;
    engine::TimeWeighted m_openLevel;
    engine::BinGrid m_grid;
    engine::LevelSeries m_waitersSeries, m_openSeries; // busy per bin: m_total.busyBins
    engine::CountSeries m_arrivalSeries, m_servedSeries, m_timeoutSeries, m_failureSeries;
    engine::QuantileSeries m_waitSeries, m_responseSeries;
    engine::LevelSeries m_activeQueriesSeries;
    engine::MeanSeries m_slowdownSeries;

    // The instances, when they can fail: how many are down (its time average gives the
    // downtime), each one's bins, failures after warm-up, the first of them, which instances.
    std::int64_t m_down = 0;
    engine::TimeWeighted m_downLevel;
    engine::LevelSeries m_downSeries;
    std::vector<engine::LevelSeries> m_instanceDownBins;
    std::vector<char> m_instanceFailed;
    std::vector<InstanceFailureEvent> m_failureEvents;
    std::uint64_t m_crashes = 0, m_probeFailures = 0;
    double m_firstCrashS;
};

} // namespace poolsim::models
