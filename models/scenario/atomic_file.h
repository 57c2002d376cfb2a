#pragma once
// Replacing a file so that readers, and a crash, see either the old content or the new.
#include <stdexcept>
#include <string>

namespace poolsim::models {

/// A file could not be written (bad path, no permission, disk full): the user's to fix.
class FileError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

/// Writes `content` to a temporary file beside `path`, flushes and syncs it, and renames it over
/// `path`. On failure nothing is left behind, the old file is untouched, and a
/// std::runtime_error says "cannot save 'path': why". An existing file keeps its permissions.
void writeFileAtomically(const std::string& path, const std::string& content);

} // namespace poolsim::models
