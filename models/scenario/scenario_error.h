#pragma once
// Errors as exceptions carrying context (as OMNeT++'s cRuntimeError): where in which file, at
// which key path, and what was expected. Caught once at the application boundary.
#include <stdexcept>
#include <string>

namespace poolsim::models {

struct SourceLocation
{
    std::string file;
    int line = 0;   // 1-based; 0 when unknown (a value given with --set, say)
    int column = 0; // 1-based
};

class ScenarioError : public std::runtime_error
{
public:
    ScenarioError(SourceLocation location, std::string keyPath, std::string message);
    const SourceLocation& location() const { return m_location; }
    const std::string& keyPath() const { return m_keyPath; }
    /// The message without location and key path.
    const std::string& detail() const { return m_detail; }

private:
    SourceLocation m_location;
    std::string m_keyPath, m_detail;
};

} // namespace poolsim::models
