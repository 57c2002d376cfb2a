#pragma once
// Edits a table cell with a combo of the values its model offers (ScenarioTableModel::
// ChoicesRole), and any other cell with the usual line edit.
#include <QStyledItemDelegate>

namespace poolsim::ui {

class ChoiceDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;
};

} // namespace poolsim::ui
