#pragma once
// Shared by the scenario-file suites: the data folder, the minimal scenario and the base most
// error cases start from, --set lists, and loading from the data folder.
// moc (Qt 6.4) cannot parse the C++20 headers these include; it needs only the test class.
#ifndef Q_MOC_RUN
#include "models/scenario/scenario_yaml.h"
#endif

#include <QByteArray>

#include <cstdint>
#include <string>
#include <vector>

using poolsim::engine::SimTime;
using namespace poolsim::models;

namespace scenariotest {

inline const std::string kDataDir = POOLSIM_SOURCE_DIR "/tests/data";

inline constexpr std::int64_t kS = 1'000'000'000;

inline const char* const kMinimal = R"(poolsim: 1
name: M/M/50 with a 1 s pool timeout
horizon: 2h
warmup: 10m
replications: 10
seed: 7
pool:
  size: 50
  timeout: 1s
workloads:
  - name: api
    arrivals: {poisson: 45/s}
    hold: {exponential: 1s}
)";

/// The six lines most error cases start from.
inline const char* const kBase = R"(poolsim: 1
horizon: 2h
workloads:
  - name: api
    arrivals: {poisson: 45/s}
    hold: {exponential: 1s}
)";

inline std::vector<std::string> splitOverrides(const QByteArray& list)
{
    std::vector<std::string> out;
    if (list.isEmpty())
        return out;
    for (const QByteArray& o : list.split('\n'))
        out.push_back(o.toStdString());
    return out;
}

inline Scenario loadData(const std::string& file)
{
    return loadScenarioFile(kDataDir + "/" + file);
}

inline SimTime sec(std::int64_t n)
{
    return SimTime::fromTicks(n * kS);
}

} // namespace scenariotest

using namespace scenariotest; // NOLINT: test helpers, one per suite
