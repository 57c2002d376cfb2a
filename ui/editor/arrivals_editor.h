#pragma once
// The arrivals of the selected workload: the kind (poisson, profile, burst, users, batch,
// trace) and its parameters. Changing the kind replaces the pattern with a small valid one of
// the new kind (a trace waits for its file's path).
#include "ui/editor/workload_part.h"

class QComboBox;

namespace poolsim::ui {

class ArrivalsEditor : public WorkloadPart
{
    Q_OBJECT
public:
    explicit ArrivalsEditor(ScenarioDocument* document, QWidget* parent = nullptr);
    void setWorkloadIndex(int index) override;

    QComboBox* kindCombo() const { return m_kind; }

protected:
    void updateView() override;

private:
    QString currentKind(const models::Scenario& scenario) const;
    QWidget* poissonPage();
    QWidget* profilePage();
    QWidget* burstPage();
    QWidget* usersPage();
    QWidget* batchPage();
    QWidget* tracePage();

    QComboBox* m_kind;
    /// One page per kind, in arrivalKinds() order; only the current one is shown (a hidden
    /// page takes no room, so a short kind leaves no gap).
    QList<QWidget*> m_pages;
    /// "trace" chosen but no file given yet.
    bool m_pendingTrace = false;
};

} // namespace poolsim::ui
