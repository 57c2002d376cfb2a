#include "ui/editor/scenario_editor.h"

#include "ui/core/scenario_document.h"
#include "ui/editor/editor_database.h"
#include "ui/editor/editor_general.h"
#include "ui/editor/editor_slo_alerts.h"
#include "ui/editor/editor_variants.h"
#include "ui/editor/editor_workloads.h"
#include "ui/editor/yaml_tab.h"

#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

namespace poolsim::ui {

ScenarioEditor::ScenarioEditor(ScenarioDocument* document, QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("scenarioEditor"));
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("editor.tabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setUsesScrollButtons(true);
    column->addWidget(m_tabs);

    m_settings = new SettingsEditor(document);
    auto* scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_settings);
    m_tabs->addTab(scroll, tr("Settings"));
    m_tabs->setTabToolTip(0, tr("General settings, the pool, the backend instances and the database."));

    m_workloads = new WorkloadsEditor(document);
    m_tabs->addTab(m_workloads, tr("Workloads"));
    m_tabs->setTabToolTip(1, tr("The streams of requests: arrivals and request shapes."));

    m_variants = new VariantsEditor(document);
    m_tabs->addTab(m_variants, tr("Variants"));
    m_tabs->setTabToolTip(2, tr("Named what-ifs, compared side by side by Run."));

    m_sloAlerts = new SloAlertsEditor(document);
    m_tabs->addTab(m_sloAlerts, tr("SLO && alerts"));
    m_tabs->setTabToolTip(3, tr("Service levels the results must meet, and alert rules over the timeline."));

    m_database = new DatabaseEditor(document);
    auto* databaseScroll = new QScrollArea;
    databaseScroll->setObjectName(QStringLiteral("editor.database"));
    databaseScroll->setWidgetResizable(true);
    databaseScroll->setFrameShape(QFrame::NoFrame);
    databaseScroll->setWidget(m_database);
    m_tabs->addTab(databaseScroll, tr("Database"));
    m_tabs->setTabToolTip(4, tr("The database server's capacity under concurrent queries, and its fit "
                                "from a load test's throughput curve."));

    m_yaml = new YamlTab(document);
    m_tabs->addTab(m_yaml, tr("YAML"));
    m_tabs->setTabToolTip(5, tr("The scenario as text, kept in sync with the form."));
}

QSize ScenarioEditor::sizeHint() const
{
    return {460, 720};
}

} // namespace poolsim::ui
