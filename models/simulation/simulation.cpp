#include "models/simulation/simulation.h"

#include "models/results/alerts.h"
#include "models/scenario/scenario_yaml.h"
#include "models/simulation/replication_model.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace poolsim::models {

namespace {
using SeriesSet = std::array<std::vector<double>, kSeriesCount>;

SeriesView viewOf(const SeriesSet& series)
{
    SeriesView view{};
    for (std::size_t s = 0; s < kSeriesCount; ++s)
        view[s] = &series[s];
    return view;
}

MetricEstimates estimateAll(const std::vector<const MetricValues*>& reps)
{
    // A NaN is a replication with nothing to measure (no query ended, no instance failed):
    // the estimate is over the replications that had something.
    MetricEstimates out;
    std::vector<double> v;
    v.reserve(reps.size());
    for (std::size_t m = 0; m < kMetricCount; ++m) {
        v.clear();
        for (const MetricValues* rep : reps)
            if (!std::isnan(rep->values[m]))
                v.push_back(rep->values[m]);
        out.values[m] = estimate(v);
    }
    return out;
}
} // namespace

/// Sums, minima and maxima per bin of the series folded so far, to give the bands; folding in
/// replication order makes the sums the same whatever the thread count.
class SeriesFolder
{
public:
    void fold(const SeriesSet& series)
    {
        for (std::size_t s = 0; s < kSeriesCount; ++s) {
            const auto& v = series[s];
            if (m_sum[s].empty()) {
                m_sum[s].assign(v.size(), 0);
                m_count[s].assign(v.size(), 0);
                m_min[s].assign(v.size(), kNaN);
                m_max[s].assign(v.size(), kNaN);
            }
            // A NaN bin (no waits to take percentiles of) is left out of that bin's band.
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (std::isnan(v[i]))
                    continue;
                m_sum[s][i] += v[i];
                ++m_count[s][i];
                m_min[s][i] = std::isnan(m_min[s][i]) ? v[i] : std::min(m_min[s][i], v[i]);
                m_max[s][i] = std::isnan(m_max[s][i]) ? v[i] : std::max(m_max[s][i], v[i]);
            }
        }
    }

    std::array<SeriesBand, kSeriesCount> bands() const
    {
        std::array<SeriesBand, kSeriesCount> out;
        for (std::size_t s = 0; s < kSeriesCount; ++s) {
            const std::size_t bins = m_sum[s].size();
            out[s].mean.resize(bins);
            out[s].min = m_min[s];
            out[s].max = m_max[s];
            for (std::size_t i = 0; i < bins; ++i)
                out[s].mean[i] = m_count[s][i] ? m_sum[s][i] / static_cast<double>(m_count[s][i]) : kNaN;
        }
        return out;
    }

private:
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    SeriesSet m_sum, m_min, m_max;
    std::array<std::vector<std::uint32_t>, kSeriesCount> m_count;
};

namespace {
/// Adds `v` into `sum` element by element (sizing `sum` on first use).
void accumulate(std::vector<double>& sum, const std::vector<double>& v)
{
    if (sum.empty())
        sum.assign(v.size(), 0.0);
    for (std::size_t i = 0; i < v.size() && i < sum.size(); ++i)
        sum[i] += v[i];
}
} // namespace

ScenarioRun::ScenarioRun(const Scenario& scenario, const RunOptions& options, StopRule stopRule)
    : m_scenario(scenario), m_compiled(CompiledScenario::compile(scenario)), m_stopRule(std::move(stopRule)),
      m_alertRules(effectiveAlertRules(scenario)), m_folder(std::make_unique<SeriesFolder>())
{
    if (options.seed)
        m_compiled.seed = *options.seed;
    const std::int64_t count = options.replications.value_or(scenario.effectiveReplications());
    if (count < 1)
        throw std::invalid_argument("replications must be >= 1");
    m_requested = static_cast<std::size_t>(count);
    m_limit = m_requested;
    m_records.resize(m_requested);
    m_poolTotal = static_cast<double>(m_compiled.poolSize) * static_cast<double>(m_compiled.instances);
}

ScenarioRun::~ScenarioRun() = default;

std::string ScenarioRun::identity() const
{
    return saveScenarioText(m_scenario) + "\nseed " + std::to_string(m_compiled.seed) + "\nreplications " +
           std::to_string(m_requested);
}

bool ScenarioRun::wanted(std::size_t replication) const
{
    std::lock_guard lock(m_mutex);
    return replication < m_limit && !m_finished;
}

ReplicationOutcome ScenarioRun::simulate(std::size_t replication, engine::ReplicationContext& context)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_started)
            m_started = std::chrono::steady_clock::now();
    }
    ReplicationModel model(m_compiled, replication);
    ReplicationResult result = model.run(&context);
    ReplicationOutcome out;
    out.ranToEnd = !context.stopRequested();
    out.total = result.total;
    out.workloads = std::move(result.workloads);
    out.events = result.events;
    out.requests = result.requests;
    out.waitCdf = std::move(result.waitCdf);
    out.workloadWaitCdf = std::move(result.workloadWaitCdf);
    out.instanceDown = std::move(result.instanceDown);
    out.instanceFailures = std::move(result.instanceFailures);
    if (out.ranToEnd)
        for (const AlertRule& rule : m_alertRules)
            out.fired.push_back(evaluateAlert(rule, viewOf(result.series), m_compiled.resolution.seconds(),
                                              m_compiled.warmup.seconds(), m_poolTotal,
                                              m_compiled.horizon.seconds())
                                        .empty()
                                    ? 0
                                    : 1);
    out.series = std::move(result.series);
    return out;
}

bool ScenarioRun::takeIn(std::size_t replication, ReplicationOutcome&& outcome)
{
    std::lock_guard lock(m_mutex);
    if (m_finished || replication >= m_limit)
        return false; // run past where the stop rule ended the run: left out
    takeInLocked(replication, std::make_unique<ReplicationOutcome>(std::move(outcome)));
    return m_inOrder == m_limit; // true once: each wanted replication comes in once
}

void ScenarioRun::takeInLocked(std::size_t replication, std::unique_ptr<ReplicationOutcome> record)
{
    // Series of a replication that did not run to the horizon are never folded: drop them now.
    m_pendingSeries.emplace(replication, record->ranToEnd ? std::move(record->series) : SeriesSet{});
    record->series = {};
    m_records[replication] = std::move(record);
    for (auto it = m_pendingSeries.find(m_inOrder); it != m_pendingSeries.end() && m_inOrder < m_limit;
         it = m_pendingSeries.find(m_inOrder)) {
        ReplicationOutcome& next = *m_records[m_inOrder];
        if (next.ranToEnd) {
            m_folder->fold(it->second);
            m_instanceDownSum.resize(next.instanceDown.size());
            for (std::size_t i = 0; i < next.instanceDown.size(); ++i)
                accumulate(m_instanceDownSum[i], next.instanceDown[i]);
        }
        next.instanceDown = {};
        m_pendingSeries.erase(it);
        m_prefixRanToEnd = m_prefixRanToEnd && next.ranToEnd;
        ++m_inOrder;
        if (m_stopRule && m_prefixRanToEnd && m_inOrder < m_limit && m_stopRule(m_inOrder, *this)) {
            m_limit = m_inOrder;
            // Replications past the stop that came in early: left out.
            m_pendingSeries.erase(m_pendingSeries.lower_bound(m_limit), m_pendingSeries.end());
            for (std::size_t r = m_limit; r < m_records.size(); ++r)
                m_records[r].reset();
        }
    }
}

RunResult ScenarioRun::estimatesOfFirst(std::size_t k) const
{
    RunResult r;
    r.scenarioName = m_scenario.name;
    r.seed = m_compiled.seed;
    r.parts = m_compiled.parts();
    for (const Workload& w : m_scenario.workloads)
        r.workloadNames.push_back(w.name);
    std::vector<const MetricValues*> totals;
    for (std::size_t i = 0; i < k && i < m_records.size(); ++i)
        if (m_records[i] && m_records[i]->ranToEnd)
            totals.push_back(&m_records[i]->total);
    r.replications = static_cast<std::int64_t>(totals.size());
    r.metrics = estimateAll(totals);
    for (std::size_t w = 0; w < r.workloadNames.size(); ++w) {
        std::vector<const MetricValues*> per;
        for (std::size_t i = 0; i < k && i < m_records.size(); ++i)
            if (m_records[i] && m_records[i]->ranToEnd)
                per.push_back(&m_records[i]->workloads[w]);
        r.workloadMetrics.push_back(estimateAll(per));
    }
    r.slo = m_scenario.slo;
    return r;
}

bool ScenarioRun::ranToEnd() const
{
    std::lock_guard lock(m_mutex);
    return m_inOrder == m_limit && m_prefixRanToEnd;
}

double ScenarioRun::elapsedSeconds() const
{
    std::lock_guard lock(m_mutex);
    return m_started ? std::chrono::duration<double>(std::chrono::steady_clock::now() - *m_started).count()
                     : 0.0;
}

std::shared_ptr<RunResult> ScenarioRun::finish(bool complete, unsigned threads, double wallSeconds)
{
    std::lock_guard lock(m_mutex);
    m_finished = true;
    auto result = std::make_shared<RunResult>(estimatesOfFirst(m_limit));
    result->horizonS = m_compiled.horizon.seconds();
    result->warmupS = m_compiled.warmup.seconds();
    result->resolutionS = m_compiled.resolution.seconds();
    result->poolSizeTotal = static_cast<std::int64_t>(m_compiled.poolSize) * m_compiled.instances;
    result->complete = complete;
    result->threads = threads;
    result->wallSeconds = wallSeconds;

    // Per replication in replication order, over those that ran to the horizon; the engine's
    // counts over every replication taken in (a stopped one's too).
    std::vector<std::int64_t> fired(m_alertRules.size(), 0);
    for (std::size_t i = 0; i < m_limit; ++i) {
        const ReplicationOutcome* r = m_records[i].get();
        if (!r)
            continue;
        result->events += r->events;
        result->requests += r->requests;
        if (!r->ranToEnd)
            continue;
        result->replicationMetrics.push_back(r->total);
        result->replicationWorkloadMetrics.push_back(r->workloads);
        for (std::size_t a = 0; a < fired.size(); ++a)
            fired[a] += r->fired[a];
        accumulate(result->waitCdfS, r->waitCdf);
        if (m_compiled.instancesCanFail())
            result->replicationFailures.push_back(r->instanceFailures);
        result->workloadWaitCdfS.resize(r->workloadWaitCdf.size());
        for (std::size_t w = 0; w < r->workloadWaitCdf.size(); ++w)
            accumulate(result->workloadWaitCdfS[w], r->workloadWaitCdf[w]);
    }
    const double taken = static_cast<double>(result->replicationMetrics.size());
    for (double& v : result->waitCdfS)
        v /= taken;
    for (std::vector<double>& cdf : result->workloadWaitCdfS)
        for (double& v : cdf)
            v /= taken;
    result->instanceDownShare = std::move(m_instanceDownSum);
    for (std::vector<double>& lane : result->instanceDownShare)
        for (double& v : lane)
            v /= taken;
    result->series = m_folder->bands();
    // What the result now holds is freed here, not when the run is destroyed: a sweep keeps
    // its points' runs until every point is done.
    m_folder.reset();
    m_pendingSeries.clear();
    m_records.clear();
    m_records.shrink_to_fit();
    SeriesSet means;
    for (std::size_t s = 0; s < kSeriesCount; ++s)
        means[s] = result->series[s].mean;
    for (std::size_t a = 0; a < m_alertRules.size(); ++a)
        result->alerts.push_back({m_alertRules[a],
                                  evaluateAlert(m_alertRules[a], viewOf(means), result->resolutionS,
                                                result->warmupS, m_poolTotal, result->horizonS),
                                  fired[a]});
    return result;
}

std::shared_ptr<const RunResult> runScenario(const Scenario& scenario, const RunOptions& options,
                                             engine::RunObserver* observer)
{
    ScenarioRun run(scenario, options);
    engine::SharedTasks tasks;
    tasks.count = run.requested();
    tasks.wanted = [&](std::size_t rep) { return run.wanted(rep); };
    tasks.run = [&](std::size_t rep, engine::ReplicationContext& context, bool share) {
        std::string bytes;
        run.runReplication(rep, context, share ? &bytes : nullptr);
        return bytes;
    };
    tasks.takeIn = [&](std::size_t rep, std::string_view bytes) { run.takeInEncoded(rep, bytes); };
    if (options.group && options.group->size() > 1)
        tasks.identity = run.identity();
    const auto started = std::chrono::steady_clock::now();
    const bool complete = engine::runSharedTasks(tasks, options.threads, observer, options.group);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    auto result = run.finish(complete, engine::effectiveThreads(options.threads, options.group), wall);
    result->processes = options.group ? options.group->size() : 1;
    return result;
}

} // namespace poolsim::models
