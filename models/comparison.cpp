// PLACEHOLDER: being written.
#include "models/comparison.h"
