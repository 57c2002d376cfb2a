#include "ui/editor/editor_database.h"

#include "models/scenario/units.h"
#include "ui/core/scenario_document.h"
#include "ui/editor/distribution_editor.h"
#include "ui/editor/editor_fields.h"
#include "ui/editor/usl_fit_panel.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

#include <array>
#include <charconv>

namespace poolsim::ui {

namespace {

using models::Scenario;

/// A number as people write it, 0.0006 rather than the file's shortest form 6e-04: the shortest
/// fixed notation that reads back as the same double, so the field shows the value exactly.
QString numberText(const std::optional<double>& v)
{
    if (!v)
        return {};
    std::array<char, 400> buffer{};
    const auto [end, ec] =
        std::to_chars(buffer.data(), buffer.data() + buffer.size(), *v, std::chars_format::fixed);
    return ec == std::errc() ? QString::fromLatin1(buffer.data(), end - buffer.data())
                             : QString::fromStdString(models::formatNumber(*v));
}

/// The capacity's value `member`, or nullopt without a capacity.
template <typename T>
std::optional<T> capacityValue(const Scenario& s, std::optional<T> models::DatabaseCapacity::*member)
{
    return s.database.capacity ? (*s.database.capacity).*member : std::nullopt;
}

/// Clears one value of the capacity (an emptied field); the capacity itself stays.
template <typename T>
std::function<void(Scenario&)> unsetCapacityValue(std::optional<T> models::DatabaseCapacity::*member)
{
    return [member](Scenario& s) {
        if (s.database.capacity)
            ((*s.database.capacity).*member).reset();
    };
}

} // namespace

DatabaseEditor::DatabaseEditor(ScenarioDocument* document, QWidget* parent)
    : QWidget(parent), m_document(document)
{
    auto* column = new QVBoxLayout(this);
    column->addWidget(capacitySection());

    auto* fitBox = new QGroupBox(tr("Fit from a load test"));
    fitBox->setObjectName(QStringLiteral("section.fit"));
    auto* fitColumn = new QVBoxLayout(fitBox);
    auto* intro = new QLabel(tr("Throughput at each concurrency (pgbench -c 1,2,4,... or any load test): "
                                "the Universal Scalability Law fitted to it gives the server's contention "
                                "and coherency."));
    intro->setWordWrap(true);
    fitColumn->addWidget(intro);
    m_fit = new UslFitPanel(document);
    fitColumn->addWidget(m_fit, 1);
    column->addWidget(fitBox, 1);
    alignUnitColumn(this);

    const auto remember = [this] {
        if (m_document->scenario().database.capacity)
            m_lastCapacity = m_document->scenario().database.capacity;
    };
    connect(document, &ScenarioDocument::changed, this, remember);
    remember();
}

QWidget* DatabaseEditor::capacitySection()
{
    auto* box = new QGroupBox(tr("Server capacity"));
    box->setObjectName(QStringLiteral("section.capacity"));
    auto* form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setLabelAlignment(Qt::AlignRight);
    ScenarioDocument* doc = m_document;

    auto* modelled = new QCheckBox(tr("queries share the server's cores"));
    modelled->setObjectName(QStringLiteral("database.capacity"));
    FieldAccess onOff;
    onOff.path = [] { return std::string("database.capacity"); };
    onOff.read = [](const Scenario& s) {
        return s.database.capacity ? QStringLiteral("true") : QStringLiteral("false");
    };
    onOff.commit = [this](const QString& text) {
        Scenario s = m_document->scenario();
        if (text == QLatin1String("true"))
            s.database.capacity = m_lastCapacity.value_or(models::DatabaseCapacity{});
        else
            s.database.capacity.reset();
        m_document->setScenario(s); // without cores here or in database.cores: the loader says so
    };
    addFieldRow(form, tr("Capacity model"), new FieldBinding(doc, modelled, std::move(onOff)), {},
                tr("With it, a query runs slower the more run at once: with n running, each gets "
                   "min(1, cores / n) / (1 + contention (n - 1) + coherency n (n - 1)) of its speed "
                   "alone (the Universal Scalability Law), so a pool can be too big as well as too "
                   "small. Without it, every query takes its hold time however many run."));

    addLineField(doc, form,
                 {QStringLiteral("database.capacity.cores"), tr("Cores"), tr("CPU cores"),
                  tr("The cores the server's queries share (1..100000). Default: database.cores.")},
                 pathAccess(
                     "database.capacity.cores",
                     [](const Scenario& s) {
                         return optionalIntText(capacityValue(s, &models::DatabaseCapacity::cores));
                     },
                     unsetCapacityValue(&models::DatabaseCapacity::cores),
                     [](const Scenario& s) {
                         return s.database.cores ? tr("= database.cores (%1)").arg(*s.database.cores)
                                                 : tr("required (no database.cores)");
                     }));
    addLineField(doc, form,
                 {QStringLiteral("database.capacity.contention"), tr("Contention"), tr("sigma"),
                  tr("The serialised share of the work (locks, a hot row): a fraction from 0 to below 1 "
                     "such as 0.03, or a percentage such as 3%. Default 0.")},
                 pathAccess(
                     "database.capacity.contention",
                     [](const Scenario& s) {
                         return numberText(capacityValue(s, &models::DatabaseCapacity::contention));
                     },
                     unsetCapacityValue(&models::DatabaseCapacity::contention),
                     [](const Scenario&) { return tr("0 (default)"); }));
    addLineField(doc, form,
                 {QStringLiteral("database.capacity.coherency"), tr("Coherency"), tr("kappa"),
                  tr("The cost of keeping shared data consistent between each pair of queries running "
                     "(from 0 to 1, such as 0.0008): past the peak it makes throughput fall. Default 0.")},
                 pathAccess(
                     "database.capacity.coherency",
                     [](const Scenario& s) {
                         return numberText(capacityValue(s, &models::DatabaseCapacity::coherency));
                     },
                     unsetCapacityValue(&models::DatabaseCapacity::coherency),
                     [](const Scenario&) { return tr("0 (default)"); }));

    DistributionSlot roundTrip;
    roundTrip.path = [] { return std::string("database.capacity.round_trip"); };
    roundTrip.get = [](const Scenario& s) -> const models::DistributionSpec* {
        return s.database.capacity && s.database.capacity->roundTrip ? &*s.database.capacity->roundTrip
                                                                     : nullptr;
    };
    roundTrip.set = [](Scenario& s, const std::optional<models::DistributionSpec>& d) {
        if (!s.database.capacity)
            s.database.capacity = models::DatabaseCapacity{}; // a value of it turns the model on
        s.database.capacity->roundTrip = d;
    };
    roundTrip.defaultLabel = tr("0 (default: no round trip)");
    auto* roundTripEditor =
        new DistributionEditor(doc, roundTrip, QStringLiteral("database.capacity.round_trip"));
    auto* roundTripLabel = new QLabel(tr("Round trip"));
    const QString roundTripTip =
        tr("Time each query holds its connection beside its work on the server, using none of the "
           "server's capacity: the driver, the network, a pooler's hop (a distribution). Default 0. "
           "A workload's own round_trip (YAML tab) replaces it for that workload.");
    roundTripLabel->setToolTip(roundTripTip);
    roundTripEditor->setToolTip(roundTripTip);
    form->addRow(roundTripLabel, roundTripEditor);
    return box;
}

} // namespace poolsim::ui
