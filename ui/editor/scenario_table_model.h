#pragma once
// Base of the editor's editable tables over a list of the scenario (variants, service levels,
// alert rules). Rows are a copy of the list, updated when the document changes (in place when
// their number is the same, so that a selection survives); an edit is a changed copy of the
// scenario handed to the document, which checks it as the loader would. A rejected cell edit
// stays in its cell, marked, with the loader's message as its tooltip (and through
// editFailed()), until the next edit or document change.
#include <QAbstractTableModel>

#ifndef Q_MOC_RUN
#include "models/scenario/scenario.h"
#endif

#include <QStringList>

#include <functional>
#include <optional>
#include <vector>

namespace poolsim::ui {

class ScenarioDocument;

class ScenarioTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    /// For columns edited with a combo: the values offered (QStringList).
    static constexpr int ChoicesRole = Qt::UserRole + 1;

    explicit ScenarioTableModel(ScenarioDocument* document, QObject* parent = nullptr);

    /// The message of the last rejected edit; empty after an accepted one.
    QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex& parent = {}) const override;

Q_SIGNALS:
    void editFailed(const QString& message);

protected:
    /// Hands a changed copy of the scenario to the document: true when accepted.
    bool applyEdit(const std::function<void(models::Scenario&)>& change);
    /// applyEdit for the text typed into `index`: when rejected, the cell keeps the text,
    /// marked (rejectedData), as a field of the editor does.
    bool applyCellEdit(const QModelIndex& index, const QVariant& typed,
                       const std::function<void(models::Scenario&)>& change);
    /// What a rejected cell shows for `role` (its text, a red background, the message as its
    /// tooltip); invalid for any other cell or role. data() asks this first.
    QVariant rejectedData(const QModelIndex& index, int role) const;
    /// The number of rows shown, and the number `scenario` would give.
    virtual int itemCount() const = 0;
    virtual int itemCount(const models::Scenario& scenario) const = 0;
    /// Whether the rows show `scenario`'s list as it is.
    virtual bool shows(const models::Scenario& scenario) const = 0;
    /// Copies the list of `scenario` into the rows.
    virtual void reload(const models::Scenario& scenario) = 0;
    /// Calls reload with the model signals a view needs.
    void refresh();

    ScenarioDocument* m_document;

private:
    void clearRejected();

    QString m_lastError;
    struct Rejected
    {
        int row = -1, column = -1;
        QString text, message;
    };
    std::optional<Rejected> m_rejected;
};

} // namespace poolsim::ui
