#include "models/simulation.h"

#include "models/compiled_scenario.h"
#include "models/pool_model.h"

#include <algorithm>
#include <chrono>

namespace poolsim::models {

namespace {
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

SeriesBand band(const std::vector<const ReplicationResult*>& reps, std::size_t s)
{
    SeriesBand b;
    if (reps.empty())
        return b;
    const std::size_t bins = reps.front()->series[s].size();
    b.mean.assign(bins, 0);
    b.min.assign(bins, 0);
    b.max.assign(bins, 0);
    for (std::size_t i = 0; i < bins; ++i) {
        double sum = 0, lo = reps.front()->series[s][i], hi = lo;
        for (const ReplicationResult* r : reps) {
            const double x = r->series[s][i];
            sum += x;
            lo = std::min(lo, x);
            hi = std::max(hi, x);
        }
        b.mean[i] = sum / static_cast<double>(reps.size());
        b.min[i] = lo;
        b.max[i] = hi;
    }
    return b;
}
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
    engine::ReplicationRunner runner(options.threads);
    const auto started = std::chrono::steady_clock::now();
    const bool complete = runner.run(
        results.size(),
        [&](std::size_t rep, engine::ReplicationContext& context) {
            PoolModel model(compiled, rep);
            results[rep] = model.run(&context);
            finished[rep] = !context.stopRequested();
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
    }
    result->metrics = estimateAll(totals);
    for (std::size_t w = 0; w < scenario.workloads.size(); ++w) {
        std::vector<const MetricValues*> per;
        for (const ReplicationResult* r : done)
            per.push_back(&r->workloads[w]);
        result->workloadMetrics.push_back(estimateAll(per));
    }
    for (std::size_t s = 0; s < kSeriesCount; ++s)
        result->series[s] = band(done, s);
    return result;
}

} // namespace poolsim::models
