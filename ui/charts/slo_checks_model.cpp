#include "ui/charts/slo_checks_model.h"

#include "ui/charts/metric_text.h"

#include <QFont>

namespace poolsim::ui {

SloChecksModel::SloChecksModel(QObject* parent) : QAbstractTableModel(parent) {}

void SloChecksModel::setReport(models::SloReport report)
{
    beginResetModel();
    m_report = std::move(report);
    endResetModel();
}

QString SloChecksModel::resultText(const models::SloCheck& check)
{
    return check.met ? tr("met") : check.certain ? tr("MISSED") : tr("unsure");
}

int SloChecksModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_report.checks.size());
}

int SloChecksModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SloChecksModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const models::SloCheck& c = m_report.checks[static_cast<std::size_t>(index.row())];
    const models::SloKey* key = models::findSloKey(c.limit.key);
    const ValueUnit unit = key ? unitOf(key->unit) : ValueUnit::Count;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case LimitColumn:
            return QString::fromStdString(models::describeLimit(c.limit));
        case ResultColumn:
            return resultText(c);
        case MeanColumn:
            return formatEstimate(c.estimate, unit);
        case UpperColumn:
            return formatValue(c.upper, unit);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == ResultColumn)
            return c.met       ? tr("The upper end of the 95% interval is within the limit")
                   : c.certain ? tr("Even the lower end of the 95% interval is over the limit")
                               : tr("The 95% interval straddles the limit: more replications would tell");
        return {};
    case Qt::FontRole:
        if (index.column() == ResultColumn && !c.met) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() >= MeanColumn ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter)
                                            : QVariant();
    case MetRole:
        return c.met;
    default:
        return {};
    }
}

QVariant SloChecksModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case LimitColumn:
        return tr("limit");
    case ResultColumn:
        return tr("result");
    case MeanColumn:
        return tr("mean ± 95% CI");
    case UpperColumn:
        return tr("upper bound");
    default:
        return {};
    }
}

} // namespace poolsim::ui
