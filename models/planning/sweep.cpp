#include "models/planning/sweep.h"

#include "models/scenario/scenario_planning.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <mutex>
#include <stdexcept>

namespace poolsim::models {

namespace {

/// The most (point, replication) tasks one sweep may hand its threads.
constexpr std::size_t kMaxSweepTasks = 10'000'000;

/// With untilSlo, verdicts are judged after kMinSloReplications, then after rounds of a tenth
/// more (at least one): never more than about 10% past the first certain verdict, without
/// re-estimating every metric after every replication of a long run.
bool endsRound(std::size_t k)
{
    std::size_t end = kMinSloReplications;
    while (end < k)
        end += std::max<std::size_t>(1, end / 10);
    return end == k;
}

/// One point while the sweep runs.
struct PointState
{
    std::vector<std::string> values;
    std::size_t row = 0, column = 0;
    Scenario scenario;
    std::unique_ptr<ScenarioRun> run;
    std::shared_ptr<const RunResult> result;
    SloReport slo;
    bool stoppedEarly = false;
};

/// Per row, the first column known to meet the service levels (columns past it are not run).
class RowStops
{
public:
    explicit RowStops(std::size_t rows) : m_first(rows, kNone) {}
    void met(std::size_t row, std::size_t column)
    {
        std::lock_guard lock(m_mutex);
        m_first[row] = std::min(m_first[row], column);
    }
    bool pastStop(std::size_t row, std::size_t column) const
    {
        std::lock_guard lock(m_mutex);
        return column > m_first[row];
    }

private:
    static constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();
    mutable std::mutex m_mutex;
    std::vector<std::size_t> m_first;
};

} // namespace

std::vector<SweepParam> sweepParams(const Scenario& scenario, const std::vector<SweepParam>& requested)
{
    const std::vector<SweepParam>& params = requested.empty() ? scenario.sweep : requested;
    if (params.empty())
        throw std::invalid_argument(
            "nothing to sweep: give --param PATH=VALUES (such as pool.size=5:60:5), or a "
            "sweep: section in the scenario");
    if (params.size() > 2)
        throw std::invalid_argument("at most two parameters can be swept at once (a grid), got " +
                                    std::to_string(params.size()));
    if (params.size() == 2 && params[0].path == params[1].path)
        throw std::invalid_argument("'" + params[0].path + "' is swept twice");
    for (const SweepParam& p : params)
        if (p.values.empty())
            throw std::invalid_argument("'" + p.path + "' has no values to sweep");
    return params;
}

std::vector<std::vector<std::string>> sweepGrid(const std::vector<SweepParam>& params)
{
    std::vector<std::vector<std::string>> points;
    if (params.empty())
        return points;
    for (const std::string& outer : params[0].values) {
        if (params.size() == 1) {
            points.push_back({outer});
            continue;
        }
        for (const std::string& inner : params[1].values)
            points.push_back({outer, inner});
    }
    return points;
}

Scenario sweepPointScenario(const Scenario& base, const std::vector<SweepParam>& params,
                            const std::vector<std::string>& values, const std::string& label)
{
    std::vector<SettingChange> changes;
    for (std::size_t i = 0; i < params.size() && i < values.size(); ++i) {
        SettingChange c;
        c.path = params[i].path;
        c.value = values[i];
        changes.push_back(c);
    }
    return applySettings(base, changes, label);
}

SweepResult runSweep(const Scenario& base, const std::vector<SweepParam>& params, const SweepOptions& options,
                     engine::RunObserver* observer)
{
    if (params.empty() || params.size() > 2)
        throw std::invalid_argument("a sweep needs one or two parameters");
    if (options.untilSlo && base.slo.empty())
        throw std::invalid_argument("--until-slo needs service levels: the scenario has no slo: section");
    // A one-parameter sweep is one row; a grid has a row per value of its first parameter.
    const std::size_t rows = params.size() == 2 ? params[0].values.size() : 1;
    const std::size_t columns = params.back().values.size();
    if (rows > kMaxSweepPoints / columns)
        throw std::invalid_argument("the sweep has " + std::to_string(params[0].values.size()) +
                                    (params.size() == 2 ? " x " + std::to_string(columns) : std::string()) +
                                    " points; at most " + std::to_string(kMaxSweepPoints) +
                                    " can run at once");

    // Every point is made and compiled before anything runs: a bad value costs no time.
    std::vector<PointState> points;
    points.reserve(rows * columns); // stable addresses: each run refers to its point's scenario
    std::size_t index = 0;
    for (std::vector<std::string>& values : sweepGrid(params)) {
        PointState& p = points.emplace_back();
        p.row = index / columns;
        p.column = index % columns;
        ++index;
        p.scenario = sweepPointScenario(base, params, values, options.label);
        p.values = std::move(values);
    }
    for (PointState& p : points) {
        ScenarioRun::StopRule rule;
        if (options.untilSlo) {
            const std::vector<SloLimit>* limits = &p.scenario.slo;
            rule = [limits](std::size_t k, const ScenarioRun& run) {
                return k >= kMinSloReplications && endsRound(k) &&
                       evaluateSlo(*limits, run.estimatesOfFirst(k)).decided();
            };
        }
        p.run = std::make_unique<ScenarioRun>(p.scenario, options.run, std::move(rule));
        evaluateSlo(p.scenario.slo, p.run->estimatesOfFirst(0)); // a limit naming no workload throws now
    }
    std::size_t perPoint = 0;
    for (const PointState& p : points)
        perPoint = std::max(perPoint, p.run->requested());
    if (perPoint > kMaxSweepTasks / points.size())
        throw std::invalid_argument("the sweep asks for " + std::to_string(points.size()) + " points x " +
                                    std::to_string(perPoint) + " replications; at most " +
                                    std::to_string(kMaxSweepTasks) + " in all");

    RowStops stops(rows);
    const unsigned threads = engine::effectiveThreads(options.run.threads, options.run.group);
    const unsigned processes = options.run.group ? options.run.group->size() : 1;
    auto complete = [&](PointState& p) {
        auto result = p.run->finish(p.run->ranToEnd(), threads, p.run->elapsedSeconds());
        result->processes = processes;
        if (!options.keepSeries)
            result->series = {};
        p.slo = evaluateSlo(p.scenario.slo, *result);
        p.stoppedEarly =
            result->complete && static_cast<std::size_t>(result->replications) < p.run->requested();
        p.result = std::move(result);
        if (options.untilSlo && p.result->complete && p.slo.met())
            stops.met(p.row, p.column);
    };

    // Tasks in point order, then replication order: a point's replications are handed out
    // together, so few points are in progress at once and each is finished (its bands freed) early.
    const auto started = std::chrono::steady_clock::now();
    engine::SharedTasks tasks;
    tasks.count = points.size() * perPoint;
    tasks.wanted = [&](std::size_t task) {
        const PointState& p = points[task / perPoint];
        const std::size_t replication = task % perPoint;
        return replication < p.run->requested() && p.run->wanted(replication) &&
               !stops.pastStop(p.row, p.column);
    };
    tasks.run = [&](std::size_t task, engine::ReplicationContext& context, bool share) {
        PointState& p = points[task / perPoint];
        std::string bytes;
        if (p.run->runReplication(task % perPoint, context, share ? &bytes : nullptr))
            complete(p);
        return bytes;
    };
    tasks.takeIn = [&](std::size_t task, std::string_view bytes) {
        PointState& p = points[task / perPoint];
        if (p.run->takeInEncoded(task % perPoint, bytes))
            complete(p);
    };
    if (options.run.group && options.run.group->size() > 1) {
        tasks.identity = std::to_string(perPoint) + (options.untilSlo ? " until-slo" : "");
        for (const PointState& p : points)
            tasks.identity += "\n" + p.run->identity();
    }
    const bool ranAll = engine::runSharedTasks(tasks, options.run.threads, observer, options.run.group);

    SweepResult out;
    out.scenarioName = base.name;
    out.params = params;
    out.untilSlo = options.untilSlo;
    out.threads = threads;
    out.processes = processes;
    out.complete = ranAll;
    for (PointState& p : points) {
        if (stops.pastStop(p.row, p.column))
            continue;  // past its row's first point meeting the service levels
        if (!p.result) // the sweep was stopped before this point finished
            complete(p);
        out.complete = out.complete && p.result->complete;
        out.events += p.result->events;
        out.requests += p.result->requests;
        SweepPoint& q = out.points.emplace_back();
        q.values = std::move(p.values);
        q.row = p.row;
        q.column = p.column;
        q.result = std::move(p.result);
        q.requestedReplications = static_cast<std::int64_t>(p.run->requested());
        q.stoppedEarly = p.stoppedEarly;
        q.slo = std::move(p.slo);
        p.run.reset();
    }
    out.wallSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return out;
}

} // namespace poolsim::models
