#include "ui/charts/recommendation_model.h"

#include <QFont>

namespace poolsim::ui {

namespace {

QString verdict(const models::Recommendation& r, std::optional<std::size_t> probe, std::optional<bool>& met)
{
    if (!probe || *probe >= r.probes.size())
        return QStringLiteral("-");
    met = r.probes[*probe].met();
    return *met ? RecommendationModel::tr("meets") : RecommendationModel::tr("misses");
}

QString versus(const models::Recommendation& r, std::int64_t size)
{
    if (!r.found())
        return QStringLiteral("-");
    const std::int64_t d = size - r.search.poolSize;
    return d == 0 ? RecommendationModel::tr("same")
                  : (d > 0 ? QStringLiteral("+%1") : QStringLiteral("%1")).arg(d);
}

} // namespace

RecommendationModel::RecommendationModel(QObject* parent) : QAbstractTableModel(parent) {}

void RecommendationModel::setRecommendation(std::shared_ptr<const models::Recommendation> recommendation)
{
    beginResetModel();
    m_rows.clear();
    if (recommendation) {
        const models::Recommendation& r = *recommendation;
        const models::SizeSearch& s = r.search;
        Row best;
        best.option = tr("recommended");
        best.instances = QString::number(s.instances);
        if (s.found) {
            best.pool = QString::number(s.poolSize);
            best.total = QString::number(s.poolSize * s.instances);
            best.slo = verdict(r, s.best, best.met);
            best.versus = tr("same");
            best.note = tr("the smallest pool per instance that meets the service levels");
        } else {
            best.pool = QStringLiteral("-");
            best.total = QStringLiteral("-");
            best.slo = tr("misses");
            best.met = false;
            best.versus = QStringLiteral("-");
            best.note = tr("no size up to %1 meets the service levels").arg(s.maxSize);
        }
        m_rows.push_back(best);

        auto ruleRow = [&](const QString& name, const models::RuleOfThumb& rule) {
            Row row;
            row.option = name;
            if (rule.applicable) {
                row.pool = QString::number(rule.poolSize);
                row.instances = QString::number(s.instances);
                row.total = QString::number(rule.poolSize * s.instances);
                row.slo = verdict(r, rule.probe, row.met);
                row.versus = versus(r, rule.poolSize);
            } else {
                row.pool = row.instances = row.total = row.slo = row.versus = QStringLiteral("-");
            }
            row.note = QString::fromStdString(rule.note.empty() ? rule.basis : rule.basis + "; " + rule.note);
            m_rows.push_back(row);
        };
        ruleRow(tr("users x 1.5 + 10"), r.usersRule);
        ruleRow(tr("HikariCP cores x 2 + spindles"), r.hikariRule);

        if (r.alternatives) {
            const models::BudgetAlternatives& alt = *r.alternatives;
            Row fewer;
            fewer.option = tr("fewer instances");
            if (alt.fewerInstances && alt.fewerInstances->found) {
                fewer.pool = QString::number(alt.fewerInstances->poolSize);
                fewer.instances = QString::number(alt.fewerInstances->instances);
                fewer.total = QString::number(alt.fewerInstances->poolSize * alt.fewerInstances->instances);
                fewer.slo = verdict(r, alt.fewerInstances->best, fewer.met);
                fewer.versus = versus(r, alt.fewerInstances->poolSize);
                fewer.note = tr("the largest instance count whose own smallest pool fits the budget");
            } else {
                fewer.pool = fewer.instances = fewer.total = fewer.slo = fewer.versus = QStringLiteral("-");
                fewer.note =
                    tr("no smaller instance count fits the budget (%1 tried)").arg(alt.instanceCountsTried);
            }
            m_rows.push_back(fewer);
            Row largest;
            largest.option = tr("largest pool within the budget");
            largest.pool = QString::number(alt.largestPool);
            largest.instances = QString::number(s.instances);
            largest.total = QString::number(alt.largestPool * s.instances);
            largest.slo = verdict(r, alt.largestPoolProbe, largest.met);
            largest.versus = versus(r, alt.largestPool);
            largest.note = QString::fromStdString(alt.note);
            m_rows.push_back(largest);
        }
    }
    endResetModel();
}

QString RecommendationModel::budgetText(const models::Recommendation& r)
{
    const models::DatabaseBudget& b = r.database;
    if (!b.budget)
        return tr("Database: no max_connections given, so no connection budget to check.");
    QString text = tr("Database budget: %1 connections (max_connections %2 - %3 reserved)")
                       .arg(*b.budget)
                       .arg(b.maxConnections.value_or(0))
                       .arg(b.reserved);
    if (b.total && b.fits)
        text += *b.fits ? tr("; the recommended total of %1 fits.").arg(*b.total)
                        : tr("; the recommended total of %1 does NOT fit.").arg(*b.total);
    else
        text += QLatin1Char('.');
    if (b.postgresMaxConnectionsNeeded)
        text += tr(" PostgreSQL would need max_connections = %1.").arg(*b.postgresMaxConnectionsNeeded);
    return text;
}

int RecommendationModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RecommendationModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RecommendationModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case OptionColumn:
            return row.option;
        case PoolColumn:
            return row.pool;
        case InstancesColumn:
            return row.instances;
        case TotalColumn:
            return row.total;
        case SloColumn:
            return row.slo;
        case VersusColumn:
            return row.versus;
        case NoteColumn:
            return row.note;
        default:
            return {};
        }
    case Qt::ToolTipRole:
        return index.column() == NoteColumn ? row.note : QVariant();
    case Qt::FontRole:
        if (index.row() == 0) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        return index.column() >= PoolColumn && index.column() <= TotalColumn
                   ? QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant();
    case MetRole:
        return row.met ? QVariant(*row.met) : QVariant();
    default:
        return {};
    }
}

QVariant RecommendationModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case OptionColumn:
        return tr("pool size");
    case PoolColumn:
        return tr("per instance");
    case InstancesColumn:
        return tr("instances");
    case TotalColumn:
        return tr("total");
    case SloColumn:
        return tr("service levels");
    case VersusColumn:
        return tr("vs recommended");
    case NoteColumn:
        return tr("how");
    default:
        return {};
    }
}

} // namespace poolsim::ui
