#include "ui/scenario_table_model.h"

#include "ui/scenario_document.h"

#include <stdexcept>

namespace poolsim::ui {

ScenarioTableModel::ScenarioTableModel(ScenarioDocument* document, QObject* parent)
    : QAbstractTableModel(parent), m_document(document)
{
    connect(document, &ScenarioDocument::changed, this, &ScenarioTableModel::refresh);
}

int ScenarioTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : itemCount(); }

void ScenarioTableModel::refresh()
{
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

} // namespace poolsim::ui
