#pragma once
// The CLI's RunObserver: a progress bar on stderr (only on a terminal, only once a run has
// taken about a second) and Ctrl-C as a clean stop.
#include "engine/replication_runner.h"

#include <chrono>

namespace poolsim::cli {

class TerminalProgress : public engine::RunObserver
{
public:
    explicit TerminalProgress(bool enabled);
    ~TerminalProgress() override;
    TerminalProgress(const TerminalProgress&) = delete;
    TerminalProgress& operator=(const TerminalProgress&) = delete;

    void progress(double fraction, std::uint64_t events) override;
    bool stopRequested() override;
    /// True once Ctrl-C was pressed during the run.
    static bool interrupted();

private:
    bool m_enabled;
    bool m_drawn = false;
    std::chrono::steady_clock::time_point m_start;
};

} // namespace poolsim::cli
