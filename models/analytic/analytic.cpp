#include "models/analytic/analytic.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace poolsim::models::analytic {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

void require(bool ok, const char* message)
{
    if (!ok)
        throw std::invalid_argument(message);
}

void validateLoad(double offeredLoad)
{
    require(std::isfinite(offeredLoad) && offeredLoad >= 0, "offered load must be finite and >= 0");
}

void validateQueue(int c, double lambda, double meanHold)
{
    require(c >= 1, "the pool must have at least one connection");
    require(std::isfinite(lambda) && lambda >= 0, "arrival rate must be finite and >= 0");
    require(std::isfinite(meanHold) && meanHold > 0, "mean hold time must be finite and > 0");
    validateLoad(lambda * meanHold);
}

void validateProbability(double p)
{
    require(p > 0 && p < 1, "quantile probability must be in (0, 1)");
}

/// Fills the fields that follow from the arrival rate and the share of requests that fail.
void fillThroughput(QueueFigures& f, int c, double lambda, double meanHold)
{
    f.throughputPerS = lambda * (1 - f.timeoutRatio);
    f.busyMean = f.throughputPerS * meanHold;
    f.utilization = f.busyMean / c;
}

/// f(y) = integral_0^1 u e^{y u} du = (e^y (y - 1) + 1) / y^2, by its series for |y| < 1
/// (the closed form cancels badly near 0): sum_k y^k / (k! (k + 2)).
double linExpSeries(double y)
{
    double term = 1, sum = 0.5;
    for (int k = 1; k < 40; ++k) {
        term *= y / k;
        const double add = term / (k + 2);
        sum += add;
        if (std::fabs(add) < 1e-18 * std::fabs(sum))
            break;
    }
    return sum;
}

// ---- M/M/c+D --------------------------------------------------------------------------------
// Derivation (level crossing on the virtual waiting time V, the wait an arrival would face):
// mu = 1/h, a = lambda h, b = lambda - c mu. While fewer than c connections are busy, V = 0 and
// p_j = p_0 a^j / j! (j < c). With all c busy, an arrival that finds V = x < tau joins and adds
// an Exp(c mu) amount of work; one with V >= tau will time out before reaching a connection and
// adds none. Equating down- and up-crossings of level x gives
//     v(x) = lambda p_{c-1} e^{b x}                              0 < x < tau
//     v(x) = lambda p_{c-1} e^{b tau} e^{-c mu (x - tau)}        x > tau.
// With P0 = sum_{j<c} p_j and r = p_{c-1} / P0 = B(c-1, a) (Erlang B, stable for large c), the
// masses relative to P0 are
//     no wait      1
//     waited       lambda r E,  E = integral_0^tau e^{b x} dx = expm1(b tau) / b  (tau if b = 0)
//     timed out    r (a / c) e^{b tau}            (= integral_tau^inf v / P0)
// and they sum to 1 / P0. The wait of a served request has an atom P0 at 0 and density v on
// (0, tau): its mean is lambda r integral_0^tau x e^{b x} dx / (1 + lambda r E), and its
// quantile q solves 1 + lambda r (e^{b t} - 1) / b = q (1 + lambda r E), i.e.
//     t = log1p(b (q S - P0) / (lambda p_{c-1})) / b,   S = P(V < tau).
// When y = b tau > 1 every mass is multiplied by e^{-y} so that nothing overflows.
// Limits: tau = 0 gives Erlang B (masses 1, 0, r a / c); tau -> inf with a < c gives Erlang C.
struct FixedTimeoutModel
{
    double tau = 0, b = 0, y = 0; // y = b tau
    double lr = 0;                // lambda r = lambda p_{c-1} / P0
    bool scaled = false;          // masses carry the factor e^{-y}
    double noWait = 0, waited = 0, timedOut = 0;

    FixedTimeoutModel(int c, double lambda, double meanHold, double timeoutS)
    {
        const double mu = 1 / meanHold;
        const double a = lambda * meanHold;
        const double r = erlangB(c - 1, a);
        tau = timeoutS;
        b = (a - c) * mu; // exactly 0 when a == c
        y = b * tau;
        lr = lambda * r;
        scaled = y > 1;
        if (scaled) {
            noWait = std::exp(-y);
            waited = lr * -std::expm1(-y) / b;
            timedOut = r * a / c;
        } else {
            noWait = 1;
            waited = lr * (b == 0 ? tau : std::expm1(y) / b);
            timedOut = r * a / c * std::exp(y);
        }
    }

    double total() const { return noWait + waited + timedOut; }
    double served() const { return noWait + waited; }

    /// lambda r integral_0^tau x e^{b x} dx, with the same scaling as the masses.
    double waitMoment() const
    {
        if (tau == 0 || lr == 0)
            return 0;
        if (std::fabs(y) < 1)
            return lr * tau * (tau * linExpSeries(y));
        if (!scaled)
            return lr * (std::exp(y) * (y - 1) + 1) / (b * b);
        return lr * ((y - 1) + std::exp(-y)) / (b * b);
    }

    double waitQuantile(double q) const
    {
        const double d = q * served() - noWait; // mass of (0, t] to be reached
        if (d <= 0 || lr == 0)
            return 0;
        const double integral = d / lr; // integral_0^t e^{b x} dx, scaled as the masses
        double t;
        if (b == 0)
            t = integral;
        else if (!scaled)
            t = std::log1p(b * integral) / b;
        else if (y < 700)
            t = std::log1p(b * integral * std::exp(y)) / b;
        else
            t = tau + std::log(std::exp(-y) + b * integral) / b;
        return std::fmin(std::fmax(t, 0.0), tau);
    }
};

double erlangCQuantile(double waitProbability, double drainRate, double p)
{
    // P(W > t) = C e^{-(c mu - lambda) t}
    if (1 - waitProbability >= p)
        return 0;
    return std::log(waitProbability / (1 - p)) / drainRate;
}

} // namespace

double erlangB(int servers, double offeredLoad)
{
    require(servers >= 0, "number of servers must be >= 0");
    validateLoad(offeredLoad);
    double b = 1;
    for (int k = 1; k <= servers; ++k) {
        const double ab = offeredLoad * b;
        b = ab / (k + ab);
    }
    return b;
}

double erlangC(int servers, double offeredLoad)
{
    require(servers >= 1, "number of servers must be >= 1");
    validateLoad(offeredLoad);
    if (offeredLoad >= servers)
        return 1;
    const double b = erlangB(servers, offeredLoad);
    return servers * b / (servers - offeredLoad * (1 - b));
}

QueueFigures erlangBFigures(int c, double lambda, double meanHold)
{
    validateQueue(c, lambda, meanHold);
    QueueFigures f;
    f.offeredLoad = lambda * meanHold;
    f.timeoutRatio = erlangB(c, f.offeredLoad);
    fillThroughput(f, c, lambda, meanHold);
    return f;
}

QueueFigures erlangCFigures(int c, double lambda, double meanHold)
{
    validateQueue(c, lambda, meanHold);
    QueueFigures f;
    f.offeredLoad = lambda * meanHold;
    f.waitRatio = erlangC(c, f.offeredLoad);
    if (f.offeredLoad >= c) {
        f.stable = false;
        f.waitMeanS = f.waitP50S = f.waitP95S = f.waitP99S = kInf;
        f.throughputPerS = c / meanHold;
        f.busyMean = c;
        f.utilization = 1;
        return f;
    }
    const double drain = (c - f.offeredLoad) / meanHold; // c mu - lambda
    f.waitMeanS = f.waitRatio / drain;
    f.waitP50S = erlangCQuantile(f.waitRatio, drain, 0.50);
    f.waitP95S = erlangCQuantile(f.waitRatio, drain, 0.95);
    f.waitP99S = erlangCQuantile(f.waitRatio, drain, 0.99);
    fillThroughput(f, c, lambda, meanHold);
    return f;
}

QueueFigures fixedTimeoutFigures(int c, double lambda, double meanHold, double timeoutS)
{
    validateQueue(c, lambda, meanHold);
    require(!std::isnan(timeoutS) && timeoutS >= 0, "timeout must be >= 0");
    if (std::isinf(timeoutS))
        return erlangCFigures(c, lambda, meanHold);

    const FixedTimeoutModel m(c, lambda, meanHold, timeoutS);
    QueueFigures f;
    f.offeredLoad = lambda * meanHold;
    f.timeoutRatio = m.timedOut / m.total();
    f.waitRatio = m.waited / m.served();
    f.waitMeanS = m.waitMoment() / m.served();
    f.waitP50S = m.waitQuantile(0.50);
    f.waitP95S = m.waitQuantile(0.95);
    f.waitP99S = m.waitQuantile(0.99);
    fillThroughput(f, c, lambda, meanHold);
    return f;
}

double erlangCWaitQuantile(int c, double lambda, double meanHold, double p)
{
    validateQueue(c, lambda, meanHold);
    validateProbability(p);
    const double a = lambda * meanHold;
    if (a >= c)
        return kInf;
    return erlangCQuantile(erlangC(c, a), (c - a) / meanHold, p);
}

double fixedTimeoutWaitQuantile(int c, double lambda, double meanHold, double timeoutS, double p)
{
    validateQueue(c, lambda, meanHold);
    require(!std::isnan(timeoutS) && timeoutS >= 0, "timeout must be >= 0");
    validateProbability(p);
    if (std::isinf(timeoutS))
        return erlangCWaitQuantile(c, lambda, meanHold, p);
    return FixedTimeoutModel(c, lambda, meanHold, timeoutS).waitQuantile(p);
}

} // namespace poolsim::models::analytic
