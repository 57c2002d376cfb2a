#include "models/results/run_result.h"

#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <limits>

namespace poolsim::models {

Estimate estimate(const std::vector<double>& values)
{
    Estimate e;
    const std::size_t n = values.size();
    if (n == 0) {
        e.mean = std::numeric_limits<double>::quiet_NaN();
        e.ci95 = std::numeric_limits<double>::quiet_NaN();
        return e;
    }
    double sum = 0;
    for (const double v : values)
        sum += v;
    e.mean = sum / static_cast<double>(n);
    if (n < 2) {
        e.ci95 = std::numeric_limits<double>::quiet_NaN();
        return e;
    }
    double ss = 0;
    for (const double v : values)
        ss += (v - e.mean) * (v - e.mean);
    const double sd = std::sqrt(ss / static_cast<double>(n - 1));
    const boost::math::students_t t(static_cast<double>(n - 1));
    e.ci95 =
        boost::math::quantile(boost::math::complement(t, 0.025)) * sd / std::sqrt(static_cast<double>(n));
    return e;
}

} // namespace poolsim::models
