#pragma once
// The editor's Service levels tab: the limits (slo:) and the alert rules (alerts:), each an
// editable table with add and remove, and "use the default rules" (alerts unset) against an
// explicit list of rules.
#include <QWidget>

class QCheckBox;
class QLabel;
class QTableView;

namespace poolsim::ui {

class AlertsRulesModel;
class ScenarioDocument;
class SloModel;

class SloAlertsEditor : public QWidget
{
    Q_OBJECT
public:
    explicit SloAlertsEditor(ScenarioDocument* document, QWidget* parent = nullptr);
    SloModel* sloModel() const { return m_slo; }
    AlertsRulesModel* alertsModel() const { return m_alerts; }
    QCheckBox* defaultRules() const { return m_defaultRules; }

private:
    QWidget* sloSection(ScenarioDocument* document);
    QWidget* alertsSection(ScenarioDocument* document);

    SloModel* m_slo;
    AlertsRulesModel* m_alerts;
    QTableView* m_sloTable = nullptr;
    QTableView* m_alertsTable = nullptr;
    QCheckBox* m_defaultRules = nullptr;
    QWidget* m_alertButtons = nullptr;
};

} // namespace poolsim::ui
