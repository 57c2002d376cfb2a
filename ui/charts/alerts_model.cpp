#include "ui/charts/alerts_model.h"

#include "models/results/alerts.h"
#include "ui/charts/metric_text.h"

#include <QFont>

#include <algorithm>
#include <cmath>

namespace poolsim::ui {

namespace {

bool fired(const models::AlertOutcome& a)
{
    return !a.periods.empty() || a.firedReplications > 0;
}

ValueUnit signalUnit(const std::string& signal)
{
    const models::AlertSignal* s = models::findAlertSignal(signal);
    return s ? unitOf(s->unit) : ValueUnit::Level;
}

} // namespace

AlertsModel::AlertsModel(QObject* parent) : QAbstractTableModel(parent) {}

void AlertsModel::setAlerts(const std::vector<models::AlertOutcome>& alerts, std::int64_t replications,
                            double resolutionS)
{
    beginResetModel();
    m_alerts = alerts;
    std::stable_partition(m_alerts.begin(), m_alerts.end(), fired);
    m_replications = replications;
    m_resolutionS = resolutionS;
    endResetModel();
}

QString AlertsModel::conditionText(const models::AlertRule& rule)
{
    const ValueUnit unit = signalUnit(rule.signal);
    QString text = QString::fromStdString(rule.signal) + QStringLiteral(" > ") +
                   (rule.thresholdText.empty() ? formatValue(rule.threshold, unit)
                                               : QString::fromStdString(rule.thresholdText));
    if (rule.window)
        text += tr(" over %1").arg(formatSeconds(rule.window->seconds()));
    if (rule.forAtLeast && !rule.forAtLeast->isZero())
        text += tr(" for %1").arg(formatSeconds(rule.forAtLeast->seconds()));
    return text;
}

int AlertsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_alerts.size());
}

int AlertsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const models::AlertOutcome& a = m_alerts[static_cast<std::size_t>(index.row())];
    const bool onMean = !a.periods.empty();
    double peak = onMean ? a.periods.front().peak : 0, total = 0;
    for (const models::AlertPeriod& p : a.periods) {
        peak = std::max(peak, p.peak);
        total += p.durationS;
    }
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case RuleColumn:
            return QString::fromStdString(a.rule.name);
        case ConditionColumn:
            return conditionText(a.rule);
        case FirstColumn:
            return onMean ? formatClock(a.periods.front().startS) : QStringLiteral("-");
        case LastingColumn:
            return onMean ? formatSeconds(a.periods.front().durationS) : QStringLiteral("-");
        case PeriodsColumn:
            return onMean ? tr("%1 (%2 in all)").arg(a.periods.size()).arg(formatSeconds(total))
                          : QStringLiteral("0");
        case PeakColumn: {
            if (!onMean)
                return a.firedReplications > 0 ? tr("(not on the mean)") : QStringLiteral("-");
            QString text = formatValue(peak, signalUnit(a.rule.signal));
            // A summed signal (timeouts) is a count per window: say which.
            const models::AlertSignal* s = models::findAlertSignal(a.rule.signal);
            if (s && s->combine == models::AlertSignal::Combine::Sum)
                text +=
                    tr(" in %1").arg(formatSeconds(a.rule.window ? a.rule.window->seconds() : m_resolutionS));
            return text;
        }
        case FiredInColumn:
            return tr("%1 of %2").arg(a.firedReplications).arg(m_replications);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (index.column() == PeakColumn && !onMean && a.firedReplications > 0)
            return tr("Fired in some replications but not on their mean: an occasional spike");
        if (index.column() == FiredInColumn)
            return tr("Replications in which the rule fired at least once");
        return {};
    case Qt::FontRole:
        if (index.column() == RuleColumn && fired(a)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case FiredRole:
        return fired(a);
    case FirstStartRole:
        return onMean ? a.periods.front().startS : std::nan("");
    default:
        return {};
    }
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case RuleColumn:
        return tr("rule");
    case ConditionColumn:
        return tr("fires when");
    case FirstColumn:
        return tr("first at");
    case LastingColumn:
        return tr("lasting");
    case PeriodsColumn:
        return tr("periods");
    case PeakColumn:
        return tr("peak");
    case FiredInColumn:
        return tr("fired in");
    default:
        return {};
    }
}

} // namespace poolsim::ui
