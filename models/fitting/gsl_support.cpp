#include "models/fitting/gsl_support.h"

#include <gsl/gsl_blas.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace poolsim::models::gsl {

TrustRegionResult solveTrustRegion(gsl_multifit_nlinear_fdf fdf, const gsl_vector* x0,
                                   const Tolerances& tolerances)
{
    keepFromAborting();
    const std::size_t n = fdf.n, k = fdf.p;
    const gsl_multifit_nlinear_parameters params = gsl_multifit_nlinear_default_parameters();
    const Owned<gsl_multifit_nlinear_workspace, gsl_multifit_nlinear_free> w(
        gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &params, n, k));
    if (gsl_multifit_nlinear_init(x0, &fdf, w.get()) != GSL_SUCCESS)
        throw std::runtime_error("GSL could not start the USL fit");
    int info = 0;
    const int status = gsl_multifit_nlinear_driver(tolerances.maxIterations, tolerances.xtol, tolerances.gtol,
                                                   tolerances.ftol, nullptr, nullptr, &info, w.get());

    TrustRegionResult out;
    out.converged = status == GSL_SUCCESS || (status == GSL_EMAXITER && info == GSL_ENOPROG);
    out.position.reset(gsl_vector_alloc(k));
    gsl_vector_memcpy(out.position.get(), gsl_multifit_nlinear_position(w.get()));
    const gsl_vector* f = gsl_multifit_nlinear_residual(w.get());
    gsl_blas_ddot(f, f, &out.sse);
    out.standardErrors.assign(k, std::numeric_limits<double>::quiet_NaN());
    if (n > k) {
        const Matrix covar(gsl_matrix_alloc(k, k));
        if (gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(w.get()), 0.0, covar.get()) == GSL_SUCCESS) {
            const double s2 = out.sse / static_cast<double>(n - k);
            for (std::size_t i = 0; i < k; ++i)
                out.standardErrors[i] = std::sqrt(s2 * gsl_matrix_get(covar.get(), i, i));
        }
    }
    return out;
}

} // namespace poolsim::models::gsl
