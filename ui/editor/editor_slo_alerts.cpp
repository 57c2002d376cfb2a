#include "ui/editor/editor_slo_alerts.h"

#include "ui/core/scenario_document.h"
#include "ui/editor/alerts_rules_model.h"
#include "ui/editor/editor_widgets.h"
#include "ui/editor/slo_model.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace poolsim::ui {

namespace {

/// The service levels' and the alert rules' tables: every column fits its contents.
constexpr TableStyle kRulesTable{.choices = true, .fitColumns = true, .rowPadding = 10};

int currentRow(const QTableView* table)
{
    return table->currentIndex().isValid() ? table->currentIndex().row() : -1;
}

} // namespace

SloAlertsEditor::SloAlertsEditor(ScenarioDocument* document, QWidget* parent)
    : QWidget(parent), m_slo(new SloModel(document, this)), m_alerts(new AlertsRulesModel(document, this))
{
    auto* column = new QVBoxLayout(this);
    column->addWidget(sloSection(document), 1);
    column->addWidget(alertsSection(document), 1);
}

QWidget* SloAlertsEditor::sloSection(ScenarioDocument* document)
{
    auto* box = new QGroupBox(tr("Service levels (slo)"));
    auto* column = new QVBoxLayout(box);
    auto* intro = new QLabel(tr("Limits on the summary metrics. A limit is met when the upper end of the "
                                "95% confidence interval is within it."));
    intro->setWordWrap(true);
    column->addWidget(intro);
    m_sloTable = makeTable(QStringLiteral("slo.table"), m_slo, kRulesTable);
    column->addWidget(m_sloTable);
    auto* buttons = new QHBoxLayout;
    connect(makeButton(buttons, QStringLiteral("slo.add"), tr("Add"),
                       tr("A limit on all requests, with the first metric not limited yet.")),
            &QPushButton::clicked, this, [this] { m_slo->addLimit(); });
    connect(
        makeButton(buttons, QStringLiteral("slo.remove"), tr("Remove"), tr("Removes the selected limit.")),
        &QPushButton::clicked, this, [this] { m_slo->removeLimit(currentRow(m_sloTable)); });
    buttons->addStretch(1);
    column->addLayout(buttons);
    QLabel* error = newErrorLabel(QStringLiteral("slo.error"));
    column->addWidget(error);
    connect(m_slo, &SloModel::editFailed, error, [error](const QString& message) {
        error->setText(message);
        error->show();
    });
    connect(document, &ScenarioDocument::changed, error, &QLabel::hide);
    return box;
}

QWidget* SloAlertsEditor::alertsSection(ScenarioDocument* document)
{
    auto* box = new QGroupBox(tr("Alert rules (alerts)"));
    auto* column = new QVBoxLayout(box);
    m_defaultRules = new QCheckBox(tr("Use the default rules"));
    m_defaultRules->setObjectName(QStringLiteral("alerts.defaults"));
    m_defaultRules->setToolTip(
        tr("Without an alerts key, four default rules apply, those teams commonly deploy: pool-saturated "
           "(utilization above 80% for 1m), slow-waits (wait_p95 above 1s), timeouts (any in 5m) and "
           "slow-responses (response_p99 above 5s). Untick to edit them as the scenario's own list."));
    m_defaultRules->setChecked(m_alerts->usesDefaults());
    column->addWidget(m_defaultRules);
    m_alertsTable = makeTable(QStringLiteral("alerts.table"), m_alerts, kRulesTable);
    column->addWidget(m_alertsTable);

    m_alertButtons = new QWidget;
    auto* buttons = new QHBoxLayout(m_alertButtons);
    buttons->setContentsMargins(0, 0, 0, 0);
    connect(makeButton(buttons, QStringLiteral("alerts.add"), tr("Add"),
                       tr("A new rule (the list becomes the scenario's own).")),
            &QPushButton::clicked, this, [this] { m_alerts->addRule(); });
    connect(makeButton(buttons, QStringLiteral("alerts.remove"), tr("Remove"),
                       tr("Removes the selected rule (an empty list means no rules at all).")),
            &QPushButton::clicked, this, [this] { m_alerts->removeRule(currentRow(m_alertsTable)); });
    buttons->addStretch(1);
    column->addWidget(m_alertButtons);
    QLabel* error = newErrorLabel(QStringLiteral("alerts.error"));
    column->addWidget(error);
    connect(m_alerts, &AlertsRulesModel::editFailed, error, [error](const QString& message) {
        error->setText(message);
        error->show();
    });
    connect(document, &ScenarioDocument::changed, error, &QLabel::hide);

    const auto showMode = [this](bool defaults) {
        m_defaultRules->setChecked(defaults);
        m_alertButtons->findChild<QPushButton*>(QStringLiteral("alerts.remove"))->setEnabled(!defaults);
    };
    connect(m_alerts, &AlertsRulesModel::usesDefaultsChanged, this, showMode);
    connect(m_defaultRules, &QCheckBox::clicked, this, [this](bool checked) {
        if (!m_alerts->setUseDefaults(checked))
            m_defaultRules->setChecked(m_alerts->usesDefaults());
    });
    showMode(m_alerts->usesDefaults());
    return box;
}

} // namespace poolsim::ui
