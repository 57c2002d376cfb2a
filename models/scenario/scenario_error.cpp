#include "models/scenario/scenario_error.h"

namespace poolsim::models {

namespace {
std::string format(const SourceLocation& loc, const std::string& keyPath, const std::string& message)
{
    std::string s = loc.file.empty() ? std::string("<scenario>") : loc.file;
    if (loc.line > 0)
        s += ":" + std::to_string(loc.line) + ":" + std::to_string(loc.column);
    s += ": ";
    if (!keyPath.empty())
        s += keyPath + ": ";
    return s + message;
}
} // namespace

ScenarioError::ScenarioError(SourceLocation location, std::string keyPath, std::string message)
    : std::runtime_error(format(location, keyPath, message)), m_location(std::move(location)),
      m_keyPath(std::move(keyPath)), m_detail(std::move(message))
{
}

} // namespace poolsim::models
