#include "ui/editor/arrivals_editor.h"

#include "models/scenario/units.h"
#include "ui/core/scenario_document.h"
#include "ui/editor/distribution_editor.h"
#include "ui/editor/distribution_text.h"
#include "ui/editor/editor_fields.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include <stdexcept>

namespace poolsim::ui {

namespace {

using models::Scenario;

template <class T> const T* arrivalsOf(const models::Workload* w)
{
    return w ? std::get_if<T>(&w->arrivals) : nullptr;
}

QString fmt(models::SimTime t)
{
    return QString::fromStdString(models::formatDuration(t));
}

QFormLayout* pageForm(QWidget* page)
{
    auto* form = new QFormLayout(page);
    form->setContentsMargins(0, 0, 0, 0);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    return form;
}

} // namespace

ArrivalsEditor::ArrivalsEditor(ScenarioDocument* document, QWidget* parent) : WorkloadPart(document, parent)
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    column->addLayout(form);

    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("workload.arrivals.kind"));
    const QStringList labels = {
        tr("poisson: at random, at a rate"),      tr("profile: a rate changing over time"),
        tr("burst: groups at set times"),         tr("users: a closed population"),
        tr("batch: a job working through items"), tr("trace: replay of recorded requests")};
    const QStringList kinds = arrivalKinds();
    for (qsizetype i = 0; i < kinds.size(); ++i)
        m_kind->addItem(labels[i], kinds[i]);
    FieldAccess kindAccess;
    kindAccess.path = [this] { return path(".arrivals"); };
    kindAccess.read = [this](const Scenario& s) { return currentKind(s); };
    kindAccess.commit = [this](const QString& kind) {
        const models::Workload* w = workload(m_document->scenario());
        if (!w)
            return;
        if (kind == QLatin1String("trace")) {
            // A trace needs a file: wait for its path on the trace page.
            m_pendingTrace = !std::holds_alternative<models::TraceArrivals>(w->arrivals);
            updateView();
            return;
        }
        m_pendingTrace = false;
        const std::optional<models::ArrivalSpec> spec = defaultArrivals(kind);
        if (!spec || arrivalKind(w->arrivals) == kind)
            return;
        editWorkload([&](models::Workload& wl) {
            wl.arrivals = *spec;
            if (!wl.hold && wl.steps.empty()) // coming from a trace, which gave the holds
                wl.hold = models::ExponentialDist{models::SimTime::fromSeconds(0.1)};
        });
    };
    auto* kindBinding = new FieldBinding(document, m_kind, kindAccess);
    track(kindBinding);
    addFieldRow(form, tr("Kind"), kindBinding, {},
                tr("When requests arrive. Changing the kind starts the new one from small values."));

    m_pages = {poissonPage(), profilePage(), burstPage(), usersPage(), batchPage(), tracePage()};
    for (QWidget* page : std::as_const(m_pages))
        column->addWidget(page);
    updateView();
}

void ArrivalsEditor::setWorkloadIndex(int index)
{
    m_pendingTrace = false;
    WorkloadPart::setWorkloadIndex(index);
}

QString ArrivalsEditor::currentKind(const Scenario& scenario) const
{
    if (m_pendingTrace)
        return QStringLiteral("trace");
    const models::Workload* w = workload(scenario);
    return w ? arrivalKind(w->arrivals) : QString();
}

void ArrivalsEditor::updateView()
{
    const qsizetype page = arrivalKinds().indexOf(currentKind(m_document->scenario()));
    for (qsizetype i = 0; i < m_pages.size(); ++i)
        m_pages[i]->setVisible(i == page);
}

QWidget* ArrivalsEditor::poissonPage()
{
    auto* page = new QWidget;
    QFormLayout* form = pageForm(page);
    FieldAccess rate;
    rate.path = [this] { return path(".arrivals.poisson"); };
    rate.read = [this](const Scenario& s) {
        const auto* a = arrivalsOf<models::PoissonArrivals>(workload(s));
        return a ? QString::fromStdString(models::formatRate(a->rate)) : QString();
    };
    track(addLineField(m_document, form,
                       {QStringLiteral("workload.arrivals.poisson"), tr("Rate"), tr("per s, m or h"),
                        tr("Requests arrive independently at random, on average this many per unit of "
                           "time (45/s, 300/m, 2/h; a plain number is per second).")},
                       rate));
    return page;
}

QWidget* ArrivalsEditor::profilePage()
{
    auto* page = new QWidget;
    QFormLayout* form = pageForm(page);
    auto* points = new QPlainTextEdit;
    points->setObjectName(QStringLiteral("workload.arrivals.profile"));
    points->setTabChangesFocus(true);
    points->setFixedHeight(points->fontMetrics().lineSpacing() * 5 + 12);
    FieldAccess access;
    access.path = [this] { return path(".arrivals.profile"); };
    access.read = [this](const Scenario& s) {
        const auto* a = arrivalsOf<models::ProfileArrivals>(workload(s));
        if (!a)
            return QString();
        QStringList lines;
        for (const auto& p : a->points)
            lines << QStringLiteral("%1, %2").arg(fmt(p.at),
                                                  QString::fromStdString(models::formatRate(p.rate)));
        return lines.join(QLatin1Char('\n'));
    };
    access.placeholder = [](const Scenario&) { return QStringLiteral("0h, 2/s\n9h, 40/s\n18h, 10/s"); };
    access.commit = [this](const QString& text) {
        models::ProfileArrivals profile;
        int lineNumber = 0;
        for (const QString& line : text.split(QLatin1Char('\n'))) {
            ++lineNumber;
            if (line.trimmed().isEmpty())
                continue;
            const qsizetype comma = line.indexOf(QLatin1Char(','));
            if (comma < 0)
                throw std::invalid_argument(
                    tr("line %1: expected 'time, rate' such as '6h, 5/s'").arg(lineNumber).toStdString());
            try {
                profile.points.push_back({models::parseDuration(line.left(comma).trimmed().toStdString()),
                                          models::parseRate(line.mid(comma + 1).trimmed().toStdString())});
            } catch (const std::invalid_argument& e) {
                throw std::invalid_argument(
                    tr("line %1: %2")
                        .arg(QString::number(lineNumber), QString::fromStdString(e.what()))
                        .toStdString());
            }
        }
        editWorkload([&](models::Workload& w) { w.arrivals = profile; });
    };
    auto* binding = new FieldBinding(m_document, points, access);
    track(binding);
    addFieldRow(form, tr("Points"), binding, tr("time, rate\nper line"),
                tr("A Poisson process whose rate changes over time: one [time, rate] point per line, "
                   "times strictly increasing. Each point's rate holds from its time until the next "
                   "point's; before the first point the rate is 0. Applied when the field loses focus."));
    return page;
}

QWidget* ArrivalsEditor::burstPage()
{
    auto* page = new QWidget;
    QFormLayout* form = pageForm(page);
    const auto burst = [this](const Scenario& s) { return arrivalsOf<models::BurstArrivals>(workload(s)); };
    FieldAccess at;
    at.path = [this] { return path(".arrivals.burst.at"); };
    at.read = [burst](const Scenario& s) {
        const auto* b = burst(s);
        return b ? fmt(b->at) : QString();
    };
    track(addLineField(m_document, form,
                       {QStringLiteral("workload.arrivals.burst.at"), tr("At"), tr("time"),
                        tr("When the (first) burst starts, from the start of the simulation.")},
                       at));
    FieldAccess count;
    count.path = [this] { return path(".arrivals.burst.count"); };
    count.read = [burst](const Scenario& s) {
        const auto* b = burst(s);
        return b ? QString::number(b->count) : QString();
    };
    track(addSpinField(m_document, form,
                       {QStringLiteral("workload.arrivals.burst.count"), tr("Count"), tr("requests"),
                        tr("Requests in each burst (1 to 1,000,000,000).")},
                       1, 1'000'000'000, count));
    FieldAccess within;
    within.path = [this] { return path(".arrivals.burst.within"); };
    within.read = [burst](const Scenario& s) {
        const auto* b = burst(s);
        return b && !b->within.isZero() ? fmt(b->within) : QString();
    };
    within.unset = [this](Scenario& s) {
        if (auto* b = std::get_if<models::BurstArrivals>(
                &s.workloads.at(static_cast<std::size_t>(m_index)).arrivals))
            b->within = models::SimTime::zero();
    };
    within.placeholder = [](const Scenario&) { return tr("0 (all at once)"); };
    track(addLineField(m_document, form,
                       {QStringLiteral("workload.arrivals.burst.within"), tr("Within"), tr("duration"),
                        tr("The requests arrive at uniformly random times within [at, at + within). "
                           "Default 0: all at at.")},
                       within));
    FieldAccess every;
    every.path = [this] { return path(".arrivals.burst.every"); };
    every.read = [burst](const Scenario& s) {
        const auto* b = burst(s);
        return b ? optionalDurationText(b->every) : QString();
    };
    every.unset = [this](Scenario& s) {
        if (auto* b = std::get_if<models::BurstArrivals>(
                &s.workloads.at(static_cast<std::size_t>(m_index)).arrivals))
            b->every.reset();
    };
    every.placeholder = [](const Scenario&) { return tr("once"); };
    track(addLineField(m_document, form,
                       {QStringLiteral("workload.arrivals.burst.every"), tr("Every"), tr("duration"),
                        tr("With every (> 0) it repeats at at + every, at + 2 every, and so on. "
                           "Empty: once.")},
                       every));
    return page;
}

QWidget* ArrivalsEditor::usersPage()
{
    auto* page = new QWidget;
    QFormLayout* form = pageForm(page);
    FieldAccess users;
    users.path = [this] { return path(".arrivals.users"); };
    users.read = [this](const Scenario& s) {
        const auto* u = arrivalsOf<models::UsersArrivals>(workload(s));
        return u ? QString::number(u->users) : QString();
    };
    track(addSpinField(m_document, form,
                       {QStringLiteral("workload.arrivals.users"), tr("Users"), tr("users"),
                        tr("A closed population (1 to 1,000,000): each user thinks, sends a request, "
                           "waits for it to end, and thinks again. A slow pool slows the users down.")},
                       1, 1'000'000, users));
    DistributionSlot think;
    think.path = [this] { return path(".arrivals.think"); };
    think.get = [this](const Scenario& s) -> const models::DistributionSpec* {
        const auto* u = arrivalsOf<models::UsersArrivals>(workload(s));
        return u ? &u->think : nullptr;
    };
    think.set = [this](Scenario& s, const std::optional<models::DistributionSpec>& d) {
        if (auto* u = std::get_if<models::UsersArrivals>(
                &s.workloads.at(static_cast<std::size_t>(m_index)).arrivals);
            u && d)
            u->think = *d;
    };
    auto* thinkEditor = new DistributionEditor(m_document, think, QStringLiteral("workload.arrivals.think"));
    track(thinkEditor);
    auto* label = new QLabel(tr("Think"));
    label->setToolTip(tr("How long a user thinks between requests (a distribution, required)."));
    form->addRow(label, thinkEditor);
    return page;
}

QWidget* ArrivalsEditor::batchPage()
{
    auto* page = new QWidget;
    QFormLayout* form = pageForm(page);
    const auto batch = [this](const Scenario& s) { return arrivalsOf<models::BatchArrivals>(workload(s)); };
    FieldAccess at;
    at.path = [this] { return path(".arrivals.batch.at"); };
    at.read = [batch](const Scenario& s) {
        const auto* b = batch(s);
        return b ? fmt(b->at) : QString();
    };
    track(addLineField(m_document, form,
                       {QStringLiteral("workload.arrivals.batch.at"), tr("At"), tr("time"),
                        tr("When the batch starts, from the start of the simulation.")},
                       at));
    FieldAccess items;
    items.path = [this] { return path(".arrivals.batch.items"); };
    items.read = [batch](const Scenario& s) {
        const auto* b = batch(s);
        return b ? QString::number(b->items) : QString();
    };
    track(addSpinField(m_document, form,
                       {QStringLiteral("workload.arrivals.batch.items"), tr("Items"), tr("requests"),
                        tr("Requests the batch works through (>= 1).")},
                       1, 2'000'000'000, items));
    FieldAccess concurrency;
    concurrency.path = [this] { return path(".arrivals.batch.concurrency"); };
    concurrency.read = [batch](const Scenario& s) {
        const auto* b = batch(s);
        return b ? QString::number(b->concurrency) : QString();
    };
    track(addSpinField(m_document, form,
                       {QStringLiteral("workload.arrivals.batch.concurrency"), tr("Concurrency"),
                        tr("at a time"), tr("Items processed at a time (1 to 1,000,000). Default 1.")},
                       1, 1'000'000, concurrency));
    FieldAccess every;
    every.path = [this] { return path(".arrivals.batch.every"); };
    every.read = [batch](const Scenario& s) {
        const auto* b = batch(s);
        return b ? optionalDurationText(b->every) : QString();
    };
    every.unset = [this](Scenario& s) {
        if (auto* b = std::get_if<models::BatchArrivals>(
                &s.workloads.at(static_cast<std::size_t>(m_index)).arrivals))
            b->every.reset();
    };
    every.placeholder = [](const Scenario&) { return tr("once"); };
    track(addLineField(m_document, form,
                       {QStringLiteral("workload.arrivals.batch.every"), tr("Every"), tr("duration"),
                        tr("With every (> 0) the batch starts again every this long. Empty: once.")},
                       every));
    return page;
}

QWidget* ArrivalsEditor::tracePage()
{
    auto* page = new QWidget;
    QFormLayout* form = pageForm(page);
    FieldAccess file;
    file.path = [this] { return path(".arrivals.trace"); };
    file.read = [this](const Scenario& s) {
        const auto* t = arrivalsOf<models::TraceArrivals>(workload(s));
        return t && !m_pendingTrace ? QString::fromStdString(t->file) : QString();
    };
    file.placeholder = [](const Scenario&) { return QStringLiteral("requests.csv"); };
    file.commit = [this](const QString& text) {
        const models::Workload* w = workload(m_document->scenario());
        if (w && std::holds_alternative<models::TraceArrivals>(w->arrivals)) {
            m_document->setValue(path(".arrivals.trace"), text.toStdString());
            return;
        }
        // From another kind: the trace gives each request's hold and connections.
        editWorkload([&](models::Workload& wl) {
            wl.arrivals = models::TraceArrivals{text.toStdString(), std::nullopt, {}};
            wl.hold.reset();
            wl.steps.clear();
            wl.connections.reset();
            wl.acquire.reset();
            wl.transaction.reset();
        });
        m_pendingTrace = false;
    };
    track(addLineField(m_document, form,
                       {QStringLiteral("workload.arrivals.trace"), tr("File"), tr("CSV"),
                        tr("Replays requests from a CSV file (start,hold[,connections] per line), "
                           "relative to the scenario file's folder. The trace gives each request's hold "
                           "and connections.")},
                       file));
    FieldAccess jitter;
    jitter.path = [this] { return path(".arrivals.jitter"); };
    jitter.read = [this](const Scenario& s) {
        const auto* t = arrivalsOf<models::TraceArrivals>(workload(s));
        return t ? optionalDurationText(t->jitter) : QString();
    };
    jitter.unset = [this](Scenario& s) {
        if (auto* t = std::get_if<models::TraceArrivals>(
                &s.workloads.at(static_cast<std::size_t>(m_index)).arrivals))
            t->jitter.reset();
    };
    jitter.placeholder = [](const Scenario&) { return tr("none"); };
    track(addLineField(m_document, form,
                       {QStringLiteral("workload.arrivals.jitter"), tr("Jitter"), tr("duration"),
                        tr("Each start moves by a uniform random offset in [-jitter, +jitter].")},
                       jitter));
    return page;
}

} // namespace poolsim::ui
