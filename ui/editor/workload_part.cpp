#include "ui/editor/workload_part.h"

#include "ui/core/scenario_document.h"
#include "ui/editor/distribution_editor.h"
#include "ui/editor/field_binding.h"

namespace poolsim::ui {

WorkloadPart::WorkloadPart(ScenarioDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document)
{
    connect(document, &ScenarioDocument::changed, this, [this] { updateView(); });
}

void WorkloadPart::setWorkloadIndex(int index)
{
    m_index = index;
    for (FieldBinding* binding : std::as_const(m_bindings))
        binding->refresh(true);
    for (DistributionEditor* editor : std::as_const(m_distributions))
        editor->refresh(true);
    updateView();
}

const models::Workload* WorkloadPart::workload(const models::Scenario& scenario) const
{
    if (m_index < 0 || static_cast<std::size_t>(m_index) >= scenario.workloads.size())
        return nullptr;
    return &scenario.workloads[static_cast<std::size_t>(m_index)];
}

std::string WorkloadPart::path(const std::string& rest) const
{
    return "workloads[" + std::to_string(m_index) + "]" + rest;
}

void WorkloadPart::editWorkload(const std::function<void(models::Workload&)>& change)
{
    models::Scenario scenario = m_document->scenario();
    if (m_index < 0 || static_cast<std::size_t>(m_index) >= scenario.workloads.size())
        return;
    change(scenario.workloads[static_cast<std::size_t>(m_index)]);
    m_document->setScenario(scenario);
}

} // namespace poolsim::ui
