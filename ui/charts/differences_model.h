#pragma once
// The variants side by side: one row per key metric; a column per run with its mean and 95%
// half-width, then a column per variant with its difference from the baseline (the first run),
// the difference's 95% interval and a star when the interval excludes 0 (models::compareRuns,
// paired with common random numbers when the runs allow it, else Welch). The database server's
// metrics are added when every run had one (database.capacity).
#include <QAbstractTableModel>

#ifndef Q_MOC_RUN
#include "models/planning/comparison.h"
#endif

#include <optional>
#include <string>
#include <vector>

namespace poolsim::ui {

class DifferencesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Role {
        ValueRole = Qt::UserRole, // double: the mean, or the mean difference
        HalfWidthRole,            // double: its 95% half-width (NaN when unknown)
        SignificantRole           // bool: a difference whose interval excludes 0
    };

    explicit DifferencesModel(QObject* parent = nullptr);

    /// The runs, the baseline first. Differences that cannot be computed (a run stopped early)
    /// show "-" with the reason as tooltip.
    void setRuns(std::vector<models::VariantRun> runs);

    /// The metrics listed for runs without optional parts, in row order.
    static const std::vector<models::Metric>& keyMetrics();
    /// The metrics listed now: keyMetrics(), then those of the optional parts every run had.
    const std::vector<models::Metric>& rowMetrics() const { return m_rows; }
    /// The column of run `i`'s values, and of run `i`'s difference (i >= 1).
    int valueColumn(std::size_t run) const { return 1 + static_cast<int>(run); }
    int differenceColumn(std::size_t run) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Compared
    {
        std::optional<models::Comparison> comparison;
        QString error; // why there is none
    };
    std::vector<models::VariantRun> m_runs;
    std::vector<Compared> m_compared; // for runs 1..n-1
    std::vector<models::Metric> m_rows;
};

} // namespace poolsim::ui
