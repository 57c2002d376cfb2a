#pragma once
// A pool-size recommendation as a table: the smallest pool per instance meeting the service
// levels, the rules of thumb (users x 1.5 + 10, HikariCP's cores x 2 + spindles) each judged by
// simulation and set against the recommendation, and, when the recommendation breaks the
// database's connection budget, the alternatives (fewer instances, the largest pool within it).
#include <QAbstractTableModel>
#include <QString>

#ifndef Q_MOC_RUN
#include "models/planning/recommend.h"
#endif

#include <memory>
#include <optional>
#include <vector>

namespace poolsim::ui {

class RecommendationModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        OptionColumn,
        PoolColumn,
        InstancesColumn,
        TotalColumn,
        SloColumn,
        VersusColumn,
        NoteColumn,
        ColumnCount
    };
    enum Role { MetRole = Qt::UserRole /* bool, or invalid when not simulated */ };

    explicit RecommendationModel(QObject* parent = nullptr);

    /// Null empties the table.
    void setRecommendation(std::shared_ptr<const models::Recommendation> recommendation);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The database budget in one sentence ("budget 97 connections (max_connections 100 - 3
    /// reserved): the recommended 40 fits").
    static QString budgetText(const models::Recommendation& recommendation);

private:
    struct Row
    {
        QString option, pool, instances, total, slo, versus, note;
        std::optional<bool> met;
    };
    std::vector<Row> m_rows;
};

} // namespace poolsim::ui
