#include "models/simulation.h"

#include "models/alerts.h"
#include "models/compiled_scenario.h"
#include "models/pool_model.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>

namespace poolsim::models {

namespace {
SeriesView viewOf(const std::array<std::vector<double>, kSeriesCount>& series)
{
    SeriesView view{};
    for (std::size_t s = 0; s < kSeriesCount; ++s)
        view[s] = &series[s];
    return view;
}

MetricEstimates estimateAll(const std::vector<const MetricValues*>& reps)
{
    MetricEstimates out;
    std::vector<double> v(reps.size());
    for (std::size_t m = 0; m < kMetricCount; ++m) {
        for (std::size_t i = 0; i < reps.size(); ++i)
            v[i] = reps[i]->values[m];
        out.values[m] = estimate(v);
    }
    return out;
}

/// Folds each replication's series into bands as replications finish, strictly in replication
/// order (the sums come out the same whatever the thread count), so that only the few that
/// finished out of order are held at once, not every replication's series.
class SeriesFolder
{
public:
    void add(std::size_t replication, bool use, std::array<std::vector<double>, kSeriesCount>&& series)
    {
        std::lock_guard lock(m_mutex);
        m_pending.emplace(replication, Pending{use, std::move(series)});
        for (auto it = m_pending.find(m_next); it != m_pending.end(); it = m_pending.find(++m_next)) {
            if (it->second.use)
                fold(it->second.series);
            m_pending.erase(it);
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
    struct Pending
    {
        bool use;
        std::array<std::vector<double>, kSeriesCount> series;
    };
    void fold(const std::array<std::vector<double>, kSeriesCount>& series)
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

    std::mutex m_mutex;
    std::map<std::size_t, Pending> m_pending;
    std::size_t m_next = 0;
    std::array<std::vector<double>, kSeriesCount> m_sum, m_min, m_max;
    std::array<std::vector<std::uint32_t>, kSeriesCount> m_count;
};
} // namespace

std::shared_ptr<const RunResult> runScenario(const Scenario& scenario, const RunOptions& options,
                                             engine::RunObserver* observer)
{
    CompiledScenario compiled = CompiledScenario::compile(scenario);
    if (options.seed)
        compiled.seed = *options.seed;
    const std::int64_t count = options.replications.value_or(scenario.effectiveReplications());
    if (count < 1)
        throw std::invalid_argument("replications must be >= 1");

    std::vector<ReplicationResult> results(static_cast<std::size_t>(count));
    std::vector<char> finished(results.size(), 0);
    const std::vector<AlertRule>& rules = effectiveAlertRules(scenario);
    const double poolTotal = static_cast<double>(compiled.poolSize) * static_cast<double>(compiled.instances);
    std::vector<std::atomic<std::int64_t>> fired(rules.size());
    SeriesFolder folder;
    engine::ReplicationRunner runner(options.threads);
    const auto started = std::chrono::steady_clock::now();
    const bool complete = runner.run(
        results.size(),
        [&](std::size_t rep, engine::ReplicationContext& context) {
            PoolModel model(compiled, rep);
            results[rep] = model.run(&context);
            finished[rep] = !context.stopRequested();
            if (finished[rep])
                for (std::size_t a = 0; a < rules.size(); ++a)
                    if (!evaluateAlert(rules[a], viewOf(results[rep].series), compiled.resolution.seconds(),
                                       compiled.warmup.seconds(), poolTotal)
                             .empty())
                        ++fired[a];
            folder.add(rep, finished[rep] != 0, std::move(results[rep].series));
        },
        observer);
    const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    auto result = std::make_shared<RunResult>();
    result->scenarioName = scenario.name;
    result->seed = compiled.seed;
    result->horizonS = compiled.horizon.seconds();
    result->warmupS = compiled.warmup.seconds();
    result->resolutionS = compiled.resolution.seconds();
    result->poolSizeTotal = static_cast<std::int64_t>(compiled.poolSize) * compiled.instances;
    result->complete = complete;
    result->threads = runner.threads();
    result->wallSeconds = wall;
    for (const Workload& w : scenario.workloads)
        result->workloadNames.push_back(w.name);

    // Estimates only over replications that ran to the horizon, in replication order.
    std::vector<const ReplicationResult*> done;
    for (std::size_t i = 0; i < results.size(); ++i) {
        result->events += results[i].events;
        result->requests += results[i].requests;
        if (finished[i])
            done.push_back(&results[i]);
    }
    result->replications = static_cast<std::int64_t>(done.size());
    std::vector<const MetricValues*> totals;
    for (const ReplicationResult* r : done) {
        totals.push_back(&r->total);
        result->replicationMetrics.push_back(r->total);
        result->replicationWorkloadMetrics.push_back(r->workloads);
    }
    result->metrics = estimateAll(totals);
    for (std::size_t w = 0; w < scenario.workloads.size(); ++w) {
        std::vector<const MetricValues*> per;
        for (const ReplicationResult* r : done)
            per.push_back(&r->workloads[w]);
        result->workloadMetrics.push_back(estimateAll(per));
    }
    result->series = folder.bands();
    result->slo = scenario.slo;
    std::array<std::vector<double>, kSeriesCount> means;
    for (std::size_t s = 0; s < kSeriesCount; ++s)
        means[s] = result->series[s].mean;
    for (std::size_t a = 0; a < rules.size(); ++a)
        result->alerts.push_back({rules[a],
                                  evaluateAlert(rules[a], viewOf(means), result->resolutionS, result->warmupS, poolTotal),
                                  fired[a].load()});
    return result;
}

} // namespace poolsim::models
