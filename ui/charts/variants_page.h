#pragma once
// The Variants page: any series of the timeline overlaid for the runs chosen in a checkable
// list (the scenario as written and its variants), and below it the variants side by side with
// their differences from the baseline and the differences' confidence intervals.
#include "ui/charts/chart_page.h"
#include "ui/charts/chart_style.h"

#ifndef Q_MOC_RUN
#include "models/planning/comparison.h"
#endif

#include <set>
#include <vector>

class QComboBox;
class QLabel;
class QListWidget;
class QTableView;

namespace poolsim::ui {

class DifferencesModel;

class VariantsPage : public ChartPage
{
    Q_OBJECT
public:
    explicit VariantsPage(QWidget* parent = nullptr);

    QString title() const override;
    void setScenario(const models::Scenario& scenario) override;
    void setOutcome(const OutcomePtr& outcome) override;
    bool hasData() const override;
    QList<NamedPlot> plots() const override;

    /// The series overlaid (models::Series order).
    QComboBox* seriesChooser() const { return m_seriesChooser; }
    /// One checkable item per run, base first.
    QListWidget* runList() const { return m_runList; }
    QTableView* table() const { return m_table; }
    DifferencesModel* differences() const { return m_model; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();

    QComboBox* m_seriesChooser = nullptr;
    QListWidget* m_runList = nullptr;
    QLabel* m_note = nullptr;
    QCustomPlot* m_plot = nullptr;
    QTableView* m_table = nullptr;
    DifferencesModel* m_model = nullptr;

    ChartStyle m_style;
    OutcomePtr m_outcome;
    std::vector<models::VariantRun> m_runs;
    /// The runs the reader unchecked, by name: kept while live mode's first step shows the
    /// base alone, so the choice survives until the variants come back.
    std::set<QString> m_unchecked;
};

} // namespace poolsim::ui
