#include "ui/charts/analytic_figures_model.h"

#include "ui/charts/metric_text.h"

#include <QFont>

#include <cmath>

namespace poolsim::ui {

namespace {

ValueUnit figureUnit(const std::string& key)
{
    if (key.size() > 2 && key.compare(key.size() - 2, 2, "_s") == 0)
        return ValueUnit::Seconds;
    if (key == "offered_load")
        return ValueUnit::Level;
    return ValueUnit::Fraction; // wait_ratio, timeout_ratio, utilization_mean
}

} // namespace

AnalyticFiguresModel::AnalyticFiguresModel(QObject* parent) : QAbstractTableModel(parent) {}

void AnalyticFiguresModel::setCheck(std::shared_ptr<const models::AnalyticCheck> check)
{
    beginResetModel();
    m_check = std::move(check);
    endResetModel();
}

int AnalyticFiguresModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_check ? 0 : static_cast<int>(m_check->comparisons.size());
}

int AnalyticFiguresModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AnalyticFiguresModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const models::FigureComparison& f = m_check->comparisons[static_cast<std::size_t>(index.row())];
    const ValueUnit unit = figureUnit(f.key);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case FigureColumn: {
            const std::string_view label = models::figureLabel(f);
            return QString::fromUtf8(label.data(), static_cast<qsizetype>(label.size()));
        }
        case ClosedFormColumn:
            return std::isinf(f.analytic) ? tr("unbounded") : formatValue(f.analytic, unit);
        case SimulatedColumn:
            return f.simulated ? formatEstimate(*f.simulated, unit) : QStringLiteral("-");
        case AllowedColumn:
            if (std::isinf(f.analytic))
                return QStringLiteral("-");
            return tr("%1 to %2").arg(formatValue(f.allowedLow, unit), formatValue(f.allowedHigh, unit));
        case AgreeColumn:
            return !f.agree ? QStringLiteral("-") : *f.agree ? tr("agree") : tr("DISAGREE");
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == AllowedColumn)
            return tr(
                "The closed form widened by the tolerance for what a finite run does not cover; they agree "
                "when the simulated 95% interval meets this range");
        return {};
    case Qt::FontRole:
        if (index.column() == AgreeColumn && f.agree && !*f.agree) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == FigureColumn || index.column() == AgreeColumn
                   ? QVariant()
                   : QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case AgreeRole:
        return f.agree ? QVariant(*f.agree) : QVariant();
    default:
        return {};
    }
}

QVariant AnalyticFiguresModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FigureColumn:
        return tr("figure");
    case ClosedFormColumn:
        return tr("closed form");
    case SimulatedColumn:
        return tr("simulated");
    case AllowedColumn:
        return tr("allowed");
    case AgreeColumn:
        return tr("verdict");
    default:
        return {};
    }
}

} // namespace poolsim::ui
