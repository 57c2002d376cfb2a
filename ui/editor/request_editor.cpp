#include "ui/editor/request_editor.h"

#include "models/scenario/failure_names.h"
#include "ui/core/scenario_document.h"
#include "ui/editor/distribution_editor.h"
#include "ui/editor/editor_fields.h"
#include "ui/editor/steps_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

namespace poolsim::ui {

namespace {

using models::Scenario;

bool isTrace(const models::Workload* w)
{
    return w && std::holds_alternative<models::TraceArrivals>(w->arrivals);
}

bool isZeroConstant(const models::DistributionSpec& d)
{
    const auto* c = std::get_if<models::ConstantDist>(&d);
    return c && c->value.isZero();
}

} // namespace

RequestEditor::RequestEditor(ScenarioDocument* document, QWidget* parent) : WorkloadPart(document, parent)
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    column->addLayout(form);

    FieldAccess shape;
    shape.path = [this] { return path(".hold"); };
    shape.read = [this](const Scenario& s) {
        const models::Workload* w = workload(s);
        if (!w || isTrace(w))
            return QString();
        return w->steps.empty() ? QStringLiteral("hold") : QStringLiteral("steps");
    };
    shape.commit = [this](const QString& chosen) {
        editWorkload([&](models::Workload& w) {
            const models::DistributionSpec fallback =
                models::ConstantDist{models::SimTime::fromSeconds(0.01)};
            if (chosen == QLatin1String("steps") && w.steps.empty()) {
                w.steps = {models::Step{false, w.hold.value_or(fallback), w.effectiveConnections()}};
                w.hold.reset();
                w.connections.reset();
                w.acquire.reset();
            } else if (chosen == QLatin1String("hold") && !w.steps.empty()) {
                const auto query =
                    std::find_if(w.steps.begin(), w.steps.end(), [](const auto& st) { return !st.isWork; });
                w.hold = query == w.steps.end() ? fallback : query->duration;
                if (query != w.steps.end() && query->connections != 1)
                    w.connections = query->connections;
                w.steps.clear();
                w.transaction.reset();
            }
        });
    };
    FieldBinding* shapeBinding =
        addComboField(document, form,
                      {QStringLiteral("workload.shape"),
                       tr("Shape"),
                       {},
                       tr("A request is shaped either by hold (with connections and acquire) or by steps "
                          "(a sequence of queries and application work, with transaction).")},
                      {{tr("hold: one hold of its connections"), QStringLiteral("hold")},
                       {tr("steps: queries and application work"), QStringLiteral("steps")}},
                      shape);
    track(shapeBinding);
    m_shape = qobject_cast<QComboBox*>(shapeBinding->widget());

    // A workload's own round trip: only with a database server, whose round trip it replaces.
    DistributionSlot roundTrip;
    roundTrip.path = [this] { return path(".round_trip"); };
    roundTrip.get = [this](const Scenario& s) -> const models::DistributionSpec* {
        const models::Workload* w = workload(s);
        return w && w->roundTrip ? &*w->roundTrip : nullptr;
    };
    roundTrip.set = [this](Scenario& s, const std::optional<models::DistributionSpec>& d) {
        s.workloads.at(static_cast<std::size_t>(m_index)).roundTrip = d;
    };
    roundTrip.defaultLabel = tr("the server's (database.capacity.round_trip)");
    m_roundTrip =
        new DistributionEditor(document, roundTrip, QStringLiteral("workload.round_trip"), tr("round trip"));
    track(m_roundTrip);
    m_roundTripLabel = new QLabel(tr("Round trip"));
    m_roundTripLabel->setToolTip(
        tr("This workload's queries' round trip (driver, network, a pooler's hop): time each query holds "
           "its connection beside its work on the server, using none of it. Replaces the server's round "
           "trip for this workload (a report's query that travels further than a login's)."));
    form->addRow(m_roundTripLabel, m_roundTrip);

    m_traceNote = new QLabel(tr("The trace gives each request's hold time and connections."));
    m_traceNote->setWordWrap(true);
    column->addWidget(m_traceNote);

    m_holdPage = holdPage();
    column->addWidget(m_holdPage);
    m_steps = new StepsEditor(document);
    column->addWidget(m_steps);
    column->addWidget(retryBox());
    updateView();
}

QWidget* RequestEditor::holdPage()
{
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

    DistributionSlot hold;
    hold.path = [this] { return path(".hold"); };
    hold.get = [this](const Scenario& s) -> const models::DistributionSpec* {
        const models::Workload* w = workload(s);
        return w && w->hold ? &*w->hold : nullptr;
    };
    hold.set = [this](Scenario& s, const std::optional<models::DistributionSpec>& d) {
        s.workloads.at(static_cast<std::size_t>(m_index)).hold = d;
    };
    hold.scaledByHoldScale = true;
    m_hold = new DistributionEditor(m_document, hold, QStringLiteral("workload.hold"), tr("hold time"));
    track(m_hold);
    auto* holdLabel = new QLabel(tr("Hold"));
    holdLabel->setToolTip(tr("How long a request holds its connections (a distribution). hold_scale "
                             "stretches it in the simulation."));
    form->addRow(holdLabel, m_hold);

    FieldAccess connections;
    connections.path = [this] { return path(".connections"); };
    connections.read = [this](const Scenario& s) {
        const models::Workload* w = workload(s);
        return w ? QString::number(w->effectiveConnections()) : QString();
    };
    track(addSpinField(m_document, form,
                       {QStringLiteral("workload.connections"), tr("Connections"), tr("per request"),
                        tr("Connections each request needs (>= 1, at most pool.size). Default 1.")},
                       1, 100000, connections));
    FieldAccess acquire;
    acquire.path = [this] { return path(".acquire"); };
    acquire.read = [this](const Scenario& s) {
        const models::Workload* w = workload(s);
        if (!w || !w->acquire)
            return QString();
        return *w->acquire == models::AcquireMode::OneByOne ? QStringLiteral("one_by_one")
                                                            : QStringLiteral("together");
    };
    acquire.unset = [this](Scenario& s) {
        s.workloads.at(static_cast<std::size_t>(m_index)).acquire.reset();
    };
    track(addComboField(m_document, form,
                        {QStringLiteral("workload.acquire"),
                         tr("Acquire"),
                         {},
                         tr("How a request needing several connections takes them: together (waits until "
                            "all are free and takes them at once) or one_by_one (holds the ones it has "
                            "while it waits for the next; each acquire has its own pool.timeout, and pools "
                            "can deadlock until timeouts fire). Default together.")},
                        {{tr("default (together)"), QString()},
                         {QStringLiteral("together"), QStringLiteral("together")},
                         {QStringLiteral("one_by_one"), QStringLiteral("one_by_one")}},
                        acquire));
    return page;
}

QWidget* RequestEditor::retryBox()
{
    auto* box = new QGroupBox(tr("Retry"));
    auto* column = new QVBoxLayout(box);
    auto* enabled = new QCheckBox(tr("Try failed requests again"));
    enabled->setObjectName(QStringLiteral("workload.retry"));
    FieldAccess retry;
    retry.path = [this] { return path(".retry"); };
    retry.read = [this](const Scenario& s) {
        const models::Workload* w = workload(s);
        return w && w->retry ? QStringLiteral("true") : QStringLiteral("false");
    };
    retry.commit = [this](const QString& on) {
        editWorkload([&](models::Workload& w) {
            if (on == QLatin1String("true"))
                w.retry = models::RetrySpec{2, models::ConstantDist{}, std::nullopt};
            else
                w.retry.reset();
        });
    };
    auto* retryBinding = new FieldBinding(m_document, enabled, retry);
    enabled->setToolTip(tr("Requests that failed in one of the ways Retry on lists (by default a pool "
                           "timeout only) are tried again, after a wait drawn from backoff, with the same "
                           "hold times as before."));
    track(retryBinding);
    column->addWidget(enabled);
    column->addWidget(retryBinding->errorLabel());

    m_retryFields = new QWidget;
    auto* form = new QFormLayout(m_retryFields);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    FieldAccess attempts;
    attempts.path = [this] { return path(".retry.attempts"); };
    attempts.read = [this](const Scenario& s) {
        const models::Workload* w = workload(s);
        return w && w->retry ? QString::number(w->retry->attempts) : QStringLiteral("1");
    };
    track(addSpinField(m_document, form,
                       {QStringLiteral("workload.retry.attempts"), tr("Attempts"), tr("tries in all"),
                        tr("Tries in all, the first included (1 to 1000): 3 means up to two retries.")},
                       1, 1000, attempts));
    DistributionSlot backoff;
    backoff.path = [this] { return path(".retry.backoff"); };
    backoff.get = [this](const Scenario& s) -> const models::DistributionSpec* {
        const models::Workload* w = workload(s);
        return w && w->retry && !isZeroConstant(w->retry->backoff) ? &w->retry->backoff : nullptr;
    };
    backoff.set = [this](Scenario& s, const std::optional<models::DistributionSpec>& d) {
        auto& w = s.workloads.at(static_cast<std::size_t>(m_index));
        if (w.retry)
            w.retry->backoff = d.value_or(models::ConstantDist{});
    };
    backoff.defaultLabel = tr("0 (default: at once)");
    auto* backoffEditor =
        new DistributionEditor(m_document, backoff, QStringLiteral("workload.retry.backoff"));
    track(backoffEditor);
    auto* backoffLabel = new QLabel(tr("Backoff"));
    backoffLabel->setToolTip(tr("The wait before each new try (a distribution). Default 0."));
    form->addRow(backoffLabel, backoffEditor);
    form->addRow(retryOnLabel(), retryOnList());
    column->addWidget(m_retryFields);
    return box;
}

QLabel* RequestEditor::retryOnLabel()
{
    auto* label = new QLabel(tr("Retry on"));
    label->setToolTip(tr("The outcomes of a try that are tried again (retry.on); a pool timeout only by "
                         "default. client_timeout needs the workload's client timeout."));
    return label;
}

QWidget* RequestEditor::retryOnList()
{
    // One check box per outcome, in the documentation's order: ticking one adds it to retry.on.
    auto* list = new QWidget;
    auto* grid = new QGridLayout(list);
    grid->setContentsMargins(0, 0, 0, 0);
    int n = 0;
    for (const auto& [name, kind] : models::kFailureKindNames) {
        const QString text = QString::fromUtf8(name.data(), static_cast<qsizetype>(name.size()));
        auto* box = new QCheckBox(text);
        box->setObjectName(QStringLiteral("workload.retry.on.") + text);
        FieldAccess on;
        on.path = [this] { return path(".retry.on"); };
        on.read = [this, kind](const Scenario& s) {
            const models::Workload* w = workload(s);
            if (!w || !w->retry)
                return QStringLiteral("false");
            const std::vector<models::FailureKind> kinds = w->retry->effectiveOn();
            return std::find(kinds.begin(), kinds.end(), kind) != kinds.end() ? QStringLiteral("true")
                                                                              : QStringLiteral("false");
        };
        on.commit = [this, kind](const QString& ticked) {
            editWorkload([&](models::Workload& w) {
                if (!w.retry)
                    return;
                const std::vector<models::FailureKind> before = w.retry->effectiveOn();
                std::vector<models::FailureKind> after;
                for (const auto& [otherName, other] : models::kFailureKindNames) {
                    const bool listed = other == kind
                                            ? ticked == QLatin1String("true")
                                            : std::find(before.begin(), before.end(), other) != before.end();
                    if (listed)
                        after.push_back(other);
                }
                // The default written as the default; an empty list is the loader's to refuse.
                if (after == std::vector{models::FailureKind::Timeout})
                    w.retry->on.reset();
                else
                    w.retry->on = after;
            });
        };
        auto* binding = new FieldBinding(m_document, box, on);
        track(binding);
        grid->addWidget(box, n / 2, n % 2);
        grid->addWidget(binding->errorLabel(), 10 + n, 0, 1, 2);
        ++n;
    }
    return list;
}

void RequestEditor::setWorkloadIndex(int index)
{
    WorkloadPart::setWorkloadIndex(index);
    m_steps->setWorkloadIndex(index);
}

void RequestEditor::updateView()
{
    const models::Workload* w = workload(m_document->scenario());
    const bool trace = isTrace(w);
    m_traceNote->setVisible(trace);
    m_shape->setEnabled(w && !trace);
    const bool steps = w && !w->steps.empty();
    m_holdPage->setVisible(w && !trace && !steps);
    m_steps->setVisible(w && !trace && steps);
    m_retryFields->setVisible(w && w->retry);
    const bool server = m_document->scenario().database.capacity.has_value();
    m_roundTrip->setVisible(w && server);
    m_roundTripLabel->setVisible(w && server);
}

} // namespace poolsim::ui
