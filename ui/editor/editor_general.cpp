#include "ui/editor/editor_general.h"

#include "models/scenario/units.h"
#include "ui/core/scenario_document.h"
#include "ui/editor/distribution_editor.h"
#include "ui/editor/editor_failures.h"
#include "ui/editor/editor_fields.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace poolsim::ui {

namespace {

using models::Scenario;

QString fmt(models::SimTime t)
{
    return QString::fromStdString(models::formatDuration(t));
}

QFormLayout* newForm(QGroupBox* box)
{
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight);
    return form;
}

/// Free text is given as typed: through setScenario rather than --set, which would read it as
/// YAML ("Peak: 2x" would become a map).
FieldAccess textAccess(ScenarioDocument* document, const std::string& path, std::string Scenario::*member)
{
    FieldAccess access;
    access.path = [path] { return path; };
    access.read = [member](const Scenario& s) { return QString::fromStdString(s.*member); };
    access.commit = [document, member](const QString& text) {
        Scenario s = document->scenario();
        s.*member = text.toStdString();
        document->setScenario(s);
    };
    return access;
}

} // namespace

SettingsEditor::SettingsEditor(ScenarioDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document)
{
    auto* column = new QVBoxLayout(this);
    column->addWidget(generalSection());
    column->addWidget(poolSection());
    column->addWidget(backendSection());
    column->addWidget(new FailureLoopEditor(document));
    column->addWidget(databaseSection());
    column->addStretch(1);
    alignUnitColumn(this);
}

QWidget* SettingsEditor::generalSection()
{
    auto* box = new QGroupBox(tr("General"));
    box->setObjectName(QStringLiteral("section.general"));
    QFormLayout* form = newForm(box);
    ScenarioDocument* doc = m_document;

    addLineField(doc, form, {QStringLiteral("name"), tr("Name"), {}, tr("A title for reports.")},
                 textAccess(doc, "name", &Scenario::name));

    auto* description = new QPlainTextEdit;
    description->setObjectName(QStringLiteral("description"));
    description->setTabChangesFocus(true);
    description->setFixedHeight(description->fontMetrics().lineSpacing() * 4 + 12);
    description->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    auto* descriptionBinding =
        new FieldBinding(doc, description, textAccess(doc, "description", &Scenario::description));
    addFieldRow(form, tr("Description"), descriptionBinding, {},
                tr("Free text, may span several lines. Applied when the field loses focus."));

    addLineField(doc, form,
                 {QStringLiteral("horizon"), tr("Horizon"), tr("duration"),
                  tr("How much simulated time each replication covers (> 0): 250ms, 1.5s, 10m, 2h, "
                     "1h30m.")},
                 pathAccess("horizon", [](const Scenario& s) { return fmt(s.horizon); }));
    addLineField(doc, form,
                 {QStringLiteral("warmup"), tr("Warmup"), tr("duration"),
                  tr("Time at the start that statistics ignore, while the system fills up "
                     "(0 <= warmup < horizon). Default 0.")},
                 pathAccess(
                     "warmup", [](const Scenario& s) { return optionalDurationText(s.warmup); },
                     [](Scenario& s) { s.warmup.reset(); },
                     [](const Scenario&) { return tr("0 (default)"); }));
    addSpinField(doc, form,
                 {QStringLiteral("replications"), tr("Replications"), tr("runs"),
                  tr("Independent runs, each with its own random numbers (1..100000). Default 10.")},
                 1, 100000, pathAccess("replications", [](const Scenario& s) {
                     return QString::number(s.effectiveReplications());
                 }));
    addLineField(doc, form,
                 {QStringLiteral("seed"), tr("Seed"), tr("integer"),
                  tr("Seed of the random numbers (an integer >= 0, 64-bit). Default 1.")},
                 pathAccess(
                     "seed", [](const Scenario& s) { return s.seed ? QString::number(*s.seed) : QString(); },
                     [](Scenario& s) { s.seed.reset(); }, [](const Scenario&) { return tr("1 (default)"); }));
    addLineField(doc, form,
                 {QStringLiteral("resolution"), tr("Resolution"), tr("per bin"),
                  tr("Width of the time bins of the time-series results (0 < resolution <= horizon). "
                     "Default: the smallest round width giving at most 1000 bins.")},
                 pathAccess(
                     "resolution", [](const Scenario& s) { return optionalDurationText(s.resolution); },
                     [](Scenario& s) { s.resolution.reset(); },
                     [](const Scenario& s) {
                         return s.horizon.isZero() ? tr("auto")
                                                   : tr("auto (%1)").arg(fmt(s.effectiveResolution()));
                     }));
    addLineField(
        doc, form,
        {QStringLiteral("hold_scale"), tr("Hold scale"), tr("x hold time"),
         tr("Multiplies every query's hold time (a hold, a query step, a trace's holds), not "
            "application work or think times: 1.3 models an overhead such as query logging's "
            "30%. 0 < hold_scale <= 1000. Default 1.")},
        pathAccess(
            "hold_scale",
            [](const Scenario& s) {
                return s.holdScale ? QString::fromStdString(models::formatNumber(*s.holdScale)) : QString();
            },
            [](Scenario& s) { s.holdScale.reset(); }, [](const Scenario&) { return tr("1 (default)"); }));
    return box;
}

QWidget* SettingsEditor::poolSection()
{
    auto* box = new QGroupBox(tr("Pool (per instance)"));
    box->setObjectName(QStringLiteral("section.pool"));
    QFormLayout* form = newForm(box);
    ScenarioDocument* doc = m_document;

    addSpinField(doc, form,
                 {QStringLiteral("pool.size"), tr("Size"), tr("connections"),
                  tr("Most connections the pool holds open (1..100000). Default 10.")},
                 1, 100000, pathAccess("pool.size", [](const Scenario& s) {
                     return QString::number(s.pool.effectiveSize());
                 }));
    addLineField(doc, form,
                 {QStringLiteral("pool.timeout"), tr("Timeout"), tr("duration or none"),
                  tr("How long a request waits for a free connection before it fails (HikariCP's "
                     "connectionTimeout). 0 fails at once when no connection is free; none waits for "
                     "ever. Default 30s.")},
                 pathAccess(
                     "pool.timeout", [](const Scenario& s) { return timeoutText(s.pool.timeout); },
                     [](Scenario& s) { s.pool.timeout.reset(); },
                     [](const Scenario&) { return tr("30s (default)"); }));
    addLineField(doc, form,
                 {QStringLiteral("pool.min_idle"), tr("Min idle"), tr("connections"),
                  tr("Connections the pool keeps open even when idle (HikariCP's minimumIdle), "
                     "0 <= min_idle <= size. Default: size.")},
                 pathAccess(
                     "pool.min_idle", [](const Scenario& s) { return optionalIntText(s.pool.minIdle); },
                     [](Scenario& s) { s.pool.minIdle.reset(); },
                     [](const Scenario& s) { return tr("= size (%1)").arg(s.pool.effectiveSize()); }));

    DistributionSlot connect;
    connect.path = [] { return std::string("pool.connect_time"); };
    connect.get = [](const Scenario& s) { return s.pool.connectTime ? &*s.pool.connectTime : nullptr; };
    connect.set = [](Scenario& s, const std::optional<models::DistributionSpec>& d) {
        s.pool.connectTime = d;
    };
    connect.defaultLabel = tr("0 (default: opening is instant)");
    auto* connectEditor = new DistributionEditor(doc, connect, QStringLiteral("pool.connect_time"));
    auto* connectLabel = new QLabel(tr("Connect time"));
    const QString connectTip = tr("Time to open a new connection to the database (a distribution). "
                                  "Default 0.");
    connectLabel->setToolTip(connectTip);
    connectEditor->setToolTip(connectTip);
    form->addRow(connectLabel, connectEditor);

    addLineField(doc, form,
                 {QStringLiteral("pool.connect_timeout"), tr("Connect timeout"), tr("duration or none"),
                  tr("An opening slower than this fails (> 0; write none to disable). Default none.")},
                 pathAccess(
                     "pool.connect_timeout",
                     [](const Scenario& s) { return timeoutText(s.pool.connectTimeout); },
                     [](Scenario& s) { s.pool.connectTimeout.reset(); },
                     [](const Scenario&) { return tr("none (default)"); }));
    addLineField(doc, form,
                 {QStringLiteral("pool.idle_timeout"), tr("Idle timeout"), tr("duration or none"),
                  tr("An idle connection above min_idle is closed after this long (> 0; write none to "
                     "disable). Default 10m.")},
                 pathAccess(
                     "pool.idle_timeout", [](const Scenario& s) { return timeoutText(s.pool.idleTimeout); },
                     [](Scenario& s) { s.pool.idleTimeout.reset(); },
                     [](const Scenario&) { return tr("10m (default)"); }));
    addLineField(doc, form,
                 {QStringLiteral("pool.max_lifetime"), tr("Max lifetime"), tr("duration or none"),
                  tr("Longest a connection lives before the pool closes it (HikariCP's maxLifetime; > 0, "
                     "write none to disable). Default none.")},
                 pathAccess(
                     "pool.max_lifetime", [](const Scenario& s) { return timeoutText(s.pool.maxLifetime); },
                     [](Scenario& s) { s.pool.maxLifetime.reset(); },
                     [](const Scenario&) { return tr("none (default)"); }));
    return box;
}

QWidget* SettingsEditor::backendSection()
{
    auto* box = new QGroupBox(tr("Backend"));
    box->setObjectName(QStringLiteral("section.backend"));
    QFormLayout* form = newForm(box);
    ScenarioDocument* doc = m_document;

    addSpinField(doc, form,
                 {QStringLiteral("backend.instances"), tr("Instances"), tr("instances"),
                  tr("Application instances, each with its own pool (1..10000). At most 10,000,000 "
                     "connections in all (instances x pool.size). Default 1.")},
                 1, 10000, pathAccess("backend.instances", [](const Scenario& s) {
                     return QString::number(s.backend.effectiveInstances());
                 }));
    addComboField(doc, form,
                  {QStringLiteral("backend.balancer"),
                   tr("Balancer"),
                   {},
                   tr("How requests are spread over the instances. Default round_robin.")},
                  {{tr("default (round_robin)"), QString()},
                   {QStringLiteral("round_robin"), QStringLiteral("round_robin")},
                   {QStringLiteral("random"), QStringLiteral("random")},
                   {QStringLiteral("least_busy"), QStringLiteral("least_busy")}},
                  pathAccess(
                      "backend.balancer",
                      [](const Scenario& s) {
                          if (!s.backend.balancer)
                              return QString();
                          switch (*s.backend.balancer) {
                          case models::Balancer::RoundRobin:
                              return QStringLiteral("round_robin");
                          case models::Balancer::Random:
                              return QStringLiteral("random");
                          case models::Balancer::LeastBusy:
                              return QStringLiteral("least_busy");
                          }
                          return QString();
                      },
                      [](Scenario& s) { s.backend.balancer.reset(); }));
    addLineField(doc, form,
                 {QStringLiteral("backend.users"), tr("Users"), tr("users"),
                  tr("Concurrent users the application serves, for the rule of thumb pool size = users "
                     "x 1.5 + 10 (0..100000000). The simulation does not use it. Default: the sum of "
                     "the closed populations (users: arrivals).")},
                 pathAccess(
                     "backend.users", [](const Scenario& s) { return optionalIntText(s.backend.users); },
                     [](Scenario& s) { s.backend.users.reset(); },
                     [](const Scenario& s) {
                         std::int64_t users = 0;
                         for (const models::Workload& w : s.workloads)
                             if (const auto* u = std::get_if<models::UsersArrivals>(&w.arrivals))
                                 users += u->users;
                         return tr("%1 (sum of users: populations)").arg(users);
                     }));
    return box;
}

QWidget* SettingsEditor::databaseSection()
{
    auto* box = new QGroupBox(tr("Database"));
    box->setObjectName(QStringLiteral("section.database"));
    QFormLayout* form = newForm(box);
    ScenarioDocument* doc = m_document;

    addLineField(doc, form,
                 {QStringLiteral("database.max_connections"), tr("Max connections"), tr("connections"),
                  tr("The server's connection limit (PostgreSQL's max_connections, 1..100000000). The "
                     "pools of all instances together can open at most max_connections - "
                     "reserved_connections. Default unlimited.")},
                 pathAccess(
                     "database.max_connections",
                     [](const Scenario& s) { return optionalIntText(s.database.maxConnections); },
                     [](Scenario& s) { s.database.maxConnections.reset(); },
                     [](const Scenario&) { return tr("unlimited (default)"); }));
    addLineField(doc, form,
                 {QStringLiteral("database.reserved_connections"), tr("Reserved"), tr("connections"),
                  tr("Connections kept back for administrators (PostgreSQL's "
                     "superuser_reserved_connections), 0 <= reserved < max_connections. Default 3.")},
                 pathAccess(
                     "database.reserved_connections",
                     [](const Scenario& s) { return optionalIntText(s.database.reservedConnections); },
                     [](Scenario& s) { s.database.reservedConnections.reset(); },
                     [](const Scenario&) { return tr("3 (default)"); }));
    addLineField(doc, form,
                 {QStringLiteral("database.cores"), tr("Cores"), tr("CPU cores"),
                  tr("The database server's CPU cores, for HikariCP's sizing formula connections = "
                     "cores x 2 + spindles (1..100000). Not used by the simulation.")},
                 pathAccess(
                     "database.cores", [](const Scenario& s) { return optionalIntText(s.database.cores); },
                     [](Scenario& s) { s.database.cores.reset(); },
                     [](const Scenario&) { return tr("not set"); }));
    addLineField(doc, form,
                 {QStringLiteral("database.spindles"), tr("Spindles"), tr("spindles"),
                  tr("The server's effective disk spindles for the same formula (an SSD-backed server "
                     "that keeps its data in memory counts as 0 or 1; 0..100000). Default 1 when cores "
                     "is given. Not used by the simulation.")},
                 pathAccess(
                     "database.spindles",
                     [](const Scenario& s) { return optionalIntText(s.database.spindles); },
                     [](Scenario& s) { s.database.spindles.reset(); },
                     [](const Scenario&) { return tr("1 when cores is set"); }));
    return box;
}

} // namespace poolsim::ui
