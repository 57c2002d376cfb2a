#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace poolsim::cli {

struct RunCommandOptions
{
    std::string file;
    std::vector<std::string> overrides;
    std::optional<std::int64_t> replications;
    std::optional<std::uint64_t> seed;
    unsigned threads = 0;
    std::string jsonOut;      // empty: none; "-": stdout
    std::string seriesCsvOut; // empty: none
    bool quiet = false;
};

/// `poolsim run`: returns the exit code; throws for bad scenarios and internal errors.
int runCommand(const RunCommandOptions& options);
/// `poolsim validate`: prints "ok" and returns 0, or throws the scenario's first error.
int validateCommand(const std::string& file, const std::vector<std::string>& overrides);

} // namespace poolsim::cli
