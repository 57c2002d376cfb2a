// `poolsim recommend --json`: the recommendation with every probe behind it.
#include "models/planning/recommend.h"
#include "models/results/result_json.h"

#include <cmath>

namespace poolsim::models {

namespace {

using Json = nlohmann::ordered_json;

Json number(double v)
{
    if (!std::isfinite(v))
        return nullptr; // ci95 of a single replication
    return v;
}

template <typename T> Json optional(const std::optional<T>& v)
{
    return v ? Json(*v) : Json(nullptr);
}

// The figures a planner compares probes by; the limits' own metrics are in "checks".
constexpr Metric kProbeMetrics[] = {Metric::WaitP95S, Metric::WaitP99S,        Metric::TimeoutRatio,
                                    Metric::Timeouts, Metric::Failures,        Metric::Unfinished,
                                    Metric::BusyMean, Metric::UtilizationMean, Metric::ResponseP95S};

/// The checks in the form every command's JSON uses (result_json.h).
Json checksJson(const SloReport& report)
{
    return toJson(report)["checks"];
}

Json probeJson(const Probe& p)
{
    Json metrics = Json::object();
    const auto add = [&](Metric m) {
        metrics[std::string(metricName(m))] = {{"mean", number(p.result->metrics[m].mean)},
                                               {"ci95", number(p.result->metrics[m].ci95)}};
    };
    for (const Metric m : kProbeMetrics)
        add(m);
    // Instances that can fail: how often they did, and how much of the time they were up.
    for (const Metric m : {Metric::Crashes, Metric::Availability})
        if (applies(m, p.result->parts))
            add(m);
    return {{"instances", p.instances},
            {"pool_size", p.poolSize},
            {"total_connections", p.instances * p.poolSize},
            {"purpose", p.purpose},
            {"met", p.met()},
            {"metrics", metrics},
            {"checks", checksJson(p.slo)}};
}

Json searchJson(const SizeSearch& s, const std::vector<Probe>& probes)
{
    Json sizes = Json::array();
    for (const std::size_t i : s.probes)
        sizes.push_back(probes[i].poolSize);
    return {{"instances", s.instances},
            {"found", s.found},
            {"pool_size", s.found ? Json(s.poolSize) : Json(nullptr)},
            {"total_connections", s.found ? Json(s.poolSize * s.instances) : Json(nullptr)},
            {"min_size", s.minSize},
            {"max_size", s.maxSize},
            {"start", s.start},
            {"sizes_probed", sizes}};
}

/// Met, and the size against the recommendation (positive: more connections per instance).
Json verdictJson(const RuleOfThumb& r, const Recommendation& rec)
{
    Json j;
    j["met"] = r.probe ? Json(rec.probes[*r.probe].met()) : Json(nullptr);
    j["versus_recommended"] =
        r.applicable && rec.found() ? Json(r.poolSize - rec.search.poolSize) : Json(nullptr);
    j["note"] = r.note.empty() ? Json(nullptr) : Json(r.note);
    return j;
}

Json usersRuleJson(const RuleOfThumb& r, const Recommendation& rec)
{
    Json j = {{"applicable", r.applicable},
              {"basis", r.basis},
              {"users", r.applicable ? Json(r.users) : Json(nullptr)},
              {"pool_size", r.applicable ? Json(r.poolSize) : Json(nullptr)}};
    j.update(verdictJson(r, rec));
    return j;
}

Json hikariRuleJson(const RuleOfThumb& r, const Recommendation& rec)
{
    Json j = {{"applicable", r.applicable},
              {"basis", r.basis},
              {"cores", r.applicable ? Json(r.cores) : Json(nullptr)},
              {"spindles", r.applicable ? Json(r.spindles) : Json(nullptr)},
              {"total", r.applicable ? Json(r.total) : Json(nullptr)},
              {"pool_size", r.applicable ? Json(r.poolSize) : Json(nullptr)}};
    j.update(verdictJson(r, rec));
    return j;
}

Json alternativesJson(const Recommendation& rec)
{
    if (!rec.alternatives)
        return nullptr;
    const BudgetAlternatives& a = *rec.alternatives;
    Json j;
    j["fewer_instances"] = a.fewerInstances ? searchJson(*a.fewerInstances, rec.probes) : Json(nullptr);
    j["instance_counts_tried"] = a.instanceCountsTried;
    Json largest = {{"instances", rec.search.instances},
                    {"pool_size", a.largestPool},
                    {"total_connections", a.largestPool * rec.search.instances}};
    if (a.largestPoolProbe) {
        const Probe& p = rec.probes[*a.largestPoolProbe];
        largest["met"] = p.met();
        largest["wait_p95_s"] = number(p.result->metrics[Metric::WaitP95S].mean);
        largest["timeouts"] = number(p.result->metrics[Metric::Timeouts].mean);
        largest["checks"] = checksJson(p.slo);
    } else {
        largest["met"] = nullptr;
        largest["note"] = a.note;
    }
    j["largest_pool_within_budget"] = largest;
    return j;
}

Json deadlocksJson(const Recommendation& rec)
{
    Json out = Json::array();
    const Probe* at = rec.shown();
    for (const DeadlockWarning& d : rec.deadlocks) {
        Json j = {{"workload", d.name},
                  {"connections", d.connections},
                  {"arrivals", d.arrivals},
                  {"threads", optional(d.threads)},
                  {"min_pool_size", optional(d.minPoolSize)}};
        j["advice"] = d.minPoolSize
                          ? "a pool of at least " + std::to_string(*d.minPoolSize) + " cannot deadlock"
                          : std::string("no pool size is deadlock-free for unbounded concurrency: use "
                                        "acquire: together");
        if (at) {
            const MetricEstimates& m = at->result->workloadMetrics[d.workload];
            j["at_pool_size"] = at->poolSize;
            j["unfinished"] = number(m[Metric::Unfinished].mean);
            j["timeouts"] = number(m[Metric::Timeouts].mean);
        }
        out.push_back(j);
    }
    return out;
}

} // namespace

Json toJson(const Recommendation& rec)
{
    Json j;
    j["scenario"] = rec.scenarioName;
    j["replications"] = rec.replications;
    j["seed"] = rec.seed;
    j["found"] = rec.found();
    const Probe* shown = rec.shown();
    j["recommended"] = {{"pool_size", rec.found() ? Json(rec.search.poolSize) : Json(nullptr)},
                        {"instances", rec.found() ? Json(rec.search.instances) : Json(nullptr)},
                        {"total_connections", optional(rec.database.total)}};
    // Only with a database server, so that every other recommendation keeps its bytes.
    if (rec.search.bestPoolSize) {
        const std::int64_t best = *rec.search.bestPoolSize;
        j["recommended"]["best_pool_size"] = best;
        j["recommended"]["best_total_connections"] = best * rec.search.instances;
        if (const Probe* p = rec.probeAt(best))
            j["recommended"]["best_response_p99_s"] = {
                {"mean", number(p->result->metrics[Metric::ResponseP99S].mean)},
                {"ci95", number(p->result->metrics[Metric::ResponseP99S].ci95)}};
    }
    if (rec.search.largestPoolSize) {
        j["recommended"]["largest_pool_size"] = *rec.search.largestPoolSize;
        j["recommended"]["largest_total_connections"] = *rec.search.largestPoolSize * rec.search.instances;
    }
    if (rec.found() && shown) {
        const Json probe = probeJson(*shown);
        j["recommended"]["metrics"] = probe["metrics"];
        j["recommended"]["checks"] = probe["checks"];
    }
    j["best_probe"] = !rec.found() && shown ? probeJson(*shown) : Json(nullptr);
    Json slo = Json::array();
    for (const SloLimit& l : rec.slo)
        slo.push_back({{"limit", describeLimit(l)},
                       {"key", l.key},
                       {"workload", l.workload.empty() ? Json(nullptr) : Json(l.workload)},
                       {"value", l.limit},
                       {"text", l.text}});
    j["slo"] = slo;
    j["search"] = searchJson(rec.search, rec.probes);
    Json probes = Json::array();
    for (const Probe& p : rec.probes)
        probes.push_back(probeJson(p));
    j["probes"] = probes;
    j["rules"] = {{"users_rule", usersRuleJson(rec.usersRule, rec)},
                  {"hikari_rule", hikariRuleJson(rec.hikariRule, rec)}};
    j["database"] = {
        {"max_connections", optional(rec.database.maxConnections)},
        {"reserved_connections", rec.database.reserved},
        {"budget", optional(rec.database.budget)},
        {"total", optional(rec.database.total)},
        {"fits", optional(rec.database.fits)},
        {"postgres_max_connections_needed", optional(rec.database.postgresMaxConnectionsNeeded)}};
    j["alternatives"] = alternativesJson(rec);
    j["deadlock_warnings"] = deadlocksJson(rec);
    return j;
}

} // namespace poolsim::models
