#pragma once
// The Summary page, tables only: when instances can fail, the failure story (did one fail, when,
// did it spread) above everything; every metric with its 95% confidence interval (all requests or
// one workload), the service levels, the alert rules that fired, the analytic quick check
// (closed forms beside a short simulation, with its caveats) and the pool-size recommendation
// with the database's connection budget.
#include "ui/charts/chart_page.h"

#ifndef Q_MOC_RUN
#include "models/planning/comparison.h"
#endif

#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace poolsim::ui {

class AlertsModel;
class AnalyticFiguresModel;
class MetricsTableModel;
class RecommendationModel;
class SloChecksModel;

class SummaryPage : public ChartPage
{
    Q_OBJECT
public:
    explicit SummaryPage(QWidget* parent = nullptr);

    QString title() const override;
    void setScenario(const models::Scenario& scenario) override;
    /// Run outcomes fill the metrics, service levels, alerts and the analytic check; Recommend
    /// outcomes the recommendation.
    void setOutcome(const OutcomePtr& outcome) override;
    bool hasData() const override;
    QList<NamedPlot> plots() const override;

    QComboBox* runChooser() const { return m_runChooser; }
    QComboBox* scopeChooser() const { return m_scopeChooser; }
    QPushButton* recommendButton() const { return m_recommend; }
    MetricsTableModel* metricsModel() const { return m_metrics; }
    SloChecksModel* sloModel() const { return m_slo; }
    AlertsModel* alertsModel() const { return m_alerts; }
    AnalyticFiguresModel* analyticModel() const { return m_analytic; }
    RecommendationModel* recommendationModel() const { return m_recommendation; }
    /// The analytic check's verdict line, and the recommendation's budget line.
    QString analyticVerdict() const;
    QString budgetText() const;
    /// Each run's pools in all against the database's budget (max_connections - reserved).
    QString runBudgetText() const;
    /// The run shown's failure story (models::failureStory); empty when its instances cannot fail.
    QString failureStoryText() const;

private:
    void showRun();
    void showAnalytic();
    void showRecommendation();
    void showRunBudget();
    const models::VariantRun* shownRun() const;

    QComboBox* m_runChooser = nullptr;
    QComboBox* m_scopeChooser = nullptr;
    QLabel* m_note = nullptr;
    QLabel* m_failureStory = nullptr;
    QLabel* m_sloVerdict = nullptr;
    QLabel* m_alertsNote = nullptr;
    QLabel* m_analyticVerdict = nullptr;
    QLabel* m_analyticInputs = nullptr;
    QLabel* m_caveats = nullptr;
    QLabel* m_budget = nullptr;
    QLabel* m_runBudget = nullptr;
    QLabel* m_deadlocks = nullptr;
    QPushButton* m_recommend = nullptr;
    std::vector<QTableView*> m_tables;

    MetricsTableModel* m_metrics = nullptr;
    SloChecksModel* m_slo = nullptr;
    AlertsModel* m_alerts = nullptr;
    AnalyticFiguresModel* m_analytic = nullptr;
    RecommendationModel* m_recommendation = nullptr;

    OutcomePtr m_run;
    OutcomePtr m_recommended;
    std::vector<models::VariantRun> m_runs;
    bool m_scenarioHasSlo = false;
};

} // namespace poolsim::ui
