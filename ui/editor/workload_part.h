#pragma once
// A part of the workload panel (arrivals, request shape): edits the workload at one index of
// the scenario, through --set paths below "workloads[i]" or a changed copy of the workload.
#include <QList>
#include <QWidget>

#ifndef Q_MOC_RUN
#include "models/scenario/scenario.h"
#endif

#include <functional>
#include <string>

namespace poolsim::ui {

class DistributionEditor;
class FieldBinding;
class ScenarioDocument;

class WorkloadPart : public QWidget
{
    Q_OBJECT
public:
    WorkloadPart(ScenarioDocument* document, QWidget* parent = nullptr);

    int workloadIndex() const { return m_index; }
    /// Edits the workload at `index` from now on (its fields show it, rejected text dropped).
    virtual void setWorkloadIndex(int index);

protected:
    /// The edited workload, or null when the index is out of range.
    const models::Workload* workload(const models::Scenario& scenario) const;
    /// "workloads[3]" followed by `rest` (".arrivals.poisson").
    std::string path(const std::string& rest) const;
    /// Applies `change` to a copy of the workload and hands the scenario to the document
    /// (throws ScenarioError as the document does).
    void editWorkload(const std::function<void(models::Workload&)>& change);
    /// Called after the index changed or the document changed: show or hide what depends on
    /// the workload's kinds.
    virtual void updateView() {}

    void track(FieldBinding* binding) { m_bindings << binding; }
    void track(DistributionEditor* editor) { m_distributions << editor; }

    ScenarioDocument* m_document;
    int m_index = -1;

private:
    QList<FieldBinding*> m_bindings;
    QList<DistributionEditor*> m_distributions;
};

} // namespace poolsim::ui
