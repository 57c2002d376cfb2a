// Reading distributions and arrival patterns from a scenario's YAML tree.
#include "models/scenario/scenario_yaml_arrivals.h"

#include "models/scenario/distribution_spec.h"
#include "models/scenario/scenario_files.h"
#include "models/scenario/units.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace poolsim::models {

namespace {
// ---- Distributions ----------------------------------------------------------------------

constexpr const char* kDistributionHint =
    "a duration such as 250ms or a distribution such as {exponential: 1s}";

const std::vector<std::string_view> kDistributionKinds = {"constant",  "exponential", "uniform", "normal",
                                                          "lognormal", "gamma",       "weibull", "empirical"};

EmpiricalDist readEmpirical(const YamlNode& node, const std::string& path, const ReadContext& ctx)
{
    EmpiricalDist d;
    if (node.isSequence()) {
        for (std::size_t i = 0; i < node.items.size(); ++i)
            d.values.push_back(readDuration(node.items[i], indexPath(path, i), DurationMin::Zero));
        return d;
    }
    if (!node.isMap())
        failAt(node.where, path,
               "expected a list of durations such as [10ms, 20ms] or {file: values.csv}, got " +
                   describeNode(node));
    const MapReader m(node, path, {"file"});
    const YamlNode& fileNode = m.require("file", "a file with one duration per line");
    d.file = readText(fileNode, m.path("file"));
    const std::string resolved = resolveScenarioPath(ctx.baseDir, d.file);
    std::string error;
    const std::optional<std::string> text = readWholeFile(resolved, error);
    if (!text)
        failAt(fileNode.where, m.path("file"), "cannot open '" + resolved + "': " + error);
    d.values = parseEmpiricalValues(*text, resolved, m.path("file"));
    if (d.values.empty())
        failAt(fileNode.where, m.path("file"), "'" + resolved + "' has no values");
    return d;
}

LognormalDist readLognormal(const YamlNode& node, const std::string& path)
{
    const MapReader m(node, path, {"mean", "median", "p95", "mu", "sigma"});
    constexpr const char* kForms = "give {mean, p95}, {median, p95} or {mu, sigma}";
    LognormalDist d;
    if (m.has("mu") || m.has("sigma")) {
        for (const char* other : {"mean", "median", "p95"})
            if (const YamlEntry* e = m.entry(other))
                failAt(e->keyWhere, path,
                       std::string("'") + other + "' does not go with mu and sigma (" + kForms + ")");
        d.form = LognormalDist::Form::MuSigma;
        d.mu = readNumber(m.require("mu", kForms), m.path("mu"));
        d.sigma = readNumber(m.require("sigma", kForms), m.path("sigma"));
        return d;
    }
    if (m.has("mean") && m.has("median"))
        failAt(m.entry("median")->keyWhere, path,
               std::string("give either mean or median, not both (") + kForms + ")");
    if (!m.has("mean") && !m.has("median"))
        failAt(node.where, path, std::string("missing mean or median (") + kForms + ")");
    d.form = m.has("mean") ? LognormalDist::Form::MeanP95 : LognormalDist::Form::MedianP95;
    const char* center = m.has("mean") ? "mean" : "median";
    d.center = readDuration(*m.get(center), m.path(center), DurationMin::Zero);
    d.p95 = readDuration(m.require("p95", kForms), m.path("p95"), DurationMin::Zero);
    return d;
}
} // namespace

DistributionSpec readDistribution(const YamlNode& node, const std::string& path, const ReadContext& ctx)
{
    if (node.isScalar()) {
        try {
            return ConstantDist{parseDuration(node.scalar)};
        } catch (const std::invalid_argument& e) {
            const std::string message = e.what();
            if (message.rfind("expected a duration", 0) == 0)
                failAt(node.where, path,
                       std::string("expected ") + kDistributionHint + ", got " + describeNode(node));
            failAt(node.where, path, message);
        }
    }
    if (!node.isMap() || node.entries.empty())
        failAt(node.where, path,
               std::string("expected ") + kDistributionHint + ", got " + describeNode(node));
    for (const YamlEntry& e : node.entries)
        if (std::find(kDistributionKinds.begin(), kDistributionKinds.end(), e.key) ==
            kDistributionKinds.end())
            failAt(e.keyWhere, path,
                   "unknown distribution '" + e.key + "' (expected one of " + joinList(kDistributionKinds) +
                       ")");
    if (node.entries.size() > 1)
        failAt(node.entries[1].keyWhere, path,
               "give one distribution, got both '" + node.entries[0].key + "' and '" + node.entries[1].key +
                   "'");

    const YamlEntry& entry = node.entries.front();
    const YamlNode& v = entry.value;
    const std::string kindPath = childPath(path, entry.key);
    DistributionSpec spec;
    if (entry.key == "constant") {
        spec = ConstantDist{readDuration(v, kindPath, DurationMin::Zero)};
    } else if (entry.key == "exponential") {
        spec = ExponentialDist{readDuration(v, kindPath, DurationMin::Zero)};
    } else if (entry.key == "uniform") {
        const MapReader m(v, kindPath, {"min", "max"});
        spec = UniformDist{readDuration(m.require("min"), m.path("min"), DurationMin::Zero),
                           readDuration(m.require("max"), m.path("max"), DurationMin::Zero)};
    } else if (entry.key == "normal") {
        const MapReader m(v, kindPath, {"mean", "sd"});
        spec = NormalDist{
            readDuration(m.require("mean"), m.path("mean"), DurationMin::Zero),
            readDuration(m.require("sd", "the standard deviation"), m.path("sd"), DurationMin::Zero)};
    } else if (entry.key == "lognormal") {
        spec = readLognormal(v, kindPath);
    } else if (entry.key == "gamma") {
        const MapReader m(v, kindPath, {"mean", "cv"});
        GammaDist g;
        g.mean = readDuration(m.require("mean"), m.path("mean"), DurationMin::Zero);
        g.cv = readNumber(m.require("cv", "the coefficient of variation, sd / mean"), m.path("cv"));
        spec = g;
    } else if (entry.key == "weibull") {
        const MapReader m(v, kindPath, {"shape", "scale"});
        WeibullDist w;
        w.shape = readNumber(m.require("shape"), m.path("shape"));
        w.scale = readDuration(m.require("scale"), m.path("scale"), DurationMin::Zero);
        spec = w;
    } else {
        spec = readEmpirical(v, kindPath, ctx);
    }
    try {
        (void)makeDistribution(spec);
    } catch (const std::invalid_argument& e) {
        failAt(v.where, kindPath, e.what());
    }
    return spec;
}

namespace {
// ---- Arrivals ---------------------------------------------------------------------------

const std::vector<std::string_view> kArrivalKinds = {"poisson", "profile", "burst",
                                                     "users",   "batch",   "trace"};

ProfileArrivals readProfile(const YamlNode& node, const std::string& path)
{
    constexpr const char* kExpected = "a list of [time, rate] points such as [[0m, 5/s], [10m, 40/s]]";
    if (!node.isSequence())
        failAt(node.where, path, std::string("expected ") + kExpected + ", got " + describeNode(node));
    if (node.items.empty())
        failAt(node.where, path, std::string("needs at least one point (") + kExpected + ")");
    ProfileArrivals p;
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        const YamlNode& item = node.items[i];
        const std::string itemPath = indexPath(path, i);
        if (!item.isSequence() || item.items.size() != 2)
            failAt(item.where, itemPath,
                   "expected a [time, rate] point such as [10m, 40/s], got " + describeNode(item));
        ProfileArrivals::Point point;
        point.at = readDuration(item.items[0], itemPath, DurationMin::Zero);
        point.rate = readRate(item.items[1], itemPath);
        if (!p.points.empty() && point.at <= p.points.back().at)
            failAt(item.items[0].where, itemPath,
                   "time " + formatDuration(point.at) + " is not after the previous point's " +
                       formatDuration(p.points.back().at) + " (times must increase)");
        p.points.push_back(point);
    }
    return p;
}

TraceArrivals readTrace(const MapReader& m, const ReadContext& ctx)
{
    TraceArrivals t;
    const YamlNode& fileNode = *m.get("trace");
    const std::string path = m.path("trace");
    t.file = readText(fileNode, path);
    if (const YamlNode* jitter = m.get("jitter"))
        t.jitter = readDuration(*jitter, m.path("jitter"), DurationMin::Zero);
    const std::string resolved = resolveScenarioPath(ctx.baseDir, t.file);
    std::string error;
    const std::optional<std::string> text = readWholeFile(resolved, error);
    if (!text)
        failAt(fileNode.where, path, "cannot open '" + resolved + "': " + error);
    t.records = parseTraceRecords(*text, resolved, path);
    if (t.records.empty())
        failAt(fileNode.where, path, "'" + resolved + "' has no requests");
    return t;
}
} // namespace

ArrivalSpec readArrivals(const YamlNode& node, const std::string& path, const ReadContext& ctx)
{
    if (!node.isMap())
        failAt(node.where, path,
               "expected an arrival pattern such as {poisson: 45/s} (one of " + joinList(kArrivalKinds) +
                   "), got " + describeNode(node));
    for (const YamlEntry& e : node.entries)
        if (e.key != "think" && e.key != "jitter" &&
            std::find(kArrivalKinds.begin(), kArrivalKinds.end(), e.key) == kArrivalKinds.end())
            failAt(e.keyWhere, path,
                   "unknown arrival kind '" + e.key + "' (expected one of " + joinList(kArrivalKinds) +
                       "; users takes think, trace takes jitter)");
    const MapReader m(node, path,
                      {"poisson", "profile", "burst", "users", "think", "batch", "trace", "jitter"});
    const YamlEntry* kind = nullptr;
    for (const YamlEntry& e : node.entries) {
        if (std::find(kArrivalKinds.begin(), kArrivalKinds.end(), e.key) == kArrivalKinds.end())
            continue;
        if (kind)
            failAt(e.keyWhere, path,
                   "give one arrival kind, got both '" + kind->key + "' and '" + e.key + "'");
        kind = &e;
    }
    if (!kind)
        failAt(node.where, path, "missing the arrival kind (one of " + joinList(kArrivalKinds) + ")");
    if (const YamlEntry* think = m.entry("think"); think && kind->key != "users")
        failAt(think->keyWhere, path, "'think' goes with 'users', not with '" + kind->key + "'");
    if (const YamlEntry* jitter = m.entry("jitter"); jitter && kind->key != "trace")
        failAt(jitter->keyWhere, path, "'jitter' goes with 'trace', not with '" + kind->key + "'");

    const YamlNode& v = kind->value;
    const std::string kindPath = m.path(kind->key);
    if (kind->key == "poisson")
        return PoissonArrivals{readRate(v, kindPath)};
    if (kind->key == "profile")
        return readProfile(v, kindPath);
    if (kind->key == "burst") {
        const MapReader b(v, kindPath, {"at", "count", "within", "every"});
        BurstArrivals burst;
        burst.at =
            readDuration(b.require("at", "when the first burst starts"), b.path("at"), DurationMin::Zero);
        burst.count = readInt(b.require("count", "requests per burst"), b.path("count"), 1, 1'000'000'000);
        if (const YamlNode* within = b.get("within"))
            burst.within = readDuration(*within, b.path("within"), DurationMin::Zero);
        if (const YamlNode* every = b.get("every"))
            burst.every = readDuration(*every, b.path("every"), DurationMin::Positive);
        return burst;
    }
    if (kind->key == "users") {
        UsersArrivals u;
        u.users = readInt(v, kindPath, 1, 1'000'000);
        u.think = readDistribution(m.require("think", "the think time between a user's requests"),
                                   m.path("think"), ctx);
        return u;
    }
    if (kind->key == "batch") {
        const MapReader b(v, kindPath, {"at", "items", "concurrency", "every"});
        BatchArrivals batch;
        batch.at = readDuration(b.require("at", "when the batch starts"), b.path("at"), DurationMin::Zero);
        batch.items = readInt(b.require("items", "requests per batch"), b.path("items"), 1);
        if (const YamlNode* c = b.get("concurrency"))
            batch.concurrency = readInt(*c, b.path("concurrency"), 1, 1'000'000);
        if (const YamlNode* every = b.get("every"))
            batch.every = readDuration(*every, b.path("every"), DurationMin::Positive);
        return batch;
    }
    return readTrace(m, ctx);
}

} // namespace poolsim::models
