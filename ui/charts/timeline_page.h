#pragma once
// The Timeline page: what the pool did over simulated time, as three stacked charts sharing
// one time axis: (a) connections in use (mean across replications, their min-max band) against
// the pool size, with alert periods shaded; (b) requests waiting for a connection; (c) timeouts
// and other failures per bin. With a database server (database.capacity) a chart under (a)
// shows the queries running on it against its cores and their slowdown (timeline_database.h);
// when instances can fail, a chart above (c) shows a lane per instance, down or up, and where
// it failed (timeline_instances.h).
// Bursts and batches of the scenario are marked on every chart.
// Zooming or dragging one chart moves all; a crosshair follows the mouse with the values at
// the cursor. A combo chooses the run shown (the scenario as written, or a variant).
#include "ui/charts/chart_page.h"
#include "ui/charts/chart_style.h"

#ifndef Q_MOC_RUN
#include "models/planning/comparison.h"
#endif

#include <array>
#include <utility>
#include <vector>

class QCPAxisRect;
class QCPItemStraightLine;
class QCPLayer;
class QCPLegend;
class QCPMarginGroup;
class QComboBox;
class QLabel;
class QMouseEvent;

namespace poolsim::ui {

class TimelinePage : public ChartPage
{
    Q_OBJECT
public:
    explicit TimelinePage(QWidget* parent = nullptr);

    QString title() const override;
    void setScenario(const models::Scenario& scenario) override;
    void setOutcome(const OutcomePtr& outcome) override;
    bool hasData() const override;
    QList<NamedPlot> plots() const override;

    /// The chooser of the run shown (base first, then the variants).
    QComboBox* runChooser() const { return m_runChooser; }
    /// The three charts, top to bottom: connections, waiting requests, failures.
    std::array<QCPAxisRect*, 3> charts() const { return m_rects; }
    /// The database server's chart (between connections and waiting requests); null when the
    /// run shown has no server.
    QCPAxisRect* databaseChart() const { return m_db.rect; }
    /// The Instances chart (between waiting requests and failures); null when the run shown's
    /// instances cannot fail.
    QCPAxisRect* instancesChart() const { return m_instances.rect; }
    /// The Instances chart's tooltip over the lane of `instance` (0-based) at `timeS`.
    QString instanceTipAt(double timeS, int instance) const;
    /// What the crosshair's tooltip says at simulated time `timeS` (empty without data).
    QString valuesAt(double timeS) const;
    /// Moves the crosshair to `timeS` (as the mouse does) and returns its text.
    QString showCrosshairAt(double timeS);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuild();
    /// A legend's row at `legendRow` (an empty QCPLayoutGrid there) and a chart in the row
    /// below it, its time axis following the others.
    std::pair<QCPLegend*, QCPAxisRect*> addChart(int legendRow, double stretch);
    /// A chart only some runs have, and its legend (both null when it is not shown).
    struct OptionalChart
    {
        QCPAxisRect* rect = nullptr;
        QCPLegend* legend = nullptr;
    };
    /// Adds `chart` (with `stretch`) in the rows above the legend of the chart `below`, or
    /// removes it (after the plottables and items were cleared). True when it was added.
    bool showOptionalChart(OptionalChart& chart, bool shown, QCPAxisRect* below, double stretch);
    /// The charts shown, top to bottom, and their legends.
    std::vector<QCPAxisRect*> shownCharts() const;
    std::vector<QCPLegend*> legends() const;
    /// Wraps each legend's keys into as many rows as a plot `plotWidth` pixels wide needs (up to
    /// six keys a row; six when the width is not known, 0).
    void fitLegends(int plotWidth);
    void drawRun(const models::VariantRun& run);
    void resetRanges();
    void onMouseMove(QMouseEvent* event);
    void hideCrosshair();
    const models::VariantRun* shownRun() const;

    QComboBox* m_runChooser = nullptr;
    QLabel* m_note = nullptr;
    QCustomPlot* m_plot = nullptr;
    std::array<QCPAxisRect*, 3> m_rects{};
    std::array<QCPLegend*, 3> m_legends{};
    QCPMarginGroup* m_margins = nullptr;
    OptionalChart m_db;
    OptionalChart m_instances;
    QCPLayer* m_crosshairLayer = nullptr;
    std::vector<QCPItemStraightLine*> m_crosshair;

    ChartStyle m_style;
    OutcomePtr m_outcome;
    std::vector<models::VariantRun> m_runs;
};

} // namespace poolsim::ui
