#pragma once
// Random streams as in ns-3: a fixed default seed, a replication ("run") number, and a stable
// stream id per model component. The stream id comes from the component's name, not from its
// position, so adding a workload never changes the numbers another workload sees, and two
// variants of a scenario are compared with common random numbers. Never seeded from the clock.
#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_01.hpp>

#include <cstdint>
#include <string_view>

namespace poolsim::engine {

inline constexpr std::uint64_t kDefaultSeed = 1;

/// 64-bit FNV-1a of a component name: stable across platforms, compilers and runs.
std::uint64_t streamId(std::string_view componentName);

class RandomStream
{
public:
    using Engine = boost::random::mt19937_64;

    RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t streamId);

    Engine& engine() { return m_engine; }
    /// Uniform on [0, 1).
    double uniform01() { return m_uniform(m_engine); }

private:
    Engine m_engine;
    boost::random::uniform_01<double> m_uniform;
};

} // namespace poolsim::engine
