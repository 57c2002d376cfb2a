#pragma once
// The editor's Variants tab: the named what-ifs as an editable table (double-click a cell),
// with add, remove and reorder; a rejected edit shows the loader's message below the table.
#include <QWidget>

class QLabel;
class QTableView;

namespace poolsim::ui {

class ScenarioDocument;
class VariantsModel;

class VariantsEditor : public QWidget
{
    Q_OBJECT
public:
    explicit VariantsEditor(ScenarioDocument* document, QWidget* parent = nullptr);
    VariantsModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    QLabel* errorLabel() const { return m_error; }

private:
    int currentRow() const;
    void select(int row);

    VariantsModel* m_model;
    QTableView* m_table;
    QLabel* m_error;
};

} // namespace poolsim::ui
