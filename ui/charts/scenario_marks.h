#pragma once
// The times a scenario's scheduled load arrives (bursts and batches, with their repeats), for
// marking them on the timeline: a reader sees at once which spike the reports caused.
#include "models/scenario/scenario.h"

#include <QString>

#include <cstddef>
#include <vector>

namespace poolsim::ui {

struct EventMark
{
    double timeS = 0;
    QString label; // "month-end-reports: burst of 5"
    std::size_t workload = 0;
};

/// At most this many marks (a burst every minute of a week would be 10 080 lines).
inline constexpr std::size_t kMaxEventMarks = 400;

/// Every burst's and batch's `at`, then every `every` after it, before `horizonS`; sorted by
/// time, at most kMaxEventMarks.
std::vector<EventMark> scenarioEventMarks(const models::Scenario& scenario, double horizonS);

/// A label for marks close together: at the first one's time, their texts one per line.
struct MarkLabel
{
    double timeS = 0;
    QString text;
};

/// Labels for (time, text) pairs sorted by time: those within `minGapS` of a label's first time
/// share it (texts one per line, at most `maxLines`, then "+N more"), so that labels of events
/// seconds apart on an hour-long axis do not print over each other.
std::vector<MarkLabel> groupMarkLabels(const std::vector<MarkLabel>& marks, double minGapS, int maxLines = 3);

} // namespace poolsim::ui
