#include "ui/editor/steps_editor.h"

#include "ui/core/scenario_document.h"
#include "ui/editor/distribution_editor.h"
#include "ui/editor/editor_fields.h"
#include "ui/editor/editor_widgets.h"
#include "ui/editor/steps_model.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace poolsim::ui {

namespace {
using models::Scenario;
}

StepsEditor::StepsEditor(ScenarioDocument* document, QWidget* parent)
    : WorkloadPart(document, parent), m_model(new StepsModel(this))
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);

    m_table = makeTable(QStringLiteral("workload.steps"), m_model, {.stretchLastColumn = false});
    m_table->horizontalHeader()->setSectionResizeMode(StepsModel::Duration, QHeaderView::Stretch);
    m_table->setMaximumHeight(m_table->verticalHeader()->defaultSectionSize() * 5 + 30);
    column->addWidget(m_table);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid() && current.row() != m_step)
                    selectStep(current.row());
            });

    auto* buttons = new QHBoxLayout;
    const auto button = [&](const QString& name, const QString& text, const QString& tip) {
        return makeButton(buttons, name, text, tip);
    };
    auto* addQuery = button(QStringLiteral("workload.steps.addQuery"), tr("Add query"),
                            tr("A query after the selected step, holding a connection for 10ms."));
    auto* addWork = button(QStringLiteral("workload.steps.addWork"), tr("Add work"),
                           tr("Application work after the selected step, holding no connection."));
    auto* remove = button(QStringLiteral("workload.steps.remove"), tr("Remove"),
                          tr("Removes the selected step (a request needs at least one)."));
    auto* up = button(QStringLiteral("workload.steps.up"), tr("Up"), tr("Moves the step earlier."));
    auto* down = button(QStringLiteral("workload.steps.down"), tr("Down"), tr("Moves the step later."));
    buttons->addStretch(1);
    column->addLayout(buttons);
    const auto insert = [this](bool isWork) {
        editSteps([this, isWork](std::vector<models::Step>& steps) {
            const std::size_t at = std::min(steps.size(), static_cast<std::size_t>(std::max(m_step + 1, 0)));
            // Built as a named value: GCC 12 takes the variant in a temporary for uninitialized.
            models::Step step;
            step.isWork = isWork;
            step.duration = models::ConstantDist{models::SimTime::fromSeconds(0.01)};
            steps.insert(steps.begin() + static_cast<std::ptrdiff_t>(at), step);
            return static_cast<int>(at);
        });
    };
    connect(addQuery, &QPushButton::clicked, this, [insert] { insert(false); });
    connect(addWork, &QPushButton::clicked, this, [insert] { insert(true); });
    connect(remove, &QPushButton::clicked, this, [this] {
        editSteps([this](std::vector<models::Step>& steps) {
            if (m_step < 0 || static_cast<std::size_t>(m_step) >= steps.size())
                return m_step;
            steps.erase(steps.begin() + m_step);
            return std::max(0, std::min(m_step, static_cast<int>(steps.size()) - 1));
        });
    });
    const auto move = [this](int by) {
        editSteps([this, by](std::vector<models::Step>& steps) {
            const int to = m_step + by;
            if (m_step < 0 || to < 0 || static_cast<std::size_t>(to) >= steps.size())
                return m_step;
            std::swap(steps[static_cast<std::size_t>(m_step)], steps[static_cast<std::size_t>(to)]);
            return to;
        });
    };
    connect(up, &QPushButton::clicked, this, [move] { move(-1); });
    connect(down, &QPushButton::clicked, this, [move] { move(1); });

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("workload.steps.error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    column->addWidget(m_error);

    auto* box = new QGroupBox(tr("Selected step"));
    m_stepBox = box;
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    FieldAccess kind;
    kind.path = [this] { return path(".steps[" + std::to_string(m_step) + "]"); };
    kind.read = [this](const Scenario& s) {
        const models::Step* st = step(s);
        return st ? (st->isWork ? QStringLiteral("work") : QStringLiteral("query")) : QString();
    };
    kind.commit = [this](const QString& text) {
        const bool isWork = text == QLatin1String("work");
        editWorkload([&](models::Workload& w) {
            models::Step& st = w.steps.at(static_cast<std::size_t>(m_step));
            st.isWork = isWork;
            st.connections = 1;
        });
    };
    track(addComboField(document, form,
                        {QStringLiteral("workload.step.kind"),
                         tr("Kind"),
                         {},
                         tr("query: holds connections connections for its duration, then gives them back; "
                            "work: application time that holds no connection.")},
                        {{QStringLiteral("query"), QStringLiteral("query")},
                         {QStringLiteral("work"), QStringLiteral("work")}},
                        kind));

    DistributionSlot duration;
    duration.path = [this] {
        const models::Step* st = step(m_document->scenario());
        return path(".steps[" + std::to_string(m_step) + "]." + (st && st->isWork ? "work" : "query"));
    };
    duration.get = [this](const Scenario& s) {
        const models::Step* st = step(s);
        return st ? &st->duration : nullptr;
    };
    duration.set = [this](Scenario& s, const std::optional<models::DistributionSpec>& d) {
        if (d)
            s.workloads.at(static_cast<std::size_t>(m_index))
                .steps.at(static_cast<std::size_t>(m_step))
                .duration = *d;
    };
    duration.scaledByHoldScale = true;
    auto* durationEditor =
        new DistributionEditor(document, duration, QStringLiteral("workload.step.duration"));
    track(durationEditor);
    auto* durationLabel = new QLabel(tr("Duration"));
    durationLabel->setToolTip(tr("How long the step takes (a distribution). hold_scale stretches queries, "
                                 "not work."));
    form->addRow(durationLabel, durationEditor);

    FieldAccess connections;
    connections.path = [this] { return path(".steps[" + std::to_string(m_step) + "].connections"); };
    connections.read = [this](const Scenario& s) {
        const models::Step* st = step(s);
        return st ? QString::number(st->connections) : QString();
    };
    FieldBinding* connectionsBinding =
        addSpinField(document, form,
                     {QStringLiteral("workload.step.connections"), tr("Connections"), tr("connections"),
                      tr("Connections the query holds for its duration (default 1, at most pool.size).")},
                     1, 100000, connections);
    track(connectionsBinding);
    m_connectionsRow = connectionsBinding->widget()->parentWidget();
    column->addWidget(box);

    auto* transaction = new QCheckBox(tr("Transaction: hold one connection across all the steps"));
    transaction->setObjectName(QStringLiteral("workload.transaction"));
    FieldAccess transactionAccess;
    transactionAccess.path = [this] { return path(".transaction"); };
    transactionAccess.read = [this](const Scenario& s) {
        const models::Workload* w = workload(s);
        return w && w->effectiveTransaction() ? QStringLiteral("true") : QStringLiteral("false");
    };
    auto* transactionBinding = new FieldBinding(document, transaction, transactionAccess);
    transaction->setToolTip(tr("The request takes one connection before its first step and holds it "
                               "across all the steps, the work steps included, until the last step ends."));
    track(transactionBinding);
    column->addWidget(transaction);
    column->addWidget(transactionBinding->errorLabel());
}

const models::Step* StepsEditor::step(const Scenario& scenario) const
{
    const models::Workload* w = workload(scenario);
    if (!w || m_step < 0 || static_cast<std::size_t>(m_step) >= w->steps.size())
        return nullptr;
    return &w->steps[static_cast<std::size_t>(m_step)];
}

void StepsEditor::setWorkloadIndex(int index)
{
    m_step = 0;
    m_error->hide();
    WorkloadPart::setWorkloadIndex(index);
}

void StepsEditor::selectStep(int stepIndex)
{
    m_step = stepIndex;
    // The step's fields now show another step: refresh them as for another workload.
    WorkloadPart::setWorkloadIndex(m_index);
}

void StepsEditor::updateView()
{
    const models::Workload* w = workload(m_document->scenario());
    m_model->setSteps(w ? w->steps : std::vector<models::Step>{});
    const int count = m_model->rowCount();
    if (m_step >= count)
        m_step = std::max(0, count - 1);
    if (count > 0 && m_table->currentIndex().row() != m_step)
        m_table->setCurrentIndex(m_model->index(m_step, 0));
    const models::Step* st = step(m_document->scenario());
    m_stepBox->setEnabled(st != nullptr);
    m_connectionsRow->setEnabled(st && !st->isWork);
}

void StepsEditor::editSteps(const std::function<int(std::vector<models::Step>&)>& change)
{
    int selected = m_step;
    try {
        editWorkload([&](models::Workload& w) { selected = change(w.steps); });
        m_error->hide();
        selectStep(selected);
    } catch (const models::ScenarioError& e) {
        m_error->setText(QString::fromStdString(e.detail()));
        m_error->show();
    }
}

} // namespace poolsim::ui
