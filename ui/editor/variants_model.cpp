#include "ui/editor/variants_model.h"

#include <QStringList>

#include <algorithm>

#include <stdexcept>

namespace poolsim::ui {

VariantsModel::VariantsModel(ScenarioDocument* document, QObject* parent)
    : ScenarioTableModel(document, parent)
{
    refresh();
}

QString VariantsModel::setText(const std::vector<models::SettingChange>& set)
{
    QStringList parts;
    for (const models::SettingChange& c : set)
        parts << QString::fromStdString(c.path) + QLatin1Char('=') + QString::fromStdString(c.value);
    return parts.join(QStringLiteral(", "));
}

std::vector<models::SettingChange> VariantsModel::parseSetText(const QString& text)
{
    std::vector<models::SettingChange> set;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString entry = part.trimmed();
        if (entry.isEmpty())
            continue;
        const qsizetype eq = entry.indexOf(QLatin1Char('='));
        if (eq <= 0)
            throw std::invalid_argument(
                tr("expected path=value such as pool.size=25, got '%1'").arg(entry).toStdString());
        models::SettingChange change;
        change.path = entry.left(eq).trimmed().toStdString();
        change.value = entry.mid(eq + 1).trimmed().toStdString();
        set.push_back(std::move(change));
    }
    return set;
}

bool VariantsModel::addVariant(int after)
{
    return applyEdit([after](models::Scenario& s) {
        std::string name;
        for (int n = static_cast<int>(s.variants.size()) + 1; name.empty(); ++n) {
            const std::string candidate = "variant-" + std::to_string(n);
            if (std::none_of(s.variants.begin(), s.variants.end(),
                             [&](const auto& v) { return v.name == candidate; }))
                name = candidate;
        }
        const auto at = std::min(s.variants.size(), static_cast<std::size_t>(std::max(after + 1, 0)));
        s.variants.insert(s.variants.begin() + static_cast<std::ptrdiff_t>(at),
                          models::Variant{name, {}, {}});
    });
}

bool VariantsModel::removeVariant(int row)
{
    if (row < 0 || row >= itemCount())
        return false;
    return applyEdit([row](models::Scenario& s) { s.variants.erase(s.variants.begin() + row); });
}

bool VariantsModel::moveVariant(int row, int by)
{
    const int to = row + by;
    if (row < 0 || to < 0 || row >= itemCount() || to >= itemCount())
        return false;
    return applyEdit([row, to](models::Scenario& s) {
        models::Variant moved = s.variants[static_cast<std::size_t>(row)];
        s.variants.erase(s.variants.begin() + row);
        s.variants.insert(s.variants.begin() + to, std::move(moved));
    });
}

int VariantsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant VariantsModel::data(const QModelIndex& index, int role) const
{
    if (const QVariant rejected = rejectedData(index, role); rejected.isValid())
        return rejected; // a rejected edit stays in its cell, marked
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const models::Variant& v = m_variants[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole || role == Qt::EditRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Name:
            return QString::fromStdString(v.name);
        case Description:
            return QString::fromStdString(v.description);
        case Set:
            return setText(v.set);
        default:
            return {};
        }
    }
    return {};
}

bool VariantsModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const auto row = static_cast<std::size_t>(index.row());
    const QString text = value.toString();
    // A malformed list throws std::invalid_argument, reported as a rejected edit.
    return applyCellEdit(index, value, [&](models::Scenario& s) {
        models::Variant& v = s.variants.at(row);
        switch (index.column()) {
        case Name:
            v.name = text.trimmed().toStdString();
            break;
        case Description:
            v.description = text.toStdString();
            break;
        case Set:
            v.set = parseSetText(text);
            break;
        default:
            break;
        }
    });
}

Qt::ItemFlags VariantsModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
}

QVariant VariantsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole && section >= 0 && section < rowCount() ? QVariant(section + 1)
                                                                               : QVariant();
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Name:
            return tr("Name");
        case Description:
            return tr("Description");
        case Set:
            return tr("Changes (path=value, ...)");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Name:
            return tr("Unique, non-empty, without commas.");
        case Description:
            return tr("What the variant tries.");
        case Set:
            return tr("The changes, applied in order: a path as --set takes it (pool.size, "
                      "workloads.api.arrivals.poisson, slo.wait_p95...) and a value as it would be "
                      "written at that place (25, 15s, none, 60/s, 80%). Separate them with commas.");
        default:
            return {};
        }
    }
    return {};
}

} // namespace poolsim::ui
