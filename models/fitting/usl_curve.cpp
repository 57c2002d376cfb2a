#include "models/fitting/usl_curve.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace poolsim::models {

double UslCurve::throughput(double n) const
{
    const double served = cores ? std::min(n, static_cast<double>(*cores)) : n;
    return lambda * served / (1 + sigma * (n - 1) + kappa * n * (n - 1));
}

double UslCurve::peakConcurrency() const
{
    const double classic =
        kappa > 0 ? std::sqrt((1 - sigma) / kappa) : std::numeric_limits<double>::infinity();
    return cores ? std::min(static_cast<double>(*cores), classic) : classic;
}

double UslCurve::peakThroughput() const
{
    const double n = peakConcurrency();
    if (std::isfinite(n))
        return throughput(n);
    // kappa = 0 and no cores: X(N) rises towards lambda N / (sigma N) as N grows.
    return sigma > 0 ? lambda / sigma : std::numeric_limits<double>::infinity();
}

} // namespace poolsim::models
