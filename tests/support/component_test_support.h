#pragma once
// Shared by the suites that drive one component of the simulation on its own: a statistics sink
// that keeps the levels and counts it is told, a script of actions at given times, and a
// compiled scenario to start from.
#ifndef Q_MOC_RUN
#include "engine/simulator.h"
#include "models/simulation/compiled_scenario.h"
#include "models/simulation/statistics_sink.h"
#endif

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace componenttest {

using poolsim::engine::SimTime;
using poolsim::models::StatisticsSink;

inline SimTime sec(double s)
{
    return SimTime::fromSeconds(s);
}

/// Keeps the current value and the maximum of every level, and every count.
class RecordingSink final : public StatisticsSink
{
public:
    LevelId level(std::string_view name) override { return idOf(m_levelNames, name); }
    void levelChanged(LevelId level, SimTime, std::uint32_t, std::int64_t delta) override
    {
        std::int64_t& v = levels[m_levelNames[level]];
        v += delta;
        std::int64_t& m = maxima[m_levelNames[level]];
        m = std::max(m, v);
    }
    CounterId counter(std::string_view name) override { return idOf(m_counterNames, name); }
    void counted(CounterId counter, SimTime, std::uint32_t, std::uint64_t n) override
    {
        counts[m_counterNames[counter]] += static_cast<std::int64_t>(n);
    }
    TallyId tally(std::string_view name) override { return idOf(m_tallyNames, name); }
    void recorded(TallyId tally, SimTime, std::uint32_t, double value) override
    {
        tallies[m_tallyNames[tally]].push_back(value);
    }

    void arrived(SimTime, std::uint32_t, bool) override { ++counts["arrived"]; }
    void granted(SimTime, SimTime wait) override { waits.push_back(wait.seconds()); }
    void served(SimTime, std::uint32_t, bool, SimTime, SimTime, double) override { ++counts["served"]; }
    void failed(SimTime, std::uint32_t, bool, Failure) override { ++counts["failed"]; }
    void retried(std::uint32_t, bool) override { ++counts["retried"]; }
    void stillWaiting(std::uint32_t, SimTime) override { ++counts["still waiting"]; }
    void instanceFailed(SimTime t, std::uint32_t instance, InstanceFailure) override
    {
        instanceEvents.push_back("down " + std::to_string(instance) + " at " + std::to_string(t.seconds()));
    }
    void instanceRestarted(SimTime t, std::uint32_t instance) override
    {
        instanceEvents.push_back("up " + std::to_string(instance) + " at " + std::to_string(t.seconds()));
    }
    std::vector<std::string> instanceEvents;

    std::map<std::string, std::int64_t> levels, maxima;
    std::map<std::string, std::int64_t> counts;
    std::vector<double> waits;                          // of every grant, in order
    std::map<std::string, std::vector<double>> tallies; // every value recorded, in order

private:
    static std::uint32_t idOf(std::vector<std::string>& names, std::string_view name)
    {
        for (std::uint32_t i = 0; i < names.size(); ++i)
            if (names[i] == name)
                return i;
        names.emplace_back(name);
        return static_cast<std::uint32_t>(names.size() - 1);
    }
    std::vector<std::string> m_levelNames, m_counterNames, m_tallyNames;
};

/// Runs test code at given simulated times (a test's own component; std::function is fine here).
class Script
{
public:
    explicit Script(poolsim::engine::Simulator& sim)
        : m_sim(sim), m_event(sim.eventType<&Script::onStep>(this, 0, "script"))
    {
    }
    void at(SimTime t, std::function<void()> step)
    {
        m_steps.push_back(std::move(step));
        m_sim.schedule(t, m_event, m_steps.size() - 1);
    }

private:
    void onStep(std::uint64_t i) { m_steps[i](); }
    poolsim::engine::Simulator& m_sim;
    poolsim::engine::EventType m_event;
    std::vector<std::function<void()>> m_steps;
};

/// One instance, a pool of `size` connections all open from the start, opened instantly, a
/// pool timeout of `timeout`, no database limit, a horizon of 100 s.
inline poolsim::models::CompiledScenario poolScenario(std::uint32_t size, SimTime timeout)
{
    poolsim::models::CompiledScenario s;
    s.horizon = sec(100);
    s.resolution = sec(1);
    s.poolSize = size;
    s.minIdle = size;
    s.timeout = timeout;
    return s;
}

} // namespace componenttest
