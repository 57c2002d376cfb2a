#pragma once
// The scenario's service levels (slo:) as an editable table: key (a combo of models::sloKeys()),
// workload (all requests or one workload), limit as written ("1s", "0.1%", "0"), and the unit
// the key takes. Saved files list the limits on all requests first, then each workload's.
#include "ui/editor/scenario_table_model.h"

namespace poolsim::ui {

class SloModel : public ScenarioTableModel
{
    Q_OBJECT
public:
    enum Column { Key, Workload, Limit, Unit, ColumnCount };

    explicit SloModel(ScenarioDocument* document, QObject* parent = nullptr);

    /// The workload column's text for a limit on all requests.
    static QString allRequests();

    /// Adds a limit on all requests with the first key not limited yet.
    bool addLimit();
    bool removeLimit(int row);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    int itemCount() const override { return static_cast<int>(m_limits.size()); }
    int itemCount(const models::Scenario& s) const override { return static_cast<int>(s.slo.size()); }
    bool shows(const models::Scenario& s) const override;
    void reload(const models::Scenario& s) override;

private:
    std::vector<models::SloLimit> m_limits;
    QStringList m_workloads;
};

/// The Unit column's text for a unit (a models::SloUnit): "duration", "fraction" or "count".
QString unitText(int unit);
/// How a value of that unit is written, for tooltips.
QString unitExamples(int unit);
/// The limit's value read from its text in the key's unit (seconds, a fraction, a count);
/// nullopt when the text does not read (the loader then says why).
std::optional<double> parseLevel(const std::string& text, int unit);

} // namespace poolsim::ui
