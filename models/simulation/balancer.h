#pragma once
// The load balancer in front of the backend instances: round robin, random, or the instance
// with the fewest requests in flight (routed there and not finished). It is health-aware: it
// sends nothing to an instance that is down.
#include "engine/random_stream.h"
#include "models/scenario/scenario.h"

#include <cstdint>
#include <vector>

namespace poolsim::models {

class LoadBalancer
{
public:
    LoadBalancer(Balancer policy, std::uint32_t instances, engine::RandomStream stream);

    static constexpr std::uint32_t kNoInstance = UINT32_MAX;

    /// The instance the next request (or try) goes to; it counts as in flight there.
    /// kNoInstance when every instance is down.
    std::uint32_t route();
    /// A request (or try) routed to `instance` has ended there.
    void left(std::uint32_t instance) { --m_inFlight[instance]; }
    /// The instance failed (false) or started again (true).
    void setUp(std::uint32_t instance, bool up);
    bool isUp(std::uint32_t instance) const { return m_up[instance] != 0; }

private:
    std::uint32_t choose();
    std::uint32_t chooseAmongUp();

    Balancer m_policy;
    engine::RandomStream m_stream;
    std::vector<std::uint32_t> m_inFlight;
    std::vector<char> m_up;
    std::uint32_t m_down = 0; // instances down
    std::uint32_t m_next = 0; // round robin
};

} // namespace poolsim::models
