#pragma once
// The scenario editor (a dock of the main window): tabs for the settings (general, pool,
// backend, database), the workloads, the variants, the service levels and alert rules, the
// database server's capacity with its fit from a load test, and the scenario as YAML. Every edit goes through
// the document, checked as the loader checks a file; a rejected value is marked at its field with the
// loader's message.
#include <QWidget>

class QTabWidget;

namespace poolsim::ui {

class DatabaseEditor;
class ScenarioDocument;
class SettingsEditor;
class SloAlertsEditor;
class VariantsEditor;
class WorkloadsEditor;
class YamlTab;

class ScenarioEditor : public QWidget
{
    Q_OBJECT
public:
    ScenarioEditor(ScenarioDocument* document, QWidget* parent = nullptr);

    QTabWidget* tabs() const { return m_tabs; }
    SettingsEditor* settings() const { return m_settings; }
    WorkloadsEditor* workloads() const { return m_workloads; }
    VariantsEditor* variants() const { return m_variants; }
    SloAlertsEditor* sloAlerts() const { return m_sloAlerts; }
    DatabaseEditor* database() const { return m_database; }
    YamlTab* yaml() const { return m_yaml; }

    QSize sizeHint() const override;

private:
    QTabWidget* m_tabs;
    SettingsEditor* m_settings;
    WorkloadsEditor* m_workloads;
    VariantsEditor* m_variants;
    SloAlertsEditor* m_sloAlerts;
    DatabaseEditor* m_database;
    YamlTab* m_yaml;
};

} // namespace poolsim::ui
