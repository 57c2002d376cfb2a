#pragma once
// The scenario's variants (named what-ifs) as an editable table: name, description, and the
// changes as "path=value, path=value" (each a --set path and a value as written there).
#include "ui/editor/scenario_table_model.h"

namespace poolsim::ui {

class VariantsModel : public ScenarioTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Description, Set, ColumnCount };

    explicit VariantsModel(ScenarioDocument* document, QObject* parent = nullptr);

    /// "pool.size=50, pool.timeout=20s" and back. Throws std::invalid_argument for an entry
    /// without '='.
    static QString setText(const std::vector<models::SettingChange>& set);
    static std::vector<models::SettingChange> parseSetText(const QString& text);

    /// List edits through the document; false (and editFailed) when rejected.
    bool addVariant(int after);
    bool removeVariant(int row);
    /// Moves the variant at `row` to `row + by`, the others keeping their order.
    bool moveVariant(int row, int by);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    int itemCount() const override { return static_cast<int>(m_variants.size()); }
    int itemCount(const models::Scenario& s) const override { return static_cast<int>(s.variants.size()); }
    bool shows(const models::Scenario& s) const override { return s.variants == m_variants; }
    void reload(const models::Scenario& s) override { m_variants = s.variants; }

private:
    std::vector<models::Variant> m_variants;
};

} // namespace poolsim::ui
