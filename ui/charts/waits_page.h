#pragma once
// The Waits page: how long requests waited for a connection, for all requests or one workload:
// a histogram (share of requests per wait bin, those that did not wait counted apart) and the
// cumulative distribution, both with p50, p95 and p99 marked and the service level's wait limit
// for that scope as a red line.
#include "ui/charts/chart_page.h"
#include "ui/charts/chart_style.h"

#ifndef Q_MOC_RUN
#include "models/planning/comparison.h"
#endif

#include <vector>

class QComboBox;
class QLabel;

namespace poolsim::ui {

class WaitsPage : public ChartPage
{
    Q_OBJECT
public:
    explicit WaitsPage(QWidget* parent = nullptr);

    QString title() const override;
    void setScenario(const models::Scenario& scenario) override;
    void setOutcome(const OutcomePtr& outcome) override;
    bool hasData() const override;
    QList<NamedPlot> plots() const override;

    QComboBox* runChooser() const { return m_runChooser; }
    /// "all requests", then each workload.
    QComboBox* scopeChooser() const { return m_scopeChooser; }
    QCustomPlot* histogramPlot() const { return m_histogram; }
    QCustomPlot* cdfPlot() const { return m_cdf; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    /// The wait quantiles of the chosen run and scope (empty when none).
    const std::vector<double>* chosenCdf() const;
    const models::VariantRun* shownRun() const;
    /// The scope's workload name; empty for all requests.
    std::string scopeWorkload() const;
    void drawQuantileMarks(QCustomPlot* plot, const std::vector<double>& cdf, double scale);

    QComboBox* m_runChooser = nullptr;
    QComboBox* m_scopeChooser = nullptr;
    QLabel* m_note = nullptr;
    QCustomPlot* m_histogram = nullptr;
    QCustomPlot* m_cdf = nullptr;

    ChartStyle m_style;
    OutcomePtr m_outcome;
    std::vector<models::VariantRun> m_runs;
};

} // namespace poolsim::ui
