#include "ui/charts/timeline_marks.h"

#include "ui/charts/plot_helpers.h"
#include "ui/charts/scenario_marks.h"
#include "ui/core/qcustomplot_include.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace poolsim::ui {

namespace {

QString text(const char* source)
{
    return QCoreApplication::translate("TimelinePage", source);
}

} // namespace

void drawTimelineMarks(QCustomPlot* plot, const std::vector<QCPAxisRect*>& charts, QCPLegend* legend,
                       const models::VariantRun& run, const ChartStyle& style)
{
    const models::RunResult& r = *run.result;
    QCPAxisRect* busy = charts[0];

    // The warm-up is left out of every figure: hatch it.
    if (r.warmupS > 0) {
        for (QCPAxisRect* rect : charts) {
            QCPItemRect* warm = addSpan(plot, rect, 0, r.warmupS, QStringLiteral("warmup"));
            warm->setPen(Qt::NoPen);
            warm->setBrush(style.warmupBrush());
        }
        addLabel(plot, busy, r.warmupS / 2, 1.0, text("warm-up"), Qt::AlignHCenter | Qt::AlignBottom,
                 style.foreground());
    }

    // Alert periods on the mean series: translucent red over chart (a).
    QStringList fired;
    std::vector<MarkLabel> firstPeriods;
    for (const models::AlertOutcome& alert : r.alerts) {
        for (const models::AlertPeriod& p : alert.periods) {
            QCPItemRect* area =
                addSpan(plot, busy, p.startS, p.startS + p.durationS, QStringLiteral("alert-period"));
            area->setBrush(style.alertBrush());
            area->setPen(style.alertPen());
        }
        if (!alert.periods.empty()) {
            fired << QString::fromStdString(alert.rule.name);
            firstPeriods.push_back({alert.periods.front().startS, fired.back()});
        }
    }
    // Each rule's name at the foot of its first period; rules that start together share a label.
    std::sort(firstPeriods.begin(), firstPeriods.end(),
              [](const MarkLabel& a, const MarkLabel& b) { return a.timeS < b.timeS; });
    // A label that starts within an eighth of the axis of the one before would overprint it (a
    // label is about that wide): it goes a line higher.
    double previousS = -INFINITY, y = 0.98;
    for (MarkLabel& label : groupMarkLabels(firstPeriods, r.horizonS / 50, 4)) {
        y = label.timeS - previousS < r.horizonS / 8 && y > 0.5 ? y - 0.09 : 0.98;
        previousS = label.timeS;
        addLabel(plot, busy, label.timeS, y, label.text.replace(QLatin1Char('\n'), QStringLiteral(", ")),
                 Qt::AlignLeft | Qt::AlignBottom, style.sloColor());
    }
    if (!fired.isEmpty()) {
        // A legend entry for the shading: a graph with no data, only the alert fill.
        QCPGraph* key = plot->addGraph(busy->axis(QCPAxis::atBottom), busy->axis(QCPAxis::atLeft));
        key->setName(text("alert firing (%1)").arg(fired.join(QStringLiteral(", "))));
        key->setObjectName(QStringLiteral("alert-key"));
        key->setSelectable(QCP::stNone);
        key->setPen(style.alertPen());
        key->setBrush(style.alertBrush());
        key->addToLegend(legend);
    }

    // Bursts and batches: a dashed line through every chart, the label along the line in
    // chart (a) so that close events do not overprint each other.
    std::vector<MarkLabel> texts;
    for (const EventMark& mark : scenarioEventMarks(run.scenario, r.horizonS)) {
        for (QCPAxisRect* rect : charts)
            addVerticalLine(plot, rect, mark.timeS, style.markerPen(), QStringLiteral("event-marker"));
        texts.push_back({mark.timeS, mark.label});
    }
    // Events seconds apart on a long axis share one label, a line each.
    for (const MarkLabel& label : groupMarkLabels(texts, r.horizonS / 50))
        addLabel(plot, busy, label.timeS, 0.02, label.text, Qt::AlignRight | Qt::AlignBottom,
                 style.foreground(), -90);
}

} // namespace poolsim::ui
