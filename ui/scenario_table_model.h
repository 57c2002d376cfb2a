#pragma once
// Base of the editor's editable tables over a list of the scenario (variants, service levels,
// alert rules). Rows are a copy of the list, updated when the document changes (in place when
// their number is the same, so that a selection survives); an edit is a changed copy of the
// scenario handed to the document, which checks it as the loader would. A rejected edit leaves
// the row as it was and reports the loader's message through editFailed().
#include <QAbstractTableModel>

#ifndef Q_MOC_RUN
#include "models/scenario.h"
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
    QString m_lastError;
};

} // namespace poolsim::ui
