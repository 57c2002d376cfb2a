#include "ui/editor/editor_widgets.h"

#include "ui/editor/choice_delegate.h"

#include <QBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>

namespace poolsim::ui {

QTableView* makeTable(const QString& objectName, QAbstractItemModel* model, const TableStyle& style)
{
    auto* table = new QTableView;
    table->setObjectName(objectName);
    table->setModel(model);
    if (style.choices)
        table->setItemDelegate(new ChoiceDelegate(table));
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    if (style.fitColumns)
        table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setStretchLastSection(style.stretchLastColumn);
    if (style.rowPadding < 0)
        table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    else
        table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + style.rowPadding);
    return table;
}

QPushButton* makeButton(QBoxLayout* row, const QString& objectName, const QString& text,
                        const QString& toolTip)
{
    auto* button = new QPushButton(text);
    button->setObjectName(objectName);
    if (!toolTip.isEmpty())
        button->setToolTip(toolTip);
    row->addWidget(button);
    return button;
}

QLabel* newErrorLabel(const QString& objectName)
{
    auto* label = new QLabel;
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setStyleSheet(QStringLiteral("color: #c62828;"));
    label->hide();
    return label;
}

} // namespace poolsim::ui
