#include "ui/editor/editor_failures.h"

#include "models/scenario/failure_names.h"
#include "ui/core/scenario_document.h"
#include "ui/editor/distribution_editor.h"
#include "ui/editor/editor_fields.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace poolsim::ui {

namespace {

using models::Scenario;

QFormLayout* newForm(QWidget* parent = nullptr)
{
    auto* form = new QFormLayout(parent);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight);
    return form;
}

QString nameText(std::string_view name)
{
    return QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
}

/// A duration of the probe: its text, or "" when the probe or the value is unset.
FieldAccess probeDuration(const std::string& key, std::optional<models::SimTime> models::HealthCheck::*member,
                          const QString& byDefault)
{
    return pathAccess(
        "backend.health_check." + key,
        [member](const Scenario& s) {
            return s.backend.healthCheck ? optionalDurationText((*s.backend.healthCheck).*member) : QString();
        },
        [member](Scenario& s) {
            if (s.backend.healthCheck)
                ((*s.backend.healthCheck).*member).reset();
        },
        [byDefault](const Scenario&) { return byDefault; });
}

} // namespace

FailureLoopEditor::FailureLoopEditor(ScenarioDocument* document, QWidget* parent)
    : QGroupBox(tr("Failure loop (backend)"), parent), m_document(document)
{
    setObjectName(QStringLiteral("section.failures"));
    auto* column = new QVBoxLayout(this);

    // The probe: on or off, its fields only while it is on.
    m_healthCheck = new QCheckBox(tr("Liveness probe through the pool (health_check)"));
    m_healthCheck->setObjectName(QStringLiteral("backend.health_check"));
    m_healthCheck->setToolTip(
        tr("Probe each instance as Kubernetes' liveness probe does: its query needs a connection from the "
           "instance's own pool, and failures probes in a row that do not answer within timeout make the "
           "instance fail. Off: instances are never probed."));
    FieldAccess check;
    check.path = [] { return std::string("backend.health_check"); };
    check.read = [](const Scenario& s) {
        return s.backend.healthCheck ? QStringLiteral("true") : QStringLiteral("false");
    };
    check.commit = [document](const QString& on) {
        Scenario s = document->scenario();
        if (on != QLatin1String("true"))
            s.backend.healthCheck.reset();
        else if (!s.backend.healthCheck)
            s.backend.healthCheck = models::HealthCheck{}; // Kubernetes' defaults
        document->setScenario(s);
    };
    auto* checkBinding = new FieldBinding(document, m_healthCheck, check);
    column->addWidget(m_healthCheck);
    column->addWidget(checkBinding->errorLabel());

    m_probeFields = new QWidget;
    QFormLayout* probe = newForm(m_probeFields);
    probe->setContentsMargins(0, 0, 0, 0);
    addLineField(document, probe,
                 {QStringLiteral("backend.health_check.every"), tr("Every"), tr("duration"),
                  tr("Time between probes of one instance (> 0; Kubernetes' periodSeconds). The first comes "
                     "this long after the instance starts. Default 10s.")},
                 probeDuration("every", &models::HealthCheck::every, tr("10s (default)")));
    addLineField(document, probe,
                 {QStringLiteral("backend.health_check.timeout"), tr("Timeout"), tr("duration"),
                  tr("A probe not answered within this, its wait for a connection included, fails (> 0; "
                     "timeoutSeconds). Default 1s.")},
                 probeDuration("timeout", &models::HealthCheck::timeout, tr("1s (default)")));
    addLineField(document, probe,
                 {QStringLiteral("backend.health_check.failures"), tr("Failures"), tr("in a row"),
                  tr("Consecutive failed probes that make the instance fail (>= 1; failureThreshold). "
                     "Default 3.")},
                 pathAccess(
                     "backend.health_check.failures",
                     [](const Scenario& s) {
                         return s.backend.healthCheck ? optionalIntText(s.backend.healthCheck->failures)
                                                      : QString();
                     },
                     [](Scenario& s) {
                         if (s.backend.healthCheck)
                             s.backend.healthCheck->failures.reset();
                     },
                     [](const Scenario&) { return tr("3 (default)"); }));
    DistributionSlot hold;
    hold.path = [] { return std::string("backend.health_check.hold"); };
    hold.get = [](const Scenario& s) -> const models::DistributionSpec* {
        return s.backend.healthCheck && s.backend.healthCheck->hold ? &*s.backend.healthCheck->hold : nullptr;
    };
    hold.set = [](Scenario& s, const std::optional<models::DistributionSpec>& d) {
        if (s.backend.healthCheck)
            s.backend.healthCheck->hold = d;
    };
    hold.defaultLabel = tr("1ms (default: a SELECT 1)");
    auto* holdEditor = new DistributionEditor(document, hold, QStringLiteral("backend.health_check.hold"));
    auto* holdLabel = new QLabel(tr("Query"));
    const QString holdTip =
        tr("How long the probe's query holds its connection (a distribution). Default 1ms.");
    holdLabel->setToolTip(holdTip);
    holdEditor->setToolTip(holdTip);
    probe->addRow(holdLabel, holdEditor);
    column->addWidget(m_probeFields);

    QFormLayout* form = newForm();
    column->addLayout(form);
    addLineField(document, form,
                 {QStringLiteral("backend.restart"), tr("Restart"), tr("duration or none"),
                  tr("How long a failed instance is down before it starts again with a cold pool (>= 0); "
                     "none: it stays down. Default 10s.")},
                 pathAccess(
                     "backend.restart", [](const Scenario& s) { return timeoutText(s.backend.restart); },
                     [](Scenario& s) { s.backend.restart.reset(); },
                     [](const Scenario&) { return tr("10s (default)"); }));
    addLineField(document, form,
                 {QStringLiteral("backend.max_pending"), tr("Max pending"), tr("requests"),
                  tr("Requests that may wait for a connection at one instance (>= 0); one more overloads "
                     "it. Empty: unlimited (the default), and no overload.")},
                 pathAccess(
                     "backend.max_pending",
                     [](const Scenario& s) { return optionalIntText(s.backend.maxPending); },
                     [](Scenario& s) {
                         s.backend.maxPending.reset();
                         s.backend.onOverload.reset(); // needs max_pending
                     },
                     [](const Scenario&) { return tr("unlimited (default)"); }));
    QList<QPair<QString, QString>> actions{{tr("default (crash)"), QString()}};
    for (const auto& [name, action] : models::kOverloadActionNames)
        actions.append({nameText(name), nameText(name)});
    FieldBinding* overload = addComboField(
        document, form,
        {QStringLiteral("backend.on_overload"),
         tr("On overload"),
         {},
         tr("What an instance does beyond max_pending: crash (fails, as a process out of memory) or reject "
            "(answers the new request at once with an error and keeps running). Only with max_pending. "
            "Default crash.")},
        actions,
        pathAccess(
            "backend.on_overload",
            [](const Scenario& s) {
                return s.backend.onOverload ? nameText(models::overloadActionName(*s.backend.onOverload))
                                            : QString();
            },
            [](Scenario& s) { s.backend.onOverload.reset(); }));
    m_onOverload = qobject_cast<QComboBox*>(overload->widget());

    connect(document, &ScenarioDocument::changed, this, &FailureLoopEditor::updateView);
    updateView();
}

void FailureLoopEditor::updateView()
{
    const models::BackendConfig& backend = m_document->scenario().backend;
    m_probeFields->setVisible(backend.healthCheck.has_value());
    m_onOverload->setEnabled(backend.maxPending.has_value());
}

} // namespace poolsim::ui
