#pragma once
// Distributions of durations (hold times, think times, connect times, backoffs), in seconds.
// Each factory validates its parameters and throws std::invalid_argument with a message that
// names the parameter, so the scenario loader can attach a file location to it.
#include "engine/random_stream.h"
#include "engine/simtime.h"

#include <boost/random/exponential_distribution.hpp>

#include <memory>
#include <vector>

namespace poolsim::engine {

class Distribution
{
public:
    enum class Kind { Constant, Exponential, Uniform, TruncatedNormal, Lognormal, Gamma, Weibull, Empirical };

    static Distribution constant(double value);
    static Distribution exponential(double mean);
    static Distribution uniform(double min, double max);
    /// Normal(mean, sd) conditioned on being >= 0 (negative draws are redrawn).
    static Distribution truncatedNormal(double mean, double sd);
    /// ln X ~ Normal(mu, sigma).
    static Distribution lognormal(double mu, double sigma);
    static Distribution lognormalFromMeanP95(double mean, double p95);
    static Distribution lognormalFromMedianP95(double median, double p95);
    /// Gamma with the given mean and coefficient of variation (sd / mean).
    static Distribution gammaFromMeanCv(double mean, double cv);
    static Distribution weibull(double shape, double scale);
    /// Each draw picks one of the values with equal probability.
    static Distribution empirical(std::vector<double> values);

    Kind kind() const { return m_kind; }
    double sampleSeconds(RandomStream& rng) const
    {
        // The exponential is the hot path of most scenarios: inline, no switch.
        if (m_kind == Kind::Exponential)
            return boost::random::exponential_distribution<double>(m_b)(rng.engine()); // m_b: the rate
        return sampleOther(rng);
    }
    SimTime sample(RandomStream& rng) const
    {
        const double s = sampleSeconds(rng);
        // Far tails (a lognormal with a large sigma) could pass the clock's range: cap at 100
        // years, the longest duration a scenario may give. `!(s < cap)` also catches NaN and inf.
        return SimTime::fromSeconds(!(s < kMaxDurationSeconds) ? kMaxDurationSeconds : s);
    }
    double mean() const;
    /// Quantile function (0 < p < 1), for summaries and plots.
    double quantile(double p) const;
    /// Parameters of a lognormal (mu, sigma); meaningful for Kind::Lognormal only.
    double lognormalMu() const { return m_a; }
    double lognormalSigma() const { return m_b; }

private:
    Distribution() = default;
    double sampleOther(RandomStream& rng) const;
    Kind m_kind = Kind::Constant;
    double m_a = 0, m_b = 0; // kind-specific parameters, as their factories document
    std::shared_ptr<const std::vector<double>> m_values; // sorted, for Empirical
};

} // namespace poolsim::engine
