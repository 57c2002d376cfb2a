// Writing a scenario as YAML in canonical key order, in the forms its author used.
#include "models/metrics/limit_keys.h"
#include "models/scenario/atomic_file.h"
#include "models/scenario/distribution_spec.h"
#include "models/scenario/failure_names.h"
#include "models/scenario/scenario_yaml.h"
#include "models/scenario/units.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <type_traits>

namespace poolsim::models {

namespace {

bool isAlnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/// Text that YAML reads back as the same string when written bare, in block and flow context.
bool isPlainSafe(const std::string& s)
{
    if (s.empty() || s == "null" || s == "Null" || s == "NULL" || s.back() == ' ')
        return false;
    const char first = s.front();
    if (!(isAlnum(first) || first == '_' || first == '.' || first == '/' || first == '('))
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return isAlnum(c) || c == ' ' || c == '_' || c == '.' || c == '/' || c == '+' || c == '-' ||
               c == '(' || c == ')';
    });
}

std::string doubleQuoted(const std::string& s)
{
    std::string out = "\"";
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (u < 0x20 || u == 0x7f) {
                char buffer[8];
                std::snprintf(buffer, sizeof buffer, "\\x%02X", static_cast<unsigned>(u));
                out += buffer;
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

std::string scalar(const std::string& s)
{
    return isPlainSafe(s) ? s : doubleQuoted(s);
}

/// Whether multi-line text can be written as a block literal and read back unchanged.
bool suitsLiteral(const std::string& s)
{
    if (s.find('\n') == std::string::npos || s.front() == ' ' || s.front() == '\t' || s.front() == '\n')
        return false;
    // More than one final newline would need keep chomping (|+), which swallows following blank lines.
    if (s.size() >= 2 && s[s.size() - 1] == '\n' && s[s.size() - 2] == '\n')
        return false;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i <= s.size(); ++i) {
        if (i == s.size() || s[i] == '\n') {
            const std::string_view line(s.data() + lineStart, i - lineStart);
            const bool blank =
                std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
            if (!line.empty() && (blank || line.back() == ' ' || line.back() == '\t'))
                return false;
            lineStart = i + 1;
            continue;
        }
        const auto u = static_cast<unsigned char>(s[i]);
        if ((u < 0x20 && s[i] != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

class Writer
{
public:
    void line(int indent, const std::string& text)
    {
        m_out += std::string(static_cast<std::size_t>(indent), ' ') + text + "\n";
    }
    void blank() { m_out += "\n"; }
    void key(int indent, const std::string& key, const std::string& value)
    {
        line(indent, key + ": " + value);
    }

    /// Text: a block literal when it has several lines, else a (quoted if need be) scalar.
    void text(int indent, const std::string& key, const std::string& value)
    {
        if (!suitsLiteral(value)) {
            this->key(indent, key, scalar(value));
            return;
        }
        std::size_t trailing = 0;
        while (trailing < value.size() && value[value.size() - 1 - trailing] == '\n')
            ++trailing;
        line(indent, key + (trailing == 0 ? ": |-" : ": |"));
        const std::string body = value.substr(0, value.size() - trailing);
        std::size_t start = 0;
        for (;;) {
            const std::size_t end = body.find('\n', start);
            const std::string l =
                body.substr(start, end == std::string::npos ? std::string::npos : end - start);
            if (l.empty())
                blank();
            else
                line(indent + 2, l);
            if (end == std::string::npos)
                break;
            start = end + 1;
        }
    }

    std::string take() { return std::move(m_out); }

private:
    std::string m_out;
};

std::string timeoutText(const Timeout& t)
{
    return t.value ? formatDuration(*t.value) : "none";
}

std::string distribution(const DistributionSpec& spec)
{
    return std::visit(
        [](const auto& d) -> std::string {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, ConstantDist>) {
                return formatDuration(d.value);
            } else if constexpr (std::is_same_v<T, ExponentialDist>) {
                return "{exponential: " + formatDuration(d.mean) + "}";
            } else if constexpr (std::is_same_v<T, UniformDist>) {
                return "{uniform: {min: " + formatDuration(d.min) + ", max: " + formatDuration(d.max) + "}}";
            } else if constexpr (std::is_same_v<T, NormalDist>) {
                return "{normal: {mean: " + formatDuration(d.mean) + ", sd: " + formatDuration(d.sd) + "}}";
            } else if constexpr (std::is_same_v<T, LognormalDist>) {
                switch (d.form) {
                case LognormalDist::Form::MeanP95:
                    return "{lognormal: {mean: " + formatDuration(d.center) +
                           ", p95: " + formatDuration(d.p95) + "}}";
                case LognormalDist::Form::MedianP95:
                    return "{lognormal: {median: " + formatDuration(d.center) +
                           ", p95: " + formatDuration(d.p95) + "}}";
                case LognormalDist::Form::MuSigma:
                    break;
                }
                return "{lognormal: {mu: " + formatNumber(d.mu) + ", sigma: " + formatNumber(d.sigma) + "}}";
            } else if constexpr (std::is_same_v<T, GammaDist>) {
                return "{gamma: {mean: " + formatDuration(d.mean) + ", cv: " + formatNumber(d.cv) + "}}";
            } else if constexpr (std::is_same_v<T, WeibullDist>) {
                return "{weibull: {shape: " + formatNumber(d.shape) + ", scale: " + formatDuration(d.scale) +
                       "}}";
            } else {
                static_assert(std::is_same_v<T, EmpiricalDist>);
                if (!d.file.empty())
                    return "{empirical: {file: " + scalar(d.file) + "}}";
                std::string s;
                for (const SimTime v : d.values)
                    s += (s.empty() ? "" : ", ") + formatDuration(v);
                return "{empirical: [" + s + "]}";
            }
        },
        spec);
}

std::string optionalEvery(const std::optional<SimTime>& every)
{
    return every ? ", every: " + formatDuration(*every) : std::string();
}

void writeArrivals(Writer& w, int indent, const ArrivalSpec& spec)
{
    std::visit(
        [&](const auto& a) {
            using T = std::decay_t<decltype(a)>;
            if constexpr (std::is_same_v<T, PoissonArrivals>) {
                w.key(indent, "arrivals", "{poisson: " + formatRate(a.rate) + "}");
            } else if constexpr (std::is_same_v<T, ProfileArrivals>) {
                constexpr std::size_t kMaxFlowPoints = 4;
                if (a.points.size() <= kMaxFlowPoints) {
                    std::string s;
                    for (const auto& p : a.points)
                        s += (s.empty() ? "[" : ", [") + formatDuration(p.at) + ", " + formatRate(p.rate) +
                             "]";
                    w.key(indent, "arrivals", "{profile: [" + s + "]}");
                } else {
                    w.line(indent, "arrivals:");
                    w.line(indent + 2, "profile:");
                    for (const auto& p : a.points)
                        w.line(indent + 4, "- [" + formatDuration(p.at) + ", " + formatRate(p.rate) + "]");
                }
            } else if constexpr (std::is_same_v<T, BurstArrivals>) {
                std::string s = "{at: " + formatDuration(a.at) + ", count: " + std::to_string(a.count);
                if (!a.within.isZero())
                    s += ", within: " + formatDuration(a.within);
                w.key(indent, "arrivals", "{burst: " + s + optionalEvery(a.every) + "}}");
            } else if constexpr (std::is_same_v<T, UsersArrivals>) {
                w.key(indent, "arrivals",
                      "{users: " + std::to_string(a.users) + ", think: " + distribution(a.think) + "}");
            } else if constexpr (std::is_same_v<T, BatchArrivals>) {
                std::string s = "{at: " + formatDuration(a.at) + ", items: " + std::to_string(a.items);
                if (a.concurrency != 1)
                    s += ", concurrency: " + std::to_string(a.concurrency);
                w.key(indent, "arrivals", "{batch: " + s + optionalEvery(a.every) + "}}");
            } else {
                static_assert(std::is_same_v<T, TraceArrivals>);
                std::string s = "{trace: " + scalar(a.file);
                if (a.jitter)
                    s += ", jitter: " + formatDuration(*a.jitter);
                w.key(indent, "arrivals", s + "}");
            }
        },
        spec);
}

void writeWorkload(Writer& w, const Workload& wl)
{
    w.line(2, "- name: " + scalar(wl.name));
    constexpr int kIndent = 4;
    if (!wl.description.empty())
        w.text(kIndent, "description", wl.description);
    writeArrivals(w, kIndent, wl.arrivals);
    if (wl.hold)
        w.key(kIndent, "hold", distribution(*wl.hold));
    if (wl.connections)
        w.key(kIndent, "connections", std::to_string(*wl.connections));
    if (wl.acquire)
        w.key(kIndent, "acquire", *wl.acquire == AcquireMode::OneByOne ? "one_by_one" : "together");
    if (!wl.steps.empty()) {
        w.line(kIndent, "steps:");
        for (const Step& step : wl.steps) {
            std::string s = std::string(step.isWork ? "{work: " : "{query: ") + distribution(step.duration);
            if (!step.isWork && step.connections != 1)
                s += ", connections: " + std::to_string(step.connections);
            w.line(kIndent + 2, "- " + s + "}");
        }
    }
    if (wl.transaction)
        w.key(kIndent, "transaction", *wl.transaction ? "true" : "false");
    if (wl.roundTrip)
        w.key(kIndent, "round_trip", distribution(*wl.roundTrip));
    if (wl.clientTimeout)
        w.key(kIndent, "client_timeout", formatDuration(*wl.clientTimeout));
    if (wl.cancelOnTimeout)
        w.key(kIndent, "cancel_on_timeout", *wl.cancelOnTimeout ? "true" : "false");
    if (wl.retry) {
        std::string s = "{attempts: " + std::to_string(wl.retry->attempts);
        if (!isZeroConstant(wl.retry->backoff))
            s += ", backoff: " + distribution(wl.retry->backoff);
        if (wl.retry->on) {
            std::string on;
            for (const FailureKind kind : *wl.retry->on)
                on += (on.empty() ? "" : ", ") + std::string(failureKindName(kind));
            s += ", on: [" + on + "]";
        }
        w.key(kIndent, "retry", s + "}");
    }
}

std::string flowMap(const std::vector<std::pair<std::string, std::string>>& entries)
{
    std::string out = "{";
    for (std::size_t i = 0; i < entries.size(); ++i)
        out += (i ? ", " : "") + scalar(entries[i].first) + ": " + scalar(entries[i].second);
    return out + "}";
}

/// A limit or threshold as written, or, for one made by a program without its text, the value
/// in the unit its key or signal takes (so that the file still loads).
std::string levelText(const std::string& written, double value, const SloUnit* unit)
{
    if (!written.empty())
        return written;
    if (unit && *unit == SloUnit::Duration)
        return formatDuration(SimTime::fromTicks(static_cast<std::int64_t>(std::llround(value * 1e9))));
    return formatNumber(value);
}

const SloUnit* sloUnit(const std::string& key)
{
    const SloKey* k = findSloKey(key);
    return k ? &k->unit : nullptr;
}

const SloUnit* signalUnit(const std::string& signal)
{
    const AlertSignal* s = findAlertSignal(signal);
    return s ? &s->unit : nullptr;
}

void writeWhatIfs(Writer& w, const Scenario& s)
{
    if (!s.variants.empty()) {
        w.blank();
        w.line(0, "variants:");
        for (const Variant& v : s.variants) {
            w.line(2, "- name: " + scalar(v.name));
            if (!v.description.empty())
                w.text(4, "description", v.description);
            std::vector<std::pair<std::string, std::string>> set;
            for (const SettingChange& c : v.set)
                set.emplace_back(c.path, c.value);
            if (!set.empty())
                w.key(4, "set", flowMap(set));
        }
    }
    if (!s.slo.empty()) {
        w.blank();
        w.line(0, "slo:");
        // The limits on all requests first, then each workload's in one map, workloads in the
        // order they first appear: a workload's limits written apart would be a duplicate key.
        std::vector<std::string> workloads;
        for (const SloLimit& l : s.slo) {
            if (l.workload.empty())
                w.key(2, l.key, scalar(levelText(l.text, l.limit, sloUnit(l.key))));
            else if (std::find(workloads.begin(), workloads.end(), l.workload) == workloads.end())
                workloads.push_back(l.workload);
        }
        if (!workloads.empty())
            w.line(2, "workloads:");
        for (const std::string& name : workloads) {
            std::vector<std::pair<std::string, std::string>> limits;
            for (const SloLimit& l : s.slo)
                if (l.workload == name)
                    limits.emplace_back(l.key, levelText(l.text, l.limit, sloUnit(l.key)));
            w.key(4, scalar(name), flowMap(limits));
        }
    }
    if (s.alerts) {
        w.blank();
        if (s.alerts->empty())
            w.line(0, "alerts: []");
        else
            w.line(0, "alerts:");
        for (const AlertRule& r : *s.alerts) {
            std::vector<std::pair<std::string, std::string>> e = {
                {"name", r.name},
                {"signal", r.signal},
                {"above", levelText(r.thresholdText, r.threshold, signalUnit(r.signal))}};
            if (r.window)
                e.emplace_back("window", formatDuration(*r.window));
            if (r.forAtLeast)
                e.emplace_back("for", formatDuration(*r.forAtLeast));
            w.line(2, "- " + flowMap(e));
        }
    }
    if (!s.sweep.empty()) {
        w.blank();
        w.line(0, "sweep:");
        for (const SweepParam& p : s.sweep) {
            if (!p.text.empty()) {
                w.key(2, scalar(p.path), scalar(p.text));
                continue;
            }
            std::string list = "[";
            for (std::size_t i = 0; i < p.values.size(); ++i)
                list += (i ? ", " : "") + scalar(p.values[i]);
            w.key(2, scalar(p.path), list + "]");
        }
    }
}

} // namespace

std::string saveScenarioText(const Scenario& s)
{
    Writer w;
    w.key(0, "poolsim", std::to_string(Scenario::kFormatVersion));
    if (!s.name.empty())
        w.text(0, "name", s.name);
    if (!s.description.empty())
        w.text(0, "description", s.description);
    w.key(0, "horizon", formatDuration(s.horizon));
    if (s.warmup)
        w.key(0, "warmup", formatDuration(*s.warmup));
    if (s.replications)
        w.key(0, "replications", std::to_string(*s.replications));
    if (s.seed)
        w.key(0, "seed", std::to_string(*s.seed));
    if (s.resolution)
        w.key(0, "resolution", formatDuration(*s.resolution));
    if (s.holdScale)
        w.key(0, "hold_scale", formatNumber(*s.holdScale));

    const PoolConfig& p = s.pool;
    if (p != PoolConfig{}) {
        w.line(0, "pool:");
        if (p.size)
            w.key(2, "size", std::to_string(*p.size));
        if (p.timeout)
            w.key(2, "timeout", timeoutText(*p.timeout));
        if (p.minIdle)
            w.key(2, "min_idle", std::to_string(*p.minIdle));
        if (p.connectTime)
            w.key(2, "connect_time", distribution(*p.connectTime));
        if (p.connectTimeout)
            w.key(2, "connect_timeout", timeoutText(*p.connectTimeout));
        if (p.idleTimeout)
            w.key(2, "idle_timeout", timeoutText(*p.idleTimeout));
        if (p.maxLifetime)
            w.key(2, "max_lifetime", timeoutText(*p.maxLifetime));
    }
    if (s.backend != BackendConfig{}) {
        w.line(0, "backend:");
        if (s.backend.instances)
            w.key(2, "instances", std::to_string(*s.backend.instances));
        if (s.backend.balancer) {
            const Balancer b = *s.backend.balancer;
            w.key(2, "balancer",
                  b == Balancer::Random      ? "random"
                  : b == Balancer::LeastBusy ? "least_busy"
                                             : "round_robin");
        }
        if (s.backend.users)
            w.key(2, "users", std::to_string(*s.backend.users));
        if (const auto& h = s.backend.healthCheck) {
            if (*h == HealthCheck{})
                w.line(2, "health_check: {}");
            else
                w.line(2, "health_check:");
            if (h->every)
                w.key(4, "every", formatDuration(*h->every));
            if (h->timeout)
                w.key(4, "timeout", formatDuration(*h->timeout));
            if (h->failures)
                w.key(4, "failures", std::to_string(*h->failures));
            if (h->hold)
                w.key(4, "hold", distribution(*h->hold));
        }
        if (s.backend.restart)
            w.key(2, "restart", timeoutText(*s.backend.restart));
        if (s.backend.maxPending)
            w.key(2, "max_pending", std::to_string(*s.backend.maxPending));
        if (s.backend.onOverload)
            w.key(2, "on_overload", std::string(overloadActionName(*s.backend.onOverload)));
    }
    if (s.database != DatabaseConfig{}) {
        w.line(0, "database:");
        if (s.database.maxConnections)
            w.key(2, "max_connections", std::to_string(*s.database.maxConnections));
        if (s.database.reservedConnections)
            w.key(2, "reserved_connections", std::to_string(*s.database.reservedConnections));
        if (s.database.cores)
            w.key(2, "cores", std::to_string(*s.database.cores));
        if (s.database.spindles)
            w.key(2, "spindles", std::to_string(*s.database.spindles));
        if (const auto& c = s.database.capacity) {
            w.line(2, "capacity:");
            if (c->cores)
                w.key(4, "cores", std::to_string(*c->cores));
            if (c->contention)
                w.key(4, "contention", formatFixedNumber(*c->contention));
            if (c->coherency)
                w.key(4, "coherency", formatFixedNumber(*c->coherency));
            if (c->roundTrip)
                w.key(4, "round_trip", distribution(*c->roundTrip));
        }
    }
    w.line(0, "workloads:");
    for (std::size_t i = 0; i < s.workloads.size(); ++i) {
        if (i > 0)
            w.blank();
        writeWorkload(w, s.workloads[i]);
    }
    writeWhatIfs(w, s);
    return w.take();
}

void saveScenarioFile(const Scenario& scenario, const std::string& path)
{
    writeFileAtomically(path, saveScenarioText(scenario));
}

} // namespace poolsim::models
