#include "app/cli/terminal_progress.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace poolsim::cli {

namespace {
std::atomic<bool> g_interrupted{false};
struct sigaction g_previous
{
};

extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
}
} // namespace

TerminalProgress::TerminalProgress(bool enabled)
    : m_enabled(enabled && ::isatty(STDERR_FILENO)), m_start(std::chrono::steady_clock::now())
{
    struct sigaction sa
    {
    };
    sa.sa_handler = onInterrupt;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = static_cast<int>(SA_RESETHAND); // a second Ctrl-C ends the process the usual way
    sigaction(SIGINT, &sa, &g_previous);
}

TerminalProgress::~TerminalProgress()
{
    sigaction(SIGINT, &g_previous, nullptr);
    if (m_drawn)
        std::fputs("\r\033[K", stderr);
}

void TerminalProgress::progress(double fraction, std::uint64_t events)
{
    if (!m_enabled)
        return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    if (elapsed < 1.0 && !m_drawn)
        return;
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(fraction * kWidth + 0.5);
    char bar[kWidth + 1];
    for (int i = 0; i < kWidth; ++i)
        bar[i] = i < filled ? '#' : '.';
    bar[kWidth] = '\0';
    std::fprintf(stderr, "\r[%s] %3.0f%%  %.1fM events/s  (Ctrl-C stops)", bar, fraction * 100,
                 elapsed > 0 ? static_cast<double>(events) / elapsed / 1e6 : 0.0);
    std::fflush(stderr);
    m_drawn = true;
}

bool TerminalProgress::stopRequested()
{
    return g_interrupted.load();
}

bool TerminalProgress::interrupted()
{
    return g_interrupted.load();
}

} // namespace poolsim::cli
