#pragma once
// Every summary metric of a run (all requests, or one workload) with its mean across
// replications and the half-width of its 95% confidence interval, in readable units. Only the
// metrics of the parts the run had: the database server's rows only with database.capacity.
#include <QAbstractTableModel>

#ifndef Q_MOC_RUN
#include "models/results/run_result.h"
#endif

#include <optional>
#include <vector>

namespace poolsim::ui {

class MetricsTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { MetricColumn, MeanColumn, HalfWidthColumn, ColumnCount };
    enum Role {
        ValueRole = Qt::UserRole, // double: the mean
        HalfWidthRole             // double: the 95% half-width (NaN when unknown)
    };

    explicit MetricsTableModel(QObject* parent = nullptr);

    /// The estimates shown, of a run with `parts` (RunResult::parts); nullopt empties the table.
    void setEstimates(std::optional<models::MetricEstimates> estimates, models::ModelParts parts = {});

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::optional<models::MetricEstimates> m_estimates;
    std::vector<models::Metric> m_rows; // the metrics the run has, in display order
};

} // namespace poolsim::ui
