#include "engine/distribution.h"

#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <boost/random/uniform_int_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>

namespace poolsim::engine {

namespace {
void require(bool ok, const char* message)
{
    if (!ok)
        throw std::invalid_argument(message);
}
bool finite(double x)
{
    return std::isfinite(x);
}
double z95()
{
    static const double z = boost::math::quantile(boost::math::normal_distribution<double>(), 0.95);
    return z;
}
} // namespace

// Parameter layout per kind (m_a, m_b):
// Constant (value, -), Exponential (mean, rate = 1 / mean), Uniform (min, max), TruncatedNormal (mean, sd),
// Lognormal (mu, sigma), Gamma (shape, scale), Weibull (shape, scale), Empirical (-, -).

Distribution Distribution::constant(double value)
{
    require(finite(value) && value >= 0, "value must be a finite duration >= 0");
    Distribution d;
    d.m_kind = Kind::Constant;
    d.m_a = value;
    return d;
}

Distribution Distribution::exponential(double mean)
{
    require(finite(mean) && mean > 0, "mean must be > 0");
    Distribution d;
    d.m_kind = Kind::Exponential;
    d.m_a = mean;
    d.m_b = 1.0 / mean; // the rate boost's exponential divides by, computed once instead of per draw
    return d;
}

Distribution Distribution::uniform(double min, double max)
{
    require(finite(min) && min >= 0, "min must be >= 0");
    require(finite(max) && max >= min, "max must be >= min");
    Distribution d;
    d.m_kind = Kind::Uniform;
    d.m_a = min;
    d.m_b = max;
    return d;
}

Distribution Distribution::truncatedNormal(double mean, double sd)
{
    require(finite(mean) && mean > 0, "mean must be > 0");
    require(finite(sd) && sd >= 0, "sd must be >= 0");
    Distribution d;
    d.m_kind = Kind::TruncatedNormal;
    d.m_a = mean;
    d.m_b = sd;
    return d;
}

Distribution Distribution::lognormal(double mu, double sigma)
{
    require(finite(mu), "mu must be finite");
    require(finite(sigma) && sigma > 0, "sigma must be > 0");
    Distribution d;
    d.m_kind = Kind::Lognormal;
    d.m_a = mu;
    d.m_b = sigma;
    require(finite(d.mean()), "mu and sigma give an infinite mean");
    return d;
}

Distribution Distribution::lognormalFromMeanP95(double mean, double p95)
{
    require(finite(mean) && mean > 0, "mean must be > 0");
    require(finite(p95) && p95 > mean, "p95 must be greater than the mean");
    // mean = exp(mu + s^2/2), p95 = exp(mu + z s)  =>  s^2/2 - z s + ln(p95/mean) = 0.
    const double z = z95();
    const double d = std::log(p95 / mean);
    const double disc = z * z - 2 * d;
    require(disc >= 0, "p95 is too far above the mean for a lognormal (p95/mean must be below 3.87)");
    const double sigma = z - std::sqrt(disc); // the smaller root: the usual, less skewed shape
    return lognormal(std::log(mean) - sigma * sigma / 2, sigma);
}

Distribution Distribution::lognormalFromMedianP95(double median, double p95)
{
    require(finite(median) && median > 0, "median must be > 0");
    require(finite(p95) && p95 > median, "p95 must be greater than the median");
    return lognormal(std::log(median), std::log(p95 / median) / z95());
}

Distribution Distribution::gammaFromMeanCv(double mean, double cv)
{
    require(finite(mean) && mean > 0, "mean must be > 0");
    require(finite(cv) && cv > 0, "cv must be > 0");
    const double shape = 1.0 / (cv * cv);
    require(cv >= 1e-150 && cv <= 1000 && finite(shape), "cv must be between 1e-150 and 1000");
    Distribution d;
    d.m_kind = Kind::Gamma;
    d.m_a = shape;
    d.m_b = mean / shape;
    return d;
}

Distribution Distribution::weibull(double shape, double scale)
{
    require(finite(shape) && shape > 0, "shape must be > 0");
    require(finite(scale) && scale > 0, "scale must be > 0");
    Distribution d;
    d.m_kind = Kind::Weibull;
    d.m_a = shape;
    d.m_b = scale;
    require(finite(d.mean()), "shape is too small: the mean would be infinite");
    return d;
}

Distribution Distribution::empirical(std::vector<double> values)
{
    require(!values.empty(), "needs at least one value");
    for (const double v : values)
        require(finite(v) && v >= 0, "values must be finite durations >= 0");
    std::sort(values.begin(), values.end());
    Distribution d;
    d.m_kind = Kind::Empirical;
    d.m_values = std::make_shared<const std::vector<double>>(std::move(values));
    return d;
}

double Distribution::sampleOther(RandomStream& rng) const
{
    auto& eng = rng.engine();
    switch (m_kind) {
    case Kind::Constant:
        return m_a;
    case Kind::Exponential:
        return boost::random::exponential_distribution<double>(m_b)(eng);
    case Kind::Uniform:
        return m_a + (m_b - m_a) * rng.uniform01();
    case Kind::TruncatedNormal: {
        boost::random::normal_distribution<double> normal(m_a, m_b);
        for (;;) {
            const double x = normal(eng);
            if (x >= 0)
                return x;
        }
    }
    case Kind::Lognormal:
        return std::exp(m_a + m_b * boost::random::normal_distribution<double>()(eng));
    case Kind::Gamma:
        return boost::random::gamma_distribution<double>(m_a, m_b)(eng);
    case Kind::Weibull:
        return boost::random::weibull_distribution<double>(m_a, m_b)(eng);
    case Kind::Empirical: {
        const auto& v = *m_values;
        return v[boost::random::uniform_int_distribution<std::size_t>(0, v.size() - 1)(eng)];
    }
    }
    return 0;
}

double Distribution::mean() const
{
    switch (m_kind) {
    case Kind::Constant:
    case Kind::Exponential:
        return m_a;
    case Kind::Uniform:
        return (m_a + m_b) / 2;
    case Kind::TruncatedNormal: {
        if (m_b == 0)
            return m_a;
        const boost::math::normal_distribution<double> n01;
        const double alpha = -m_a / m_b;
        return m_a +
               m_b * boost::math::pdf(n01, alpha) / boost::math::cdf(boost::math::complement(n01, alpha));
    }
    case Kind::Lognormal:
        return std::exp(m_a + m_b * m_b / 2);
    case Kind::Gamma:
        return m_a * m_b;
    case Kind::Weibull:
        return m_b * std::tgamma(1 + 1 / m_a);
    case Kind::Empirical:
        return std::accumulate(m_values->begin(), m_values->end(), 0.0) /
               static_cast<double>(m_values->size());
    }
    return 0;
}

double Distribution::quantile(double p) const
{
    require(p > 0 && p < 1, "quantile probability must be in (0, 1)");
    switch (m_kind) {
    case Kind::Constant:
        return m_a;
    case Kind::Exponential:
        return boost::math::quantile(boost::math::exponential_distribution<double>(1.0 / m_a), p);
    case Kind::Uniform:
        return m_a + (m_b - m_a) * p;
    case Kind::TruncatedNormal: {
        if (m_b == 0)
            return m_a;
        const boost::math::normal_distribution<double> n(m_a, m_b);
        const double below0 = boost::math::cdf(n, 0.0);
        return boost::math::quantile(n, below0 + p * (1 - below0));
    }
    case Kind::Lognormal:
        return boost::math::quantile(boost::math::lognormal_distribution<double>(m_a, m_b), p);
    case Kind::Gamma:
        return boost::math::quantile(boost::math::gamma_distribution<double>(m_a, m_b), p);
    case Kind::Weibull:
        return boost::math::quantile(boost::math::weibull_distribution<double>(m_a, m_b), p);
    case Kind::Empirical: {
        const auto& v = *m_values;
        const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(v.size())));
        return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
    }
    }
    return 0;
}

} // namespace poolsim::engine
