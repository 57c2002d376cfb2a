#pragma once
// The properties the fuzz targets check, shared with tests/models/tst_fuzz_regressions.cpp,
// which runs them over every input a fuzzer ever found (tests/fuzz/regressions/).
//  - loaderRoundTrip: bad input ends in a ScenarioError (or std::invalid_argument from
//    compile); whatever loads saves, loads again from its own saved text, and saves the same.
//  - cappedSimulation: whatever loads runs (one replication, one thread, at most 30 ms of wall
//    time) to a result, or is refused with an exception that says why.
// Each returns an empty string when the property holds, else what went wrong.
#include "engine/replication_runner.h"
#include "models/scenario/scenario_error.h"
#include "models/scenario/scenario_yaml.h"
#include "models/simulation/compiled_scenario.h"
#include "models/simulation/simulation.h"

#include <chrono>
#include <stdexcept>
#include <string>

namespace poolsim::fuzz {

inline const std::string kDataDir = POOLSIM_SOURCE_DIR "/tests/data";

inline std::string loaderRoundTrip(const std::string& text)
{
    using namespace models;
    Scenario first;
    try {
        first = loadScenarioText(text, "fuzz.yaml", kDataDir);
        (void)CompiledScenario::compile(first);
    } catch (const ScenarioError&) {
        return {}; // refused with a located error
    } catch (const std::invalid_argument&) {
        return {}; // loads, but cannot run: compile says why
    }
    const std::string saved = saveScenarioText(first);
    std::string savedAgain;
    try {
        savedAgain = saveScenarioText(loadScenarioText(saved, "saved.yaml", kDataDir));
    } catch (const std::exception& e) {
        return "the saved scenario does not load again: " + std::string(e.what()) + "\n--- saved:\n" + saved;
    }
    if (saved != savedAgain)
        return "saving twice gives different text\n--- first:\n" + saved + "--- second:\n" + savedAgain;
    return {};
}

/// Stops a run after `limit` of wall time.
class WallClockCap final : public engine::RunObserver
{
public:
    explicit WallClockCap(std::chrono::milliseconds limit) : m_limit(limit) {}
    void progress(double, std::uint64_t) override {}
    bool stopRequested() override { return std::chrono::steady_clock::now() - m_start > m_limit; }

private:
    std::chrono::milliseconds m_limit;
    std::chrono::steady_clock::time_point m_start = std::chrono::steady_clock::now();
};

inline std::string cappedSimulation(const std::string& text)
{
    using namespace models;
    Scenario scenario;
    try {
        scenario = loadScenarioText(text, "fuzz.yaml", kDataDir);
    } catch (const ScenarioError&) {
        return {};
    }
    RunOptions options;
    options.replications = 1;
    options.threads = 1;
    WallClockCap cap(std::chrono::milliseconds(30));
    try {
        if (!runScenario(scenario, options, &cap))
            return "runScenario returned no result";
    } catch (const ScenarioError&) {
        return {};
    } catch (const std::invalid_argument&) {
        return {};
    }
    return {};
}

} // namespace poolsim::fuzz
