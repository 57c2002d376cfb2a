#pragma once
// The workloads of the scenario as a table: name, arrivals, request shape, description (read
// only: the panel beside it edits the selected workload).
#include <QAbstractTableModel>

#ifndef Q_MOC_RUN
#include "models/scenario/scenario.h"
#endif

#include <vector>

namespace poolsim::ui {

class WorkloadsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Arrivals, Requests, Description, ColumnCount };

    explicit WorkloadsModel(QObject* parent = nullptr);

    /// Shows the scenario's workloads: rows change in place when their number is the same, so
    /// that a selection survives an edit; otherwise the model resets.
    void setWorkloads(const std::vector<models::Workload>& workloads);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<models::Workload> m_workloads;
};

} // namespace poolsim::ui
