#include "engine/random_stream.h"

#include <boost/random/seed_seq.hpp>

#include <array>

namespace poolsim::engine {

std::uint64_t streamId(std::string_view componentName)
{
    std::uint64_t h = 14695981039346656037ull;
    for (const char c : componentName) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return h;
}

namespace {
// The full 64-bit words go into seed_seq, which spreads them over the whole Mersenne Twister
// state, so nearby seeds, replications and ids still give unrelated streams.
RandomStream::Engine makeEngine(std::uint64_t seed, std::uint64_t replication, std::uint64_t id)
{
    const std::array<std::uint32_t, 6> words = {
        static_cast<std::uint32_t>(seed),        static_cast<std::uint32_t>(seed >> 32),
        static_cast<std::uint32_t>(replication), static_cast<std::uint32_t>(replication >> 32),
        static_cast<std::uint32_t>(id),          static_cast<std::uint32_t>(id >> 32)};
    boost::random::seed_seq seq(words.begin(), words.end());
    return RandomStream::Engine(seq);
}
} // namespace

RandomStream::RandomStream(std::uint64_t seed, std::uint64_t replication, std::uint64_t id)
    : m_engine(makeEngine(seed, replication, id))
{
}

} // namespace poolsim::engine
