#include "ui/editor/slo_model.h"

#include "models/results/slo.h"
#include "models/scenario/units.h"

#include <algorithm>

namespace poolsim::ui {

QString unitText(int unit)
{
    switch (static_cast<models::SloUnit>(unit)) {
    case models::SloUnit::Duration:
        return SloModel::tr("duration");
    case models::SloUnit::Fraction:
        return SloModel::tr("fraction");
    case models::SloUnit::Count:
        return SloModel::tr("count");
    }
    return {};
}

std::optional<double> parseLevel(const std::string& text, int unit)
{
    try {
        switch (static_cast<models::SloUnit>(unit)) {
        case models::SloUnit::Duration:
            return models::parseDuration(text).seconds();
        case models::SloUnit::Fraction:
            return models::parsePercent(text);
        case models::SloUnit::Count:
            return std::stod(text);
        }
    } catch (const std::exception&) {
        return std::nullopt;
    }
    return std::nullopt;
}

QString unitExamples(int unit)
{
    switch (static_cast<models::SloUnit>(unit)) {
    case models::SloUnit::Duration:
        return SloModel::tr("A duration: 1s, 250ms, 0.");
    case models::SloUnit::Fraction:
        return SloModel::tr(
            "A fraction: a percentage (0.1%, 90%) or a number from 0 to 1 (0.9), at most 100%.");
    case models::SloUnit::Count:
        return SloModel::tr("A count: a number >= 0 (0, 2.5).");
    }
    return {};
}

SloModel::SloModel(ScenarioDocument* document, QObject* parent) : ScenarioTableModel(document, parent)
{
    refresh();
}

QString SloModel::allRequests()
{
    return tr("(all requests)");
}

bool SloModel::shows(const models::Scenario& s) const
{
    QStringList names;
    for (const models::Workload& w : s.workloads)
        names << QString::fromStdString(w.name);
    return names == m_workloads &&
           std::equal(s.slo.begin(), s.slo.end(), m_limits.begin(), m_limits.end(),
                      [](const auto& a, const auto& b) { return a == b && a.text == b.text; });
}

void SloModel::reload(const models::Scenario& s)
{
    m_limits = s.slo;
    m_workloads.clear();
    for (const models::Workload& w : s.workloads)
        m_workloads << QString::fromStdString(w.name);
}

bool SloModel::addLimit()
{
    return applyEdit([](models::Scenario& s) {
        for (const models::SloKey& k : models::sloKeys()) {
            const bool used = std::any_of(s.slo.begin(), s.slo.end(), [&](const auto& l) {
                return l.workload.empty() && l.key == k.key;
            });
            if (used)
                continue;
            models::SloLimit limit;
            limit.key = std::string(k.key);
            limit.text = k.unit == models::SloUnit::Duration   ? "1s"
                         : k.unit == models::SloUnit::Fraction ? "1%"
                                                               : "0";
            limit.limit = parseLevel(limit.text, static_cast<int>(k.unit)).value_or(0);
            s.slo.push_back(limit);
            return;
        }
    });
}

bool SloModel::removeLimit(int row)
{
    if (row < 0 || row >= itemCount())
        return false;
    return applyEdit([row](models::Scenario& s) { s.slo.erase(s.slo.begin() + row); });
}

int SloModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SloModel::data(const QModelIndex& index, int role) const
{
    if (const QVariant rejected = rejectedData(index, role); rejected.isValid())
        return rejected; // a rejected edit stays in its cell, marked
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const models::SloLimit& l = m_limits[static_cast<std::size_t>(index.row())];
    if (role == ChoicesRole) {
        if (index.column() == Key) {
            QStringList keys;
            for (const models::SloKey& k : models::sloKeys())
                keys << QString::fromUtf8(k.key.data(), static_cast<qsizetype>(k.key.size()));
            return keys;
        }
        if (index.column() == Workload)
            return QStringList{allRequests()} + m_workloads;
        return {};
    }
    if (role != Qt::DisplayRole && role != Qt::EditRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Key:
        return QString::fromStdString(l.key);
    case Workload:
        return l.workload.empty() ? allRequests() : QString::fromStdString(l.workload);
    case Limit:
        if (role == Qt::ToolTipRole)
            return QString::fromStdString(models::describeLimit(l));
        return QString::fromStdString(l.text.empty() ? models::formatNumber(l.limit) : l.text);
    case Unit: {
        const models::SloKey* key = models::findSloKey(l.key);
        if (!key)
            return QString();
        const int unit = static_cast<int>(key->unit);
        return role == Qt::ToolTipRole ? unitExamples(unit) : unitText(unit);
    }
    default:
        return {};
    }
}

bool SloModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const auto row = static_cast<std::size_t>(index.row());
    const std::string text = value.toString().trimmed().toStdString();
    return applyCellEdit(index, value, [&](models::Scenario& s) {
        models::SloLimit& l = s.slo.at(row);
        switch (index.column()) {
        case Key:
            l.key = text;
            break;
        case Workload:
            l.workload = value.toString() == allRequests() ? std::string() : text;
            break;
        case Limit:
            l.text = text;
            break;
        default:
            return;
        }
        // The value in the key's unit; text that does not read is left to the loader to explain.
        if (const models::SloKey* k = models::findSloKey(l.key))
            l.limit = parseLevel(l.text, static_cast<int>(k->unit)).value_or(0);
    });
}

Qt::ItemFlags SloModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() != Unit)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant SloModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole && section >= 0 && section < rowCount() ? QVariant(section + 1)
                                                                               : QVariant();
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Key:
            return tr("Metric");
        case Workload:
            return tr("Of");
        case Limit:
            return tr("At most");
        case Unit:
            return tr("Unit");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Key:
            return tr("The summary metric limited (wait_p95, timeout_ratio, utilization_max...).");
        case Workload:
            return tr("All requests, or one workload's requests alone.");
        case Limit:
            return tr("Met when the upper end of the 95% confidence interval of the metric's mean across "
                      "replications is within it. A duration (1s, 250ms), a fraction (0.1%, 90%, 0.9) or "
                      "a count (0, 2.5), as the metric takes.");
        case Unit:
            return tr("What the limit is written as.");
        default:
            return {};
        }
    }
    return {};
}

} // namespace poolsim::ui
