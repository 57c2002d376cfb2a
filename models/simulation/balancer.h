#pragma once
// The load balancer in front of the backend instances: round robin, random, or the instance
// with the fewest requests in flight (routed there and not finished).
#include "engine/random_stream.h"
#include "models/scenario/scenario.h"

#include <cstdint>
#include <vector>

namespace poolsim::models {

class LoadBalancer
{
public:
    LoadBalancer(Balancer policy, std::uint32_t instances, engine::RandomStream stream);

    /// The instance the next request (or try) goes to; it counts as in flight there.
    std::uint32_t route();
    /// A request (or try) routed to `instance` has ended there.
    void left(std::uint32_t instance) { --m_inFlight[instance]; }

private:
    std::uint32_t choose();

    Balancer m_policy;
    engine::RandomStream m_stream;
    std::vector<std::uint32_t> m_inFlight;
    std::uint32_t m_next = 0; // round robin
};

} // namespace poolsim::models
