#include "models/fitting/closed_loop.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace poolsim::models {

ClosedLoopFigures closedLoop(const UslCurve& server, double roundTripS, int clients)
{
    if (clients < 1)
        throw std::invalid_argument("closed loop: needs at least one client");
    if (!(roundTripS >= 0) || !std::isfinite(roundTripS))
        throw std::invalid_argument("closed loop: the round trip must be a finite time >= 0");
    if (!(server.lambda > 0))
        throw std::invalid_argument("closed loop: the server's lambda must be > 0");
    const double n = clients;
    ClosedLoopFigures f;
    if (roundTripS == 0) {
        f.throughputPerS = server.throughput(n);
        f.latencyS = f.serverS = n / f.throughputPerS;
        return f;
    }
    // Weights in logarithms: R^(n-k) / (n-k)! and the product of rates under- and overflow for
    // a few hundred clients.
    std::vector<double> logWeight(static_cast<std::size_t>(clients) + 1);
    double logRates = 0;
    for (int k = 0; k <= clients; ++k) {
        if (k > 0)
            logRates += std::log(server.throughput(k));
        logWeight[static_cast<std::size_t>(k)] =
            (n - k) * std::log(roundTripS) - std::lgamma(n - k + 1) - logRates;
    }
    const double top = *std::max_element(logWeight.begin(), logWeight.end());
    double total = 0, completions = 0, onServer = 0;
    for (int k = 0; k <= clients; ++k) {
        const double w = std::exp(logWeight[static_cast<std::size_t>(k)] - top);
        total += w;
        if (k > 0)
            completions += w * server.throughput(k);
        onServer += w * k;
    }
    f.throughputPerS = completions / total;
    f.latencyS = n / f.throughputPerS;
    f.serverS = onServer / total / f.throughputPerS;
    return f;
}

} // namespace poolsim::models
