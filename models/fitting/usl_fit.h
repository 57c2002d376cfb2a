#pragma once
// Fitting the Universal Scalability Law to a measured throughput curve: least squares of the
// throughput over (lambda, sigma, kappa), relative to each measurement, by GSL's trust-region
// nonlinear least squares started from the linearised USL, with sigma in [0, 1) and kappa >= 0;
// and, from a closed load test's curve, the queries' round trip beside them.
#include "models/fitting/closed_loop.h"
#include "models/fitting/usl_curve.h"

#include <optional>
#include <vector>

namespace poolsim::models {

struct UslFit
{
    /// lambda, sigma, kappa as fitted, and the cores they were fitted with.
    UslCurve curve;
    /// Standard errors from the Jacobian at the fit, s^2 (J^T J)^-1 with s^2 the variance of the
    /// relative residuals: asymptotic, a guide to how well the points pin each parameter down.
    /// NaN for a parameter held at its bound, and for all of them when there are no more points
    /// than free parameters.
    double lambdaError = 0, sigmaError = 0, kappaError = 0;
    /// The unconstrained least squares lies outside the bounds, so the parameter is held at 0.
    bool sigmaAtBound = false, kappaAtBound = false;
    /// 1 - (residual sum of squares) / (total sum of squares) of the throughputs themselves (not
    /// of the relative residuals the fit minimises); NaN when every measured throughput is the same.
    double rSquared = 0;
    int points = 0;

    /// Fitted with RoundTrip::Fitted: the time each query holds its connection beside its work on
    /// the server, in seconds (database.capacity.round_trip). None for the pure USL.
    std::optional<double> roundTripS;
    double roundTripError = 0; ///< its standard error as the others'; NaN when held at a bound
    /// The most the round trip can be, from the server's own execution times: the least of
    /// latency - server time over the points that have both. None without them.
    std::optional<double> roundTripLimitS;
    /// The unconstrained least squares lies outside [0, limit], so the round trip is held there.
    bool roundTripAtZero = false, roundTripAtLimit = false;
    /// The largest |latency - concurrency / throughput| / latency over the points with a latency:
    /// near 0 for a closed load test whose clients send their next query at once (what the
    /// round trip fit assumes); 0 without latencies.
    double latencyMismatch = 0;

    /// The fitted model at `concurrency` clients of the load test: the closed loop with the round
    /// trip (`concurrency` a whole number then), or the curve itself.
    ClosedLoopFigures at(double concurrency) const;
    /// The concurrency with the most throughput: the curve's peak for the pure USL; with a round
    /// trip, the number of clients (connections) whose closed loop completes the most queries,
    /// larger than the peak on the server because a query in its round trip leaves the server
    /// free. Infinite where the throughput keeps rising.
    double bestConcurrency() const;
};

/// Which model fitUsl fits.
enum class UslFitModel {
    /// lambda, sigma, kappa: every query of the load test is on the server all the time.
    Pure,
    /// lambda, sigma, kappa and the round trip: the load test is a closed loop (ClosedLoopFigures),
    /// each query spending its round trip beside the server. Needs whole concurrencies.
    RoundTrip,
};

/// The model a load test's points call for: RoundTrip when every point has a latency (a closed
/// load test, as scripts/measure-postgres.sh writes it), Pure otherwise. What `poolsim fit-usl`
/// and the editor's fit use unless told otherwise.
UslFitModel modelFor(const std::vector<UslPoint>& points);

/// The least-squares USL through `points`. With `cores`, the simulator's capped model
/// lambda min(n, cores) / (...), so that a scenario with those cores reproduces the measured
/// curve; without, Gunther's classic USL.
///
/// The residuals are relative, (fitted - measured) / measured: a load test's run-to-run noise is
/// a share of the throughput, and the retrograde tail (few transactions at high concurrency),
/// which is what pins kappa down, would otherwise count for little beside the noise at the
/// peak. With the shipped example's parameters, 8 points and +-5% noise, equal weights left the
/// fitted curve up to 21% off the true one at a measured point in 2000 draws; relative
/// residuals, 6.6%.
///
/// The bounds are kept by trying each combination of sigma (free, 0, 1) and kappa (free, 0) and
/// keeping the lowest residual among the fits inside the bounds: the constrained minimum is the
/// interior minimum of one of these faces. Throws std::invalid_argument for fewer than
/// kUslMinDistinctConcurrencies distinct concurrencies, a point that is not positive, cores below 1,
/// a curve that does not rise with concurrency at all (the best fit then has sigma = 1, outside
/// the USL's range) and a fit that does not converge.
///
/// With UslFitModel::RoundTrip the round trip is a fourth parameter, in [0, roundTripLimitS], and
/// the fitted throughput at each point is the closed loop's (models/fitting/closed_loop.h). The
/// throughput curve alone separates the two: at low concurrency a query's round trip leaves the
/// server idle and throughput rises with clients faster than the server's contention allows;
/// past the server's peak it falls as the USL says. Starts are the pure fit's parameters with
/// a quarter, a half and three quarters of the lowest point's latency as the round trip.
UslFit fitUsl(const std::vector<UslPoint>& points, std::optional<int> cores = std::nullopt,
              UslFitModel model = UslFitModel::Pure);

} // namespace poolsim::models
