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

/// The stream id of one of the first three components ("balancer", "connect", "lifetime"):
/// the name's first eight bytes, big-endian, zero-padded. They had these ids before streamId()
/// existed and keep them, so that their numbers, and every result pinned by a golden file, stay
/// the same. Every other component uses streamId().
constexpr std::uint64_t packedNameStreamId(std::string_view name)
{
    std::uint64_t id = 0;
    for (std::size_t i = 0; i < 8; ++i)
        id = (id << 8) | (i < name.size() ? static_cast<unsigned char>(name[i]) : 0u);
    return id;
}
static_assert(packedNameStreamId("connect") == 0x636f6e6e65637400ull);

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
