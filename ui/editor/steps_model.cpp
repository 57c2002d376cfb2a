#include "ui/editor/steps_model.h"

#include "ui/editor/distribution_text.h"

namespace poolsim::ui {

StepsModel::StepsModel(QObject* parent) : QAbstractTableModel(parent) {}

void StepsModel::setSteps(const std::vector<models::Step>& steps)
{
    if (steps.size() == m_steps.size()) {
        if (steps == m_steps)
            return;
        m_steps = steps;
        if (!m_steps.empty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_steps = steps;
    endResetModel();
}

int StepsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_steps.size());
}

int StepsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StepsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const models::Step& step = m_steps[static_cast<std::size_t>(index.row())];
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Kind:
        return step.isWork ? QStringLiteral("work") : QStringLiteral("query");
    case Duration:
        return describeDistribution(step.duration);
    case Connections:
        return step.isWork ? QVariant(QStringLiteral("-"))
                           : QVariant(static_cast<qlonglong>(step.connections));
    default:
        return {};
    }
}

QVariant StepsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole && section >= 0 && section < rowCount() ? QVariant(section + 1)
                                                                               : QVariant();
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Kind:
            return tr("Step");
        case Duration:
            return tr("Duration");
        case Connections:
            return tr("Connections");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Kind:
            return tr("query: holds connections for its duration; work: application time holding none.");
        case Duration:
            return tr("How long the step takes (a distribution).");
        case Connections:
            return tr("Connections a query holds (default 1, at most pool.size).");
        default:
            return {};
        }
    }
    return {};
}

} // namespace poolsim::ui
