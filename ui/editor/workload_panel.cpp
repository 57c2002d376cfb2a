#include "ui/editor/workload_panel.h"

#include "ui/core/scenario_document.h"
#include "ui/editor/arrivals_editor.h"
#include "ui/editor/caller_editor.h"
#include "ui/editor/editor_fields.h"
#include "ui/editor/field_binding.h"
#include "ui/editor/request_editor.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QVBoxLayout>

namespace poolsim::ui {

namespace {

/// Free text as typed (setValue would read it as YAML), replacing the workload's member.
FieldAccess workloadText(WorkloadPanel* panel, ScenarioDocument* document, std::string key,
                         std::string models::Workload::*member)
{
    FieldAccess access;
    access.path = [panel, key] { return "workloads[" + std::to_string(panel->workloadIndex()) + "]." + key; };
    access.read = [panel, member](const models::Scenario& s) {
        const int i = panel->workloadIndex();
        if (i < 0 || static_cast<std::size_t>(i) >= s.workloads.size())
            return QString();
        return QString::fromStdString(s.workloads[static_cast<std::size_t>(i)].*member);
    };
    access.commit = [panel, document, member](const QString& text) {
        models::Scenario s = document->scenario();
        const int i = panel->workloadIndex();
        if (i < 0 || static_cast<std::size_t>(i) >= s.workloads.size())
            return;
        s.workloads[static_cast<std::size_t>(i)].*member = text.toStdString();
        document->setScenario(s);
    };
    return access;
}

} // namespace

WorkloadPanel::WorkloadPanel(ScenarioDocument* document, QWidget* parent) : WorkloadPart(document, parent)
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);

    auto* identity = new QGroupBox(tr("Workload"));
    auto* form = new QFormLayout(identity);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    track(addLineField(document, form,
                       {QStringLiteral("workload.name"),
                        tr("Name"),
                        {},
                        tr("Unique, non-empty; names the workload in results and in --set.")},
                       workloadText(this, document, "name", &models::Workload::name)));
    track(addLineField(document, form,
                       {QStringLiteral("workload.description"), tr("Description"), {}, tr("Free text.")},
                       workloadText(this, document, "description", &models::Workload::description)));
    column->addWidget(identity);

    auto* arrivalsBox = new QGroupBox(tr("Arrivals"));
    auto* arrivalsColumn = new QVBoxLayout(arrivalsBox);
    m_arrivals = new ArrivalsEditor(document);
    arrivalsColumn->addWidget(m_arrivals);
    column->addWidget(arrivalsBox);

    auto* requestBox = new QGroupBox(tr("Requests"));
    auto* requestColumn = new QVBoxLayout(requestBox);
    m_request = new RequestEditor(document);
    requestColumn->addWidget(m_request);
    column->addWidget(requestBox);

    auto* callerBox = new QGroupBox(tr("Caller"));
    auto* callerColumn = new QVBoxLayout(callerBox);
    m_caller = new CallerEditor(document);
    callerColumn->addWidget(m_caller);
    column->addWidget(callerBox);
    column->addStretch(1);
    alignUnitColumn(this);
    updateView();
}

void WorkloadPanel::setWorkloadIndex(int index)
{
    WorkloadPart::setWorkloadIndex(index);
    m_arrivals->setWorkloadIndex(index);
    m_request->setWorkloadIndex(index);
    m_caller->setWorkloadIndex(index);
}

void WorkloadPanel::updateView()
{
    setEnabled(workload(m_document->scenario()) != nullptr);
}

} // namespace poolsim::ui
