#include "ui/charts/timeline_instances.h"

#include "ui/charts/metric_text.h"
#include "ui/charts/plot_helpers.h"
#include "ui/charts/timeline_series.h"
#include "ui/core/qcustomplot_include.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace poolsim::ui {

using models::InstanceFailureCause;
using models::InstanceFailureEvent;

namespace {

QString text(const char* source)
{
    return QCoreApplication::translate("TimelinePage", source);
}

QString causeText(InstanceFailureCause cause)
{
    return cause == InstanceFailureCause::Overload ? text("overload") : text("health check");
}

/// A lane's share of its row: the gap keeps neighbouring lanes apart.
constexpr double kLaneGap = 0.08;

/// The lane of instance `i` of `lanes` runs from `bottom` to `top` in plot y: instance 1 (i = 0)
/// in the top row, as lists are read.
double laneBottom(int lanes, int i)
{
    return static_cast<double>(lanes - 1 - i) + kLaneGap;
}
double laneTop(int lanes, int i)
{
    return static_cast<double>(lanes - i) - kLaneGap;
}

/// Tick labels: every instance when they fit, else every k-th (1, 1 + k, ...).
QSharedPointer<QCPAxisTickerText> laneTicker(int lanes)
{
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const int every = std::max(1, (lanes + 9) / 10);
    for (int i = 0; i < lanes; i += every)
        ticker->addTick(static_cast<double>(lanes - i) - 0.5, QString::number(i + 1));
    return ticker;
}

/// A failure mark: a triangle pointing down into the lane (a failed health check), a diamond (an
/// overload): apart in shape, not only in colour.
QCPScatterStyle markStyle(const ChartStyle& style, InstanceFailureCause cause)
{
    const auto shape = cause == InstanceFailureCause::Overload ? QCPScatterStyle::ssDiamond
                                                               : QCPScatterStyle::ssTriangleInverted;
    return QCPScatterStyle(shape, style.downPen().color(), style.downBrush().color(), 8);
}

std::size_t binOf(const models::RunResult& r, double timeS)
{
    return static_cast<std::size_t>(std::max(0.0, timeS) / r.resolutionS);
}

} // namespace

int instanceLanes(const models::VariantRun& run)
{
    const models::RunResult& r = *run.result;
    if (!r.parts.has(models::ModelPart::InstanceFailures))
        return 0;
    if (!r.instanceDownShare.empty())
        return static_cast<int>(r.instanceDownShare.size());
    return static_cast<int>(run.scenario.backend.effectiveInstances());
}

double instancesChartStretch(int lanes)
{
    return std::clamp(0.35 + 0.22 * lanes, 0.5, 1.4);
}

void drawInstancesChart(QCPAxisRect* rect, QCPLegend* legend, const ChartStyle& style,
                        const models::VariantRun& run)
{
    const models::RunResult& r = *run.result;
    QCustomPlot* plot = rect->parentPlot();
    const int lanes = instanceLanes(run);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    y->setTicker(laneTicker(lanes));
    y->setLabel(lanes == 1 ? text("instance") : text("instances"));
    y->setRange(0, std::max(1, lanes));
    y->grid()->setVisible(false); // the lanes are the grid
    y->setSubTicks(false);

    // Each lane: calm across the run, then the share of each bin the instance was down as bars
    // the bin's width rising from the lane's foot (a full lane: down all of the bin in every
    // replication).
    const std::vector<double> x = binCentres(r);
    for (int i = 0; i < lanes; ++i) {
        const double bottom = laneBottom(lanes, i), height = laneTop(lanes, i) - bottom;
        auto* lane = new QCPItemRect(plot);
        lane->setObjectName(QStringLiteral("instance-lane"));
        lane->setClipAxisRect(rect);
        for (QCPItemPosition* p : {lane->topLeft, lane->bottomRight}) {
            p->setAxes(rect->axis(QCPAxis::atBottom), y);
            p->setAxisRect(rect);
            p->setType(QCPItemPosition::ptPlotCoords);
        }
        lane->topLeft->setCoords(0, bottom + height);
        lane->bottomRight->setCoords(r.horizonS, bottom);
        lane->setPen(Qt::NoPen);
        lane->setBrush(style.upBrush());
        lane->setSelectable(false);

        auto* down = new QCPBars(rect->axis(QCPAxis::atBottom), y);
        down->setObjectName(QStringLiteral("instance-down"));
        down->setName(text("down (share of the bin, mean over %1 replications)").arg(r.replications));
        down->setSelectable(QCP::stNone);
        down->setWidthType(QCPBars::wtPlotCoords);
        down->setWidth(r.resolutionS > 0 ? r.resolutionS : 1);
        down->setBaseValue(bottom);
        down->setPen(Qt::NoPen);
        down->setBrush(style.downBrush());
        down->setAntialiased(false); // no seams between neighbouring bins
        down->setAntialiasedFill(false);
        std::vector<double> heights;
        if (static_cast<std::size_t>(i) < r.instanceDownShare.size())
            for (double share : r.instanceDownShare[static_cast<std::size_t>(i)])
                heights.push_back(std::clamp(share, 0.0, 1.0) * height);
        heights.resize(x.size(), 0.0);
        setBarsData(down, x, heights);
        if (i == 0)
            down->addToLegend(legend);
    }

    // The failures of every replication, at the top of their instance's lane.
    for (InstanceFailureCause cause : {InstanceFailureCause::HealthCheck, InstanceFailureCause::Overload}) {
        QVector<double> times, tops;
        for (const std::vector<InstanceFailureEvent>& replication : r.replicationFailures)
            for (const InstanceFailureEvent& e : replication)
                if (e.cause == cause && static_cast<int>(e.instance) < lanes) {
                    times.push_back(e.atS);
                    tops.push_back(laneTop(lanes, static_cast<int>(e.instance)));
                }
        if (times.isEmpty())
            continue;
        QCPGraph* marks = timeline::addGraph(rect,
                                             text("failed: %1 (%2 in %3 replications)")
                                                 .arg(causeText(cause))
                                                 .arg(times.size())
                                                 .arg(r.replicationFailures.size()),
                                             cause == InstanceFailureCause::Overload
                                                 ? QStringLiteral("instance-failures-overload")
                                                 : QStringLiteral("instance-failures-health"));
        marks->setLineStyle(QCPGraph::lsNone);
        marks->setScatterStyle(markStyle(style, cause));
        marks->setData(times, tops); // sorted by time here
        marks->addToLegend(legend);
    }
}

int instanceAtY(int lanes, double y)
{
    if (lanes <= 0 || !(y >= 0) || y >= lanes)
        return -1;
    return lanes - 1 - static_cast<int>(std::floor(y));
}

QString instanceTipAt(const models::VariantRun& run, int instance, double timeS)
{
    const models::RunResult& r = *run.result;
    if (instance < 0 || instance >= instanceLanes(run) || r.resolutionS <= 0 || timeS < 0 ||
        timeS > r.horizonS)
        return {};
    const std::size_t bin = binOf(r, timeS);
    const std::vector<double>* shares = static_cast<std::size_t>(instance) < r.instanceDownShare.size()
                                            ? &r.instanceDownShare[static_cast<std::size_t>(instance)]
                                            : nullptr;
    const double share = shares && bin < shares->size() ? (*shares)[bin] : std::nan("");
    const double start = static_cast<double>(bin) * r.resolutionS;
    const double end = std::min(start + r.resolutionS, r.horizonS);
    QStringList lines;
    lines << text("instance %1 down %2 of this bin (mean over %3 replications)")
                 .arg(instance + 1)
                 .arg(formatValue(share, ValueUnit::Fraction))
                 .arg(r.replications);
    lines << text("bin %1 to %2").arg(formatClock(start), formatClock(end));
    // Its failures in the bin, each with the replication it happened in.
    constexpr int kMostListed = 8;
    int listed = 0, more = 0;
    for (std::size_t rep = 0; rep < r.replicationFailures.size(); ++rep)
        for (const InstanceFailureEvent& e : r.replicationFailures[rep]) {
            if (static_cast<int>(e.instance) != instance || e.atS < start || e.atS >= end)
                continue;
            if (listed++ < kMostListed)
                lines << text("failed at %1 (%2), replication %3")
                             .arg(formatClock(e.atS), causeText(e.cause))
                             .arg(rep + 1);
            else
                ++more;
        }
    if (more > 0)
        lines << text("and %1 more failures in this bin").arg(more);
    return lines.join(QLatin1Char('\n'));
}

QStringList instancesValuesAt(const models::VariantRun& run, std::size_t bin)
{
    const models::RunResult& r = *run.result;
    const int lanes = instanceLanes(run);
    if (lanes == 0)
        return {};
    const std::vector<double>& mean = timeline::band(r, models::Series::InstancesDown, 0);
    QStringList down;
    for (int i = 0; i < lanes && static_cast<std::size_t>(i) < r.instanceDownShare.size(); ++i) {
        const std::vector<double>& shares = r.instanceDownShare[static_cast<std::size_t>(i)];
        if (bin < shares.size() && shares[bin] > 0)
            down << text("%1 %2").arg(i + 1).arg(formatValue(shares[bin], ValueUnit::Fraction));
    }
    QString line = text("instances down: %1 on average")
                       .arg(formatValue(bin < mean.size() ? mean[bin] : std::nan(""), ValueUnit::Level));
    if (!down.isEmpty()) {
        constexpr qsizetype kMostNamed = 6;
        const qsizetype named = std::min(down.size(), kMostNamed);
        line += text(" (instance %1%2 of the bin)")
                    .arg(down.mid(0, named).join(text(", instance ")),
                         down.size() > named ? text(", ...") : QString());
    }
    QStringList lines{line};
    if (r.resolutionS > 0) {
        std::size_t failures = 0;
        for (const std::vector<InstanceFailureEvent>& replication : r.replicationFailures)
            failures += static_cast<std::size_t>(
                std::count_if(replication.begin(), replication.end(),
                              [&](const InstanceFailureEvent& e) { return binOf(r, e.atS) == bin; }));
        if (failures > 0)
            lines << text("instance failures in this bin: %1 (over %2 replications)")
                         .arg(failures)
                         .arg(r.replicationFailures.size());
    }
    return lines;
}

} // namespace poolsim::ui
