#include "ui/charts/timeline_page.h"

#include "models/results/failure_story.h"
#include "ui/charts/metric_text.h"
#include "ui/charts/outcome_runs.h"
#include "ui/charts/plot_helpers.h"
#include "ui/charts/run_choosers.h"
#include "ui/charts/sim_time_ticker.h"
#include "ui/charts/timeline_database.h"
#include "ui/charts/timeline_instances.h"
#include "ui/charts/timeline_marks.h"
#include "ui/charts/timeline_series.h"

#include "ui/core/qcustomplot_include.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QResizeEvent>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace poolsim::ui {

using models::Series;

using namespace timeline;

namespace {

enum Chart { Busy = 0, Waiting = 1, Failed = 2 };

/// Legends and the charts' rows: a row with a legend above each chart, as thin as it can be.
constexpr double kLegendRowStretch = 0.001;

} // namespace

TimelinePage::TimelinePage(QWidget* parent) : ChartPage(parent)
{
    m_style = ChartStyle::fromPalette(palette());

    m_runChooser = new QComboBox(this);
    m_runChooser->setObjectName(QStringLiteral("timelineRun"));
    m_runChooser->setToolTip(
        tr("Which run the timeline shows: the scenario as written, or one of its variants"));
    m_runChooser->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_note = new QLabel(this);
    m_note->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Run:"), this));
    top->addWidget(m_runChooser);
    top->addSpacing(12);
    top->addWidget(m_note, 1);

    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("timelinePlot"));
    m_plot->setMinimumHeight(360);
    m_plot->setAutoAddPlottableToLegend(false);
    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);

    // Three charts stacked in one plot (more with a database server or instances that can fail),
    // each under a row with its legend (inside the charts a legend would hide the events it
    // explains).
    m_plot->plotLayout()->clear();
    m_plot->plotLayout()->setRowSpacing(0);
    m_margins = new QCPMarginGroup(m_plot);
    const QStringList yLabels = {tr("connections"), tr("waiting requests"), tr("failed per bin")};
    const double stretch[] = {1.6, 1.0, 0.9};
    for (int i = 0; i < 3; ++i) {
        m_plot->plotLayout()->addElement(2 * i, 0, new QCPLayoutGrid);
        auto [legend, rect] = addChart(2 * i, stretch[i]);
        m_legends[static_cast<std::size_t>(i)] = legend;
        m_rects[static_cast<std::size_t>(i)] = rect;
        rect->axis(QCPAxis::atBottom)->setTickLabels(i == Failed); // one time scale, read at the bottom
        rect->axis(QCPAxis::atLeft)->setLabel(yLabels[i]);
    }
    m_rects[Failed]->axis(QCPAxis::atBottom)->setLabel(tr("simulated time"));
    // The plot's own legend lived in the axis rect clear() deleted.
    m_plot->legend = m_legends[Busy];

    m_plot->addLayer(QStringLiteral("crosshair"), m_plot->layer(QStringLiteral("legend")),
                     QCustomPlot::limAbove);
    m_crosshairLayer = m_plot->layer(QStringLiteral("crosshair"));
    m_crosshairLayer->setMode(QCPLayer::lmBuffered);

    connect(m_plot, &QCustomPlot::mouseMove, this, &TimelinePage::onMouseMove);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent*) {
        resetRanges();
        m_plot->replot(QCustomPlot::rpQueuedRefresh);
    });
    connect(m_runChooser, &QComboBox::currentIndexChanged, this, [this](int) { rebuild(); });

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_plot, 1);
    m_plot->setToolTip(QString()); // tooltips come from the crosshair
    rebuild();
}

QString TimelinePage::title() const
{
    return tr("Timeline");
}

void TimelinePage::setScenario(const models::Scenario&)
{
    // Marks come from the scenario that ran (in the outcome): the edited one may differ.
}

void TimelinePage::setOutcome(const OutcomePtr& outcome)
{
    if (outcome && outcome->kind != JobKind::Run)
        return;
    m_outcome = outcome;
    m_runs = shownRuns(outcome);
    fillRunChooser(m_runChooser, m_runs); // the same variant across re-runs (live mode)
    rebuild();
}

bool TimelinePage::hasData() const
{
    return !m_runs.empty();
}

QList<NamedPlot> TimelinePage::plots() const
{
    // Named after the run shown, so an exported "after" timeline is not taken for the base's.
    NamedPlot named =
        namedForChoice(QStringLiteral("timeline"), tr("Timeline"), m_plot, m_runChooser->currentText());
    // The report prints what the Instances chart shows in words: did one fail, when, did it spread.
    if (const models::VariantRun* run = shownRun())
        if (const std::optional<models::FailureStory> story = models::failureStory(*run->result))
            named.caption = QString::fromStdString(story->sentence());
    return {named};
}

const models::VariantRun* TimelinePage::shownRun() const
{
    return chosenRun(m_runChooser, m_runs);
}

void TimelinePage::changeEvent(QEvent* event)
{
    ChartPage::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_style = ChartStyle::fromPalette(palette());
        rebuild();
    }
}

bool TimelinePage::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && event->type() == QEvent::Leave)
        hideCrosshair();
    if (watched == m_plot && event->type() == QEvent::Resize) // before the plot lays itself out
        fitLegends(static_cast<QResizeEvent*>(event)->size().width());
    return ChartPage::eventFilter(watched, event);
}

void TimelinePage::rebuild()
{
    for (QCPLegend* legend : legends())
        legend->clearItems(); // before the plottables they point at go
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_crosshair.clear();
    const models::VariantRun* run = shownRun();
    // The database chart under the connections: its queries are what the connections in use ask
    // of it. The Instances chart over the failures: a failed instance's requests fail there.
    if (showOptionalChart(m_db, run && run->result->parts.has(models::ModelPart::DatabaseServer),
                          m_rects[Waiting], 1.0))
        setUpDatabaseChart(m_db.rect);
    const int lanes = run ? instanceLanes(*run) : 0;
    showOptionalChart(m_instances, lanes > 0, m_rects[Failed], instancesChartStretch(lanes));
    m_style.apply(m_plot);
    for (QCPLegend* legend : legends()) {
        m_style.applyToLegend(legend);
        QFont font = m_plot->font();
        font.setPointSizeF(font.pointSizeF() * 0.9);
        legend->setFont(font);
        legend->setBorderPen(Qt::NoPen); // a row of keys, not a box
        legend->setBrush(Qt::NoBrush);
        legend->setIconSize(26, 10);
        legend->setColumnSpacing(16);
    }

    m_runChooser->setEnabled(m_runs.size() > 1);
    if (!run) {
        m_note->setText(tr("No run yet: press Run (F5) to see the pool over time."));
        for (QCPAxisRect* rect : m_rects) {
            rect->axis(QCPAxis::atBottom)->setRange(0, 600);
            rect->axis(QCPAxis::atLeft)->setRange(0, 1);
        }
        for (QCPLegend* legend : legends())
            legend->setVisible(false);
        m_plot->replot(QCustomPlot::rpQueuedRefresh);
        return;
    }
    const models::RunResult& r = *run->result;
    QString note = tr("%1 replications, bins of %2").arg(r.replications).arg(formatSeconds(r.resolutionS));
    if (!r.complete || (m_outcome && !m_outcome->complete))
        note += tr(" - stopped early: partial results");
    m_note->setText(note);
    drawRun(*run);
    drawTimelineMarks(m_plot, shownCharts(), m_legends[Busy], *run, m_style);
    for (QCPLegend* legend : legends())
        legend->setVisible(legend->itemCount() > 0);
    // A plot not laid out yet (a page never shown) has no width to go by: its resize will say.
    fitLegends(m_plot->isVisible() ? m_plot->width() : 0);

    // The crosshair: one vertical line per chart on a layer of its own, so that following the
    // mouse repaints only that layer.
    for (QCPAxisRect* rect : shownCharts()) {
        QCPItemStraightLine* line =
            addVerticalLine(m_plot, rect, 0, m_style.crosshairPen(), QStringLiteral("crosshair"));
        line->setLayer(m_crosshairLayer);
        line->setVisible(false);
        m_crosshair.push_back(line);
    }
    resetRanges();
    m_plot->replot(QCustomPlot::rpQueuedRefresh);
}

void TimelinePage::drawRun(const models::VariantRun& run)
{
    const models::RunResult& r = *run.result;
    const std::vector<double> x = binCentres(r);

    // (a) connections in use against the pool size.
    addBandedSeries(m_rects[Busy], m_legends[Busy], m_style, 0, r, Series::BusyMean, x,
                    tr("connections in use (mean)"), QStringLiteral("busy"));
    addPeakSeries(m_rects[Busy], m_legends[Busy], m_style, 0, r, Series::BusyMax, x, QStringLiteral("busy"));
    QCPGraph* pool =
        addGraph(m_rects[Busy], tr("pool size (%1)").arg(poolSizeText(run)), QStringLiteral("pool-size"));
    pool->setPen(m_style.limitPen());
    const double poolSize = static_cast<double>(r.poolSizeTotal);
    pool->setData({0.0, r.horizonS}, {poolSize, poolSize}, true);
    pool->addToLegend(m_legends[Busy]);
    const double busyTop = std::max(
        {maxOf(band(r, Series::BusyMean, 1), 1.0), maxOf(band(r, Series::BusyMax, 0), 1.0), poolSize});
    m_rects[Busy]->axis(QCPAxis::atLeft)->setRange(0, busyTop * 1.12);

    // (a') the database server's queries against its cores, when the scenario has a server.
    if (m_db.rect)
        drawDatabaseChart(m_db.rect, m_db.legend, m_style, run, x);

    // (b) requests waiting for a connection.
    addBandedSeries(m_rects[Waiting], m_legends[Waiting], m_style, 1, r, Series::WaitersMean, x,
                    tr("waiting requests (mean)"), QStringLiteral("waiting"));
    addPeakSeries(m_rects[Waiting], m_legends[Waiting], m_style, 1, r, Series::WaitersMax, x,
                  QStringLiteral("waiting"));
    const double waitingTop =
        std::max(maxOf(band(r, Series::WaitersMean, 1), 1.0), maxOf(band(r, Series::WaitersMax, 0), 1.0));
    m_rects[Waiting]->axis(QCPAxis::atLeft)->setRange(0, waitingTop * 1.12);

    // (b') the instances, down or up, and their failures, when they can fail.
    if (m_instances.rect)
        drawInstancesChart(m_instances.rect, m_instances.legend, m_style, run);

    // (c) failures per bin: timeouts, other failures stacked above.
    auto* timeouts =
        new QCPBars(m_rects[Failed]->axis(QCPAxis::atBottom), m_rects[Failed]->axis(QCPAxis::atLeft));
    timeouts->setName(tr("timeouts (mean per bin)"));
    timeouts->setObjectName(QStringLiteral("timeouts"));
    auto* failures =
        new QCPBars(m_rects[Failed]->axis(QCPAxis::atBottom), m_rects[Failed]->axis(QCPAxis::atLeft));
    failures->setName(tr("other failures (mean per bin)"));
    failures->setObjectName(QStringLiteral("failures"));
    failures->moveAbove(timeouts);
    const std::vector<double>& t = band(r, Series::Timeouts, 0);
    const std::vector<double>& f = band(r, Series::Failures, 0);
    const bool anyFailure = std::any_of(f.begin(), f.end(), [](double v) { return v > 0; });
    // Timeouts in the red look (5), other failures hatched in the purple one (3).
    for (auto [bars, look] : {std::pair{timeouts, 5}, std::pair{failures, 3}}) {
        bars->setWidthType(QCPBars::wtPlotCoords);
        bars->setWidth(r.resolutionS > 0 ? r.resolutionS * 0.9 : 1);
        bars->setBrush(m_style.barBrush(look, bars == failures));
        bars->setPen(m_style.barPen(look));
        bars->setSelectable(QCP::stNone);
        if (bars == timeouts || anyFailure)
            bars->addToLegend(m_legends[Failed]);
    }
    setBarsData(timeouts, x, t);
    if (anyFailure) // zero-height bars would still draw their outline on the timeouts
        setBarsData(failures, x, f);
    double failedTop = 1;
    for (std::size_t i = 0; i < t.size() && i < f.size(); ++i)
        if (std::isfinite(t[i]) && std::isfinite(f[i]))
            failedTop = std::max(failedTop, t[i] + f[i]);
    m_rects[Failed]->axis(QCPAxis::atLeft)->setRange(0, failedTop * 1.12);
}

void TimelinePage::resetRanges()
{
    const models::VariantRun* run = shownRun();
    const double horizon = run && run->result->horizonS > 0 ? run->result->horizonS : 600;
    for (QCPAxisRect* rect : shownCharts())
        rect->axis(QCPAxis::atBottom)->setRange(0, horizon);
}

std::pair<QCPLegend*, QCPAxisRect*> TimelinePage::addChart(int legendRow, double stretch)
{
    // The legend's row: the legend at the left, an empty element taking the rest.
    auto* row = qobject_cast<QCPLayoutGrid*>(m_plot->plotLayout()->element(legendRow, 0));
    auto* legend = new QCPLegend;
    row->addElement(0, 0, legend);
    row->addElement(0, 1, new QCPLayoutElement(m_plot));
    row->setColumnStretchFactor(0, 0.001);
    row->setColumnStretchFactor(1, 1);
    row->setMargins(QMargins(0, legendRow == 0 ? 2 : 6, 0, 0));
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(6);
    legend->setLayer(QStringLiteral("legend"));

    auto* rect = new QCPAxisRect(m_plot);
    m_plot->plotLayout()->addElement(legendRow + 1, 0, rect);
    // The margin group lines up the charts' left and right edges, so one time is one x in all.
    rect->setMarginGroup(QCP::msLeft | QCP::msRight, m_margins);
    rect->setRangeDrag(Qt::Horizontal);
    rect->setRangeZoom(Qt::Horizontal);
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    x->setTicker(QSharedPointer<QCPAxisTicker>(new SimTimeTicker));
    x->setTickLabels(false);
    x->grid()->setSubGridVisible(false);
    m_plot->plotLayout()->setRowStretchFactor(legendRow, kLegendRowStretch);
    m_plot->plotLayout()->setRowStretchFactor(legendRow + 1, stretch);

    // Zoom or drag one chart: all follow. setRange does nothing for an unchanged range, so the
    // charts cannot loop.
    connect(x, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this, x](const QCPRange& r) {
        for (QCPAxisRect* other : shownCharts())
            if (other->axis(QCPAxis::atBottom) != x)
                other->axis(QCPAxis::atBottom)->setRange(r);
    });
    return {legend, rect};
}

bool TimelinePage::showOptionalChart(OptionalChart& chart, bool shown, QCPAxisRect* below, double stretch)
{
    QCPLayoutGrid* layout = m_plot->plotLayout();
    const auto rowOf = [layout](QCPLayoutElement* element) {
        for (int row = 0; row < layout->rowCount(); ++row)
            if (layout->element(row, 0) == element)
                return row;
        return -1;
    };
    if (shown && chart.rect) { // its height follows the run shown (a variant's instances)
        layout->setRowStretchFactor(rowOf(chart.rect), stretch);
        return false;
    }
    if (shown) {
        // Two rows above the legend's row of the chart below: its legend's, and its own.
        const int row = rowOf(below) - 1;
        layout->insertRow(row);
        layout->insertRow(row);
        layout->addElement(row, 0, new QCPLayoutGrid);
        std::tie(chart.legend, chart.rect) = addChart(row, stretch);
        chart.rect->axis(QCPAxis::atBottom)->setRange(m_rects[Busy]->axis(QCPAxis::atBottom)->range());
        return true;
    }
    if (!chart.rect)
        return false;
    // Its graphs and items are gone already (rebuild clears them first); the layout deletes
    // the legend's row and the chart, and simplify() drops their empty rows.
    layout->remove(layout->element(rowOf(chart.rect) - 1, 0));
    layout->remove(chart.rect);
    layout->simplify();
    chart = {};
    return false;
}

void TimelinePage::fitLegends(int plotWidth)
{
    // As many keys in a row as the plot's width holds (at most six): a row wider than the plot
    // would be cut off at the right, as a long alert key or the database chart's five keys
    // would be in a narrow window.
    constexpr int kMostKeysInARow = 6;
    for (QCPLegend* legend : legends()) {
        const int count = legend->itemCount();
        if (count == 0)
            continue; // keys added later fill the rows as wrap() says
        int wrap = std::min(count, kMostKeysInARow);
        for (; wrap > 1 && plotWidth > 0; --wrap) {
            int width =
                legend->margins().left() + legend->margins().right() + (wrap - 1) * legend->columnSpacing();
            for (int column = 0; column < wrap;
                 ++column) { // filled row by row: column c has c, c + wrap, ...
                int widest = 0;
                // itemCount() counts the grid's cells: once the keys wrap, the last row's
                // may be empty (no item).
                for (int i = column; i < count; i += wrap)
                    if (QCPAbstractLegendItem* item = legend->item(i))
                        widest = std::max(widest, item->minimumOuterSizeHint().width());
                width += widest;
            }
            if (width <= plotWidth - 10) // the layout's own margins
                break;
        }
        if (legend->wrap() != wrap) {
            legend->setWrap(wrap);
            legend->setFillOrder(legend->fillOrder(), true); // moves the keys there already
        }
    }
}

std::vector<QCPAxisRect*> TimelinePage::shownCharts() const
{
    std::vector<QCPAxisRect*> charts{m_rects[Busy]};
    if (m_db.rect)
        charts.push_back(m_db.rect);
    charts.push_back(m_rects[Waiting]);
    if (m_instances.rect)
        charts.push_back(m_instances.rect);
    charts.push_back(m_rects[Failed]);
    return charts;
}

std::vector<QCPLegend*> TimelinePage::legends() const
{
    std::vector<QCPLegend*> out(m_legends.begin(), m_legends.end());
    for (const OptionalChart* chart : {&m_db, &m_instances})
        if (chart->legend)
            out.push_back(chart->legend);
    return out;
}

QString TimelinePage::valuesAt(double timeS) const
{
    const models::VariantRun* run = shownRun();
    if (!run)
        return {};
    const models::RunResult& r = *run->result;
    const std::size_t bins = band(r, Series::BusyMean, 0).size();
    if (bins == 0 || r.resolutionS <= 0 || timeS < 0 || timeS > r.horizonS)
        return {};
    const auto i = std::min(bins - 1, static_cast<std::size_t>(timeS / r.resolutionS));
    auto at = [&](Series s, int which) {
        const std::vector<double>& v = band(r, s, which);
        return i < v.size() ? v[i] : std::nan("");
    };
    const double start = static_cast<double>(i) * r.resolutionS;
    QStringList lines;
    lines << tr("%1 (bin %2 to %3)")
                 .arg(formatClock(timeS), formatClock(start),
                      formatClock(std::min(start + r.resolutionS, r.horizonS)));
    lines << tr("connections in use: %1 on average (replications %2 to %3), peak %4")
                 .arg(formatValue(at(Series::BusyMean, 0), ValueUnit::Level),
                      formatValue(at(Series::BusyMean, -1), ValueUnit::Level),
                      formatValue(at(Series::BusyMean, 1), ValueUnit::Level),
                      formatValue(at(Series::BusyMax, 0), ValueUnit::Level));
    lines << tr("pool size: %1").arg(poolSizeText(*run));
    lines << tr("waiting requests: %1 on average (up to %2), peak %3")
                 .arg(formatValue(at(Series::WaitersMean, 0), ValueUnit::Level),
                      formatValue(at(Series::WaitersMean, 1), ValueUnit::Level),
                      formatValue(at(Series::WaitersMax, 0), ValueUnit::Level));
    lines << databaseValuesAt(*run, i);
    lines << instancesValuesAt(*run, i);
    lines << tr("timeouts: %1, other failures: %2")
                 .arg(formatValue(at(Series::Timeouts, 0), ValueUnit::Count),
                      formatValue(at(Series::Failures, 0), ValueUnit::Count));
    return lines.join(QLatin1Char('\n'));
}

QString TimelinePage::instanceTipAt(double timeS, int instance) const
{
    const models::VariantRun* run = shownRun();
    return run ? ui::instanceTipAt(*run, instance, timeS) : QString();
}

QString TimelinePage::showCrosshairAt(double timeS)
{
    const QString text = valuesAt(timeS);
    for (QCPItemStraightLine* line : m_crosshair) {
        line->point1->setCoords(timeS, 0);
        line->point2->setCoords(timeS, 1);
        line->setVisible(!text.isEmpty());
    }
    m_crosshairLayer->replot();
    return text;
}

void TimelinePage::onMouseMove(QMouseEvent* event)
{
    if (m_crosshair.empty())
        return;
    const QPointF pos = event->position();
    const QRect area = m_rects[Busy]->rect();
    if (pos.x() < area.left() || pos.x() > area.right()) {
        hideCrosshair();
        return;
    }
    const double t = m_rects[Busy]->axis(QCPAxis::atBottom)->pixelToCoord(pos.x());
    QString text = showCrosshairAt(t);
    // Over an instance's lane: that instance's bin and failures, rather than every chart's values.
    if (m_instances.rect && !text.isEmpty() && m_instances.rect->rect().contains(pos.toPoint())) {
        const double y = m_instances.rect->axis(QCPAxis::atLeft)->pixelToCoord(pos.y());
        const QString lane = instanceTipAt(t, instanceAtY(instanceLanes(*shownRun()), y));
        if (!lane.isEmpty())
            text = lane;
    }
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
}

void TimelinePage::hideCrosshair()
{
    for (QCPItemStraightLine* line : m_crosshair)
        line->setVisible(false);
    if (!m_crosshair.empty())
        m_crosshairLayer->replot();
    QToolTip::hideText();
}

} // namespace poolsim::ui
