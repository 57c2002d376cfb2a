#pragma once
// The alert rules of a run, as monitoring would have fired them: per rule its condition, when
// it first fired on the mean series across replications and for how long, how many periods,
// its peak, and in how many of the replications it fired at least once.
#include <QAbstractTableModel>

#ifndef Q_MOC_RUN
#include "models/results/run_result.h"
#endif

#include <vector>

namespace poolsim::ui {

class AlertsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        RuleColumn,
        ConditionColumn,
        FirstColumn,
        LastingColumn,
        PeriodsColumn,
        PeakColumn,
        FiredInColumn,
        ColumnCount
    };
    enum Role {
        FiredRole = Qt::UserRole, // bool: fired on the mean series or in any replication
        FirstStartRole            // double: start of the first period (NaN when none)
    };

    explicit AlertsModel(QObject* parent = nullptr);

    /// Every rule of the run, fired or not (those that fired first, in the run's order).
    void setAlerts(const std::vector<models::AlertOutcome>& alerts, std::int64_t replications,
                   double resolutionS);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "utilization > 80% for 1m", "timeouts > 0 over 5m".
    static QString conditionText(const models::AlertRule& rule);

private:
    std::vector<models::AlertOutcome> m_alerts;
    std::int64_t m_replications = 0;
    double m_resolutionS = 0;
};

} // namespace poolsim::ui
