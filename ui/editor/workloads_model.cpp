#include "ui/editor/workloads_model.h"

#include "ui/editor/distribution_text.h"

namespace poolsim::ui {

WorkloadsModel::WorkloadsModel(QObject* parent) : QAbstractTableModel(parent) {}

void WorkloadsModel::setWorkloads(const std::vector<models::Workload>& workloads)
{
    if (workloads.size() == m_workloads.size()) {
        if (workloads == m_workloads)
            return;
        m_workloads = workloads;
        if (!m_workloads.empty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_workloads = workloads;
    endResetModel();
}

int WorkloadsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_workloads.size());
}

int WorkloadsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WorkloadsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const models::Workload& w = m_workloads[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Name:
            return QString::fromStdString(w.name);
        case Arrivals:
            return describeArrivals(w.arrivals);
        case Requests:
            return describeRequest(w);
        case Description:
            return QString::fromStdString(w.description);
        default:
            return {};
        }
    }
    return {};
}

QVariant WorkloadsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical) {
        if (role == Qt::DisplayRole && section >= 0 && section < rowCount())
            return section + 1;
        return {};
    }
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Name:
            return tr("Name");
        case Arrivals:
            return tr("Arrivals");
        case Requests:
            return tr("Requests");
        case Description:
            return tr("Description");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Name:
            return tr("Unique, non-empty; names the workload in results and in --set.");
        case Arrivals:
            return tr("When requests arrive.");
        case Requests:
            return tr("How long a request holds how many connections, or its steps.");
        case Description:
            return tr("Free text.");
        default:
            return {};
        }
    }
    return {};
}

} // namespace poolsim::ui
