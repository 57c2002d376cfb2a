#include "ui/editor/scenario_table_model.h"

#include "ui/core/scenario_document.h"

#include <QBrush>
#include <QColor>

#include <stdexcept>

namespace poolsim::ui {

ScenarioTableModel::ScenarioTableModel(ScenarioDocument* document, QObject* parent)
    : QAbstractTableModel(parent), m_document(document)
{
    connect(document, &ScenarioDocument::changed, this, &ScenarioTableModel::refresh);
}

int ScenarioTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : itemCount();
}

void ScenarioTableModel::refresh()
{
    clearRejected(); // the scenario changed: the rows show it as it is
    const models::Scenario& scenario = m_document->scenario();
    if (shows(scenario))
        return;
    const int rows = itemCount(scenario);
    if (rows != itemCount()) {
        beginResetModel();
        reload(scenario);
        endResetModel();
        return;
    }
    reload(scenario);
    if (rows > 0)
        Q_EMIT dataChanged(index(0, 0), index(rows - 1, columnCount() - 1));
}

bool ScenarioTableModel::applyEdit(const std::function<void(models::Scenario&)>& change)
{
    try {
        models::Scenario scenario = m_document->scenario();
        change(scenario);
        m_document->setScenario(scenario);
    } catch (const models::ScenarioError& e) {
        m_lastError = QString::fromStdString(e.detail());
        if (!e.keyPath().empty())
            m_lastError = QString::fromStdString(e.keyPath()) + QStringLiteral(": ") + m_lastError;
        Q_EMIT editFailed(m_lastError);
        return false;
    } catch (const std::invalid_argument& e) {
        m_lastError = QString::fromStdString(e.what());
        Q_EMIT editFailed(m_lastError);
        return false;
    }
    m_lastError.clear();
    return true;
}

bool ScenarioTableModel::applyCellEdit(const QModelIndex& index, const QVariant& typed,
                                       const std::function<void(models::Scenario&)>& change)
{
    clearRejected();
    if (applyEdit(change))
        return true;
    m_rejected = Rejected{index.row(), index.column(), typed.toString(), m_lastError};
    Q_EMIT dataChanged(index, index);
    return false;
}

QVariant ScenarioTableModel::rejectedData(const QModelIndex& index, int role) const
{
    if (!m_rejected || index.row() != m_rejected->row || index.column() != m_rejected->column)
        return {};
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return m_rejected->text;
    case Qt::ToolTipRole:
        return m_rejected->message;
    case Qt::BackgroundRole:
        return QBrush(QColor(255, 205, 205));
    case Qt::ForegroundRole:
        return QBrush(QColor(120, 0, 0));
    default:
        return {};
    }
}

void ScenarioTableModel::clearRejected()
{
    if (!m_rejected)
        return;
    const int row = m_rejected->row, column = m_rejected->column;
    m_rejected.reset();
    if (row < rowCount() && column < columnCount())
        Q_EMIT dataChanged(index(row, column), index(row, column));
}

} // namespace poolsim::ui
