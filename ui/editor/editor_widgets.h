#pragma once
// Makers of the editor's tables (variants, service levels, alerts, workloads, steps), the
// buttons under them and the red message label a rejected edit shows, so that every table of
// the editor looks and behaves the same.
#include <QString>

class QAbstractItemModel;
class QBoxLayout;
class QLabel;
class QPushButton;
class QTableView;

namespace poolsim::ui {

/// What differs between the editor's tables. All of them select one whole row at a time.
struct TableStyle
{
    /// Cells whose model offers choices (ScenarioTableModel::ChoicesRole) edit in a combo.
    bool choices = false;
    /// Every column as wide as its contents.
    bool fitColumns = false;
    /// The last column takes the width that is left.
    bool stretchLastColumn = true;
    /// Rows are the font's height plus this many pixels; negative: each row as tall as its
    /// (wrapped) text.
    int rowPadding = 8;
};

/// A table named `objectName` showing `model`.
QTableView* makeTable(const QString& objectName, QAbstractItemModel* model, const TableStyle& style = {});

/// A push button named `objectName`, added to `row`.
QPushButton* makeButton(QBoxLayout* row, const QString& objectName, const QString& text,
                        const QString& toolTip = QString());

/// The red message label under an editor table, shown on editFailed and hidden on success.
QLabel* newErrorLabel(const QString& objectName);

} // namespace poolsim::ui
