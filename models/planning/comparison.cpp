#include "models/planning/comparison.h"

#include "models/results/result_json.h"
#include "models/scenario/scenario_planning.h"

#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

namespace poolsim::models {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Progress of one run among `count`, reported as a share of all of them.
class SpanObserver : public engine::RunObserver
{
public:
    SpanObserver(engine::RunObserver& outer, std::size_t count) : m_outer(outer), m_count(count) {}
    void startRun(std::size_t index, std::uint64_t eventsBefore)
    {
        m_index = index;
        m_eventsBefore = eventsBefore;
    }
    void progress(double fraction, std::uint64_t events) override
    {
        m_outer.progress((static_cast<double>(m_index) + fraction) / static_cast<double>(m_count),
                         m_eventsBefore + events);
    }
    bool stopRequested() override { return m_outer.stopRequested(); }

private:
    engine::RunObserver& m_outer;
    std::size_t m_count;
    std::size_t m_index = 0;
    std::uint64_t m_eventsBefore = 0;
};

const Variant* variantNamed(const Scenario& base, const std::string& name)
{
    for (const Variant& v : base.variants)
        if (v.name == name)
            return &v;
    return nullptr;
}

bool setsSeed(const Variant* variant)
{
    return variant && std::any_of(variant->set.begin(), variant->set.end(),
                                  [](const SettingChange& c) { return c.path == "seed"; });
}

bool significant(const Difference& d)
{
    return std::isfinite(d.mean) && std::isfinite(d.ci95) && (d.mean - d.ci95 > 0 || d.mean + d.ci95 < 0);
}

std::vector<double> finite(const std::vector<double>& values)
{
    std::vector<double> out;
    for (const double v : values)
        if (std::isfinite(v))
            out.push_back(v);
    return out;
}

/// One metric's values across the given replications.
std::vector<double> column(const std::vector<const MetricValues*>& reps, std::size_t metric)
{
    std::vector<double> out;
    out.reserve(reps.size());
    for (const MetricValues* r : reps)
        out.push_back(r->values[metric]);
    return out;
}

MetricDifferences differences(const std::vector<const MetricValues*>& baseline,
                              const std::vector<const MetricValues*>& other, ComparisonMethod method)
{
    MetricDifferences out;
    for (std::size_t m = 0; m < kMetricCount; ++m) {
        const std::vector<double> a = column(baseline, m), b = column(other, m);
        out.values[m] = method == ComparisonMethod::Paired ? pairedDifference(a, b) : welchDifference(a, b);
    }
    return out;
}

nlohmann::ordered_json number(double v)
{
    if (!std::isfinite(v))
        return nullptr;
    return v;
}

nlohmann::ordered_json differencesJson(const MetricDifferences& d, ModelParts parts)
{
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (std::size_t m = 0; m < kMetricCount; ++m)
        if (applies(static_cast<Metric>(m), parts))
            j[std::string(kMetricNames[m])] = {{"mean", number(d.values[m].mean)},
                                               {"ci95", number(d.values[m].ci95)},
                                               {"significant", d.values[m].significant}};
    return j;
}

} // namespace

std::vector<std::string> variantNames(const Scenario& base)
{
    std::vector<std::string> names;
    for (const Variant& v : base.variants)
        names.push_back(v.name);
    return names;
}

Scenario resolveVariant(const Scenario& base, const std::string& name)
{
    if (const Variant* v = variantNamed(base, name))
        return scenarioVariant(base, *v);
    if (name == kBaseVariantName)
        return base;
    std::string known;
    for (const Variant& v : base.variants)
        known += (known.empty() ? "" : ", ") + v.name;
    throw std::invalid_argument("no variant named '" + name + "' in the scenario (" +
                                (known.empty() ? std::string("it has none") : "it has " + known) +
                                "; 'base' is the scenario as written)");
}

std::uint64_t sharedSeed(const Scenario& base, const RunOptions& options)
{
    return options.seed.value_or(base.effectiveSeed());
}

std::vector<VariantRun> runVariants(const Scenario& base, const std::vector<std::string>& names,
                                    const RunOptions& options, engine::RunObserver* observer)
{
    const std::uint64_t seed = sharedSeed(base, options);
    std::vector<VariantRun> runs;
    std::vector<bool> ownSeed;
    for (const std::string& name : names) {
        VariantRun run;
        run.name = name;
        run.scenario = resolveVariant(base, name);
        const Variant* v = variantNamed(base, name);
        run.description = v ? v->description : std::string("the scenario as written");
        if (v)
            run.changes = v->set;
        ownSeed.push_back(setsSeed(v));
        runs.push_back(std::move(run));
    }

    std::optional<SpanObserver> span;
    if (observer)
        span.emplace(*observer, runs.size());
    std::uint64_t eventsBefore = 0;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        VariantRun& run = runs[i];
        RunOptions o = options;
        // Every variant on the same seed, whatever its own scenario says, unless its changes set
        // one: that is a deliberate request for independent random numbers.
        o.seed = ownSeed[i] ? run.scenario.effectiveSeed() : seed;
        run.commonRandomNumbers = *o.seed == seed;
        if (span)
            span->startRun(i, eventsBefore);
        run.result = runScenario(run.scenario, o, span ? &*span : nullptr);
        eventsBefore += run.result->events;
        if (!run.result->complete) {
            runs.resize(i + 1);
            break;
        }
    }
    return runs;
}

std::string_view methodName(ComparisonMethod method)
{
    return method == ComparisonMethod::Paired ? "paired" : "welch";
}

Difference pairedDifference(const std::vector<double>& baseline, const std::vector<double>& other)
{
    if (baseline.size() != other.size())
        throw std::invalid_argument("paired differences need as many values on each side");
    std::vector<double> d;
    for (std::size_t i = 0; i < baseline.size(); ++i)
        if (std::isfinite(baseline[i]) && std::isfinite(other[i]))
            d.push_back(other[i] - baseline[i]);
    const Estimate e = estimate(d);
    Difference out{e.mean, e.ci95, false};
    out.significant = significant(out);
    return out;
}

Difference welchDifference(const std::vector<double>& baseline, const std::vector<double>& other)
{
    const std::vector<double> a = finite(baseline), b = finite(other);
    Difference out{kNaN, kNaN, false};
    if (a.empty() || b.empty())
        return out;
    const Estimate ea = estimate(a), eb = estimate(b);
    out.mean = eb.mean - ea.mean;
    if (a.size() < 2 || b.size() < 2)
        return out;
    const auto varianceOfMean = [](const std::vector<double>& v, double mean) {
        double ss = 0;
        for (const double x : v)
            ss += (x - mean) * (x - mean);
        const auto n = static_cast<double>(v.size());
        return ss / (n - 1) / n;
    };
    const double va = varianceOfMean(a, ea.mean), vb = varianceOfMean(b, eb.mean);
    const double se2 = va + vb;
    if (se2 == 0) {
        out.ci95 = 0; // both sides constant: the difference is exact
    } else {
        // Welch-Satterthwaite degrees of freedom.
        const double df =
            se2 * se2 /
            (va * va / static_cast<double>(a.size() - 1) + vb * vb / static_cast<double>(b.size() - 1));
        const boost::math::students_t t(df);
        out.ci95 = boost::math::quantile(boost::math::complement(t, 0.025)) * std::sqrt(se2);
    }
    out.significant = significant(out);
    return out;
}

Comparison compareRuns(const RunResult& baseline, const RunResult& other, ComparisonMethod method)
{
    Comparison c;
    c.method = method;
    c.parts = baseline.parts.commonWith(other.parts);
    const std::size_t na = baseline.replicationMetrics.size(), nb = other.replicationMetrics.size();
    std::size_t n = std::max(na, nb);
    if (method == ComparisonMethod::Paired) {
        if (!baseline.complete || !other.complete)
            throw std::invalid_argument(
                "a run stopped early cannot be paired by replication: compare complete runs");
        n = std::min(na, nb);
        c.pairs = static_cast<std::int64_t>(n);
    }
    const auto take = [n](const auto& perReplication, auto&& pick) {
        std::vector<const MetricValues*> out;
        for (std::size_t i = 0; i < perReplication.size() && i < n; ++i)
            out.push_back(pick(perReplication[i]));
        return out;
    };
    const auto self = [](const MetricValues& v) { return &v; };
    c.total =
        differences(take(baseline.replicationMetrics, self), take(other.replicationMetrics, self), method);

    for (std::size_t wa = 0; wa < baseline.workloadNames.size(); ++wa) {
        const auto it =
            std::find(other.workloadNames.begin(), other.workloadNames.end(), baseline.workloadNames[wa]);
        if (it == other.workloadNames.end())
            continue;
        const auto wb = static_cast<std::size_t>(it - other.workloadNames.begin());
        c.workloadNames.push_back(baseline.workloadNames[wa]);
        c.workloads.push_back(differences(
            take(baseline.replicationWorkloadMetrics, [wa](const auto& w) { return &w.at(wa); }),
            take(other.replicationWorkloadMetrics, [wb](const auto& w) { return &w.at(wb); }), method));
    }
    return c;
}

ComparisonMethod defaultMethod(const VariantRun& baseline, const VariantRun& other)
{
    const bool sameNumbers = baseline.commonRandomNumbers && other.commonRandomNumbers && baseline.result &&
                             other.result && baseline.result->seed == other.result->seed;
    return sameNumbers ? ComparisonMethod::Paired : ComparisonMethod::Welch;
}

std::vector<std::string> failedLimits(const SloReport& report)
{
    std::vector<std::string> out;
    for (const SloCheck& c : report.checks) {
        if (c.met)
            continue;
        out.push_back(
            describeLimit(c.limit) + ": " + limitEstimateText(c.limit, c.estimate.mean, c.estimate.ci95) +
            " (" + std::string(judgedEndName(c)) + " 95% bound " + limitValueText(c.limit, c.judged()) + ")");
    }
    return out;
}

nlohmann::ordered_json toJson(const Comparison& c)
{
    nlohmann::ordered_json j;
    j["method"] = std::string(methodName(c.method));
    j["pairs"] = c.pairs;
    j["metrics"] = differencesJson(c.total, c.parts);
    nlohmann::ordered_json workloads = nlohmann::ordered_json::object();
    for (std::size_t w = 0; w < c.workloadNames.size(); ++w)
        workloads[c.workloadNames[w]] = {{"metrics", differencesJson(c.workloads[w], c.parts)}};
    j["workloads"] = workloads;
    return j;
}

nlohmann::ordered_json toJson(const VariantRun& run)
{
    nlohmann::ordered_json j;
    j["name"] = run.name;
    j["description"] = run.description;
    nlohmann::ordered_json set = nlohmann::ordered_json::object();
    for (const SettingChange& c : run.changes)
        set[c.path] = c.value;
    j["set"] = set;
    j["seed"] = run.result->seed;
    j["common_random_numbers"] = run.commonRandomNumbers;
    // The report itself is the result's "slo" (when the scenario sets limits).
    j["slo_met"] = evaluateSlo(run.result->slo, *run.result).met();
    j["result"] = toJson(*run.result);
    return j;
}

std::vector<std::string> variantWarnings(const std::vector<VariantRun>& runs)
{
    std::vector<std::string> out;
    for (const VariantRun& run : runs) {
        if (!run.commonRandomNumbers)
            out.push_back(
                "variant '" + run.name + "' sets its own seed (" + std::to_string(run.result->seed) +
                "): its random numbers are independent of the other variants', so comparisons with it "
                "use Welch's unpaired interval, not common random numbers");
        if (!run.result->complete)
            out.push_back("variant '" + run.name + "' was stopped early");
    }
    return out;
}

} // namespace poolsim::models
