#pragma once
// The analytic quick check's figures: each closed-form figure (Erlang B/C, M/M/c with a fixed
// pool timeout) of the scenario's steady traffic beside the simulation's estimate of it, the
// range the two are allowed to differ by, and whether they agree.
#include <QAbstractTableModel>

#ifndef Q_MOC_RUN
#include "models/analytic/analytic_check.h"
#endif

#include <memory>

namespace poolsim::ui {

class AnalyticFiguresModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { FigureColumn, ClosedFormColumn, SimulatedColumn, AllowedColumn, AgreeColumn, ColumnCount };
    enum Role { AgreeRole = Qt::UserRole /* bool, or invalid when not compared */ };

    explicit AnalyticFiguresModel(QObject* parent = nullptr);

    /// Null empties the table.
    void setCheck(std::shared_ptr<const models::AnalyticCheck> check);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const models::AnalyticCheck> m_check;
};

} // namespace poolsim::ui
