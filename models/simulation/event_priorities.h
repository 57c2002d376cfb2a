#pragma once
// The order of the components' events at the same instant, one scale for all of them: a
// connection comes back before anyone waits for it, openings complete before timeouts fire,
// then new arrivals.
#include <cstdint>

namespace poolsim::models::priority {

inline constexpr std::int32_t kRelease = 0; // a step ends and gives back its connections
inline constexpr std::int32_t kPool = 1;    // openings, idle checks, retirements, the end of warm-up
inline constexpr std::int32_t kTimeout = 2; // a waiter's deadline
inline constexpr std::int32_t kArrival = 3; // arrivals, retries, users and batch items starting
// one_by_one's next getConnection() comes after every request arriving at the same instant
// has made its first: simultaneous threads each get a connection before any gets a second.
inline constexpr std::int32_t kNextAcquire = 4;

} // namespace poolsim::models::priority
