#include "ui/charts/scenario_marks.h"

#include <QStringList>

#include <algorithm>
#include <optional>
#include <variant>

namespace poolsim::ui {

namespace {

void addRepeats(std::vector<EventMark>& marks, double atS, std::optional<models::SimTime> every,
                double horizonS, const QString& label, std::size_t workload)
{
    const double step = every ? every->seconds() : 0;
    for (std::size_t k = 0; k < kMaxEventMarks; ++k) {
        const double t = atS + static_cast<double>(k) * step; // no drift from repeated additions
        if (t >= horizonS)
            break;
        marks.push_back({t, label, workload});
        if (step <= 0)
            break;
    }
}

} // namespace

std::vector<EventMark> scenarioEventMarks(const models::Scenario& scenario, double horizonS)
{
    std::vector<EventMark> marks;
    for (std::size_t i = 0; i < scenario.workloads.size(); ++i) {
        const models::Workload& w = scenario.workloads[i];
        const QString name = QString::fromStdString(w.name);
        if (const auto* burst = std::get_if<models::BurstArrivals>(&w.arrivals))
            addRepeats(marks, burst->at.seconds(), burst->every, horizonS,
                       name + QStringLiteral(": burst of %1").arg(burst->count), i);
        else if (const auto* batch = std::get_if<models::BatchArrivals>(&w.arrivals))
            addRepeats(marks, batch->at.seconds(), batch->every, horizonS,
                       name + QStringLiteral(": batch of %1").arg(batch->items), i);
    }
    std::stable_sort(marks.begin(), marks.end(),
                     [](const EventMark& a, const EventMark& b) { return a.timeS < b.timeS; });
    if (marks.size() > kMaxEventMarks)
        marks.resize(kMaxEventMarks);
    return marks;
}

std::vector<MarkLabel> groupMarkLabels(const std::vector<MarkLabel>& marks, double minGapS, int maxLines)
{
    std::vector<MarkLabel> out;
    std::size_t i = 0;
    while (i < marks.size()) {
        const double start = marks[i].timeS;
        QStringList lines;
        int hidden = 0;
        for (; i < marks.size() && marks[i].timeS - start < minGapS; ++i) {
            if (lines.contains(marks[i].text))
                continue;
            if (lines.size() < maxLines)
                lines << marks[i].text;
            else
                ++hidden;
        }
        if (hidden > 0)
            lines << QStringLiteral("+%1 more").arg(hidden);
        out.push_back({start, lines.join(QLatin1Char('\n'))});
    }
    return out;
}

} // namespace poolsim::ui
