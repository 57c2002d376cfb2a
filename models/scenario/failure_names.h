#pragma once
// The names the scenario format gives the failure loop's values: the outcomes `retry.on` lists
// (FailureKind) and backend.on_overload (OverloadAction), in the order the documentation gives
// them. One table for reading, saving and messages.
#include "models/scenario/scenario.h"

#include <array>
#include <string_view>
#include <utility>

namespace poolsim::models {

inline constexpr std::array<std::pair<std::string_view, FailureKind>, 7> kFailureKindNames = {{
    {"timeout", FailureKind::Timeout},
    {"connect_failure", FailureKind::ConnectFailure},
    {"refused", FailureKind::Refused},
    {"client_timeout", FailureKind::ClientTimeout},
    {"crashed", FailureKind::Crashed},
    {"rejected", FailureKind::Rejected},
    {"unavailable", FailureKind::Unavailable},
}};

inline constexpr std::array<std::pair<std::string_view, OverloadAction>, 2> kOverloadActionNames = {{
    {"crash", OverloadAction::Crash},
    {"reject", OverloadAction::Reject},
}};

/// "timeout", "client_timeout", ... as `retry.on` writes it.
constexpr std::string_view failureKindName(FailureKind kind)
{
    for (const auto& [name, k] : kFailureKindNames)
        if (k == kind)
            return name;
    return {};
}

/// "crash" or "reject", as backend.on_overload writes it.
constexpr std::string_view overloadActionName(OverloadAction action)
{
    for (const auto& [name, a] : kOverloadActionNames)
        if (a == action)
            return name;
    return {};
}

} // namespace poolsim::models
