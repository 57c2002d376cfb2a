#include "ui/editor/caller_editor.h"

#include "ui/core/scenario_document.h"
#include "ui/editor/editor_fields.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace poolsim::ui {

using models::Scenario;

CallerEditor::CallerEditor(ScenarioDocument* document, QWidget* parent) : WorkloadPart(document, parent)
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    column->addLayout(form);

    FieldAccess timeout;
    timeout.path = [this] { return path(".client_timeout"); };
    timeout.read = [this](const Scenario& s) {
        const models::Workload* w = workload(s);
        return w ? optionalDurationText(w->clientTimeout) : QString();
    };
    timeout.unset = [this](Scenario& s) {
        models::Workload& w = s.workloads.at(static_cast<std::size_t>(m_index));
        w.clientTimeout.reset();
        w.cancelOnTimeout.reset();  // only with a client timeout
        if (w.retry && w.retry->on) // client_timeout in retry.on needs one too
            std::erase(*w.retry->on, models::FailureKind::ClientTimeout);
        if (w.retry && w.retry->on && w.retry->on->empty())
            w.retry->on.reset();
    };
    timeout.placeholder = [](const Scenario&) { return tr("none (default)"); };
    track(
        addLineField(m_document, form,
                     {QStringLiteral("workload.client_timeout"), tr("Client timeout"), tr("duration or none"),
                      tr("The caller gives up on a try after this long (> 0), measured from the try's "
                         "start; the try ends for it as client_timeout. Empty or none: the caller waits "
                         "as long as the request takes (the default).")},
                     timeout));

    m_cancel = new QCheckBox(tr("Giving up cancels the work at the backend"));
    m_cancel->setObjectName(QStringLiteral("workload.cancel_on_timeout"));
    m_cancel->setToolTip(tr("cancel_on_timeout: on, a try the caller gave up on leaves the pool's queue and "
                            "its queries are cancelled. Off (the default), its work runs on for a caller "
                            "that is gone. Only with a client timeout."));
    FieldAccess cancel;
    cancel.path = [this] { return path(".cancel_on_timeout"); };
    cancel.read = [this](const Scenario& s) {
        const models::Workload* w = workload(s);
        return w && w->effectiveCancelOnTimeout() ? QStringLiteral("true") : QStringLiteral("false");
    };
    cancel.commit = [this](const QString& on) {
        editWorkload([&](models::Workload& w) {
            if (on == QLatin1String("true"))
                w.cancelOnTimeout = true;
            else
                w.cancelOnTimeout.reset(); // false is the default
        });
    };
    auto* cancelBinding = new FieldBinding(m_document, m_cancel, cancel);
    track(cancelBinding);
    column->addWidget(m_cancel);
    column->addWidget(cancelBinding->errorLabel());
    updateView();
}

void CallerEditor::updateView()
{
    const models::Workload* w = workload(m_document->scenario());
    m_cancel->setEnabled(w && w->clientTimeout);
}

} // namespace poolsim::ui
