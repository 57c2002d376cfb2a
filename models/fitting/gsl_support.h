#pragma once
// What the fits share of GSL: its error handler turned off (every status is checked instead),
// its vectors, matrices and workspaces owned by unique_ptr, and one run of its trust-region
// least squares with the standard errors at the answer. Internal to models/fitting.
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_vector.h>

#include <cstddef>
#include <memory>
#include <vector>

namespace poolsim::models::gsl {

/// GSL's default error handler aborts the process; the fits check every status instead.
inline void keepFromAborting()
{
    static const bool off = [] {
        gsl_set_error_handler_off();
        return true;
    }();
    (void)off;
}

template <class T, void (*FreeFunction)(T*)> struct Free
{
    void operator()(T* p) const { FreeFunction(p); }
};
template <class T, void (*FreeFunction)(T*)> using Owned = std::unique_ptr<T, Free<T, FreeFunction>>;
using Vector = Owned<gsl_vector, gsl_vector_free>;
using Matrix = Owned<gsl_matrix, gsl_matrix_free>;

/// When the trust region stops: at most `maxIterations`, or when a step moves the parameters by
/// less than `xtol`, the gradient falls below `gtol` or the residual changes by less than `ftol`.
struct Tolerances
{
    std::size_t maxIterations = 0;
    double xtol = 0, gtol = 0, ftol = 0;
};

struct TrustRegionResult
{
    Vector position; ///< where it stopped, in the problem's own units
    double sse = 0;  ///< the sum of the squared residuals there
    /// Each parameter's standard error, s^2 (J^T J)^-1 with s^2 = sse / (n - k), in the problem's
    /// units; NaN for all when there are no more residuals than parameters or J^T J is singular.
    std::vector<double> standardErrors;
    /// Converged, or (GSL_EMAXITER with GSL_ENOPROG) no step from the start lowers the residual:
    /// the start is already the minimum.
    bool converged = false;
};

/// GSL's trust-region least squares (Levenberg-Marquardt, its default parameters) of `fdf` from
/// `x0`. Throws std::runtime_error when GSL cannot start.
TrustRegionResult solveTrustRegion(gsl_multifit_nlinear_fdf fdf, const gsl_vector* x0,
                                   const Tolerances& tolerances);

} // namespace poolsim::models::gsl
