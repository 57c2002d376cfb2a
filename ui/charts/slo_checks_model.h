#pragma once
// The scenario's service levels checked on a run: each limit met (the upper end of its 95%
// interval within the limit), MISSED (even the lower end over it) or unsure (more replications
// would tell), with the mean and the upper bound it was judged on.
#include <QAbstractTableModel>

#ifndef Q_MOC_RUN
#include "models/results/slo.h"
#endif

namespace poolsim::ui {

class SloChecksModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { LimitColumn, ResultColumn, MeanColumn, UpperColumn, ColumnCount };
    enum Role { MetRole = Qt::UserRole /* bool */ };

    explicit SloChecksModel(QObject* parent = nullptr);

    void setReport(models::SloReport report);
    const models::SloReport& report() const { return m_report; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// "met", "MISSED" or "unsure".
    static QString resultText(const models::SloCheck& check);

private:
    models::SloReport m_report;
};

} // namespace poolsim::ui
