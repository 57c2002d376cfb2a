#pragma once
// The Settings tab's failure loop (backend.health_check, restart, max_pending, on_overload): a
// liveness probe switched on or off, with its period, timeout, failures in a row and query;
// how long a failed instance stays down; and what an instance does when too many requests wait
// at it. Object names are the fields' --set paths ("backend.health_check.every").
#include <QGroupBox>

class QCheckBox;
class QComboBox;

namespace poolsim::ui {

class ScenarioDocument;

class FailureLoopEditor : public QGroupBox
{
    Q_OBJECT
public:
    explicit FailureLoopEditor(ScenarioDocument* document, QWidget* parent = nullptr);

    QCheckBox* healthCheckBox() const { return m_healthCheck; }
    /// The probe's own fields (shown only while the health check is on).
    QWidget* healthCheckFields() const { return m_probeFields; }
    QComboBox* onOverloadCombo() const { return m_onOverload; }

private:
    void updateView();

    ScenarioDocument* m_document;
    QCheckBox* m_healthCheck = nullptr;
    QWidget* m_probeFields = nullptr;
    QComboBox* m_onOverload = nullptr;
};

} // namespace poolsim::ui
