#include "ui/editor/alerts_rules_model.h"

#include "models/results/alerts.h"
#include "models/scenario/scenario_error.h"
#include "models/scenario/units.h"
#include "ui/editor/editor_fields.h"
#include "ui/editor/slo_model.h"

#include <QPalette>

#include <algorithm>

namespace poolsim::ui {

namespace {

bool sameRules(const std::vector<models::AlertRule>& a, const std::vector<models::AlertRule>& b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
        return x == y && x.thresholdText == y.thresholdText;
    });
}

QString thresholdText(const models::AlertRule& r)
{
    if (!r.thresholdText.empty())
        return QString::fromStdString(r.thresholdText);
    const models::AlertSignal* s = models::findAlertSignal(r.signal);
    if (s && s->unit == models::SloUnit::Duration)
        return QString::fromStdString(models::formatDuration(models::SimTime::fromSeconds(r.threshold)));
    if (s && s->unit == models::SloUnit::Fraction)
        return QString::fromStdString(models::formatNumber(r.threshold * 100)) + QLatin1Char('%');
    return QString::fromStdString(models::formatNumber(r.threshold));
}

} // namespace

AlertsRulesModel::AlertsRulesModel(ScenarioDocument* document, QObject* parent)
    : ScenarioTableModel(document, parent)
{
    refresh();
}

int AlertsRulesModel::itemCount(const models::Scenario& s) const
{
    return static_cast<int>(models::effectiveAlertRules(s).size());
}

bool AlertsRulesModel::shows(const models::Scenario& s) const
{
    return m_defaults == !s.alerts && sameRules(models::effectiveAlertRules(s), m_rules);
}

void AlertsRulesModel::reload(const models::Scenario& s)
{
    const bool defaults = !s.alerts;
    m_rules = models::effectiveAlertRules(s);
    if (defaults != m_defaults) {
        m_defaults = defaults;
        Q_EMIT usesDefaultsChanged(m_defaults);
    }
}

bool AlertsRulesModel::setUseDefaults(bool useDefaults)
{
    if (useDefaults == m_defaults)
        return true;
    return applyEdit([useDefaults](models::Scenario& s) {
        if (useDefaults)
            s.alerts.reset();
        else
            s.alerts = models::defaultAlertRules(s.parts()); // instance-down where instances can fail
    });
}

bool AlertsRulesModel::addRule()
{
    return applyEdit([](models::Scenario& s) {
        std::vector<models::AlertRule> rules = models::effectiveAlertRules(s);
        models::AlertRule rule;
        for (int n = static_cast<int>(rules.size()) + 1; rule.name.empty(); ++n) {
            const std::string candidate = "rule-" + std::to_string(n);
            if (std::none_of(rules.begin(), rules.end(), [&](const auto& r) { return r.name == candidate; }))
                rule.name = candidate;
        }
        rule.signal = "waiters";
        rule.thresholdText = "5";
        rule.threshold = 5;
        rules.push_back(rule);
        s.alerts = rules;
    });
}

bool AlertsRulesModel::removeRule(int row)
{
    if (m_defaults || row < 0 || row >= itemCount())
        return false;
    return applyEdit([row](models::Scenario& s) { s.alerts->erase(s.alerts->begin() + row); });
}

int AlertsRulesModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertsRulesModel::data(const QModelIndex& index, int role) const
{
    if (const QVariant rejected = rejectedData(index, role); rejected.isValid())
        return rejected; // a rejected edit stays in its cell, marked
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const models::AlertRule& r = m_rules[static_cast<std::size_t>(index.row())];
    if (role == ChoicesRole) {
        if (index.column() != Signal)
            return {};
        QStringList names;
        for (const models::AlertSignal& s : models::alertSignals())
            names << QString::fromUtf8(s.name.data(), static_cast<qsizetype>(s.name.size()));
        return names;
    }
    if (role == Qt::ForegroundRole && m_defaults)
        return QVariant::fromValue(QPalette().brush(QPalette::Disabled, QPalette::Text));
    const bool edit = role == Qt::EditRole;
    if (role != Qt::DisplayRole && !edit && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case Name:
        return QString::fromStdString(r.name);
    case Signal:
        return QString::fromStdString(r.signal);
    case Above:
        return thresholdText(r);
    case Unit: {
        const models::AlertSignal* signal = models::findAlertSignal(r.signal);
        if (!signal)
            return QString();
        const int unit = static_cast<int>(signal->unit);
        return role == Qt::ToolTipRole ? unitExamples(unit) : unitText(unit);
    }
    case Window:
        return r.window || edit ? optionalDurationText(r.window) : tr("one bin");
    case For:
        return r.forAtLeast || edit ? optionalDurationText(r.forAtLeast) : QStringLiteral("0");
    default:
        return {};
    }
}

bool AlertsRulesModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || m_defaults ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const auto row = static_cast<std::size_t>(index.row());
    const std::string text = value.toString().trimmed().toStdString();
    return applyCellEdit(index, value, [&](models::Scenario& s) {
        models::AlertRule& r = s.alerts->at(row);
        switch (index.column()) {
        case Name:
            r.name = text;
            break;
        case Signal:
            r.signal = text;
            break;
        case Above:
            r.thresholdText = text;
            break;
        case Window:
        case For: {
            std::optional<models::SimTime>& field = index.column() == Window ? r.window : r.forAtLeast;
            if (text.empty()) {
                field.reset();
            } else {
                try {
                    field = models::parseDuration(text);
                } catch (const std::invalid_argument& e) {
                    throw models::ScenarioError({}, index.column() == Window ? "window" : "for", e.what());
                }
            }
            break;
        }
        default:
            return;
        }
        if (const models::AlertSignal* signal = models::findAlertSignal(r.signal);
            signal && !r.thresholdText.empty())
            r.threshold = parseLevel(r.thresholdText, static_cast<int>(signal->unit)).value_or(0);
    });
}

Qt::ItemFlags AlertsRulesModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (!m_defaults && index.column() != Unit)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant AlertsRulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole && section >= 0 && section < rowCount() ? QVariant(section + 1)
                                                                               : QVariant();
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Name:
            return tr("Name");
        case Signal:
            return tr("Signal");
        case Above:
            return tr("Above");
        case Unit:
            return tr("Unit");
        case Window:
            return tr("Window");
        case For:
            return tr("For");
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Name:
            return tr("Names the rule in results (default: the signal's name).");
        case Signal:
            return tr("What to watch: utilization, busy, waiters, wait_p95, timeouts...");
        case Above:
            return tr("The rule fires while the windowed signal is above this (strictly), in the "
                      "signal's unit.");
        case Unit:
            return tr("What the threshold is written as.");
        case Window:
            return tr("The signal is combined over the bins of this window ending at each bin: the mean of "
                      "a level, the sum of a count, the highest of a percentile (> 0; default one bin).");
        case For:
            return tr("A firing period counts only when it lasts longer than this (>= 0; default 0).");
        default:
            return {};
        }
    }
    return {};
}

} // namespace poolsim::ui
