#pragma once
// The selected workload's editor: its name and description, its arrivals and its request shape
// (with retry).
#include "ui/editor/workload_part.h"

namespace poolsim::ui {

class ArrivalsEditor;
class RequestEditor;

class WorkloadPanel : public WorkloadPart
{
    Q_OBJECT
public:
    explicit WorkloadPanel(ScenarioDocument* document, QWidget* parent = nullptr);
    void setWorkloadIndex(int index) override;

    ArrivalsEditor* arrivals() const { return m_arrivals; }
    RequestEditor* request() const { return m_request; }

protected:
    void updateView() override;

private:
    ArrivalsEditor* m_arrivals;
    RequestEditor* m_request;
};

} // namespace poolsim::ui
