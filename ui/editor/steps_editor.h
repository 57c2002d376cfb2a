#pragma once
// The steps of the selected workload's request: a table of the steps with add, remove and
// reorder, the selected step's kind, duration and connections, and `transaction`.
#include "ui/editor/workload_part.h"

class QLabel;
class QTableView;

namespace poolsim::ui {

class StepsModel;

class StepsEditor : public WorkloadPart
{
    Q_OBJECT
public:
    explicit StepsEditor(ScenarioDocument* document, QWidget* parent = nullptr);
    void setWorkloadIndex(int index) override;

    StepsModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    int currentStep() const { return m_step; }
    void selectStep(int step);

protected:
    void updateView() override;

private:
    const models::Step* step(const models::Scenario& scenario) const;
    /// Adds, removes or moves steps through a changed copy; shows the loader's error if any.
    void editSteps(const std::function<int(std::vector<models::Step>&)>& change);

    StepsModel* m_model;
    QTableView* m_table;
    QLabel* m_error;
    QWidget* m_stepBox;
    QWidget* m_connectionsRow;
    int m_step = 0;
};

} // namespace poolsim::ui
