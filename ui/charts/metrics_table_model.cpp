#include "ui/charts/metrics_table_model.h"

#include "ui/charts/metric_text.h"

#include <cmath>

namespace poolsim::ui {

MetricsTableModel::MetricsTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void MetricsTableModel::setEstimates(std::optional<models::MetricEstimates> estimates,
                                     models::ModelParts parts)
{
    beginResetModel();
    m_estimates = std::move(estimates);
    m_rows.clear();
    for (const MetricInfo& info : metricInfos(parts))
        m_rows.push_back(info.metric);
    endResetModel();
}

int MetricsTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_estimates ? 0 : static_cast<int>(m_rows.size());
}

int MetricsTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MetricsTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const MetricInfo& info = metricInfo(m_rows[static_cast<std::size_t>(index.row())]);
    const models::Estimate& e = (*m_estimates)[info.metric];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case MetricColumn:
            return info.label;
        case MeanColumn:
            return formatValue(e.mean, info.unit);
        case HalfWidthColumn:
            return std::isfinite(e.ci95) ? QStringLiteral("± ") + formatValue(e.ci95, info.unit)
                                         : QStringLiteral("-");
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == MetricColumn)
            return QString::fromUtf8(models::metricName(info.metric).data(),
                                     static_cast<qsizetype>(models::metricName(info.metric).size()));
        if (index.column() == HalfWidthColumn && !std::isfinite(e.ci95))
            return tr("One replication: no confidence interval");
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == MetricColumn ? QVariant()
                                              : QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case ValueRole:
        return e.mean;
    case HalfWidthRole:
        return e.ci95;
    default:
        return {};
    }
}

QVariant MetricsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case MetricColumn:
        return tr("metric");
    case MeanColumn:
        return tr("mean");
    case HalfWidthColumn:
        return tr("95% CI");
    default:
        return {};
    }
}

} // namespace poolsim::ui
