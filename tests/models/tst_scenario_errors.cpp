// Scenario files: every kind of mistake, in the file or in --set, reported with its place and
// key path (the bad-input table); an error's parts; missing files and folders.
// moc (Qt 6.4) cannot parse the C++20 headers these include; it needs only the test class.
#ifndef Q_MOC_RUN
#include "models/scenario/scenario_error.h"
#include "models/scenario/scenario_yaml.h"
#include "models/scenario/units.h"
#endif

#include <QtTest>

#include <exception>
#include <string>
#include <vector>

#include "scenario_test_support.h"

namespace {

/// Loads the text from the data folder and returns what() of the error, or "(no error)".
std::string loadError(const std::string& yaml, const std::vector<std::string>& overrides)
{
    try {
        loadScenarioText(yaml, "scenario.yaml", kDataDir, overrides);
    } catch (const ScenarioError& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("not a ScenarioError: ") + e.what();
    }
    return "(no error)";
}

QByteArray replaceDir(QByteArray s)
{
    return s.replace("{DATA}", QByteArray::fromStdString(kDataDir));
}

} // namespace

class TstScenarioErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void badInput_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QByteArray>("overrides"); // one a line
        QTest::addColumn<QByteArray>("message");
        const QByteArray base(kBase);
        const QByteArray head("poolsim: 1\nhorizon: 2h\n");
        const QByteArray api(
            "workloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n    hold: {exponential: 1s}\n");
        const auto row = [](const char* name, const QByteArray& yaml, const char* message,
                            const char* overrides = "") {
            QTest::newRow(name) << yaml << QByteArray(overrides) << QByteArray(message);
        };

        // Structure and keys.
        row("unknown top-level key", head + "horizn: 3h\n" + api,
            "scenario.yaml:3:1: unknown key 'horizn' (expected one of poolsim, name, description, horizon, "
            "warmup, "
            "replications, seed, resolution, hold_scale, pool, backend, database, workloads, variants, slo, "
            "alerts, sweep)");
        row("hold_scale zero", head + "hold_scale: 0\n" + api,
            "scenario.yaml:3:13: hold_scale: expected a factor above 0 and at most 1000, got '0'");
        row("hold_scale too large", head + "hold_scale: 5000\n" + api,
            "scenario.yaml:3:13: hold_scale: expected a factor above 0 and at most 1000, got '5000'");
        row("hold_scale not a number", head + "hold_scale: 30%\n" + api,
            "scenario.yaml:3:13: hold_scale: expected a number, got '30%'");
        row("unknown pool key", head + "pool:\n  sise: 5\n" + api,
            "scenario.yaml:4:3: pool: unknown key 'sise' (expected one of size, timeout, min_idle, "
            "connect_time, "
            "connect_timeout, idle_timeout, max_lifetime)");
        row("unknown workload key", base + "    holds: 1s\n",
            "scenario.yaml:7:5: workloads[0]: unknown key 'holds' (expected one of name, description, "
            "arrivals, hold, "
            "connections, acquire, steps, transaction, client_timeout, cancel_on_timeout, retry, "
            "round_trip)");
        row("duplicate key", "poolsim: 1\nhorizon: 2h\nhorizon: 3h\n" + api,
            "scenario.yaml:3:1: duplicate key 'horizon' (first given at line 2)");
        row("duplicate key in flow map", head + "pool: {size: 5, size: 6}\n" + api,
            "scenario.yaml:3:17: duplicate key 'size' (first given at line 3)");
        row("missing poolsim", "horizon: 2h\n" + api,
            "scenario.yaml:1:1: missing required key 'poolsim' (the format version: write poolsim: 1 as the "
            "first "
            "line)");
        row("version 2", "poolsim: 2\nhorizon: 2h\nfuture_key: 1\n" + api,
            "scenario.yaml:1:10: poolsim: unsupported format version 2 (expected 1)");
        row("version not a number", "poolsim: one\nhorizon: 2h\n" + api,
            "scenario.yaml:1:10: poolsim: expected the format version 1, got 'one'");
        row("missing horizon", "poolsim: 1\n" + api,
            "scenario.yaml:1:1: missing required key 'horizon' (how much time to simulate, such as 2h)");
        row("empty document", "# nothing here\n",
            "scenario.yaml: the scenario is empty (a scenario starts with poolsim: 1)");
        row("root is a list", "- poolsim: 1\n",
            "scenario.yaml:1:1: expected a map of settings starting with poolsim: 1, got a list");
        row("two documents", base + "---\npoolsim: 1\n",
            "scenario.yaml:7:1: the file holds more than one YAML document (one scenario per file)");
        row("stray comma", ",# x\n" + base, "scenario.yaml:1:1: invalid YAML: unexpected character");
        row("stray comma after a list", "- a\n,\n", "scenario.yaml:2:1: invalid YAML: unexpected character");
        {
            QByteArray bomb = base + "x0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
            for (int i = 1; i < 8; ++i)
                bomb += "x" + QByteArray::number(i) + ": &a" + QByteArray::number(i) + " [" +
                        QByteArray("*a" + QByteArray::number(i - 1) + ", ").repeated(9) + "*a" +
                        QByteArray::number(i - 1) + "]\n";
            row("alias bomb", bomb,
                "scenario.yaml: the document is too large (its aliases expand to over a million values)");
        }
        row("YAML syntax error", head + "workloads: [\n",
            "scenario.yaml:4:1: invalid YAML: end of sequence flow not found");
        row("YAML bad indentation", head + "pool:\n  size: 5\n timeout: 1s\n" + api,
            "scenario.yaml:5:2: invalid YAML: end of map not found");

        // Types and ranges.
        row("pool size not a number", head + "pool:\n  size: abc\n" + api,
            "scenario.yaml:4:9: pool.size: expected an integer from 1 to 100000, got 'abc'");
        row("pool size fractional", head + "pool: {size: 2.5}\n" + api,
            "scenario.yaml:3:14: pool.size: expected an integer from 1 to 100000, got '2.5'");
        row("pool is a list", head + "pool: [1, 2]\n" + api,
            "scenario.yaml:3:7: pool: expected a map with keys size, timeout, min_idle, connect_time, "
            "connect_timeout, idle_timeout, max_lifetime, got a list");
        row("negative warmup", head + "warmup: -5m\n" + api,
            "scenario.yaml:3:9: warmup: a duration cannot be negative, got '-5m'");
        row("bad unit", "poolsim: 1\nhorizon: 2x\n" + api,
            "scenario.yaml:2:10: horizon: expected a duration such as 250ms, 1.5s, 10m or 2h, got '2x'");
        row("zero horizon", "poolsim: 1\nhorizon: 0s\n" + api,
            "scenario.yaml:2:10: horizon: expected a duration > 0, got '0s'");
        row("replications 0", head + "replications: 0\n" + api,
            "scenario.yaml:3:15: replications: expected an integer from 1 to 100000, got '0'");
        row("replications too many", head + "replications: 100001\n" + api,
            "scenario.yaml:3:15: replications: expected an integer from 1 to 100000, got '100001'");
        row("negative seed", head + "seed: -1\n" + api,
            "scenario.yaml:3:7: seed: expected an integer from 0 to 18446744073709551615, got '-1'");
        row("bad balancer", head + "backend:\n  balancer: fastest\n" + api,
            "scenario.yaml:4:13: backend.balancer: expected one of round_robin, random, least_busy, got "
            "'fastest'");
        row("instances 0", head + "backend: {instances: 0}\n" + api,
            "scenario.yaml:3:22: backend.instances: expected an integer from 1 to 10000, got '0'");
        row("pool timeout word", head + "pool: {timeout: forever}\n" + api,
            "scenario.yaml:3:17: pool.timeout: expected a duration such as 250ms, 1.5s, 10m or 2h, or none, "
            "got "
            "'forever'");
        row("idle timeout zero", head + "pool: {idle_timeout: 0}\n" + api,
            "scenario.yaml:3:22: pool.idle_timeout: expected a duration > 0 or none, got '0'");
        row("transaction without steps", base + "    transaction: true\n",
            "scenario.yaml:7:5: workloads[0].transaction: 'transaction' goes with 'steps'");
        row("transaction not a bool",
            head + "workloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n    steps: [{query: 1s}]\n"
                   "    transaction: maybe\n",
            "scenario.yaml:7:18: workloads[0].transaction: expected true or false, got 'maybe'");
        row("empty workload name",
            head + "workloads:\n  - name: ''\n    arrivals: {poisson: 1/s}\n    hold: 1s\n",
            "scenario.yaml:4:11: workloads[0].name: a workload's name cannot be empty");
        row("name is a map", head + "name: {a: 1}\n" + api,
            "scenario.yaml:3:7: name: expected text, got a map");

        // Distributions.
        row("unknown distribution",
            head + "workloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n"
                   "    hold: {expo: 1s}\n",
            "scenario.yaml:6:12: workloads[0].hold: unknown distribution 'expo' (expected one of constant, "
            "exponential, uniform, normal, lognormal, gamma, weibull, empirical)");
        row("two distributions",
            head + "workloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n"
                   "    hold: {exponential: 1s, constant: 2s}\n",
            "scenario.yaml:6:29: workloads[0].hold: give one distribution, got both 'exponential' and "
            "'constant'");
        row("distribution word",
            head + "workloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n    hold: long\n",
            "scenario.yaml:6:11: workloads[0].hold: expected a duration such as 250ms or a distribution such "
            "as "
            "{exponential: 1s}, got 'long'");
        row("hold is a list",
            head + "workloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n    hold: [1s]\n",
            "scenario.yaml:6:11: workloads[0].hold: expected a duration such as 250ms or a distribution such "
            "as "
            "{exponential: 1s}, got a list");
        row("lognormal p95 below mean",
            head + "workloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n"
                   "    hold: {lognormal: {mean: 1s, p95: 500ms}}\n",
            "scenario.yaml:6:23: workloads[0].hold.lognormal: p95 must be greater than the mean");
        row("lognormal mean and median",
            head + "workloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n"
                   "    hold: {lognormal: {mean: 1s, median: 1s, p95: 3s}}\n",
            "scenario.yaml:6:34: workloads[0].hold.lognormal: give either mean or median, not both (give "
            "{mean, "
            "p95}, {median, p95} or {mu, sigma})");
        row("exponential mean zero",
            head + "workloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n    hold: {exponential: 0s}\n",
            "scenario.yaml:6:25: workloads[0].hold.exponential: mean must be > 0");
        row("uniform missing max",
            head +
                "workloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n    hold: {uniform: {min: 1s}}\n",
            "scenario.yaml:6:21: workloads[0].hold.uniform: missing required key 'max'");
        row("gamma cv text",
            head + "workloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n    hold: {gamma: {mean: 1s, "
                   "cv: high}}\n",
            "scenario.yaml:6:34: workloads[0].hold.gamma.cv: expected a number, got 'high'");
        row("empirical empty list",
            head + "workloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n    hold: {empirical: []}\n",
            "scenario.yaml:6:23: workloads[0].hold.empirical: needs at least one value");
        row("empirical file missing",
            head + "workloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n    hold: {empirical: {file: "
                   "nope.csv}}\n",
            "scenario.yaml:6:30: workloads[0].hold.empirical.file: cannot open '{DATA}/nope.csv': No such "
            "file or "
            "directory");
        row("empirical file bad line",
            head + "workloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n    hold: {empirical: {file: "
                   "trace.csv}}\n",
            "{DATA}/trace.csv:3:4: workloads[0].hold.empirical.file: expected one duration per line, got 2 "
            "columns");

        // Arrivals.
        row("unknown arrival kind",
            head + "workloads:\n  - name: api\n    arrivals: {poison: 45/s}\n    hold: 1s\n",
            "scenario.yaml:5:16: workloads[0].arrivals: unknown arrival kind 'poison' (expected one of "
            "poisson, "
            "profile, burst, users, batch, trace; users takes think, trace takes jitter)");
        row("two arrival kinds",
            head + "workloads:\n  - name: api\n    arrivals: {poisson: 45/s, burst: {at: 0s, count: 1}}\n    "
                   "hold: 1s\n",
            "scenario.yaml:5:31: workloads[0].arrivals: give one arrival kind, got both 'poisson' and "
            "'burst'");
        row("no arrival kind", head + "workloads:\n  - name: api\n    arrivals: {jitter: 1s}\n    hold: 1s\n",
            "scenario.yaml:5:15: workloads[0].arrivals: missing the arrival kind (one of poisson, profile, "
            "burst, "
            "users, batch, trace)");
        row("arrivals a rate", head + "workloads:\n  - name: api\n    arrivals: 45/s\n    hold: 1s\n",
            "scenario.yaml:5:15: workloads[0].arrivals: expected an arrival pattern such as {poisson: 45/s} "
            "(one of "
            "poisson, profile, burst, users, batch, trace), got '45/s'");
        row("bad rate", head + "workloads:\n  - name: api\n    arrivals: {poisson: 45/d}\n    hold: 1s\n",
            "scenario.yaml:5:25: workloads[0].arrivals.poisson: expected a rate such as 45/s, 300/m or 2/h, "
            "got "
            "'45/d'");
        row("profile times not increasing",
            head +
                "workloads:\n  - name: api\n    arrivals: {profile: [[0m, 5/s], [12m, 40/s], [10m, 5/s]]}\n"
                "    hold: 1s\n",
            "scenario.yaml:5:51: workloads[0].arrivals.profile[2]: time 10m is not after the previous "
            "point's 12m "
            "(times must increase)");
        row("profile empty", head + "workloads:\n  - name: api\n    arrivals: {profile: []}\n    hold: 1s\n",
            "scenario.yaml:5:25: workloads[0].arrivals.profile: needs at least one point (a list of [time, "
            "rate] "
            "points such as [[0m, 5/s], [10m, 40/s]])");
        row("burst count 0",
            head + "workloads:\n  - name: api\n    arrivals: {burst: {at: 1h, count: 0}}\n    hold: 1s\n",
            "scenario.yaml:5:39: workloads[0].arrivals.burst.count: expected an integer from 1 to "
            "1000000000, got '0'");
        row("users without think",
            head + "workloads:\n  - name: api\n    arrivals: {users: 20}\n    hold: 1s\n",
            "scenario.yaml:5:15: workloads[0].arrivals: missing required key 'think' (the think time between "
            "a "
            "user's requests)");
        row("think without users",
            head + "workloads:\n  - name: api\n    arrivals: {poisson: 1/s, think: 1s}\n    hold: 1s\n",
            "scenario.yaml:5:30: workloads[0].arrivals: 'think' goes with 'users', not with 'poisson'");
        row("trace file missing", head + "workloads:\n  - name: api\n    arrivals: {trace: missing.csv}\n",
            "scenario.yaml:5:23: workloads[0].arrivals.trace: cannot open '{DATA}/missing.csv': No such file "
            "or "
            "directory");
        row("bad trace row", head + "workloads:\n  - name: api\n    arrivals: {trace: bad_trace.csv}\n",
            "{DATA}/bad_trace.csv:3:5: workloads[0].arrivals.trace: column 2 (hold): expected a duration "
            "such as "
            "250ms, 1.5s, 10m or 2h, got 'lots'");
        row("trace without requests",
            head + "workloads:\n  - name: api\n    arrivals: {trace: header_only.csv}\n",
            "scenario.yaml:5:23: workloads[0].arrivals.trace: '{DATA}/header_only.csv' has no requests");
        row("hold with trace",
            head + "workloads:\n  - name: api\n    arrivals: {trace: trace.csv}\n    hold: 1s\n",
            "scenario.yaml:6:5: workloads[0].hold: a trace gives each request's hold time and connections; "
            "remove "
            "'hold'");
        row("trace needs more than the pool",
            head + "pool: {size: 1}\nworkloads:\n  - name: api\n    arrivals: {trace: trace.csv}\n",
            "scenario.yaml:6:23: workloads[0].arrivals.trace: a request in 'trace.csv' needs 2 connections, "
            "more "
            "than pool.size 1");

        // Request shapes.
        row("hold and steps", base + "    steps:\n      - {query: 20ms}\n",
            "scenario.yaml:7:5: workloads[0].steps: give either hold or steps, not both");
        row("neither hold nor steps", head + "workloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n",
            "scenario.yaml:4:5: workloads[0]: missing 'hold' (how long a request holds its connections) or "
            "'steps'");
        row("steps empty", head + "workloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n    steps: []\n",
            "scenario.yaml:6:12: workloads[0].steps: needs at least one step");
        row("step query and work",
            head + "workloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n    steps:\n"
                   "      - {query: 1s, work: 1s}\n",
            "scenario.yaml:7:21: workloads[0].steps[0]: a step is either a query or work, not both");
        row("work with connections",
            head + "workloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n    steps:\n"
                   "      - {query: 1s}\n      - {work: 1s, connections: 2}\n",
            "scenario.yaml:8:20: workloads[0].steps[1]: work holds no connection; 'connections' goes with "
            "'query'");
        row("acquire with steps",
            head + "workloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n    acquire: one_by_one\n"
                   "    steps:\n      - {query: 1s}\n",
            "scenario.yaml:6:5: workloads[0].acquire: 'acquire' goes with 'hold'; with steps, give "
            "connections on "
            "each step");
        row("connections more than the pool", base + "    connections: 11\n",
            "scenario.yaml:7:18: workloads[0].connections: connections 11 exceeds pool.size 10 (the "
            "default): a "
            "request could never get them");
        row("step connections more than the pool",
            head + "pool:\n  size: 2\nworkloads:\n  - name: api\n    arrivals: {poisson: 45/s}\n    steps:\n"
                   "      - {query: 1s, connections: 3}\n",
            "scenario.yaml:9:34: workloads[0].steps[0].connections: connections 3 exceeds pool.size 2: a "
            "request "
            "could never get them");
        row("bad acquire", base + "    acquire: all\n",
            "scenario.yaml:7:14: workloads[0].acquire: expected one of together, one_by_one, got 'all'");
        row("retry attempts 0", base + "    retry: {attempts: 0}\n",
            "scenario.yaml:7:23: workloads[0].retry.attempts: expected an integer from 1 to 1000, got '0'");
        row("duplicate workload names", base + "  - name: api\n    arrivals: {poisson: 1/s}\n    hold: 1s\n",
            "scenario.yaml:7:11: workloads[1].name: duplicate workload name 'api' (also workloads[0])");
        row("empty workloads", head + "workloads: []\n",
            "scenario.yaml:3:12: workloads: needs at least one workload");
        row("workloads a map", head + "workloads:\n  api: {}\n",
            "scenario.yaml:4:3: workloads: expected a list of workloads (each starting with - name: ...), "
            "got a map");

        // Relations between keys.
        row("warmup not below horizon", head + "warmup: 2h\n" + api,
            "scenario.yaml:3:9: warmup: warmup 2h must be shorter than the horizon 2h");
        row("resolution too fine", head + "resolution: 1ms\n" + api,
            "scenario.yaml:3:13: resolution: resolution 1ms gives 7200000 bins over the horizon 2h (at most "
            "1000000)");
        row("resolution above horizon", head + "resolution: 3h\n" + api,
            "scenario.yaml:3:13: resolution: resolution 3h is longer than the horizon 2h");
        row("min_idle above size", head + "pool:\n  size: 5\n  min_idle: 6\n" + api,
            "scenario.yaml:5:13: pool.min_idle: min_idle 6 exceeds pool.size 5");
        row("reserved not below max",
            head + "database:\n  max_connections: 10\n  reserved_connections: 10\n" + api,
            "scenario.yaml:5:25: database.reserved_connections: reserved_connections 10 must be less than "
            "max_connections 10");
        row("max below default reserved", head + "database:\n  max_connections: 3\n" + api,
            "scenario.yaml:4:20: database.max_connections: max_connections 3 leaves no connections for "
            "clients "
            "after the 3 reserved_connections (the default); set reserved_connections lower");

        // The database server's capacity.
        row("capacity without cores", head + "database:\n  capacity: {contention: 0.03}\n" + api,
            "scenario.yaml:4:13: database.capacity: missing required key 'cores' (the database server's CPU "
            "cores, or database.cores)");
        row("capacity contention 1", head + "database:\n  capacity: {cores: 8, contention: 1}\n" + api,
            "scenario.yaml:4:36: database.capacity.contention: expected a fraction from 0 to below 1 such as "
            "0.03, or a percentage such as 3%, got '1'");
        row("capacity contention 120%", head + "database:\n  capacity: {cores: 8, contention: 120%}\n" + api,
            "scenario.yaml:4:36: database.capacity.contention: expected a fraction from 0 to below 1 such as "
            "0.03, or a percentage such as 3%, got '120%'");
        row("capacity coherency negative",
            head + "database:\n  capacity: {cores: 8, coherency: -0.1}\n" + api,
            "scenario.yaml:4:35: database.capacity.coherency: expected a number from 0 to 1 such as 0.0008, "
            "got '-0.1'");
        row("capacity zero cores", head + "database:\n  capacity: {cores: 0}\n" + api,
            "scenario.yaml:4:21: database.capacity.cores: expected an integer from 1 to 100000, got '0'");
        row("capacity unknown key", head + "database:\n  capacity: {cores: 8, kappa: 0.1}\n" + api,
            "scenario.yaml:4:24: database.capacity: unknown key 'kappa' (expected one of cores, contention, "
            "coherency, round_trip)");
        row("capacity round_trip negative",
            head + "database:\n  capacity: {cores: 8, round_trip: -1ms}\n" + api,
            "scenario.yaml:4:36: database.capacity.round_trip: a duration cannot be negative, got '-1ms'");
        row("workload round_trip without capacity",
            head + "workloads:\n  - {name: api, arrivals: {poisson: 5/s}, hold: 10ms, round_trip: 2ms}\n",
            "scenario.yaml:4:55: workloads[0].round_trip: a round trip needs the database server's capacity "
            "model "
            "(database.capacity): without it a query's hold is all the time it holds its connection");

        // The failure loop: health checks, restarts, overload, client timeouts, what is retried.
        row("unknown health_check key", head + "backend:\n  health_check:\n    period: 10s\n" + api,
            "scenario.yaml:5:5: backend.health_check: unknown key 'period' (expected one of every, timeout, "
            "failures, hold)");
        row("health_check a duration", head + "backend: {health_check: 10s}\n" + api,
            "scenario.yaml:3:25: backend.health_check: expected a map with keys every, timeout, failures, "
            "hold, got '10s'");
        row("health_check every zero", head + "backend:\n  health_check: {every: 0s}\n" + api,
            "scenario.yaml:4:25: backend.health_check.every: expected a duration > 0, got '0s'");
        row("health_check timeout word", head + "backend:\n  health_check: {timeout: none}\n" + api,
            "scenario.yaml:4:27: backend.health_check.timeout: expected a duration such as 250ms, 1.5s, 10m "
            "or 2h, got 'none'");
        row("health_check failures 0", head + "backend:\n  health_check:\n    failures: 0\n" + api,
            "scenario.yaml:5:15: backend.health_check.failures: expected an integer >= 1, got '0'");
        row("health_check hold bad", head + "backend:\n  health_check: {hold: {exponential: 0s}}\n" + api,
            "scenario.yaml:4:38: backend.health_check.hold.exponential: mean must be > 0");
        row("restart negative", head + "backend: {restart: -1s}\n" + api,
            "scenario.yaml:3:20: backend.restart: a duration cannot be negative, got '-1s'");
        row("restart word", head + "backend: {restart: never}\n" + api,
            "scenario.yaml:3:20: backend.restart: expected a duration such as 250ms, 1.5s, 10m or 2h, or "
            "none, got 'never'");
        row("max_pending negative", head + "backend: {max_pending: -1}\n" + api,
            "scenario.yaml:3:24: backend.max_pending: expected an integer >= 0, got '-1'");
        row("bad on_overload", head + "backend: {max_pending: 5, on_overload: drop}\n" + api,
            "scenario.yaml:3:40: backend.on_overload: expected one of crash, reject, got 'drop'");
        row("on_overload without max_pending",
            head + "backend:\n  instances: 2\n  on_overload: reject\n" + api,
            "scenario.yaml:5:3: backend.on_overload: 'on_overload' needs max_pending (how many requests may "
            "wait for a connection at one instance before it is overloaded)");
        row("client_timeout zero", base + "    client_timeout: 0s\n",
            "scenario.yaml:7:21: workloads[0].client_timeout: expected a duration > 0 or none, got '0s'");
        row("cancel_on_timeout not a bool",
            base + "    client_timeout: 1s\n    cancel_on_timeout: yes please\n",
            "scenario.yaml:8:24: workloads[0].cancel_on_timeout: expected true or false, got 'yes please'");
        row("cancel_on_timeout without client_timeout", base + "    cancel_on_timeout: true\n",
            "scenario.yaml:7:5: workloads[0].cancel_on_timeout: 'cancel_on_timeout' needs the workload's "
            "client_timeout (how long the caller waits for a try before it gives up)");
        row("cancel_on_timeout with client_timeout none",
            base + "    client_timeout: none\n    cancel_on_timeout: false\n",
            "scenario.yaml:8:5: workloads[0].cancel_on_timeout: 'cancel_on_timeout' needs the workload's "
            "client_timeout (how long the caller waits for a try before it gives up), and client_timeout is "
            "none");
        row("retry on not a list", base + "    retry: {attempts: 2, on: timeout}\n",
            "scenario.yaml:7:30: workloads[0].retry.on: expected a list of outcomes such as [timeout, "
            "client_timeout] (of timeout, connect_failure, refused, client_timeout, crashed, rejected, "
            "unavailable), got 'timeout'");
        row("retry on empty", base + "    retry: {attempts: 2, on: []}\n",
            "scenario.yaml:7:30: workloads[0].retry.on: needs at least one outcome (of timeout, "
            "connect_failure, refused, client_timeout, crashed, rejected, unavailable)");
        row("retry on unknown outcome", base + "    retry: {attempts: 2, on: [timeout, crash]}\n",
            "scenario.yaml:7:40: workloads[0].retry.on[1]: expected one of timeout, connect_failure, "
            "refused, "
            "client_timeout, crashed, rejected, unavailable, got 'crash'");
        row("retry on duplicate",
            base + "    retry:\n      attempts: 2\n      on: [rejected, crashed, rejected]\n",
            "scenario.yaml:9:31: workloads[0].retry.on[2]: duplicate outcome 'rejected' (also "
            "workloads[0].retry.on[0])");
        row("retry on client_timeout without client_timeout",
            base + "    retry: {attempts: 2, on: [timeout, client_timeout]}\n",
            "scenario.yaml:7:40: workloads[0].retry.on[1]: retrying on client_timeout needs the workload's "
            "client_timeout (how long the caller waits for a try before it gives up)");

        // --set.
        row("--set without =", base, "--set: expected KEY=VALUE such as pool.size=20 (from --set pool.size)",
            "pool.size");
        row("--set bad key", base,
            "--set: bad key 'pool..size': empty name (expected a path such as pool.size or "
            "workloads[0].hold) (from "
            "--set pool..size=3)",
            "pool..size=3");
        row("--set bad value", base,
            "--set: pool.size: expected an integer from 1 to 100000, got 'abc' (from --set pool.size=abc)",
            "pool.size=abc");
        row("--set bad duration", base,
            "--set: workloads[0].hold.exponential: expected a duration such as 250ms, 1.5s, 10m or 2h, got "
            "'fast' "
            "(from --set workloads.api.hold.exponential=fast)",
            "workloads.api.hold.exponential=fast");
        row("--set index out of range", base,
            "--set: workloads: index 3 is out of range (workloads has 1 entry) (from --set "
            "workloads[3].hold=1s)",
            "workloads[3].hold=1s");
        row("--set unknown workload", base,
            "--set: workloads: no entry named 'web' (there are api) (from --set workloads.web.hold=1s)",
            "workloads.web.hold=1s");
        row("--set a map", base,
            "--set: workloads[0].arrivals: this is a map: --set gives single values (such as pool.size=20) "
            "(from --set "
            "workloads[0].arrivals=1)",
            "workloads[0].arrivals=1");
        row("--set inside a value", base,
            "--set: horizon: this is a single value, not a map: cannot set x inside it (from --set "
            "horizon.x=1)",
            "horizon.x=1");
        row("--set unknown key", base,
            "--set: pool: unknown key 'sise' (expected one of size, timeout, min_idle, connect_time, "
            "connect_timeout, "
            "idle_timeout, max_lifetime) (from --set pool.sise=5)",
            "pool.sise=5");
        row("--set a list value", base,
            "--set: expected a single value, got a list (quote the value to give it as text) (from --set "
            "name=[a])",
            "name=[a]");
        row("--set health_check failures", base,
            "--set: backend.health_check.failures: expected an integer >= 1, got 'three' (from --set "
            "backend.health_check.failures=three)",
            "backend.health_check.failures=three");
        row("--set on_overload without max_pending", base,
            "--set: backend.on_overload: 'on_overload' needs max_pending (how many requests may wait for a "
            "connection at one instance before it is overloaded) (from --set backend.on_overload=crash)",
            "backend.on_overload=crash");
        row("--set client_timeout none under cancel_on_timeout",
            base + "    client_timeout: 2s\n    cancel_on_timeout: true\n",
            "scenario.yaml:8:5: workloads[0].cancel_on_timeout: 'cancel_on_timeout' needs the workload's "
            "client_timeout (how long the caller waits for a try before it gives up), and client_timeout is "
            "none (from --set workloads.api.client_timeout=none)",
            "workloads.api.client_timeout=none");
        row("--set pool size too small for connections", base + "    connections: 2\n",
            "scenario.yaml:7:18: workloads[0].connections: connections 2 exceeds pool.size 1 (from --set "
            "pool.size=1): a request could never get them",
            "pool.size=1");
    }
    void badInput()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QByteArray, overrides);
        QFETCH(QByteArray, message);
        QCOMPARE(QByteArray::fromStdString(loadError(yaml.toStdString(), splitOverrides(overrides))),
                 replaceDir(message));
    }

    void errorCarriesItsParts()
    {
        const std::string yaml = std::string(kBase) + "    connections: 0\n";
        try {
            loadScenarioText(yaml, "dir/s.yaml", "");
            QFAIL("no error");
        } catch (const ScenarioError& e) {
            QCOMPARE(e.location().file, std::string("dir/s.yaml"));
            QCOMPARE(e.location().line, 7);
            QCOMPARE(e.location().column, 18);
            QCOMPARE(e.keyPath(), std::string("workloads[0].connections"));
            QCOMPARE(e.detail(), std::string("expected an integer >= 1, got '0'"));
        }
        try {
            loadScenarioText(kBase, "s.yaml", "", {"pool.size=0"});
            QFAIL("no error");
        } catch (const ScenarioError& e) {
            QCOMPARE(e.location().file, std::string("--set"));
            QCOMPARE(e.location().line, 0);
            QCOMPARE(e.keyPath(), std::string("pool.size"));
        }
    }

    void missingFile()
    {
        try {
            loadScenarioFile("no/such/scenario.yaml");
            QFAIL("no error");
        } catch (const ScenarioError& e) {
            QCOMPARE(std::string(e.what()),
                     std::string("no/such/scenario.yaml: cannot open the file: No such file or "
                                 "directory"));
        }
        try {
            loadScenarioFile(kDataDir);
            QFAIL("no error");
        } catch (const ScenarioError& e) {
            QCOMPARE(std::string(e.what()), kDataDir + ": cannot open the file: it is a folder");
        }
    }
};

QTEST_APPLESS_MAIN(TstScenarioErrors)
#include "tst_scenario_errors.moc"
