#include "models/scenario/distribution_spec.h"

#include <type_traits>

namespace poolsim::models {

engine::Distribution makeDistribution(const DistributionSpec& spec)
{
    using engine::Distribution;
    return std::visit(
        [](const auto& d) -> Distribution {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, ConstantDist>) {
                return Distribution::constant(d.value.seconds());
            } else if constexpr (std::is_same_v<T, ExponentialDist>) {
                return Distribution::exponential(d.mean.seconds());
            } else if constexpr (std::is_same_v<T, UniformDist>) {
                return Distribution::uniform(d.min.seconds(), d.max.seconds());
            } else if constexpr (std::is_same_v<T, NormalDist>) {
                return Distribution::truncatedNormal(d.mean.seconds(), d.sd.seconds());
            } else if constexpr (std::is_same_v<T, LognormalDist>) {
                switch (d.form) {
                case LognormalDist::Form::MeanP95:
                    return Distribution::lognormalFromMeanP95(d.center.seconds(), d.p95.seconds());
                case LognormalDist::Form::MedianP95:
                    return Distribution::lognormalFromMedianP95(d.center.seconds(), d.p95.seconds());
                case LognormalDist::Form::MuSigma:
                    break;
                }
                return Distribution::lognormal(d.mu, d.sigma);
            } else if constexpr (std::is_same_v<T, GammaDist>) {
                return Distribution::gammaFromMeanCv(d.mean.seconds(), d.cv);
            } else if constexpr (std::is_same_v<T, WeibullDist>) {
                return Distribution::weibull(d.shape, d.scale.seconds());
            } else {
                static_assert(std::is_same_v<T, EmpiricalDist>);
                std::vector<double> values;
                values.reserve(d.values.size());
                for (const SimTime v : d.values)
                    values.push_back(v.seconds());
                return Distribution::empirical(std::move(values));
            }
        },
        spec);
}

std::string distributionKindName(const DistributionSpec& spec)
{
    static constexpr const char* kNames[] = {"constant",  "exponential", "uniform", "normal",
                                             "lognormal", "gamma",       "weibull", "empirical"};
    return kNames[spec.index()];
}

bool isZeroConstant(const DistributionSpec& spec)
{
    const auto* c = std::get_if<ConstantDist>(&spec);
    return c && c->value.isZero();
}

} // namespace poolsim::models
