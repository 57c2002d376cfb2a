// PLACEHOLDER: being written.
#include "models/recommend.h"
