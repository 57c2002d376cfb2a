#pragma once
// The selected workload's editor: its name and description, its arrivals, its request shape
// (with retry) and its caller (client timeout).
#include "ui/editor/workload_part.h"

namespace poolsim::ui {

class ArrivalsEditor;
class CallerEditor;
class RequestEditor;

class WorkloadPanel : public WorkloadPart
{
    Q_OBJECT
public:
    explicit WorkloadPanel(ScenarioDocument* document, QWidget* parent = nullptr);
    void setWorkloadIndex(int index) override;

    ArrivalsEditor* arrivals() const { return m_arrivals; }
    RequestEditor* request() const { return m_request; }
    CallerEditor* caller() const { return m_caller; }

protected:
    void updateView() override;

private:
    ArrivalsEditor* m_arrivals;
    RequestEditor* m_request;
    CallerEditor* m_caller;
};

} // namespace poolsim::ui
