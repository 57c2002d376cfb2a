// PLACEHOLDER: being written.
#include "models/analytic_check.h"
