#pragma once
// Editor of one duration distribution of the scenario (a hold, a think time, a connect time, a
// backoff, a step's duration): its form (exponential, lognormal by mean and p95, ...), its
// parameters, its mean and p95, and optionally a small plot of its density. A parameter is set
// through its --set path (workloads[0].hold.lognormal.p95); a change of form replaces the
// whole distribution, converted to keep about the same mean.
#include <QWidget>

#ifndef Q_MOC_RUN
#include "models/scenario/scenario.h"
#endif

#include <functional>
#include <optional>
#include <string>

class QComboBox;
class QLabel;

namespace poolsim::ui {

class DistributionPlot;
class FieldBinding;
class ScenarioDocument;

/// Where a distribution lives in the scenario.
struct DistributionSlot
{
    /// Its --set path ("workloads[0].hold", "pool.connect_time").
    std::function<std::string()> path;
    /// The distribution, or null when it is unset (or the place does not exist).
    std::function<const models::DistributionSpec*(const models::Scenario&)> get;
    /// Writes it into a copy of the scenario (nullopt: unset it).
    std::function<void(models::Scenario&, const std::optional<models::DistributionSpec>&)> set;
    /// Non-empty for an optional distribution: the combo's entry for "unset" ("0 (default)").
    QString defaultLabel;
    /// The simulation stretches it by hold_scale (holds and query steps): the summary says so.
    bool scaledByHoldScale = false;
};

class DistributionEditor : public QWidget
{
    Q_OBJECT
public:
    /// `name` prefixes the object names of its widgets ("workload.hold" -> "workload.hold.form",
    /// "workload.hold.param1"); `plotTitle` non-empty adds the density plot with that axis title.
    DistributionEditor(ScenarioDocument* document, DistributionSlot slot, const QString& name,
                       const QString& plotTitle = {}, QWidget* parent = nullptr);

    /// Shows the document's distribution; `force` drops rejected text and pending choices (the
    /// editor was moved to another workload or step).
    void refresh(bool force = false);

    QComboBox* formCombo() const { return m_form; }
    FieldBinding* parameter(int i) const { return i == 0 ? m_param1 : m_param2; }
    QLabel* summary() const { return m_summary; }
    DistributionPlot* plot() const { return m_plot; }

private:
    QString currentForm(const models::Scenario& scenario) const;
    void updateView();

    ScenarioDocument* m_document;
    DistributionSlot m_slot;
    QString m_plotTitle;
    QComboBox* m_form;
    FieldBinding* m_formBinding;
    FieldBinding* m_param1;
    FieldBinding* m_param2;
    QLabel* m_label1;
    QLabel* m_label2;
    QLabel* m_unit1;
    QLabel* m_unit2;
    QWidget* m_row1;
    QWidget* m_row2;
    QLabel* m_summary;
    DistributionPlot* m_plot = nullptr;
    /// "empirical-file" chosen but no file given yet (a file cannot be made up).
    bool m_pendingFile = false;
};

} // namespace poolsim::ui
