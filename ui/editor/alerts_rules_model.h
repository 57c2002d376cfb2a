#pragma once
// The scenario's alert rules as an editable table: name, signal (a combo of
// models::alertSignals()), above (in the signal's unit), window and for. While the scenario
// sets no rules (`alerts` unset) the table shows the four default rules, read only.
#include "ui/editor/scenario_table_model.h"

namespace poolsim::ui {

class AlertsRulesModel : public ScenarioTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Signal, Above, Unit, Window, For, ColumnCount };

    explicit AlertsRulesModel(ScenarioDocument* document, QObject* parent = nullptr);

    /// Whether the scenario leaves `alerts` unset (the default rules apply).
    bool usesDefaults() const { return m_defaults; }
    /// Unsets `alerts`, or makes the default rules an explicit, editable list.
    bool setUseDefaults(bool useDefaults);
    /// Appends a rule (making the list explicit first).
    bool addRule();
    bool removeRule(int row);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void usesDefaultsChanged(bool useDefaults);

protected:
    int itemCount() const override { return static_cast<int>(m_rules.size()); }
    int itemCount(const models::Scenario& s) const override;
    bool shows(const models::Scenario& s) const override;
    void reload(const models::Scenario& s) override;

private:
    std::vector<models::AlertRule> m_rules;
    bool m_defaults = true;
};

} // namespace poolsim::ui
