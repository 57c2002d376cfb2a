#include "models/simulation/model_statistics.h"

#include <algorithm>
#include <limits>

namespace poolsim::models {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double seconds(std::uint64_t ticks)
{
    return static_cast<double>(ticks) / static_cast<double>(SimTime::kTicksPerSecond);
}

std::vector<double> toDoubles(const std::vector<std::uint64_t>& v)
{
    return {v.begin(), v.end()};
}

std::vector<double> scaled(const std::vector<double>& v, double factor)
{
    std::vector<double> out(v);
    for (double& x : out)
        x *= factor;
    return out;
}
} // namespace

ModelStatistics::ModelStatistics(const CompiledScenario& scenario, std::size_t workloadCount)
    : m_scenario(scenario), m_single(workloadCount == 1),
      m_poolTotal(static_cast<double>(scenario.poolSize) * static_cast<double>(scenario.instances)),
      m_grid(scenario.resolution, scenario.horizon)
{
    m_total.busyBins = engine::LevelSeries(m_grid);
    m_groups.resize(m_single ? 0 : workloadCount);
    for (Group& g : m_groups)
        g.busyBins = engine::LevelSeries(m_grid);
    m_waitersSeries = engine::LevelSeries(m_grid);
    m_openSeries = engine::LevelSeries(m_grid);
    m_arrivalSeries = engine::CountSeries(m_grid);
    m_servedSeries = engine::CountSeries(m_grid);
    m_timeoutSeries = engine::CountSeries(m_grid);
    m_failureSeries = engine::CountSeries(m_grid);
    m_waitSeries = engine::QuantileSeries(m_grid);
    m_responseSeries = engine::QuantileSeries(m_grid);
    m_activeQueriesSeries = engine::LevelSeries(m_grid);
    m_slowdownSeries = engine::MeanSeries(m_grid);
    m_firstCrashS = kNaN;
    m_downSeries = engine::LevelSeries(m_grid);
    if (scenario.instancesCanFail()) {
        m_instanceDownBins.assign(scenario.instances, engine::LevelSeries(m_grid));
        m_instanceFailed.assign(scenario.instances, 0);
    }
    warmupEnded(SimTime::zero());
}

StatisticsSink::LevelId ModelStatistics::level(std::string_view name)
{
    static constexpr std::string_view kKnown[] = {kBusyConnections, kWaitingRequests, kOpenConnections,
                                                  kActiveQueries};
    for (LevelId id = 0; id < std::size(kKnown); ++id)
        if (kKnown[id] == name)
            return id;
    const auto first = static_cast<LevelId>(std::size(kKnown));
    for (std::size_t i = 0; i < m_otherLevels.size(); ++i)
        if (m_otherLevels[i].name == name)
            return first + static_cast<LevelId>(i);
    m_otherLevels.push_back({std::string(name), 0, {}});
    return first + static_cast<LevelId>(m_otherLevels.size() - 1);
}

void ModelStatistics::otherLevelChanged(LevelId level, SimTime t, std::uint32_t workload, std::int64_t delta)
{
    switch (level) {
    case kWaitingLevel:
        waitersChanged(t, workload, delta);
        return;
    case kOpenLevel:
        openChanged(t, delta);
        return;
    case kActiveQueriesLevel:
        activeQueriesChanged(t, workload, delta);
        return;
    default:
        break; // a component's own level
    }
    OtherLevel& l = m_otherLevels.at(level - (kActiveQueriesLevel + 1));
    l.level += delta;
    l.average.update(t, static_cast<double>(l.level));
}

StatisticsSink::CounterId ModelStatistics::counter(std::string_view name)
{
    if (name == kQueriesDone)
        return kQueriesCounter;
    if (name == kProbeFailures)
        return kProbeFailuresCounter;
    for (std::size_t i = 0; i < m_otherCounters.size(); ++i)
        if (m_otherCounters[i].name == name)
            return kFirstOtherCounter + static_cast<CounterId>(i);
    m_otherCounters.push_back({std::string(name), 0});
    return kFirstOtherCounter + static_cast<CounterId>(m_otherCounters.size() - 1);
}

void ModelStatistics::counted(CounterId counter, SimTime t, std::uint32_t workload, std::uint64_t n)
{
    if (t < m_scenario.warmup) // as the request counts: what happens after warm-up
        return;
    switch (counter) {
    case kQueriesCounter:
        m_total.queries += n;
        if (Group* g = groupOf(workload))
            g->queries += n;
        return;
    case kProbeFailuresCounter:
        m_probeFailures += n;
        return;
    default:
        m_otherCounters.at(counter - kFirstOtherCounter).count += n;
        return;
    }
}

void ModelStatistics::instanceFailed(SimTime t, std::uint32_t instance, InstanceFailure cause)
{
    ++m_down;
    m_downLevel.update(t, static_cast<double>(m_down));
    m_downSeries.update(t, static_cast<double>(m_down));
    m_instanceDownBins[instance].update(t, 1.0);
    if (m_failureEvents.size() < kMaxRecordedFailures)
        m_failureEvents.push_back({t.seconds(), instance, cause});
    if (t < m_scenario.warmup)
        return;
    if (m_crashes++ == 0)
        m_firstCrashS = t.seconds();
    m_instanceFailed[instance] = 1;
}

void ModelStatistics::instanceRestarted(SimTime t, std::uint32_t instance)
{
    --m_down;
    m_downLevel.update(t, static_cast<double>(m_down));
    m_downSeries.update(t, static_cast<double>(m_down));
    m_instanceDownBins[instance].update(t, 0.0);
}

StatisticsSink::TallyId ModelStatistics::tally(std::string_view name)
{
    if (name == kQuerySlowdown)
        return kSlowdownTally;
    for (std::size_t i = 0; i < m_otherTallies.size(); ++i)
        if (m_otherTallies[i].name == name)
            return kSlowdownTally + 1 + static_cast<TallyId>(i);
    m_otherTallies.push_back({std::string(name), {}});
    return kSlowdownTally + static_cast<TallyId>(m_otherTallies.size());
}

void ModelStatistics::recorded(TallyId tally, SimTime t, std::uint32_t workload, double value)
{
    if (tally == kSlowdownTally)
        m_slowdownSeries.record(t, value); // the whole horizon, as every series
    if (t < m_scenario.warmup)
        return;
    if (tally != kSlowdownTally) {
        m_otherTallies.at(tally - kSlowdownTally - 1).values.add(value);
        return;
    }
    m_total.slowdown.add(value);
    if (Group* g = groupOf(workload))
        g->slowdown.add(value);
}

void ModelStatistics::warmupEnded(SimTime t)
{
    m_total.busy.restart(t, static_cast<double>(m_busy));
    m_total.waiters.restart(t, static_cast<double>(m_waiters));
    m_openLevel.restart(t, static_cast<double>(m_open));
    m_total.activeQueries.restart(t, static_cast<double>(m_activeQueries));
    m_downLevel.restart(t, static_cast<double>(m_down));
    for (Group& g : m_groups) {
        g.busy.restart(t, static_cast<double>(g.busyLevel));
        g.waiters.restart(t, static_cast<double>(g.waitersLevel));
        g.activeQueries.restart(t, static_cast<double>(g.activeQueriesLevel));
    }
    for (OtherLevel& l : m_otherLevels)
        l.average.restart(t, static_cast<double>(l.level));
}

void ModelStatistics::served(SimTime t, std::uint32_t workload, bool counted, SimTime wait, SimTime response,
                             double connectionSeconds)
{
    m_servedSeries.add(t);
    m_responseSeries.record(t, static_cast<std::uint64_t>(response.ticks()));
    if (!counted)
        return;
    const double waitS = wait.seconds(), responseS = response.seconds();
    countServed(m_total, wait, waitS, response, responseS, connectionSeconds);
    if (!m_single)
        countServed(m_groups[workload], wait, waitS, response, responseS, connectionSeconds);
}

void ModelStatistics::countServed(Group& g, SimTime wait, double waitS, SimTime response, double responseS,
                                  double connectionSeconds)
{
    ++g.served;
    if (wait > SimTime::zero())
        ++g.waited;
    g.wait.add(waitS);
    g.response.add(responseS);
    g.hold.add(connectionSeconds);
    g.waitHistogram.record(static_cast<std::uint64_t>(wait.ticks()));
    g.responseHistogram.record(static_cast<std::uint64_t>(response.ticks()));
}

void ModelStatistics::stillWaiting(std::uint32_t workload, SimTime waitSoFar)
{
    for (Group* g : {&m_total, m_single ? nullptr : &m_groups[workload]}) {
        if (!g)
            break;
        g->wait.add(waitSoFar.seconds());
        g->waitHistogram.record(static_cast<std::uint64_t>(waitSoFar.ticks()));
    }
}

void ModelStatistics::failed(SimTime t, std::uint32_t workload, bool counted, Failure failure)
{
    (failure == Failure::Timeout ? m_timeoutSeries : m_failureSeries).add(t);
    if (!counted)
        return;
    for (Group* g : {&m_total, m_single ? nullptr : &m_groups[workload]}) {
        if (!g)
            break;
        switch (failure) {
        case Failure::Timeout:
            ++g->timeouts;
            break;
        case Failure::ConnectFailure:
            ++g->connectFailures;
            break;
        case Failure::Refused:
            ++g->refused;
            break;
        case Failure::ClientTimeout:
            ++g->clientTimeouts;
            break;
        case Failure::Crashed:
            ++g->crashed;
            break;
        case Failure::Rejected:
            ++g->rejected;
            break;
        case Failure::Unavailable:
            ++g->unavailable;
            break;
        }
    }
}

void ModelStatistics::retried(std::uint32_t workload, bool counted)
{
    if (!counted)
        return;
    ++m_total.retries;
    if (!m_single)
        ++m_groups[workload].retries;
}

MetricValues ModelStatistics::metricsOf(const Group& g, SimTime horizon) const
{
    MetricValues m;
    const double failures = static_cast<double>(g.connectFailures + g.refused + g.clientTimeouts + g.crashed +
                                                g.rejected + g.unavailable);
    const double finished = static_cast<double>(g.served + g.timeouts) + failures;
    const double window = (horizon - m_scenario.warmup).seconds();
    m[Metric::Arrivals] = static_cast<double>(g.arrivals);
    m[Metric::Served] = static_cast<double>(g.served);
    m[Metric::Timeouts] = static_cast<double>(g.timeouts);
    m[Metric::Failures] = failures;
    m[Metric::TimeoutRatio] = finished > 0 ? static_cast<double>(g.timeouts) / finished : 0.0;
    m[Metric::WaitRatio] = g.served ? static_cast<double>(g.waited) / static_cast<double>(g.served) : 0.0;
    m[Metric::WaitMeanS] = g.wait.mean();
    m[Metric::WaitP50S] = seconds(g.waitHistogram.quantile(0.50));
    m[Metric::WaitP95S] = seconds(g.waitHistogram.quantile(0.95));
    m[Metric::WaitP99S] = seconds(g.waitHistogram.quantile(0.99));
    m[Metric::WaitMaxS] = seconds(g.waitHistogram.max());
    m[Metric::BusyMean] = g.busy.mean(horizon);
    m[Metric::UtilizationMean] = m[Metric::BusyMean] / m_poolTotal;
    // The busiest bin that lies wholly after warm-up (a single instant at 100% says little).
    const auto& bins = g.busyBins.means();
    const std::size_t firstBin =
        std::min(bins.size() ? bins.size() - 1 : 0,
                 static_cast<std::size_t>((m_scenario.warmup.ticks() + m_grid.width().ticks() - 1) /
                                          m_grid.width().ticks()));
    double peak = 0;
    for (std::size_t i = firstBin; i < bins.size(); ++i)
        peak = std::max(peak, bins[i]);
    m[Metric::UtilizationMax] = peak / m_poolTotal;
    m[Metric::WaitersMean] = g.waiters.mean(horizon);
    m[Metric::WaitersMax] = g.waiters.max();
    m[Metric::ThroughputPerS] = window > 0 ? static_cast<double>(g.served) / window : 0.0;
    m[Metric::ResponseP95S] = seconds(g.responseHistogram.quantile(0.95));
    m[Metric::ResponseP99S] = seconds(g.responseHistogram.quantile(0.99));
    m[Metric::Retries] = static_cast<double>(g.retries);
    m[Metric::ConnectFailures] = static_cast<double>(g.connectFailures);
    m[Metric::Refused] = static_cast<double>(g.refused);
    m[Metric::ResponseMeanS] = g.response.mean();
    m[Metric::HoldMeanS] = g.hold.mean();
    m[Metric::OpenMean] = m_openLevel.mean(horizon);
    m[Metric::Unfinished] = static_cast<double>(g.arrivals) - finished;
    m[Metric::DbActiveMean] = g.activeQueries.mean(horizon);
    m[Metric::DbActiveMax] = g.activeQueries.max();
    // No query ended: no slowdown measured (without a server the metric is never shown).
    m[Metric::DbSlowdownMean] = g.slowdown.count() ? g.slowdown.mean() : m_scenario.capacity ? kNaN : 0.0;
    m[Metric::DbThroughputPerS] = window > 0 ? static_cast<double>(g.queries) / window : 0.0;
    m[Metric::Crashed] = static_cast<double>(g.crashed);
    m[Metric::Rejected] = static_cast<double>(g.rejected);
    m[Metric::Unavailable] = static_cast<double>(g.unavailable);
    m[Metric::ClientTimeouts] = static_cast<double>(g.clientTimeouts);
    instanceMetrics(m, horizon);
    return m;
}

void ModelStatistics::instanceMetrics(MetricValues& m, SimTime horizon) const
{
    const double window = (horizon - m_scenario.warmup).seconds();
    m[Metric::Crashes] = static_cast<double>(m_crashes);
    m[Metric::CrashReplications] = m_crashes > 0 ? 1.0 : 0.0;
    // NaN in a replication without a failure: left out of the mean. Without the failure loop the
    // metric is never shown.
    m[Metric::FirstCrashS] = m_scenario.instancesCanFail() ? m_firstCrashS : 0.0;
    m[Metric::FailedInstances] =
        static_cast<double>(std::count(m_instanceFailed.begin(), m_instanceFailed.end(), 1));
    m[Metric::DowntimeS] = m_downLevel.mean(horizon) * window;
    m[Metric::Availability] =
        window > 0 ? 1.0 - m_downLevel.mean(horizon) / static_cast<double>(m_scenario.instances) : 1.0;
    m[Metric::ProbeFailures] = static_cast<double>(m_probeFailures);
}

ReplicationResult ModelStatistics::finish(SimTime horizon)
{
    // Bring every level up to the horizon, then close the bins.
    m_total.busy.update(horizon, static_cast<double>(m_busy));
    m_total.waiters.update(horizon, static_cast<double>(m_waiters));
    m_openLevel.update(horizon, static_cast<double>(m_open));
    m_total.activeQueries.update(horizon, static_cast<double>(m_activeQueries));
    m_downLevel.update(horizon, static_cast<double>(m_down));
    m_activeQueriesSeries.finish();
    m_total.busyBins.finish();
    m_waitersSeries.finish();
    m_openSeries.finish();
    m_waitSeries.finish();
    m_responseSeries.finish();
    for (Group& g : m_groups) {
        g.busy.update(horizon, static_cast<double>(g.busyLevel));
        g.waiters.update(horizon, static_cast<double>(g.waitersLevel));
        g.activeQueries.update(horizon, static_cast<double>(g.activeQueriesLevel));
        g.busyBins.finish();
    }

    ReplicationResult r;
    r.total = metricsOf(m_total, horizon);
    if (m_single)
        r.workloads.push_back(r.total);
    for (const Group& g : m_groups)
        r.workloads.push_back(metricsOf(g, horizon));
    const auto cdfOf = [](const Group& g) {
        std::vector<double> cdf(kWaitCdfPoints);
        for (std::size_t i = 0; i < kWaitCdfPoints; ++i)
            cdf[i] = kWaitCdfProbabilities[i] < 1.0
                         ? seconds(g.waitHistogram.quantile(kWaitCdfProbabilities[i]))
                         : seconds(g.waitHistogram.max());
        return cdf;
    };
    r.waitCdf = cdfOf(m_total);
    if (m_single)
        r.workloadWaitCdf.push_back(r.waitCdf);
    for (const Group& g : m_groups)
        r.workloadWaitCdf.push_back(cdfOf(g));

    const double toSeconds = 1.0 / static_cast<double>(SimTime::kTicksPerSecond);
    auto set = [&r](Series s, std::vector<double> v) {
        r.series[static_cast<std::size_t>(s)] = std::move(v);
    };
    set(Series::BusyMean, m_total.busyBins.means());
    set(Series::BusyMax, m_total.busyBins.maxima());
    set(Series::WaitersMean, m_waitersSeries.means());
    set(Series::WaitersMax, m_waitersSeries.maxima());
    set(Series::OpenMean, m_openSeries.means());
    set(Series::Arrivals, toDoubles(m_arrivalSeries.counts()));
    set(Series::Served, toDoubles(m_servedSeries.counts()));
    set(Series::Timeouts, toDoubles(m_timeoutSeries.counts()));
    set(Series::Failures, toDoubles(m_failureSeries.counts()));
    set(Series::WaitP50S, scaled(m_waitSeries.quantile(0), toSeconds));
    set(Series::WaitP95S, scaled(m_waitSeries.quantile(1), toSeconds));
    set(Series::WaitP99S, scaled(m_waitSeries.quantile(2), toSeconds));
    set(Series::ResponseP50S, scaled(m_responseSeries.quantile(0), toSeconds));
    set(Series::ResponseP95S, scaled(m_responseSeries.quantile(1), toSeconds));
    set(Series::ResponseP99S, scaled(m_responseSeries.quantile(2), toSeconds));
    set(Series::DbActiveMean, m_activeQueriesSeries.means());
    set(Series::DbActiveMax, m_activeQueriesSeries.maxima());
    set(Series::DbSlowdownMean, m_slowdownSeries.means());
    m_downSeries.finish();
    set(Series::InstancesDown, m_downSeries.means());
    if (m_scenario.instancesCanFail()) {
        for (engine::LevelSeries& bins : m_instanceDownBins) {
            bins.finish();
            r.instanceDown.push_back(bins.means());
        }
        r.instanceFailures = m_failureEvents;
    }
    for (OtherLevel& l : m_otherLevels) {
        l.average.update(horizon, static_cast<double>(l.level));
        r.componentMeasures.push_back({l.name, l.average.mean(horizon), l.average.max()});
    }
    for (const OtherCounter& c : m_otherCounters)
        r.componentMeasures.push_back({c.name, static_cast<double>(c.count), static_cast<double>(c.count)});
    for (const OtherTally& t : m_otherTallies)
        r.componentMeasures.push_back({t.name, t.values.mean(), t.values.max()});
    return r;
}

} // namespace poolsim::models
