// Reading a scenario from its YAML tree: structure, types and ranges of every key, then the
// checks that relate keys to each other.
#include "models/scenario/distribution_spec.h"
#include "models/scenario/overrides.h"
#include "models/scenario/scenario_files.h"
#include "models/scenario/scenario_yaml.h"
#include "models/scenario/scenario_yaml_planning.h"
#include "models/scenario/units.h"
#include "models/scenario/yaml_reader.h"

#include <filesystem>
#include <algorithm>
#include <stdexcept>

namespace poolsim::models {

namespace {

struct Context
{
    std::string baseDir;
    std::int64_t poolSize = PoolConfig::kDefaultSize;
    std::string poolSizeText; // "pool.size 10 (the default)", for messages
};

// ---- Distributions ----------------------------------------------------------------------

constexpr const char* kDistributionHint = "a duration such as 250ms or a distribution such as {exponential: 1s}";

const std::vector<std::string_view> kDistributionKinds = {"constant",  "exponential", "uniform", "normal",
                                                          "lognormal", "gamma",       "weibull", "empirical"};

EmpiricalDist readEmpirical(const YamlNode& node, const std::string& path, const Context& ctx)
{
    EmpiricalDist d;
    if (node.isSequence()) {
        for (std::size_t i = 0; i < node.items.size(); ++i)
            d.values.push_back(readDuration(node.items[i], indexPath(path, i), DurationMin::Zero));
        return d;
    }
    if (!node.isMap())
        failAt(node.where, path,
               "expected a list of durations such as [10ms, 20ms] or {file: values.csv}, got " + describeNode(node));
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
                failAt(e->keyWhere, path, std::string("'") + other + "' does not go with mu and sigma (" + kForms + ")");
        d.form = LognormalDist::Form::MuSigma;
        d.mu = readNumber(m.require("mu", kForms), m.path("mu"));
        d.sigma = readNumber(m.require("sigma", kForms), m.path("sigma"));
        return d;
    }
    if (m.has("mean") && m.has("median"))
        failAt(m.entry("median")->keyWhere, path, std::string("give either mean or median, not both (") + kForms + ")");
    if (!m.has("mean") && !m.has("median"))
        failAt(node.where, path, std::string("missing mean or median (") + kForms + ")");
    d.form = m.has("mean") ? LognormalDist::Form::MeanP95 : LognormalDist::Form::MedianP95;
    const char* center = m.has("mean") ? "mean" : "median";
    d.center = readDuration(*m.get(center), m.path(center), DurationMin::Zero);
    d.p95 = readDuration(m.require("p95", kForms), m.path("p95"), DurationMin::Zero);
    return d;
}

DistributionSpec readDistribution(const YamlNode& node, const std::string& path, const Context& ctx)
{
    if (node.isScalar()) {
        try {
            return ConstantDist{parseDuration(node.scalar)};
        } catch (const std::invalid_argument& e) {
            const std::string message = e.what();
            if (message.rfind("expected a duration", 0) == 0)
                failAt(node.where, path, std::string("expected ") + kDistributionHint + ", got " + describeNode(node));
            failAt(node.where, path, message);
        }
    }
    if (!node.isMap() || node.entries.empty())
        failAt(node.where, path, std::string("expected ") + kDistributionHint + ", got " + describeNode(node));
    for (const YamlEntry& e : node.entries)
        if (std::find(kDistributionKinds.begin(), kDistributionKinds.end(), e.key) == kDistributionKinds.end())
            failAt(e.keyWhere, path,
                   "unknown distribution '" + e.key + "' (expected one of " + joinList(kDistributionKinds) + ")");
    if (node.entries.size() > 1)
        failAt(node.entries[1].keyWhere, path,
               "give one distribution, got both '" + node.entries[0].key + "' and '" + node.entries[1].key + "'");

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
        spec = NormalDist{readDuration(m.require("mean"), m.path("mean"), DurationMin::Zero),
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

// ---- Arrivals ---------------------------------------------------------------------------

const std::vector<std::string_view> kArrivalKinds = {"poisson", "profile", "burst", "users", "batch", "trace"};

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
            failAt(item.where, itemPath, "expected a [time, rate] point such as [10m, 40/s], got " + describeNode(item));
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

TraceArrivals readTrace(const MapReader& m, const Context& ctx)
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

ArrivalSpec readArrivals(const YamlNode& node, const std::string& path, const Context& ctx)
{
    if (!node.isMap())
        failAt(node.where, path,
               "expected an arrival pattern such as {poisson: 45/s} (one of " + joinList(kArrivalKinds) + "), got " +
                   describeNode(node));
    for (const YamlEntry& e : node.entries)
        if (e.key != "think" && e.key != "jitter" &&
            std::find(kArrivalKinds.begin(), kArrivalKinds.end(), e.key) == kArrivalKinds.end())
            failAt(e.keyWhere, path,
                   "unknown arrival kind '" + e.key + "' (expected one of " + joinList(kArrivalKinds) +
                       "; users takes think, trace takes jitter)");
    const MapReader m(node, path, {"poisson", "profile", "burst", "users", "think", "batch", "trace", "jitter"});
    const YamlEntry* kind = nullptr;
    for (const YamlEntry& e : node.entries) {
        if (std::find(kArrivalKinds.begin(), kArrivalKinds.end(), e.key) == kArrivalKinds.end())
            continue;
        if (kind)
            failAt(e.keyWhere, path, "give one arrival kind, got both '" + kind->key + "' and '" + e.key + "'");
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
        burst.at = readDuration(b.require("at", "when the first burst starts"), b.path("at"), DurationMin::Zero);
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
        u.think = readDistribution(m.require("think", "the think time between a user's requests"), m.path("think"), ctx);
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

// ---- Workloads --------------------------------------------------------------------------

void checkConnections(std::int64_t connections, const YamlNode& node, const std::string& path, const Context& ctx)
{
    if (connections > ctx.poolSize)
        failAt(node.where, path,
               "connections " + std::to_string(connections) + " exceeds " + ctx.poolSizeText +
                   ": a request could never get them");
}

Step readStep(const YamlNode& node, const std::string& path, const Context& ctx)
{
    if (!node.isMap())
        failAt(node.where, path, "expected a step such as {query: 20ms} or {work: 100ms}, got " + describeNode(node));
    const MapReader m(node, path, {"query", "work", "connections"});
    if (m.has("query") && m.has("work"))
        failAt(m.entry("work")->keyWhere, path, "a step is either a query or work, not both");
    if (!m.has("query") && !m.has("work"))
        failAt(node.where, path, "missing 'query' or 'work' (how long the step takes)");
    Step step;
    step.isWork = m.has("work");
    const char* key = step.isWork ? "work" : "query";
    step.duration = readDistribution(*m.get(key), m.path(key), ctx);
    if (const YamlNode* c = m.get("connections")) {
        if (step.isWork)
            failAt(m.entry("connections")->keyWhere, path, "work holds no connection; 'connections' goes with 'query'");
        step.connections = readInt(*c, m.path("connections"), 1);
        checkConnections(step.connections, *c, m.path("connections"), ctx);
    }
    return step;
}

RetrySpec readRetry(const YamlNode& node, const std::string& path, const Context& ctx)
{
    const MapReader m(node, path, {"attempts", "backoff"});
    RetrySpec r;
    r.attempts = readInt(m.require("attempts", "tries in all, the first included"), m.path("attempts"), 1, 1000);
    if (const YamlNode* b = m.get("backoff"))
        r.backoff = readDistribution(*b, m.path("backoff"), ctx);
    return r;
}

Workload readWorkload(const YamlNode& node, const std::string& path, const Context& ctx)
{
    const MapReader m(node, path,
                      {"name", "description", "arrivals", "hold", "connections", "acquire", "steps", "transaction",
                       "retry"});
    Workload w;
    const YamlNode& nameNode = m.require("name");
    w.name = readText(nameNode, m.path("name"));
    if (w.name.empty())
        failAt(nameNode.where, m.path("name"), "a workload's name cannot be empty");
    if (const YamlNode* d = m.get("description"))
        w.description = readText(*d, m.path("description"));
    w.arrivals = readArrivals(m.require("arrivals", "such as {poisson: 45/s}"), m.path("arrivals"), ctx);
    const bool trace = std::holds_alternative<TraceArrivals>(w.arrivals);

    if (trace) {
        for (const char* key : {"hold", "steps", "connections"})
            if (const YamlEntry* e = m.entry(key))
                failAt(e->keyWhere, m.path(key),
                       std::string("a trace gives each request's hold time and connections; remove '") + key + "'");
    } else if (m.has("hold") && m.has("steps")) {
        failAt(m.entry("steps")->keyWhere, m.path("steps"), "give either hold or steps, not both");
    } else if (!m.has("hold") && !m.has("steps")) {
        failAt(node.where, path, "missing 'hold' (how long a request holds its connections) or 'steps'");
    }
    if (m.has("steps")) {
        for (const char* key : {"connections", "acquire"})
            if (const YamlEntry* e = m.entry(key))
                failAt(e->keyWhere, m.path(key),
                       std::string("'") + key + "' goes with 'hold'; with steps, give connections on each step");
    } else if (const YamlEntry* e = m.entry("transaction")) {
        failAt(e->keyWhere, m.path("transaction"), "'transaction' goes with 'steps'");
    }

    if (const YamlNode* h = m.get("hold"))
        w.hold = readDistribution(*h, m.path("hold"), ctx);
    if (const YamlNode* c = m.get("connections")) {
        w.connections = readInt(*c, m.path("connections"), 1);
        checkConnections(*w.connections, *c, m.path("connections"), ctx);
    }
    if (const YamlNode* a = m.get("acquire"))
        w.acquire = readEnum<AcquireMode>(*a, m.path("acquire"),
                                          {{"together", AcquireMode::Together}, {"one_by_one", AcquireMode::OneByOne}});
    if (const YamlNode* s = m.get("steps")) {
        const std::string stepsPath = m.path("steps");
        if (!s->isSequence())
            failAt(s->where, stepsPath,
                   "expected a list of steps such as [{query: 20ms}, {work: 100ms}], got " + describeNode(*s));
        if (s->items.empty())
            failAt(s->where, stepsPath, "needs at least one step");
        for (std::size_t i = 0; i < s->items.size(); ++i)
            w.steps.push_back(readStep(s->items[i], indexPath(stepsPath, i), ctx));
    }
    if (const YamlNode* t = m.get("transaction"))
        w.transaction = readBool(*t, m.path("transaction"));
    if (const YamlNode* r = m.get("retry"))
        w.retry = readRetry(*r, m.path("retry"), ctx);

    if (trace) {
        const auto& t = std::get<TraceArrivals>(w.arrivals);
        std::int64_t most = 1;
        for (const TraceArrivals::Record& r : t.records)
            most = std::max(most, r.connections);
        if (most > ctx.poolSize)
            failAt(m.get("arrivals")->find("trace")->where, m.path("arrivals") + ".trace",
                   "a request in '" + t.file + "' needs " + std::to_string(most) + " connections, more than " +
                       ctx.poolSizeText);
    }
    return w;
}

// ---- Sections ---------------------------------------------------------------------------

PoolConfig readPool(const YamlNode& node, Context& ctx)
{
    const MapReader m(node, "pool",
                      {"size", "timeout", "min_idle", "connect_time", "connect_timeout", "idle_timeout", "max_lifetime"},
                      true);
    PoolConfig p;
    ctx.poolSizeText = "pool.size " + std::to_string(PoolConfig::kDefaultSize) + " (the default)";
    if (const YamlNode* n = m.get("size")) {
        p.size = readInt(*n, m.path("size"), 1, 100'000);
        ctx.poolSizeText = "pool.size " + std::to_string(*p.size);
        if (!n->where.setBy.empty())
            ctx.poolSizeText += " (from " + n->where.location.file + " " + n->where.setBy + ")";
        else if (!n->where.via.empty())
            ctx.poolSizeText += " (set by " + n->where.via + ")";
    }
    ctx.poolSize = p.effectiveSize();
    if (const YamlNode* n = m.get("timeout"))
        p.timeout = readTimeout(*n, m.path("timeout"), true);
    if (const YamlNode* n = m.get("min_idle")) {
        p.minIdle = readInt(*n, m.path("min_idle"), 0);
        if (*p.minIdle > ctx.poolSize)
            failAt(n->where, m.path("min_idle"), "min_idle " + std::to_string(*p.minIdle) + " exceeds " + ctx.poolSizeText);
    }
    if (const YamlNode* n = m.get("connect_time"))
        p.connectTime = readDistribution(*n, m.path("connect_time"), ctx);
    if (const YamlNode* n = m.get("connect_timeout"))
        p.connectTimeout = readTimeout(*n, m.path("connect_timeout"), false);
    if (const YamlNode* n = m.get("idle_timeout"))
        p.idleTimeout = readTimeout(*n, m.path("idle_timeout"), false);
    if (const YamlNode* n = m.get("max_lifetime"))
        p.maxLifetime = readTimeout(*n, m.path("max_lifetime"), false);
    return p;
}

BackendConfig readBackend(const YamlNode& node)
{
    const MapReader m(node, "backend", {"instances", "balancer", "users"}, true);
    BackendConfig b;
    if (const YamlNode* n = m.get("users"))
        b.users = readInt(*n, m.path("users"), 0, 100'000'000);
    if (const YamlNode* n = m.get("instances"))
        b.instances = readInt(*n, m.path("instances"), 1, 10'000);
    if (const YamlNode* n = m.get("balancer"))
        b.balancer = readEnum<Balancer>(*n, m.path("balancer"),
                                        {{"round_robin", Balancer::RoundRobin},
                                         {"random", Balancer::Random},
                                         {"least_busy", Balancer::LeastBusy}});
    return b;
}

DatabaseConfig readDatabase(const YamlNode& node)
{
    const MapReader m(node, "database", {"max_connections", "reserved_connections", "cores", "spindles"}, true);
    DatabaseConfig d;
    if (const YamlNode* n = m.get("cores"))
        d.cores = readInt(*n, m.path("cores"), 1, 100'000);
    if (const YamlNode* n = m.get("spindles"))
        d.spindles = readInt(*n, m.path("spindles"), 0, 100'000);
    if (const YamlNode* n = m.get("max_connections"))
        d.maxConnections = readInt(*n, m.path("max_connections"), 1, 100'000'000);
    if (const YamlNode* n = m.get("reserved_connections"))
        d.reservedConnections = readInt(*n, m.path("reserved_connections"), 0);
    if (d.maxConnections && d.effectiveReserved() >= *d.maxConnections) {
        const std::string max = std::to_string(*d.maxConnections), reserved = std::to_string(d.effectiveReserved());
        if (d.reservedConnections)
            failAt(m.get("reserved_connections")->where, m.path("reserved_connections"),
                   "reserved_connections " + reserved + " must be less than max_connections " + max);
        failAt(m.get("max_connections")->where, m.path("max_connections"),
               "max_connections " + max + " leaves no connections for clients after the " + reserved +
                   " reserved_connections (the default); set reserved_connections lower");
    }
    return d;
}

void checkVersion(const YamlNode& root)
{
    const YamlNode* v = root.find("poolsim");
    if (!v)
        failAt(root.where, "", "missing required key 'poolsim' (the format version: write poolsim: 1 as the first line)");
    const std::string& s = readScalar(*v, "poolsim", "the format version 1");
    std::int64_t version = 0;
    try {
        version = readInt(*v, "poolsim", 0);
    } catch (const ScenarioError&) {
        failAt(v->where, "poolsim", "expected the format version 1, got '" + s + "'");
    }
    if (version != Scenario::kFormatVersion)
        failAt(v->where, "poolsim",
               "unsupported format version " + std::to_string(version) + " (expected " +
                   std::to_string(Scenario::kFormatVersion) + ")");
}

Scenario readScenario(const YamlNode& root, Context& ctx)
{
    if (root.isNull())
        failAt(root.where, "", "the scenario is empty (a scenario starts with poolsim: 1)");
    if (!root.isMap())
        failAt(root.where, "", "expected a map of settings starting with poolsim: 1, got " + describeNode(root));
    // The version first: a file of another version may well have other keys.
    checkVersion(root);
    const MapReader m(root, "",
                      {"poolsim", "name", "description", "horizon", "warmup", "replications", "seed", "resolution",
                       "hold_scale", "pool", "backend", "database", "workloads", "variants", "slo", "alerts", "sweep"});
    Scenario s;
    if (const YamlNode* n = m.get("name"))
        s.name = readText(*n, "name");
    if (const YamlNode* n = m.get("description"))
        s.description = readText(*n, "description");
    const YamlNode& horizon = m.require("horizon", "how much time to simulate, such as 2h");
    s.horizon = readDuration(horizon, "horizon", DurationMin::Positive);
    if (const YamlNode* n = m.get("warmup")) {
        s.warmup = readDuration(*n, "warmup", DurationMin::Zero);
        if (*s.warmup >= s.horizon)
            failAt(n->where, "warmup",
                   "warmup " + formatDuration(*s.warmup) + " must be shorter than the horizon " +
                       formatDuration(s.horizon));
    }
    if (const YamlNode* n = m.get("replications"))
        s.replications = readInt(*n, "replications", 1, 100000);
    if (const YamlNode* n = m.get("seed"))
        s.seed = readUInt64(*n, "seed");
    if (const YamlNode* n = m.get("resolution")) {
        s.resolution = readDuration(*n, "resolution", DurationMin::Positive);
        constexpr std::int64_t kMaxBins = 1'000'000;
        const std::int64_t h = s.horizon.ticks(), r = s.resolution->ticks();
        if (r > h)
            failAt(n->where, "resolution",
                   "resolution " + formatDuration(*s.resolution) + " is longer than the horizon " +
                       formatDuration(s.horizon));
        const std::int64_t bins = h / r + (h % r != 0 ? 1 : 0);
        if (bins > kMaxBins)
            failAt(n->where, "resolution",
                   "resolution " + formatDuration(*s.resolution) + " gives " + std::to_string(bins) +
                       " bins over the horizon " + formatDuration(s.horizon) + " (at most " + std::to_string(kMaxBins) +
                       ")");
    }
    if (const YamlNode* n = m.get("hold_scale")) {
        s.holdScale = readNumber(*n, "hold_scale");
        if (!(*s.holdScale > 0 && *s.holdScale <= 1000))
            failAt(n->where, "hold_scale", "expected a factor above 0 and at most 1000, got " + describeNode(*n));
    }
    static const YamlNode kAbsent;
    const YamlNode* pool = m.get("pool");
    s.pool = readPool(pool ? *pool : kAbsent, ctx);
    const YamlNode* backend = m.get("backend");
    s.backend = readBackend(backend ? *backend : kAbsent);
    // Every connection is modelled: keep the fleet to a size a machine can hold.
    constexpr std::int64_t kMaxConnections = 10'000'000;
    if (s.backend.effectiveInstances() * s.pool.effectiveSize() > kMaxConnections) {
        const YamlNode* at = backend && backend->find("instances") ? backend->find("instances") : pool;
        failAt(at ? at->where : m.node().where, backend && backend->find("instances") ? "backend.instances" : "pool.size",
               std::to_string(s.backend.effectiveInstances()) + " instances x " +
                   std::to_string(s.pool.effectiveSize()) + " connections is more than " +
                   std::to_string(kMaxConnections) + " connections in all");
    }
    const YamlNode* database = m.get("database");
    s.database = readDatabase(database ? *database : kAbsent);

    const YamlNode& workloads = m.require("workloads", "the requests that use the pool");
    if (!workloads.isSequence())
        failAt(workloads.where, "workloads",
               "expected a list of workloads (each starting with - name: ...), got " + describeNode(workloads));
    if (workloads.items.empty())
        failAt(workloads.where, "workloads", "needs at least one workload");
    for (std::size_t i = 0; i < workloads.items.size(); ++i) {
        const std::string path = indexPath("workloads", i);
        s.workloads.push_back(readWorkload(workloads.items[i], path, ctx));
        for (std::size_t j = 0; j < i; ++j)
            if (s.workloads[j].name == s.workloads[i].name)
                failAt(workloads.items[i].find("name")->where, path + ".name",
                       "duplicate workload name '" + s.workloads[i].name + "' (also " + indexPath("workloads", j) +
                           ")");
    }
    if (const YamlNode* n = m.get("variants"))
        s.variants = readVariants(*n);
    if (const YamlNode* n = m.get("slo"))
        s.slo = readSlo(*n, s.workloads);
    if (const YamlNode* n = m.get("alerts"))
        s.alerts = readAlerts(*n);
    if (const YamlNode* n = m.get("sweep"))
        s.sweep = readSweep(*n);
    return s;
}

Scenario loadTree(YamlNode root, const std::string& displayName, const std::string& baseDir,
                  const std::vector<std::string>& overrides)
{
    try {
        applyOverrides(root, overrides);
        Context ctx;
        ctx.baseDir = baseDir;
        Scenario s = readScenario(root, ctx);
        checkWhatIfs(root, s, baseDir);
        s.sourcePath = displayName;
        s.dataDir = baseDir;
        return s;
    } catch (const ScenarioError&) {
        throw;
    } catch (const std::exception& e) {
        throw ScenarioError({displayName, 0, 0}, "", std::string("cannot read the scenario: ") + e.what());
    }
}

} // namespace

Scenario readScenarioTree(const YamlNode& root, const std::string& baseDir)
{
    Context ctx;
    ctx.baseDir = baseDir;
    return readScenario(root, ctx);
}

Scenario loadScenarioText(const std::string& yamlText, const std::string& displayName, const std::string& baseDir,
                          const std::vector<std::string>& overrides)
{
    return loadTree(parseYamlDocument(yamlText, displayName), displayName, baseDir, overrides);
}

Scenario loadScenarioFile(const std::string& path, const std::vector<std::string>& overrides)
{
    std::string error;
    const std::optional<std::string> text = readWholeFile(path, error);
    if (!text)
        throw ScenarioError({path, 0, 0}, "", "cannot open the file: " + error);
    const std::string baseDir = std::filesystem::path(path).parent_path().string();
    return loadTree(parseYamlDocument(*text, path), path, baseDir, overrides);
}

} // namespace poolsim::models
