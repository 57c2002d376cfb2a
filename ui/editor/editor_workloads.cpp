#include "ui/editor/editor_workloads.h"

#include "ui/core/scenario_document.h"
#include "ui/editor/editor_widgets.h"
#include "ui/editor/workload_panel.h"
#include "ui/editor/workloads_model.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace poolsim::ui {

namespace {

bool nameTaken(const std::vector<models::Workload>& workloads, const std::string& name)
{
    return std::any_of(workloads.begin(), workloads.end(), [&](const auto& w) { return w.name == name; });
}

/// `base`, or `base 2`, `base 3`... whichever no workload has yet.
std::string uniqueName(const std::vector<models::Workload>& workloads, const std::string& base)
{
    if (!nameTaken(workloads, base))
        return base;
    for (int n = 2;; ++n)
        if (const std::string name = base + " " + std::to_string(n); !nameTaken(workloads, name))
            return name;
}

} // namespace

WorkloadsEditor::WorkloadsEditor(ScenarioDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document), m_model(new WorkloadsModel(this))
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    auto* splitter = new QSplitter(Qt::Vertical);
    splitter->setChildrenCollapsible(false);
    column->addWidget(splitter);

    auto* top = new QWidget;
    auto* topColumn = new QVBoxLayout(top);
    topColumn->setContentsMargins(6, 6, 6, 0);
    m_table = makeTable(QStringLiteral("workloads.table"), m_model);
    m_table->setWordWrap(false);
    m_table->setMinimumHeight(m_table->verticalHeader()->defaultSectionSize() * 4 + 30);
    topColumn->addWidget(m_table);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (current.isValid() && current.row() != m_current) {
                    m_current = current.row();
                    m_panel->setWorkloadIndex(m_current);
                }
            });

    auto* buttons = new QHBoxLayout;
    const auto button = [&](const QString& name, const QString& text, const QString& tip) {
        return makeButton(buttons, name, text, tip);
    };
    connect(button(QStringLiteral("workloads.add"), tr("Add"),
                   tr("A new workload after the selected one: Poisson 1/s, exponential holds of 100ms.")),
            &QPushButton::clicked, this, &WorkloadsEditor::addWorkload);
    connect(button(QStringLiteral("workloads.duplicate"), tr("Duplicate"),
                   tr("A copy of the selected workload, under a new name.")),
            &QPushButton::clicked, this, &WorkloadsEditor::duplicateWorkload);
    connect(button(QStringLiteral("workloads.remove"), tr("Remove"),
                   tr("Removes the selected workload (a scenario needs at least one).")),
            &QPushButton::clicked, this, &WorkloadsEditor::removeWorkload);
    connect(button(QStringLiteral("workloads.up"), tr("Up"), tr("Moves the workload up.")),
            &QPushButton::clicked, this, [this] { moveWorkload(-1); });
    connect(button(QStringLiteral("workloads.down"), tr("Down"), tr("Moves the workload down.")),
            &QPushButton::clicked, this, [this] { moveWorkload(1); });
    buttons->addStretch(1);
    topColumn->addLayout(buttons);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("workloads.error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    topColumn->addWidget(m_error);
    splitter->addWidget(top);

    m_panel = new WorkloadPanel(document);
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_panel);
    splitter->addWidget(scroll);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);

    connect(document, &ScenarioDocument::changed, this, &WorkloadsEditor::refresh);
    refresh();
}

QString WorkloadsEditor::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void WorkloadsEditor::refresh()
{
    const int before = m_model->rowCount();
    m_model->setWorkloads(m_document->scenario().workloads);
    const int count = m_model->rowCount();
    if (count != before) {
        // Fit the columns to the new rows, each at most a third of a dock's width; the full
        // text is in the tooltips. (Not on every edit: a width the user set stays.)
        m_table->resizeColumnsToContents();
        for (int c = 0; c < WorkloadsModel::Description; ++c)
            m_table->setColumnWidth(c, std::min(m_table->columnWidth(c), 190));
    }
    const int row = count == 0 ? -1 : std::clamp(m_current, 0, count - 1);
    if (row >= 0 && m_table->currentIndex().row() != row)
        m_table->setCurrentIndex(m_model->index(row, 0)); // sets m_current through currentRowChanged
    if (m_current != row) {
        m_current = row;
        m_panel->setWorkloadIndex(row);
    }
}

void WorkloadsEditor::selectWorkload(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    if (m_table->currentIndex().row() != row)
        m_table->setCurrentIndex(m_model->index(row, 0));
    if (m_current != row) {
        m_current = row;
        m_panel->setWorkloadIndex(row);
    }
}

void WorkloadsEditor::edit(const std::function<int(std::vector<models::Workload>&)>& change)
{
    models::Scenario scenario = m_document->scenario();
    const int select = change(scenario.workloads);
    try {
        m_document->setScenario(scenario);
    } catch (const models::ScenarioError& e) {
        QString message = QString::fromStdString(e.detail());
        if (!e.keyPath().empty())
            message = QString::fromStdString(e.keyPath()) + QStringLiteral(": ") + message;
        m_error->setText(message);
        m_error->show();
        return;
    }
    m_error->clear();
    m_error->hide();
    // The panel shows another workload at this index now (or the same one moved).
    m_current = -1;
    selectWorkload(select);
}

void WorkloadsEditor::addWorkload()
{
    edit([this](std::vector<models::Workload>& workloads) {
        models::Workload w;
        w.name = uniqueName(workloads, "workload " + std::to_string(workloads.size() + 1));
        w.arrivals = models::PoissonArrivals{{1, 's'}};
        w.hold = models::ExponentialDist{models::SimTime::fromSeconds(0.1)};
        const auto at = std::min(workloads.size(), static_cast<std::size_t>(m_current + 1));
        workloads.insert(workloads.begin() + static_cast<std::ptrdiff_t>(at), w);
        return static_cast<int>(at);
    });
}

void WorkloadsEditor::duplicateWorkload()
{
    if (m_current < 0)
        return;
    edit([this](std::vector<models::Workload>& workloads) {
        models::Workload copy = workloads.at(static_cast<std::size_t>(m_current));
        copy.name = uniqueName(workloads, copy.name + " copy");
        const auto at = static_cast<std::size_t>(m_current + 1);
        workloads.insert(workloads.begin() + static_cast<std::ptrdiff_t>(at), copy);
        return static_cast<int>(at);
    });
}

void WorkloadsEditor::removeWorkload()
{
    if (m_current < 0)
        return;
    edit([this](std::vector<models::Workload>& workloads) {
        workloads.erase(workloads.begin() + m_current);
        return std::min(m_current, static_cast<int>(workloads.size()) - 1);
    });
}

void WorkloadsEditor::moveWorkload(int by)
{
    const int to = m_current + by;
    if (m_current < 0 || to < 0 || to >= m_model->rowCount())
        return;
    edit([this, to](std::vector<models::Workload>& workloads) {
        std::swap(workloads[static_cast<std::size_t>(m_current)], workloads[static_cast<std::size_t>(to)]);
        return to;
    });
}

} // namespace poolsim::ui
