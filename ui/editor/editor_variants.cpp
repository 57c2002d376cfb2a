#include "ui/editor/editor_variants.h"

#include "ui/core/scenario_document.h"
#include "ui/editor/editor_widgets.h"
#include "ui/editor/variants_model.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace poolsim::ui {

VariantsEditor::VariantsEditor(ScenarioDocument* document, QWidget* parent)
    : QWidget(parent), m_model(new VariantsModel(document, this))
{
    auto* column = new QVBoxLayout(this);
    auto* intro = new QLabel(
        tr("Named what-ifs: the scenario with some values changed, exactly as --set would change them. Run "
           "compares them with common random numbers. Double-click a cell to edit it."));
    intro->setWordWrap(true);
    column->addWidget(intro);

    // Rows as tall as their wrapped text: the changes are what a reader looks for.
    m_table = makeTable(QStringLiteral("variants.table"), m_model, {.choices = true, .rowPadding = -1});
    m_table->setWordWrap(true);
    m_table->horizontalHeader()->setSectionResizeMode(VariantsModel::Name, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->resizeSection(VariantsModel::Description, 190);
    column->addWidget(m_table, 1);

    auto* buttons = new QHBoxLayout;
    const auto button = [&](const QString& name, const QString& text, const QString& tip) {
        return makeButton(buttons, name, text, tip);
    };
    connect(button(QStringLiteral("variants.add"), tr("Add"), tr("A new variant with no changes yet.")),
            &QPushButton::clicked, this, [this] {
                const int row = currentRow();
                if (m_model->addVariant(row))
                    select(std::min(row + 1, m_model->rowCount() - 1));
            });
    connect(button(QStringLiteral("variants.remove"), tr("Remove"), tr("Removes the selected variant.")),
            &QPushButton::clicked, this, [this] {
                const int row = currentRow();
                if (m_model->removeVariant(row))
                    select(std::min(row, m_model->rowCount() - 1));
            });
    connect(button(QStringLiteral("variants.up"), tr("Up"), tr("Moves the variant up.")),
            &QPushButton::clicked, this, [this] {
                const int row = currentRow();
                if (m_model->moveVariant(row, -1))
                    select(row - 1);
            });
    connect(button(QStringLiteral("variants.down"), tr("Down"), tr("Moves the variant down.")),
            &QPushButton::clicked, this, [this] {
                const int row = currentRow();
                if (m_model->moveVariant(row, 1))
                    select(row + 1);
            });
    buttons->addStretch(1);
    column->addLayout(buttons);

    m_error = newErrorLabel(QStringLiteral("variants.error"));
    column->addWidget(m_error);
    connect(m_model, &VariantsModel::editFailed, this, [this](const QString& message) {
        m_error->setText(message);
        m_error->show();
    });
    connect(document, &ScenarioDocument::changed, m_error, &QLabel::hide);
}

int VariantsEditor::currentRow() const
{
    return m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -1;
}

void VariantsEditor::select(int row)
{
    if (row >= 0 && row < m_model->rowCount())
        m_table->setCurrentIndex(m_model->index(row, 0));
}

} // namespace poolsim::ui
