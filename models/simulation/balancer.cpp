#include "models/simulation/balancer.h"

#include <boost/random/uniform_int_distribution.hpp>

namespace poolsim::models {

LoadBalancer::LoadBalancer(Balancer policy, std::uint32_t instances, engine::RandomStream stream)
    : m_policy(policy), m_stream(std::move(stream)), m_inFlight(instances, 0), m_up(instances, 1)
{
}

void LoadBalancer::setUp(std::uint32_t instance, bool up)
{
    if (static_cast<bool>(m_up[instance]) == up)
        return;
    m_up[instance] = up ? 1 : 0;
    m_down += up ? -1u : 1u;
}

std::uint32_t LoadBalancer::route()
{
    // All up (always, without the failure loop): exactly as before there were failures.
    const std::uint32_t instance = m_down == 0 ? choose() : chooseAmongUp();
    if (instance != kNoInstance)
        ++m_inFlight[instance];
    return instance;
}

std::uint32_t LoadBalancer::chooseAmongUp()
{
    const auto n = static_cast<std::uint32_t>(m_inFlight.size());
    const std::uint32_t up = n - m_down;
    if (up == 0)
        return kNoInstance;
    switch (m_policy) {
    case Balancer::RoundRobin:
        // The next instance in turn that is up.
        for (std::uint32_t k = 0; k < n; ++k) {
            const std::uint32_t i = m_next++ % n;
            if (m_up[i])
                return i;
        }
        break;
    case Balancer::Random: {
        std::uint32_t pick =
            boost::random::uniform_int_distribution<std::uint32_t>(0, up - 1)(m_stream.engine());
        for (std::uint32_t i = 0; i < n; ++i)
            if (m_up[i] && pick-- == 0)
                return i;
        break;
    }
    case Balancer::LeastBusy: {
        std::uint32_t best = kNoInstance;
        for (std::uint32_t i = 0; i < n; ++i)
            if (m_up[i] && (best == kNoInstance || m_inFlight[i] < m_inFlight[best]))
                best = i;
        return best;
    }
    }
    return kNoInstance;
}

std::uint32_t LoadBalancer::choose()
{
    const auto n = static_cast<std::uint32_t>(m_inFlight.size());
    if (n == 1)
        return 0;
    switch (m_policy) {
    case Balancer::RoundRobin:
        return m_next++ % n;
    case Balancer::Random:
        return boost::random::uniform_int_distribution<std::uint32_t>(0, n - 1)(m_stream.engine());
    case Balancer::LeastBusy: {
        std::uint32_t best = 0;
        for (std::uint32_t i = 1; i < n; ++i)
            if (m_inFlight[i] < m_inFlight[best])
                best = i;
        return best;
    }
    }
    return 0;
}

} // namespace poolsim::models
