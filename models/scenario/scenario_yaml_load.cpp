// Reading a scenario from its YAML tree: structure, types and ranges of every key, then the
// checks that relate keys to each other.
#include "models/scenario/distribution_spec.h"
#include "models/scenario/failure_names.h"
#include "models/scenario/overrides.h"
#include "models/scenario/scenario_files.h"
#include "models/scenario/scenario_yaml.h"
#include "models/scenario/scenario_yaml_arrivals.h"
#include "models/scenario/scenario_yaml_planning.h"
#include "models/scenario/units.h"
#include "models/scenario/yaml_reader.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace poolsim::models {

namespace {

/// Where a value came from when not from the file as written, for messages about other keys:
/// " (from --set pool.size=5)", " (set by variant 'big')", or nothing.
std::string originNote(const Where& where)
{
    if (!where.setBy.empty())
        return " (from " + where.location.file + " " + where.setBy + ")";
    if (!where.via.empty())
        return " (set by " + where.via + ")";
    return {};
}

// ---- Workloads --------------------------------------------------------------------------

void checkConnections(std::int64_t connections, const YamlNode& node, const std::string& path,
                      const ReadContext& ctx)
{
    if (connections > ctx.poolSize)
        failAt(node.where, path,
               "connections " + std::to_string(connections) + " exceeds " + ctx.poolSizeText +
                   ": a request could never get them");
}

Step readStep(const YamlNode& node, const std::string& path, const ReadContext& ctx)
{
    if (!node.isMap())
        failAt(node.where, path,
               "expected a step such as {query: 20ms} or {work: 100ms}, got " + describeNode(node));
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
            failAt(m.entry("connections")->keyWhere, path,
                   "work holds no connection; 'connections' goes with 'query'");
        step.connections = readInt(*c, m.path("connections"), 1);
        checkConnections(step.connections, *c, m.path("connections"), ctx);
    }
    return step;
}

std::string failureKindList()
{
    std::vector<std::string_view> names;
    for (const auto& [name, kind] : kFailureKindNames)
        names.push_back(name);
    return joinList(names);
}

/// retry.on: the outcomes that are tried again, each named once.
std::vector<FailureKind> readRetryOn(const YamlNode& node, const std::string& path)
{
    if (!node.isSequence())
        failAt(node.where, path,
               "expected a list of outcomes such as [timeout, client_timeout] (of " + failureKindList() +
                   "), got " + describeNode(node));
    if (node.items.empty())
        failAt(node.where, path, "needs at least one outcome (of " + failureKindList() + ")");
    std::vector<FailureKind> on;
    for (std::size_t i = 0; i < node.items.size(); ++i) {
        const std::string itemPath = indexPath(path, i);
        const FailureKind kind = readEnumOf<FailureKind>(node.items[i], itemPath, kFailureKindNames);
        if (const auto it = std::find(on.begin(), on.end(), kind); it != on.end())
            failAt(node.items[i].where, itemPath,
                   "duplicate outcome '" + std::string(failureKindName(kind)) + "' (also " +
                       indexPath(path, static_cast<std::size_t>(it - on.begin())) + ")");
        on.push_back(kind);
    }
    return on;
}

RetrySpec readRetry(const YamlNode& node, const std::string& path, const ReadContext& ctx)
{
    const MapReader m(node, path, {"attempts", "backoff", "on"});
    RetrySpec r;
    r.attempts =
        readInt(m.require("attempts", "tries in all, the first included"), m.path("attempts"), 1, 1000);
    if (const YamlNode* b = m.get("backoff"))
        r.backoff = readDistribution(*b, m.path("backoff"), ctx);
    if (const YamlNode* on = m.get("on"))
        r.on = readRetryOn(*on, m.path("on"));
    return r;
}

Workload readWorkload(const YamlNode& node, const std::string& path, const ReadContext& ctx)
{
    const MapReader m(node, path,
                      {"name", "description", "arrivals", "hold", "connections", "acquire", "steps",
                       "transaction", "client_timeout", "cancel_on_timeout", "retry", "round_trip"});
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
                       std::string("a trace gives each request's hold time and connections; remove '") + key +
                           "'");
    } else if (m.has("hold") && m.has("steps")) {
        failAt(m.entry("steps")->keyWhere, m.path("steps"), "give either hold or steps, not both");
    } else if (!m.has("hold") && !m.has("steps")) {
        failAt(node.where, path, "missing 'hold' (how long a request holds its connections) or 'steps'");
    }
    if (m.has("steps")) {
        for (const char* key : {"connections", "acquire"})
            if (const YamlEntry* e = m.entry(key))
                failAt(e->keyWhere, m.path(key),
                       std::string("'") + key +
                           "' goes with 'hold'; with steps, give connections on each step");
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
        w.acquire = readEnum<AcquireMode>(
            *a, m.path("acquire"),
            {{"together", AcquireMode::Together}, {"one_by_one", AcquireMode::OneByOne}});
    if (const YamlNode* s = m.get("steps")) {
        const std::string stepsPath = m.path("steps");
        if (!s->isSequence())
            failAt(s->where, stepsPath,
                   "expected a list of steps such as [{query: 20ms}, {work: 100ms}], got " +
                       describeNode(*s));
        if (s->items.empty())
            failAt(s->where, stepsPath, "needs at least one step");
        for (std::size_t i = 0; i < s->items.size(); ++i)
            w.steps.push_back(readStep(s->items[i], indexPath(stepsPath, i), ctx));
    }
    if (const YamlNode* t = m.get("transaction"))
        w.transaction = readBool(*t, m.path("transaction"));
    if (const YamlNode* rt = m.get("round_trip"))
        w.roundTrip = readDistribution(*rt, m.path("round_trip"), ctx);
    // `none` leaves the client timeout unset, as if not given: a variant or a sweep can turn it off.
    if (const YamlNode* c = m.get("client_timeout"))
        w.clientTimeout = readTimeout(*c, m.path("client_timeout"), false).value;
    if (const YamlNode* c = m.get("cancel_on_timeout"))
        w.cancelOnTimeout = readBool(*c, m.path("cancel_on_timeout"));
    if (const YamlNode* r = m.get("retry"))
        w.retry = readRetry(*r, m.path("retry"), ctx);

    // What only a client timeout gives meaning to.
    const auto needClientTimeout = [&](const Where& where, const std::string& keyPath,
                                       const std::string& what) {
        if (w.clientTimeout)
            return;
        std::string message =
            what +
            " needs the workload's client_timeout (how long the caller waits for a try before it gives up)";
        if (const YamlNode* c = m.get("client_timeout"))
            message += ", and client_timeout is none" + originNote(c->where);
        failAt(where, keyPath, message);
    };
    if (const YamlEntry* e = m.entry("cancel_on_timeout"))
        needClientTimeout(e->keyWhere, m.path("cancel_on_timeout"), "'cancel_on_timeout'");
    if (w.retry && w.retry->on) {
        const YamlNode& on = *m.get("retry")->find("on");
        for (std::size_t i = 0; i < w.retry->on->size(); ++i)
            if ((*w.retry->on)[i] == FailureKind::ClientTimeout)
                needClientTimeout(on.items[i].where, indexPath(m.path("retry") + ".on", i),
                                  "retrying on client_timeout");
    }

    if (trace) {
        const auto& t = std::get<TraceArrivals>(w.arrivals);
        std::int64_t most = 1;
        for (const TraceArrivals::Record& r : t.records)
            most = std::max(most, r.connections);
        if (most > ctx.poolSize)
            failAt(m.get("arrivals")->find("trace")->where, m.path("arrivals") + ".trace",
                   "a request in '" + t.file + "' needs " + std::to_string(most) +
                       " connections, more than " + ctx.poolSizeText);
    }
    return w;
}

// ---- Sections ---------------------------------------------------------------------------

PoolConfig readPool(const YamlNode& node, ReadContext& ctx)
{
    const MapReader m(
        node, "pool",
        {"size", "timeout", "min_idle", "connect_time", "connect_timeout", "idle_timeout", "max_lifetime"},
        true);
    PoolConfig p;
    ctx.poolSizeText = "pool.size " + std::to_string(PoolConfig::kDefaultSize) + " (the default)";
    if (const YamlNode* n = m.get("size")) {
        p.size = readInt(*n, m.path("size"), 1, 100'000);
        ctx.poolSizeText = "pool.size " + std::to_string(*p.size);
        ctx.poolSizeText += originNote(n->where);
    }
    ctx.poolSize = p.effectiveSize();
    if (const YamlNode* n = m.get("timeout"))
        p.timeout = readTimeout(*n, m.path("timeout"), true);
    if (const YamlNode* n = m.get("min_idle")) {
        p.minIdle = readInt(*n, m.path("min_idle"), 0);
        if (*p.minIdle > ctx.poolSize)
            failAt(n->where, m.path("min_idle"),
                   "min_idle " + std::to_string(*p.minIdle) + " exceeds " + ctx.poolSizeText);
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

/// backend.health_check: Kubernetes' liveness probe (periodSeconds, timeoutSeconds,
/// failureThreshold) and the probe's query. Empty (`{}`) checks with the defaults.
HealthCheck readHealthCheck(const YamlNode& node, const std::string& path, const ReadContext& ctx)
{
    const MapReader m(node, path, {"every", "timeout", "failures", "hold"}, true);
    HealthCheck h;
    if (const YamlNode* n = m.get("every"))
        h.every = readDuration(*n, m.path("every"), DurationMin::Positive);
    if (const YamlNode* n = m.get("timeout"))
        h.timeout = readDuration(*n, m.path("timeout"), DurationMin::Positive);
    if (const YamlNode* n = m.get("failures"))
        h.failures = readInt(*n, m.path("failures"), 1);
    if (const YamlNode* n = m.get("hold"))
        h.hold = readDistribution(*n, m.path("hold"), ctx);
    return h;
}

BackendConfig readBackend(const YamlNode& node, const ReadContext& ctx)
{
    const MapReader m(
        node, "backend",
        {"instances", "balancer", "users", "health_check", "restart", "max_pending", "on_overload"}, true);
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
    if (const YamlNode* n = m.get("health_check"))
        b.healthCheck = readHealthCheck(*n, m.path("health_check"), ctx);
    if (const YamlNode* n = m.get("restart"))
        b.restart = readTimeout(*n, m.path("restart"), true);
    if (const YamlNode* n = m.get("max_pending"))
        b.maxPending = readInt(*n, m.path("max_pending"), 0);
    if (const YamlNode* n = m.get("on_overload")) {
        b.onOverload = readEnumOf<OverloadAction>(*n, m.path("on_overload"), kOverloadActionNames);
        if (!b.maxPending)
            failAt(m.entry("on_overload")->keyWhere, m.path("on_overload"),
                   "'on_overload' needs max_pending (how many requests may wait for a connection at one "
                   "instance before it is overloaded)");
    }
    return b;
}

/// sigma: a fraction below 1 or a percentage below 100%.
double readContention(const YamlNode& node, const std::string& path)
{
    const char* expected = "a fraction from 0 to below 1 such as 0.03, or a percentage such as 3%";
    const std::string& text = readScalar(node, path, expected);
    double value = -1;
    try {
        value = parsePercent(text);
    } catch (const std::invalid_argument&) {
    }
    if (!(value >= 0 && value < 1))
        failAt(node.where, path, std::string("expected ") + expected + ", got " + describeNode(node));
    return value;
}

DatabaseCapacity readCapacity(const YamlNode& node, const std::string& path, bool databaseHasCores,
                              const ReadContext& ctx)
{
    const MapReader m(node, path, {"cores", "contention", "coherency", "round_trip"}, true);
    DatabaseCapacity c;
    if (const YamlNode* n = m.get("cores"))
        c.cores = readInt(*n, m.path("cores"), 1, 100'000);
    else if (!databaseHasCores)
        m.require("cores", "the database server's CPU cores, or database.cores");
    if (const YamlNode* n = m.get("contention"))
        c.contention = readContention(*n, m.path("contention"));
    if (const YamlNode* n = m.get("coherency")) {
        c.coherency = readNumber(*n, m.path("coherency"));
        if (!(*c.coherency >= 0 && *c.coherency <= 1))
            failAt(n->where, m.path("coherency"),
                   "expected a number from 0 to 1 such as 0.0008, got " + describeNode(*n));
    }
    if (const YamlNode* n = m.get("round_trip"))
        c.roundTrip = readDistribution(*n, m.path("round_trip"), ctx);
    return c;
}

DatabaseConfig readDatabase(const YamlNode& node, const ReadContext& ctx)
{
    const MapReader m(node, "database",
                      {"max_connections", "reserved_connections", "cores", "spindles", "capacity"}, true);
    DatabaseConfig d;
    if (const YamlNode* n = m.get("cores"))
        d.cores = readInt(*n, m.path("cores"), 1, 100'000);
    if (const YamlNode* n = m.get("capacity"))
        d.capacity = readCapacity(*n, m.path("capacity"), d.cores.has_value(), ctx);
    if (const YamlNode* n = m.get("spindles"))
        d.spindles = readInt(*n, m.path("spindles"), 0, 100'000);
    if (const YamlNode* n = m.get("max_connections"))
        d.maxConnections = readInt(*n, m.path("max_connections"), 1, 100'000'000);
    if (const YamlNode* n = m.get("reserved_connections"))
        d.reservedConnections = readInt(*n, m.path("reserved_connections"), 0);
    if (d.maxConnections && d.effectiveReserved() >= *d.maxConnections) {
        const std::string max = std::to_string(*d.maxConnections),
                          reserved = std::to_string(d.effectiveReserved());
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
        failAt(root.where, "",
               "missing required key 'poolsim' (the format version: write poolsim: 1 as the first line)");
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

Scenario readScenario(const YamlNode& root, ReadContext& ctx)
{
    if (root.isNull())
        failAt(root.where, "", "the scenario is empty (a scenario starts with poolsim: 1)");
    if (!root.isMap())
        failAt(root.where, "",
               "expected a map of settings starting with poolsim: 1, got " + describeNode(root));
    // The version first: a file of another version may well have other keys.
    checkVersion(root);
    const MapReader m(root, "",
                      {"poolsim", "name", "description", "horizon", "warmup", "replications", "seed",
                       "resolution", "hold_scale", "pool", "backend", "database", "workloads", "variants",
                       "slo", "alerts", "sweep"});
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
                       " bins over the horizon " + formatDuration(s.horizon) + " (at most " +
                       std::to_string(kMaxBins) + ")");
    }
    if (const YamlNode* n = m.get("hold_scale")) {
        s.holdScale = readNumber(*n, "hold_scale");
        if (!(*s.holdScale > 0 && *s.holdScale <= 1000))
            failAt(n->where, "hold_scale",
                   "expected a factor above 0 and at most 1000, got " + describeNode(*n));
    }
    static const YamlNode kAbsent;
    const YamlNode* pool = m.get("pool");
    s.pool = readPool(pool ? *pool : kAbsent, ctx);
    const YamlNode* backend = m.get("backend");
    s.backend = readBackend(backend ? *backend : kAbsent, ctx);
    // Every connection is modelled: keep the fleet to a size a machine can hold.
    constexpr std::int64_t kMaxConnections = 10'000'000;
    if (s.backend.effectiveInstances() * s.pool.effectiveSize() > kMaxConnections) {
        const YamlNode* at = backend && backend->find("instances") ? backend->find("instances") : pool;
        failAt(at ? at->where : m.node().where,
               backend && backend->find("instances") ? "backend.instances" : "pool.size",
               std::to_string(s.backend.effectiveInstances()) + " instances x " +
                   std::to_string(s.pool.effectiveSize()) + " connections is more than " +
                   std::to_string(kMaxConnections) + " connections in all");
    }
    const YamlNode* database = m.get("database");
    s.database = readDatabase(database ? *database : kAbsent, ctx);

    const YamlNode& workloads = m.require("workloads", "the requests that use the pool");
    if (!workloads.isSequence())
        failAt(workloads.where, "workloads",
               "expected a list of workloads (each starting with - name: ...), got " +
                   describeNode(workloads));
    if (workloads.items.empty())
        failAt(workloads.where, "workloads", "needs at least one workload");
    for (std::size_t i = 0; i < workloads.items.size(); ++i) {
        const std::string path = indexPath("workloads", i);
        s.workloads.push_back(readWorkload(workloads.items[i], path, ctx));
        for (std::size_t j = 0; j < i; ++j)
            if (s.workloads[j].name == s.workloads[i].name)
                failAt(workloads.items[i].find("name")->where, path + ".name",
                       "duplicate workload name '" + s.workloads[i].name + "' (also " +
                           indexPath("workloads", j) + ")");
    }
    // A round trip is time a query spends beside the server's work: without a server there is
    // no such split, and the hold already is the whole of it.
    if (!s.database.capacity)
        for (std::size_t i = 0; i < s.workloads.size(); ++i)
            if (const YamlEntry* e = workloads.items[i].findEntry("round_trip"))
                failAt(e->keyWhere, indexPath("workloads", i) + ".round_trip",
                       "a round trip needs the database server's capacity model (database.capacity): "
                       "without it a query's hold is all the time it holds its connection");
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
        ReadContext ctx;
        ctx.baseDir = baseDir;
        Scenario s = readScenario(root, ctx);
        checkPlanningParts(root, s, s.parts().unitedWith(checkWhatIfs(root, s, baseDir)));
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
    ReadContext ctx;
    ctx.baseDir = baseDir;
    return readScenario(root, ctx);
}

Scenario loadScenarioText(const std::string& yamlText, const std::string& displayName,
                          const std::string& baseDir, const std::vector<std::string>& overrides)
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
