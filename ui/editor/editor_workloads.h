#pragma once
// The editor's Workloads tab: the table of workloads with add, duplicate, remove and reorder
// (each a changed copy of the scenario handed to the document), and the panel of the selected
// workload below it.
#include <QWidget>

#ifndef Q_MOC_RUN
#include "models/scenario/scenario.h"
#endif

#include <functional>
#include <vector>

class QLabel;
class QTableView;

namespace poolsim::ui {

class ScenarioDocument;
class WorkloadPanel;
class WorkloadsModel;

class WorkloadsEditor : public QWidget
{
    Q_OBJECT
public:
    explicit WorkloadsEditor(ScenarioDocument* document, QWidget* parent = nullptr);

    WorkloadsModel* model() const { return m_model; }
    QTableView* table() const { return m_table; }
    WorkloadPanel* panel() const { return m_panel; }
    /// The message of the last rejected list change (empty when it was accepted).
    QString errorText() const;
    int currentWorkload() const { return m_current; }
    void selectWorkload(int row);

    void addWorkload();
    void duplicateWorkload();
    void removeWorkload();
    void moveWorkload(int by);

private:
    void refresh();
    /// Hands the changed workload list to the document, then selects the row `change`
    /// returns; a rejected change (a variant or service level naming a removed workload) shows
    /// the loader's message.
    void edit(const std::function<int(std::vector<models::Workload>&)>& change);

    ScenarioDocument* m_document;
    WorkloadsModel* m_model;
    QTableView* m_table;
    QLabel* m_error;
    WorkloadPanel* m_panel;
    int m_current = -1;
};

} // namespace poolsim::ui
