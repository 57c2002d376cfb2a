#include "models/fitting/usl_fit.h"

#include "models/fitting/gsl_support.h"
#include "models/fitting/usl_fit_detail.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_vector.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>

namespace poolsim::models {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using gsl::Matrix;
using gsl::Vector;

/// Which parameters one fit varies; the others are held at the value given.
struct Face
{
    std::optional<double> sigma; // none: free
    std::optional<double> kappa; // none: free
};

/// The least-squares problem in units of order 1, so that GSL's tolerances mean the same for a
/// database at 50/s and at 50,000/s and for any range of concurrencies: the parameters are
/// lambda / lambda0, sigma and kappa * kappaScale; the residuals are relative to the measured
/// throughput (see fitUsl for why).
struct Problem
{
    const std::vector<UslPoint>* points = nullptr;
    std::optional<int> cores;
    Face face;
    double lambda0 = 1, kappaScale = 1;

    std::size_t freeCount() const { return std::size_t{1} + (face.sigma ? 0u : 1u) + (face.kappa ? 0u : 1u); }

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

    double served(double n) const { return cores ? std::min(n, static_cast<double>(*cores)) : n; }
};

int residuals(const gsl_vector* x, void* params, gsl_vector* f)
{
    const Problem& p = *static_cast<const Problem*>(params);
    const UslCurve c = p.curve(x);
    for (std::size_t i = 0; i < p.points->size(); ++i) {
        const UslPoint& pt = (*p.points)[i];
        const double n = pt.concurrency;
        // A trial step with negative sigma or kappa may make the denominator vanish: a huge
        // residual, rather than an infinity, makes the trust region reject the step and shrink.
        const double d = 1 + c.sigma * (n - 1) + c.kappa * n * (n - 1);
        const double fitted = d > 0 ? c.lambda * p.served(n) / d : 1e6 * pt.throughput;
        gsl_vector_set(f, i, (fitted - pt.throughput) / pt.throughput);
    }
    return GSL_SUCCESS;
}

int jacobian(const gsl_vector* x, void* params, gsl_matrix* J)
{
    const Problem& p = *static_cast<const Problem*>(params);
    const UslCurve c = p.curve(x);
    for (std::size_t i = 0; i < p.points->size(); ++i) {
        const UslPoint& pt = (*p.points)[i];
        const double n = pt.concurrency;
        const double d = std::max(1 + c.sigma * (n - 1) + c.kappa * n * (n - 1), 1e-300);
        const double s = p.served(n) / pt.throughput;
        std::size_t j = 0;
        gsl_matrix_set(J, i, j++, p.lambda0 * s / d);
        if (!p.face.sigma)
            gsl_matrix_set(J, i, j++, -c.lambda * s * (n - 1) / (d * d));
        if (!p.face.kappa)
            gsl_matrix_set(J, i, j++, -c.lambda * s * n * (n - 1) / (d * d) / p.kappaScale);
    }
    return GSL_SUCCESS;
}

/// sigma and kappa from the linearised USL: with lambda0 from the lowest concurrency,
/// served(N) lambda0 / X - 1 = sigma (N - 1) + kappa N (N - 1), linear least squares.
std::pair<double, double> linearisedStart(const Problem& p)
{
    const std::vector<UslPoint>& pts = *p.points;
    const std::size_t n = pts.size();
    const Matrix X(gsl_matrix_alloc(n, 2));
    const Vector y(gsl_vector_alloc(n)), c(gsl_vector_alloc(2));
    const Matrix cov(gsl_matrix_alloc(2, 2));
    for (std::size_t i = 0; i < n; ++i) {
        const double N = pts[i].concurrency;
        gsl_matrix_set(X.get(), i, 0, N - 1);
        gsl_matrix_set(X.get(), i, 1, N * (N - 1));
        gsl_vector_set(y.get(), i, p.served(N) * p.lambda0 / pts[i].throughput - 1);
    }
    const gsl::Owned<gsl_multifit_linear_workspace, gsl_multifit_linear_free> work(
        gsl_multifit_linear_alloc(n, 2));
    double chisq = 0;
    if (gsl_multifit_linear(X.get(), y.get(), c.get(), cov.get(), &chisq, work.get()) != GSL_SUCCESS)
        return {0.0, 0.0};
    const double sigma = gsl_vector_get(c.get(), 0), kappa = gsl_vector_get(c.get(), 1);
    // Inside the bounds, where the trust region starts every face.
    return {std::isfinite(sigma) ? std::clamp(sigma, 0.0, 0.9) : 0.0,
            std::isfinite(kappa) ? std::max(kappa, 0.0) : 0.0};
}

struct FaceFit
{
    UslCurve curve;
    double sse = 0; // of the relative residuals, which the fit minimises
    double lambdaError = kNaN, sigmaError = kNaN, kappaError = kNaN;
    bool converged = false;
};

FaceFit fitFace(Problem p, std::pair<double, double> start)
{
    const std::size_t k = p.freeCount();
    gsl_multifit_nlinear_fdf fdf{};
    fdf.f = residuals;
    fdf.df = jacobian;
    fdf.fvv = nullptr;
    fdf.n = p.points->size();
    fdf.p = k;
    fdf.params = &p;
    const Vector x0(gsl_vector_alloc(k));
    std::size_t j = 0;
    gsl_vector_set(x0.get(), j++, 1.0);
    if (!p.face.sigma)
        gsl_vector_set(x0.get(), j++, start.first);
    if (!p.face.kappa)
        gsl_vector_set(x0.get(), j++, start.second * p.kappaScale);
    // Tight tolerances: exact data should come back to the last few digits. The start (the
    // linearised USL) is exact for exact data, where no step lowers the residual.
    const gsl::TrustRegionResult r = gsl::solveTrustRegion(fdf, x0.get(), {1000, 1e-13, 1e-13, 1e-15});

    FaceFit out;
    out.converged = r.converged;
    out.curve = p.curve(r.position.get());
    out.sse = r.sse;
    j = 0;
    out.lambdaError = r.standardErrors[j++] * p.lambda0;
    if (!p.face.sigma)
        out.sigmaError = r.standardErrors[j++];
    if (!p.face.kappa)
        out.kappaError = r.standardErrors[j++] / p.kappaScale;
    return out;
}

bool insideBounds(const UslCurve& c)
{
    return c.lambda > 0 && c.sigma >= 0 && c.sigma <= 1 && c.kappa >= 0;
}

} // namespace

namespace detail {

void checkUslPoints(const std::vector<UslPoint>& points, std::optional<int> cores)
{
    std::set<double> distinct;
    for (const UslPoint& p : points) {
        if (!(p.concurrency > 0 && std::isfinite(p.concurrency) && p.throughput > 0 &&
              std::isfinite(p.throughput)))
            throw std::invalid_argument("USL fit: concurrency and throughput must be positive numbers");
        distinct.insert(p.concurrency);
    }
    if (distinct.size() < static_cast<std::size_t>(kUslMinDistinctConcurrencies))
        throw std::invalid_argument(
            "USL fit: needs points at " + std::to_string(kUslMinDistinctConcurrencies) +
            " or more distinct concurrencies, got " + std::to_string(distinct.size()));
    if (cores && *cores < 1)
        throw std::invalid_argument("USL fit: cores must be at least 1, got " + std::to_string(*cores));
}

void checkRises(const UslCurve& best)
{
    if (best.sigma >= 1)
        throw std::invalid_argument(
            "the throughput does not rise with concurrency: the best fit has contention sigma = 1 "
            "(no parallelism at all), outside the USL's range [0, 1)");
}

double rSquared(const std::vector<UslPoint>& points, const UslFit& fit)
{
    double mean = 0;
    for (const UslPoint& p : points)
        mean += p.throughput / static_cast<double>(points.size());
    double sst = 0, sse = 0;
    for (const UslPoint& p : points) {
        const double fitted = fit.at(p.concurrency).throughputPerS;
        sst += (p.throughput - mean) * (p.throughput - mean);
        sse += (p.throughput - fitted) * (p.throughput - fitted);
    }
    return sst > 0 ? 1 - sse / sst : kNaN;
}

} // namespace detail

ClosedLoopFigures UslFit::at(double concurrency) const
{
    if (roundTripS)
        return closedLoop(curve, *roundTripS, static_cast<int>(std::lround(concurrency)));
    ClosedLoopFigures f;
    f.throughputPerS = curve.throughput(concurrency);
    f.latencyS = f.serverS = concurrency / f.throughputPerS;
    return f;
}

double UslFit::bestConcurrency() const
{
    if (!roundTripS)
        return curve.peakConcurrency();
    constexpr int kLargest = 4096; // clients: the search's cost grows with their square
    if (curve.sigma == 0 && curve.kappa == 0)
        return std::numeric_limits<double>::infinity(); // nothing on the server slows it down
    // The closed loop's throughput rises to one peak and falls (or levels off): walk up from one
    // client until it has fallen for a while past the best so far.
    int best = 1;
    double bestThroughput = at(1).throughputPerS;
    for (int n = 2; n <= kLargest && n <= 2 * best + 64; ++n) {
        const double x = at(n).throughputPerS;
        if (x > bestThroughput) {
            best = n;
            bestThroughput = x;
        }
    }
    return 2 * best + 64 > kLargest ? std::numeric_limits<double>::infinity() : best;
}

UslFitModel modelFor(const std::vector<UslPoint>& points)
{
    const bool latencies =
        std::all_of(points.begin(), points.end(), [](const UslPoint& p) { return p.latencyS.has_value(); });
    return latencies ? UslFitModel::RoundTrip : UslFitModel::Pure;
}

UslFit fitUsl(const std::vector<UslPoint>& points, std::optional<int> cores, UslFitModel model)
{
    detail::checkUslPoints(points, cores);
    if (model == UslFitModel::RoundTrip)
        return detail::fitUslRoundTrip(points, cores);
    gsl::keepFromAborting();

    Problem base;
    base.points = &points;
    base.cores = cores;
    const UslPoint* lowest = &points.front();
    double largestN = 0;
    for (const UslPoint& p : points) {
        if (p.concurrency < lowest->concurrency)
            lowest = &p;
        largestN = std::max(largestN, p.concurrency);
    }
    // At the lowest concurrency there is the least contention: its throughput per served query
    // is nearest to lambda.
    base.lambda0 = lowest->throughput / base.served(lowest->concurrency);
    base.kappaScale = std::max(largestN * (largestN - 1), 1.0);
    const std::pair<double, double> start = linearisedStart(base);

    std::optional<FaceFit> best;
    const std::optional<double> sigmas[] = {std::nullopt, 0.0, 1.0}, kappas[] = {std::nullopt, 0.0};
    Face bestFace;
    for (const std::optional<double>& sigma : sigmas)
        for (const std::optional<double>& kappa : kappas) {
            Problem p = base;
            p.face = {sigma, kappa};
            FaceFit fit = fitFace(p, start);
            if (insideBounds(fit.curve) && (!best || fit.sse < best->sse)) {
                best = fit;
                bestFace = p.face;
            }
        }
    // Held at 0 and 0, the fit has lambda = sum(c/X) / sum((c/X)^2) > 0, inside the bounds.
    if (!best)
        throw std::runtime_error("USL fit: no fit inside the bounds");
    if (!best->converged)
        throw std::invalid_argument("USL fit: the least squares did not converge");
    detail::checkRises(best->curve);

    UslFit out;
    out.curve = best->curve;
    out.lambdaError = best->lambdaError;
    out.sigmaError = best->sigmaError;
    out.kappaError = best->kappaError;
    out.sigmaAtBound = bestFace.sigma.has_value();
    out.kappaAtBound = bestFace.kappa.has_value();
    out.points = static_cast<int>(points.size());
    out.rSquared = detail::rSquared(points, out);
    return out;
}

} // namespace poolsim::models
