#include "engine/simtime.h"

#include <stdexcept>

namespace poolsim::engine {

void SimTime::throwOutOfRange()
{
    throw std::out_of_range("time out of range (must be finite and below about 285 years)");
}

} // namespace poolsim::engine
