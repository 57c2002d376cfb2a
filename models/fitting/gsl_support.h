#pragma once
// What the fits share of GSL: its error handler turned off (every status is checked instead) and
// its vectors, matrices and workspaces owned by unique_ptr. Internal to models/fitting.
#include <gsl/gsl_errno.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#include <memory>

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

} // namespace poolsim::models::gsl
