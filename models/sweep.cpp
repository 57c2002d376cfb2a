// PLACEHOLDER: being written.
#include "models/sweep.h"
