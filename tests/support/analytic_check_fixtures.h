#pragma once
// Shared by the analytic check's suites (tests/models/tst_analytic_check.cpp, the check itself;
// tests/cli/tst_analytic_cli.cpp, the command): the scenarios they run.
#include <QByteArray>
#include <QLatin1String>
#include <QString>

#include <limits>

namespace analyticcheck {

constexpr double kInf = std::numeric_limits<double>::infinity();

// One Poisson workload `api` with a hold on one pool; `extra` is appended (more workloads,
// top-level keys, slo). A warm-up of 30 s is longer than any of these pools needs to settle.
inline QByteArray scenario(const char* size, const char* timeout, const char* rate, const char* hold,
                           const char* extra = "", const char* horizon = "5m", const char* warmup = "30s")
{
    return QStringLiteral(R"(poolsim: 1
name: check
horizon: %1
warmup: %2
replications: 4
seed: 11
pool:
  size: %3
  timeout: %4
workloads:
  - name: api
    arrivals: {poisson: %5}
    hold: %6
%7)")
        .arg(QLatin1String(horizon), QLatin1String(warmup), QLatin1String(size), QLatin1String(timeout),
             QLatin1String(rate), QLatin1String(hold), QLatin1String(extra))
        .toUtf8();
}

// The command-line fixture: M/M/5 with a 1 s pool timeout at 80% load, a few seconds of work.
inline QByteArray small(const char* extra = "")
{
    return scenario("5", "1s", "4/s", "{exponential: 1s}", extra, "3m", "20s");
}

} // namespace analyticcheck
