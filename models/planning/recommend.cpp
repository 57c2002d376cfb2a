// `poolsim recommend`: the search for the smallest pool meeting the service levels (with a
// database server, for the range that meets: size_search.h), and the simulations that judge
// the rules of thumb and the alternatives to a broken budget.
#include "models/planning/recommend.h"

#include "models/planning/size_search.h"
#include "models/scenario/scenario_planning.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

namespace poolsim::models {

namespace {

constexpr std::int64_t kLargestPoolSize = 100'000;            // pool.size's own limit
constexpr std::int64_t kLargestConnectionsInAll = 10'000'000; // instances x pool.size

SettingChange change(const std::string& path, std::int64_t value)
{
    SettingChange c;
    c.path = path;
    c.value = std::to_string(value);
    return c;
}

/// Runs (instances, size) once, however often it is asked for.
class Prober
{
public:
    Prober(const Scenario& base, const RecommendOptions& options, engine::RunObserver* observer,
           std::vector<Probe>& probes)
        : m_base(base), m_options(options), m_observer(observer), m_probes(probes)
    {
    }

    /// The largest pool per instance a simulation of `instances` instances can hold.
    static std::int64_t largestSize(std::int64_t instances)
    {
        return std::min(kLargestPoolSize, kLargestConnectionsInAll / instances);
    }

    std::size_t at(std::int64_t instances, std::int64_t size, const std::string& purpose)
    {
        const auto key = std::make_pair(instances, size);
        if (const auto it = m_memo.find(key); it != m_memo.end())
            return it->second;
        std::vector<SettingChange> changes{change("pool.size", size)};
        if (m_options.instances || instances != m_base.backend.effectiveInstances())
            changes.push_back(change("backend.instances", instances));
        Scenario s = applySettings(m_base, changes,
                                   "recommend (pool.size=" + std::to_string(size) +
                                       ", backend.instances=" + std::to_string(instances) + ")");
        // The search asks what the traffic needs; the database's limit is weighed afterwards as
        // the budget. Left in, it would cap every larger pool at the same connections and hide
        // the size that is needed behind refusals.
        s.database.maxConnections.reset();
        Probe p;
        p.instances = instances;
        p.poolSize = size;
        p.purpose = purpose;
        p.result = runScenario(s, m_options.run, m_observer);
        if (!p.result->complete)
            throw RecommendInterrupted("stopped while simulating pool.size " + std::to_string(size) +
                                       " with " + std::to_string(instances) + " instance(s)");
        p.slo = evaluateSlo(m_base.slo, *p.result);
        m_probes.push_back(std::move(p));
        m_memo.emplace(key, m_probes.size() - 1);
        return m_probes.size() - 1;
    }

    const Probe& operator[](std::size_t i) const { return m_probes[i]; }

private:
    const Scenario& m_base;
    const RecommendOptions& m_options;
    engine::RunObserver* m_observer;
    std::vector<Probe>& m_probes;
    std::map<std::pair<std::int64_t, std::int64_t>, std::size_t> m_memo;
};

std::size_t checksMet(const Probe& p)
{
    return static_cast<std::size_t>(
        std::count_if(p.slo.checks.begin(), p.slo.checks.end(), [](const SloCheck& c) { return c.met; }));
}

/// Gallops from `start` (up by doubling the size, or down by doubling steps) to bracket the
/// smallest size in [minSize, maxSize] that meets the service levels, then bisects.
SizeSearch searchSmallest(Prober& prober, std::int64_t instances, std::int64_t minSize, std::int64_t maxSize,
                          std::int64_t start, const std::string& purpose)
{
    SizeSearch s;
    s.instances = instances;
    s.minSize = minSize;
    s.maxSize = maxSize;
    s.start = std::clamp(start, minSize, maxSize);
    auto meets = [&](std::int64_t size) {
        const std::size_t i = prober.at(instances, size, purpose);
        if (std::find(s.probes.begin(), s.probes.end(), i) == s.probes.end())
            s.probes.push_back(i);
        return prober[i].met();
    };

    // Sizes below minSize cannot run: count them as missing.
    std::int64_t missed = minSize - 1, met = 0;
    if (meets(s.start)) {
        met = s.start;
        for (std::int64_t step = 1; met > minSize; step *= 2) {
            const std::int64_t size = std::max(minSize, s.start - step);
            if (!meets(size)) {
                missed = size;
                break;
            }
            met = size;
        }
    } else {
        missed = s.start;
        while (missed < maxSize) {
            const std::int64_t size = std::min(maxSize, missed * 2);
            if (meets(size)) {
                met = size;
                break;
            }
            missed = size;
        }
    }
    if (met == 0) {
        // None met: the best is the one meeting the most limits, the larger on a tie.
        s.best = *std::max_element(s.probes.begin(), s.probes.end(), [&](std::size_t a, std::size_t b) {
            const std::size_t ma = checksMet(prober[a]), mb = checksMet(prober[b]);
            return ma != mb ? ma < mb : prober[a].poolSize < prober[b].poolSize;
        });
        return s;
    }
    while (met - missed > 1) {
        const std::int64_t mid = missed + (met - missed) / 2;
        if (meets(mid))
            met = mid;
        else
            missed = mid;
    }
    s.found = true;
    s.poolSize = met;
    s.best = prober.at(instances, met, purpose);
    return s;
}

/// With a database server, where a pool can be too big (size_search.h): the smallest size that
/// meets and, with wholeRange, the largest and the one with the lowest response p99.
SizeSearch searchWithServer(Prober& prober, std::int64_t instances, std::int64_t minSize,
                            std::int64_t maxSize, std::int64_t start, const std::string& purpose,
                            bool wholeRange)
{
    SizeSearch s;
    s.instances = instances;
    s.minSize = minSize;
    s.maxSize = maxSize;
    s.start = std::clamp(start, minSize, maxSize);
    const SizeProbe probe = [&](std::int64_t size) {
        const std::size_t i = prober.at(instances, size, purpose);
        if (std::find(s.probes.begin(), s.probes.end(), i) == s.probes.end())
            s.probes.push_back(i);
        const Probe& p = prober[i];
        return SizeVerdict{p.met(), sloShortfall(p.slo), p.result->metrics[Metric::ResponseP99S].mean};
    };
    const MeetingRange range = searchMeetingRange(probe, minSize, maxSize, s.start, wholeRange);
    if (!range.smallest) {
        // None met: the best is the one meeting the most limits, then the one nearest to
        // meeting them (the larger, as without a server, could be an overloaded server).
        s.best = *std::min_element(s.probes.begin(), s.probes.end(), [&](std::size_t a, std::size_t b) {
            const std::size_t ma = checksMet(prober[a]), mb = checksMet(prober[b]);
            if (ma != mb)
                return ma > mb;
            const double sa = sloShortfall(prober[a].slo), sb = sloShortfall(prober[b].slo);
            return sa != sb ? sa < sb : prober[a].poolSize < prober[b].poolSize;
        });
        return s;
    }
    s.found = true;
    s.poolSize = *range.smallest;
    s.best = prober.at(instances, s.poolSize, purpose);
    s.largestPoolSize = range.largest;
    s.bestPoolSize = range.best;
    return s;
}

std::int64_t startingSize(const Scenario& scenario, std::int64_t instances)
{
    const double load = offeredLoadPerInstance(scenario, instances);
    return static_cast<std::int64_t>(std::min(std::ceil(load), static_cast<double>(kLargestPoolSize)));
}

void judgeRule(RuleOfThumb& rule, Prober& prober, std::int64_t instances, std::int64_t minSize,
               const char* purpose)
{
    if (!rule.applicable)
        return;
    if (rule.poolSize < minSize)
        rule.note = "below the smallest pool the scenario allows (" + std::to_string(minSize) + ")";
    else if (rule.poolSize > Prober::largestSize(instances))
        rule.note = "more connections than a simulation can hold";
    else
        rule.probe = prober.at(instances, rule.poolSize, purpose);
}

BudgetAlternatives budgetAlternatives(const Scenario& scenario, const RecommendOptions& options,
                                      Prober& prober, std::int64_t instances, std::int64_t minSize,
                                      std::int64_t budget)
{
    BudgetAlternatives alt;
    // (a) Fewer, larger pools need fewer connections in all for the same traffic. The first
    // instance count from the top whose pool within its share of the budget meets the limits.
    for (std::int64_t i = instances - 1; i >= 1; --i) {
        ++alt.instanceCountsTried;
        const std::int64_t cap = std::min({options.maxPool, Prober::largestSize(i), budget / i});
        if (cap < minSize)
            continue;
        if (scenario.database.capacity) {
            // With a server the largest pool can miss while a smaller one meets: search them all.
            SizeSearch found = searchWithServer(prober, i, minSize, cap, startingSize(scenario, i),
                                                "fewer instances", false);
            if (!found.found)
                continue;
            alt.fewerInstances = std::move(found);
            break;
        }
        // The largest pool that fits decides whether any does; only then search below it.
        if (!prober[prober.at(i, cap, "fewer instances")].met())
            continue;
        alt.fewerInstances =
            searchSmallest(prober, i, minSize, cap, startingSize(scenario, i), "fewer instances");
        break;
    }
    // (b) Keep the instances, cap the pools at their share of the budget: longer waits.
    alt.largestPool = budget / instances;
    if (alt.largestPool >= minSize)
        alt.largestPoolProbe = prober.at(instances, alt.largestPool, "largest pool within the budget");
    else
        alt.note = "the budget's share per instance, " + std::to_string(alt.largestPool) +
                   ", is below the smallest pool the scenario allows (" + std::to_string(minSize) + ")";
    return alt;
}

} // namespace

Recommendation recommendPoolSize(const Scenario& scenario, const RecommendOptions& options,
                                 engine::RunObserver* observer)
{
    if (scenario.slo.empty())
        throw std::invalid_argument(
            "the scenario has no service levels to size the pool for: add an slo: section, "
            "such as slo: {wait_p95: 1s, timeout_ratio: 0}");
    const std::int64_t instances = options.instances.value_or(scenario.backend.effectiveInstances());
    if (instances < 1)
        throw std::invalid_argument("--instances must be at least 1, got " + std::to_string(instances));
    if (options.maxPool < 1)
        throw std::invalid_argument("--max-pool must be at least 1, got " + std::to_string(options.maxPool));
    const std::int64_t minSize = smallestAllowedPoolSize(scenario);
    const std::int64_t maxSize = std::min(options.maxPool, Prober::largestSize(instances));
    if (minSize > maxSize)
        throw std::invalid_argument("no pool size to try: the scenario needs at least " +
                                    std::to_string(minSize) +
                                    " (pool.min_idle, or the connections one request takes) but at most " +
                                    std::to_string(maxSize) + " may be tried (--max-pool)");

    Recommendation rec;
    rec.scenarioName = scenario.name;
    rec.slo = scenario.slo;
    Prober prober(scenario, options, observer, rec.probes);
    rec.search = scenario.database.capacity
                     ? searchWithServer(prober, instances, minSize, maxSize,
                                        startingSize(scenario, instances), "search", true)
                     : searchSmallest(prober, instances, minSize, maxSize, startingSize(scenario, instances),
                                      "search");
    rec.replications = rec.probes.front().result->replications;
    rec.seed = rec.probes.front().result->seed;

    rec.usersRule = usersRule(scenario);
    judgeRule(rec.usersRule, prober, instances, minSize, "users rule");
    rec.hikariRule = hikariRule(scenario, instances);
    judgeRule(rec.hikariRule, prober, instances, minSize, "HikariCP rule");

    rec.database =
        databaseBudget(scenario, rec.found() ? std::optional(rec.search.poolSize * instances) : std::nullopt);
    if (rec.database.fits && !*rec.database.fits)
        rec.alternatives =
            budgetAlternatives(scenario, options, prober, instances, minSize, *rec.database.budget);

    rec.deadlocks = deadlockWarnings(scenario);
    return rec;
}

} // namespace poolsim::models
