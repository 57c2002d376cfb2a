#include "models/simulation/balancer.h"

#include <boost/random/uniform_int_distribution.hpp>

namespace poolsim::models {

LoadBalancer::LoadBalancer(Balancer policy, std::uint32_t instances, engine::RandomStream stream)
    : m_policy(policy), m_stream(std::move(stream)), m_inFlight(instances, 0)
{
}

std::uint32_t LoadBalancer::route()
{
    const std::uint32_t instance = choose();
    ++m_inFlight[instance];
    return instance;
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
