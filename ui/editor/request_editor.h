#pragma once
// The request shape of the selected workload: a hold (distribution, with a plot of its density
// and its mean and p95) with connections and acquire, or steps; and its retry, after a pool
// timeout or the other outcomes retry.on lists. A trace gives its own holds, so only the retry
// applies then.
#include "ui/editor/workload_part.h"

class QComboBox;
class QLabel;

namespace poolsim::ui {

class DistributionEditor;
class StepsEditor;

class RequestEditor : public WorkloadPart
{
    Q_OBJECT
public:
    explicit RequestEditor(ScenarioDocument* document, QWidget* parent = nullptr);
    void setWorkloadIndex(int index) override;

    DistributionEditor* holdEditor() const { return m_hold; }
    /// The workload's own round trip; shown only when the scenario has a database server.
    DistributionEditor* roundTripEditor() const { return m_roundTrip; }
    StepsEditor* stepsEditor() const { return m_steps; }

protected:
    void updateView() override;

private:
    QWidget* holdPage();
    QWidget* retryBox();
    QLabel* retryOnLabel();
    QWidget* retryOnList();

    QComboBox* m_shape;
    QWidget* m_holdPage = nullptr;
    QLabel* m_traceNote;
    DistributionEditor* m_hold = nullptr;
    DistributionEditor* m_roundTrip = nullptr;
    QLabel* m_roundTripLabel = nullptr;
    StepsEditor* m_steps = nullptr;
    QWidget* m_retryFields = nullptr;
};

} // namespace poolsim::ui
