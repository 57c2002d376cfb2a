#pragma once
// The Sweep page: a metric against the swept parameter with its 95% confidence bars (one curve
// per value of the first parameter in a grid), the service level's threshold for that metric,
// the recommended pool size when a recommendation has been made and the rules of thumb
// (users x 1.5 + 10, HikariCP) when the pool size is what was swept; and the form that asks for
// a sweep or a recommendation. Without a sweep, a recommendation's probes are drawn instead.
#include "ui/charts/chart_page.h"
#include "ui/charts/chart_style.h"

#ifndef Q_MOC_RUN
#include "models/planning/recommend.h"
#include "models/planning/sweep.h"
#endif

#include <memory>
#include <optional>

class QComboBox;
class QLabel;

namespace poolsim::ui {

class SweepForm;

class SweepPage : public ChartPage
{
    Q_OBJECT
    /// Whether the sweep last asked for should stop at the service levels (JobRequest::untilSlo);
    /// read it when sweepRequested arrives.
    Q_PROPERTY(bool untilSlo READ untilSlo)
public:
    explicit SweepPage(QWidget* parent = nullptr);

    QString title() const override;
    void setScenario(const models::Scenario& scenario) override;
    /// Sweep outcomes replace the sweep shown; Recommend outcomes add the recommendation.
    void setOutcome(const OutcomePtr& outcome) override;
    bool hasData() const override;
    QList<NamedPlot> plots() const override;

    bool untilSlo() const;
    QComboBox* metricChooser() const { return m_metricChooser; }
    SweepForm* form() const { return m_form; }
    QCustomPlot* plot() const { return m_plot; }

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Curve;
    /// What the curves and marks span, for the axes' ranges.
    struct Extent;
    /// What the x axis shows.
    struct XAxis;
    void rebuild();
    /// The largest mean of `metric` over the sweep's points (or the probes): picks the unit.
    double largestMean(models::Metric metric, bool fromSweep) const;
    std::vector<Curve> sweepCurves(double scale) const;
    std::vector<Curve> probeCurves(double scale) const;
    /// The x axis's label and, for values that are not numbers, its category ticks.
    XAxis setUpXAxis(bool fromSweep);
    /// Each curve as a graph with its 95% confidence bars.
    void drawCurves(const std::vector<Curve>& curves, Extent& extent);
    /// The service level's limit on `metric` (all requests), as a line.
    void drawSloLimits(models::Metric metric, double scale, Extent& extent);
    /// The recommended size and the rules of thumb, when the pool size is what was swept.
    void drawMarks(bool poolSizeSwept, Extent& extent);
    /// The sizes from the smallest to the largest that meet, when the search found a range.
    void drawMeetingRange(const models::SizeSearch& search, Extent& extent);
    /// The axes' ranges (whole-number ticks for whole-number values) and the legend.
    void fitAxes(const std::vector<Curve>& curves, bool numeric, const Extent& extent);
    /// What the line above the chart says about the sweep.
    QString noteText(bool fromSweep) const;
    /// The scenario the marks come from: the sweep's or recommendation's, else the edited one.
    const models::Scenario* markScenario() const;
    /// The parts every result shown had (the metrics the chooser offers): the sweep's points,
    /// else the recommendation's probes, else the edited scenario's.
    models::ModelParts shownParts() const;

    QComboBox* m_metricChooser = nullptr;
    QLabel* m_note = nullptr;
    QCustomPlot* m_plot = nullptr;
    SweepForm* m_form = nullptr;

    ChartStyle m_style;
    models::Scenario m_scenario;
    bool m_hasScenario = false;
    OutcomePtr m_sweep;
    OutcomePtr m_recommendation;
    bool m_lastUntilSlo = false;
};

} // namespace poolsim::ui
