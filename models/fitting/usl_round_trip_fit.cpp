// The USL with a round trip through a closed load test's curve (fitUsl, UslFitModel::RoundTrip):
// four parameters, the closed loop's throughput at each point, GSL's trust region with a
// finite-difference Jacobian, and the bounds kept by fitting on each face as the pure fit does.
#include "models/fitting/closed_loop.h"
#include "models/fitting/gsl_support.h"
#include "models/fitting/usl_fit.h"
#include "models/fitting/usl_fit_detail.h"

#include <gsl/gsl_multifit_nlinear.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace poolsim::models::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Which parameters one fit varies; the others are held at the value given.
struct Face
{
    std::optional<double> sigma, kappa, roundTrip; // none: free
};

/// A start: the parameters in their own units.
struct Start
{
    double lambda = 0, sigma = 0, kappa = 0, roundTrip = 0;
};

/// The problem in units of order 1: lambda / lambda0, sigma, kappa * kappaScale, round trip / time0;
/// residuals relative to the measured throughput, as the pure fit's.
struct Problem
{
    const std::vector<UslPoint>* points = nullptr;
    std::optional<int> cores;
    Face face;
    double lambda0 = 1, kappaScale = 1, time0 = 1;
    int mostClients = 1;

    std::size_t freeCount() const
    {
        return std::size_t{1} + (face.sigma ? 0u : 1u) + (face.kappa ? 0u : 1u) + (face.roundTrip ? 0u : 1u);
    }

    UslCurve curve(const gsl_vector* x) const
    {
        std::size_t i = 0;
        UslCurve c;
        c.cores = cores;
        c.lambda = gsl_vector_get(x, i++) * lambda0;
        c.sigma = face.sigma ? *face.sigma : gsl_vector_get(x, i++);
        c.kappa = face.kappa ? *face.kappa : gsl_vector_get(x, i++) / kappaScale;
        return c;
    }

    double roundTrip(const gsl_vector* x) const
    {
        return face.roundTrip ? *face.roundTrip : gsl_vector_get(x, freeCount() - 1) * time0;
    }

    /// Trial steps may leave the model's domain (a negative round trip or lambda, a denominator
    /// that vanishes): their residuals are then huge rather than infinite, so the trust region
    /// rejects the step and shrinks.
    bool valid(const UslCurve& c, double roundTripS) const
    {
        if (!(c.lambda > 0) || !(roundTripS >= 0) || !std::isfinite(roundTripS))
            return false;
        for (int k = 2; k <= mostClients; ++k)
            if (!(1 + c.sigma * (k - 1) + c.kappa * k * (k - 1) > 0))
                return false;
        return true;
    }
};

int residuals(const gsl_vector* x, void* params, gsl_vector* f)
{
    const Problem& p = *static_cast<const Problem*>(params);
    const UslCurve c = p.curve(x);
    const double r = p.roundTrip(x);
    const bool ok = p.valid(c, r);
    for (std::size_t i = 0; i < p.points->size(); ++i) {
        const UslPoint& pt = (*p.points)[i];
        const double fitted =
            ok ? closedLoop(c, r, static_cast<int>(pt.concurrency)).throughputPerS : 1e6 * pt.throughput;
        gsl_vector_set(f, i, (fitted - pt.throughput) / pt.throughput);
    }
    return GSL_SUCCESS;
}

struct FaceFit
{
    UslCurve curve;
    double roundTrip = 0;
    double sse = 0;
    double lambdaError = kNaN, sigmaError = kNaN, kappaError = kNaN, roundTripError = kNaN;
    bool converged = false;
};

FaceFit fitFace(Problem p, const Start& start)
{
    const std::size_t k = p.freeCount();
    gsl_multifit_nlinear_fdf fdf{};
    fdf.f = residuals;
    fdf.df = nullptr; // GSL's forward differences: the closed loop's derivatives are sums over states
    fdf.fvv = nullptr;
    fdf.n = p.points->size();
    fdf.p = k;
    fdf.params = &p;
    const gsl::Vector x0(gsl_vector_alloc(k));
    std::size_t j = 0;
    gsl_vector_set(x0.get(), j++, start.lambda / p.lambda0);
    if (!p.face.sigma)
        gsl_vector_set(x0.get(), j++, start.sigma);
    if (!p.face.kappa)
        gsl_vector_set(x0.get(), j++, start.kappa * p.kappaScale);
    if (!p.face.roundTrip)
        gsl_vector_set(x0.get(), j++, start.roundTrip / p.time0);
    // Finite differences bound how far the gradient can fall: looser than the pure fit's tolerances.
    const gsl::TrustRegionResult r = gsl::solveTrustRegion(fdf, x0.get(), {2000, 1e-10, 1e-10, 1e-12});

    FaceFit out;
    out.curve = p.curve(r.position.get());
    out.roundTrip = p.roundTrip(r.position.get());
    out.converged = r.converged && p.valid(out.curve, out.roundTrip);
    if (!out.converged)
        return out;
    out.sse = r.sse;
    j = 0;
    out.lambdaError = r.standardErrors[j++] * p.lambda0;
    if (!p.face.sigma)
        out.sigmaError = r.standardErrors[j++];
    if (!p.face.kappa)
        out.kappaError = r.standardErrors[j++] / p.kappaScale;
    if (!p.face.roundTrip)
        out.roundTripError = r.standardErrors[j++] * p.time0;
    return out;
}

/// The least of latency - server time over the points that have both: a query's time on the
/// server is at least its execution time there, so its round trip is at most the rest.
std::optional<double> roundTripLimit(const std::vector<UslPoint>& points)
{
    std::optional<double> limit;
    for (const UslPoint& p : points)
        if (p.latencyS && p.serverS)
            limit = std::min(limit.value_or(*p.latencyS), std::max(0.0, *p.latencyS - *p.serverS));
    return limit;
}

double latencyMismatch(const std::vector<UslPoint>& points)
{
    double worst = 0;
    for (const UslPoint& p : points)
        if (p.latencyS && *p.latencyS > 0)
            worst = std::max(worst, std::fabs(*p.latencyS - p.concurrency / p.throughput) / *p.latencyS);
    return worst;
}

} // namespace

UslFit fitUslRoundTrip(const std::vector<UslPoint>& points, std::optional<int> cores)
{
    Problem base;
    base.points = &points;
    base.cores = cores;
    const UslPoint* lowest = &points.front();
    double largestN = 0;
    for (const UslPoint& p : points) {
        if (p.concurrency != std::floor(p.concurrency) || p.concurrency > 100000)
            throw std::invalid_argument(
                "USL fit with a round trip: the concurrencies must be whole numbers of "
                "clients up to 100000, got " +
                std::to_string(p.concurrency));
        if (p.concurrency < lowest->concurrency)
            lowest = &p;
        largestN = std::max(largestN, p.concurrency);
    }
    base.mostClients = static_cast<int>(largestN);
    base.kappaScale = std::max(largestN * (largestN - 1), 1.0);
    // A query's whole time at the lowest concurrency: its round trip and its time on the server.
    base.time0 = lowest->concurrency / lowest->throughput;
    base.lambda0 = 1 / base.time0;
    const std::optional<double> limit = roundTripLimit(points);

    // Starts: the pure fit's server with part of the lowest point's time as the round trip, the
    // rest as the query's demand (lambda = 1 / demand).
    Start pure{base.lambda0, 0.05, 0, 0};
    try {
        const UslFit f = fitUsl(points, cores, UslFitModel::Pure);
        pure = {f.curve.lambda, std::min(f.curve.sigma, 0.9), f.curve.kappa, 0};
    } catch (const std::invalid_argument&) {
        // A curve the pure USL cannot fit (it rises too little) may still fit with a round trip.
    }
    std::vector<Start> starts;
    for (const double share : {0.25, 0.5, 0.75}) {
        double r = share * base.time0;
        if (limit)
            r = std::min(r, *limit);
        starts.push_back({std::max(pure.lambda, 1 / ((1 - share) * base.time0)), pure.sigma, pure.kappa, r});
    }

    std::optional<FaceFit> best;
    Face bestFace;
    const std::array<std::optional<double>, 3> sigmas = {std::nullopt, 0.0, 1.0};
    const std::array<std::optional<double>, 2> kappas = {std::nullopt, 0.0};
    std::vector<std::optional<double>> roundTrips = {std::nullopt, 0.0};
    if (limit)
        roundTrips.push_back(*limit);
    for (const std::optional<double>& sigma : sigmas)
        for (const std::optional<double>& kappa : kappas)
            for (const std::optional<double>& roundTrip : roundTrips)
                for (const Start& start : starts) {
                    Problem p = base;
                    p.face = {sigma, kappa, roundTrip};
                    const FaceFit fit = fitFace(p, start);
                    const bool inside = fit.converged && fit.curve.lambda > 0 && fit.curve.sigma >= 0 &&
                                        fit.curve.sigma <= 1 && fit.curve.kappa >= 0 && fit.roundTrip >= 0 &&
                                        (!limit || fit.roundTrip <= *limit * (1 + 1e-12));
                    if (inside && (!best || fit.sse < best->sse)) {
                        best = fit;
                        bestFace = p.face;
                    }
                }
    if (!best)
        throw std::invalid_argument("USL fit with a round trip: the least squares did not converge");
    checkRises(best->curve);

    UslFit out;
    out.curve = best->curve;
    out.lambdaError = best->lambdaError;
    out.sigmaError = best->sigmaError;
    out.kappaError = best->kappaError;
    out.sigmaAtBound = bestFace.sigma.has_value();
    out.kappaAtBound = bestFace.kappa.has_value();
    out.roundTripS = best->roundTrip;
    out.roundTripError = best->roundTripError;
    out.roundTripLimitS = limit;
    out.roundTripAtZero = bestFace.roundTrip && *bestFace.roundTrip == 0;
    out.roundTripAtLimit = bestFace.roundTrip && !out.roundTripAtZero;
    out.latencyMismatch = latencyMismatch(points);
    out.points = static_cast<int>(points.size());
    out.rSquared = rSquared(points, out);
    return out;
}

} // namespace poolsim::models::detail
