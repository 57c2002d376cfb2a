#pragma once
// The steps of a workload's request as a table: kind (query or work), duration, connections
// (read only: the step editor below it edits the selected step).
#include <QAbstractTableModel>

#ifndef Q_MOC_RUN
#include "models/scenario/scenario.h"
#endif

#include <vector>

namespace poolsim::ui {

class StepsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Kind, Duration, Connections, ColumnCount };

    explicit StepsModel(QObject* parent = nullptr);
    /// Rows change in place when their number is the same (a selection survives), else reset.
    void setSteps(const std::vector<models::Step>& steps);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<models::Step> m_steps;
};

} // namespace poolsim::ui
