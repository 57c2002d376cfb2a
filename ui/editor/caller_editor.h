#pragma once
// The selected workload's caller: how long it waits for one try before it gives up
// (client_timeout, or none) and whether giving up also stops the try's work at the backend
// (cancel_on_timeout, only with a client timeout).
#include "ui/editor/workload_part.h"

class QCheckBox;

namespace poolsim::ui {

class CallerEditor : public WorkloadPart
{
    Q_OBJECT
public:
    explicit CallerEditor(ScenarioDocument* document, QWidget* parent = nullptr);

    QCheckBox* cancelBox() const { return m_cancel; }

protected:
    void updateView() override;

private:
    QCheckBox* m_cancel = nullptr;
};

} // namespace poolsim::ui
