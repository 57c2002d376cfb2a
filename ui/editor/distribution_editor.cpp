#include "ui/editor/distribution_editor.h"

#include "models/scenario/distribution_spec.h"
#include "models/scenario/units.h"
#include "ui/core/scenario_document.h"
#include "ui/editor/distribution_plot.h"
#include "ui/editor/distribution_text.h"
#include "ui/editor/field_binding.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include <stdexcept>
#include <type_traits>

namespace poolsim::ui {

namespace {

struct Param
{
    QString label, unit, key, toolTip; // key: the path below the distribution's ("" for itself)
};

/// The parameters of a form as the file writes them (docs/scenario-format.md, Distributions).
std::vector<Param> paramsOf(const QString& form)
{
    const QString duration = DistributionEditor::tr("duration");
    if (form == QLatin1String("constant"))
        return {
            {DistributionEditor::tr("value"), duration, {}, DistributionEditor::tr("Always this value.")}};
    if (form == QLatin1String("exponential"))
        return {{DistributionEditor::tr("mean"), duration, QStringLiteral("exponential"),
                 DistributionEditor::tr("Exponential with this mean (> 0).")}};
    if (form == QLatin1String("uniform"))
        return {{DistributionEditor::tr("min"), duration, QStringLiteral("uniform.min"),
                 DistributionEditor::tr("Uniform between min and max (0 <= min <= max).")},
                {DistributionEditor::tr("max"), duration, QStringLiteral("uniform.max"),
                 DistributionEditor::tr("Uniform between min and max (0 <= min <= max).")}};
    if (form == QLatin1String("normal"))
        return {
            {DistributionEditor::tr("mean"), duration, QStringLiteral("normal.mean"),
             DistributionEditor::tr("Normal, truncated at 0 (negative draws are drawn again); mean > 0.")},
            {DistributionEditor::tr("sd"), duration, QStringLiteral("normal.sd"),
             DistributionEditor::tr("Standard deviation of the normal, >= 0.")}};
    if (form == QLatin1String("lognormal-mean"))
        return {{DistributionEditor::tr("mean"), duration, QStringLiteral("lognormal.mean"),
                 DistributionEditor::tr("Lognormal with this mean and 95th percentile.")},
                {DistributionEditor::tr("p95"), duration, QStringLiteral("lognormal.p95"),
                 DistributionEditor::tr("95th percentile: greater than the mean, and p95 / mean below 3.87 "
                                        "(no lognormal has a larger ratio).")}};
    if (form == QLatin1String("lognormal-median"))
        return {{DistributionEditor::tr("median"), duration, QStringLiteral("lognormal.median"),
                 DistributionEditor::tr("Lognormal with this median and 95th percentile.")},
                {DistributionEditor::tr("p95"), duration, QStringLiteral("lognormal.p95"),
                 DistributionEditor::tr("95th percentile, greater than the median.")}};
    if (form == QLatin1String("lognormal-mu"))
        return {{DistributionEditor::tr("mu"), DistributionEditor::tr("ln s"), QStringLiteral("lognormal.mu"),
                 DistributionEditor::tr("Lognormal whose log (of seconds) is Normal(mu, sigma).")},
                {DistributionEditor::tr("sigma"), DistributionEditor::tr("ln s"),
                 QStringLiteral("lognormal.sigma"),
                 DistributionEditor::tr("Standard deviation of the log, > 0.")}};
    if (form == QLatin1String("gamma"))
        return {{DistributionEditor::tr("mean"), duration, QStringLiteral("gamma.mean"),
                 DistributionEditor::tr("Gamma with this mean (> 0).")},
                {DistributionEditor::tr("cv"), DistributionEditor::tr("sd / mean"),
                 QStringLiteral("gamma.cv"),
                 DistributionEditor::tr("Coefficient of variation (sd / mean), > 0 and at most 1000.")}};
    if (form == QLatin1String("weibull"))
        return {{DistributionEditor::tr("shape"), DistributionEditor::tr("number"),
                 QStringLiteral("weibull.shape"), DistributionEditor::tr("Weibull shape, > 0.")},
                {DistributionEditor::tr("scale"), duration, QStringLiteral("weibull.scale"),
                 DistributionEditor::tr("Weibull scale, > 0.")}};
    if (form == QLatin1String("empirical"))
        return {
            {DistributionEditor::tr("values"), DistributionEditor::tr("durations, a, b, c"),
             QStringLiteral("empirical"),
             DistributionEditor::tr("Each draw is one of the values, with equal chances (at least one).")}};
    if (form == QLatin1String("empirical-file"))
        return {{DistributionEditor::tr("file"), DistributionEditor::tr("path"),
                 QStringLiteral("empirical.file"),
                 DistributionEditor::tr(
                     "A file with one duration a line (plain seconds or with a unit), relative to "
                     "the scenario file's folder.")}};
    return {};
}

QString text(models::SimTime t)
{
    return QString::fromStdString(models::formatDuration(t));
}
QString number(double v)
{
    return QString::fromStdString(models::formatNumber(v));
}

/// The text of parameter `i` of `spec`, as the file writes it.
QString paramText(const models::DistributionSpec& spec, int i)
{
    return std::visit(
        [i](const auto& d) -> QString {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, models::ConstantDist>) {
                return i == 0 ? text(d.value) : QString();
            } else if constexpr (std::is_same_v<T, models::ExponentialDist>) {
                return i == 0 ? text(d.mean) : QString();
            } else if constexpr (std::is_same_v<T, models::UniformDist>) {
                return text(i == 0 ? d.min : d.max);
            } else if constexpr (std::is_same_v<T, models::NormalDist>) {
                return text(i == 0 ? d.mean : d.sd);
            } else if constexpr (std::is_same_v<T, models::LognormalDist>) {
                if (d.form == models::LognormalDist::Form::MuSigma)
                    return number(i == 0 ? d.mu : d.sigma);
                return text(i == 0 ? d.center : d.p95);
            } else if constexpr (std::is_same_v<T, models::GammaDist>) {
                return i == 0 ? text(d.mean) : number(d.cv);
            } else if constexpr (std::is_same_v<T, models::WeibullDist>) {
                return i == 0 ? number(d.shape) : text(d.scale);
            } else {
                if (i != 0)
                    return {};
                if (!d.file.empty())
                    return QString::fromStdString(d.file);
                QStringList values;
                for (const models::SimTime v : d.values)
                    values << text(v);
                return values.join(QStringLiteral(", "));
            }
        },
        spec);
}

std::string joinPath(const std::string& base, const QString& key)
{
    return key.isEmpty() ? base : base + "." + key.toStdString();
}

} // namespace

DistributionEditor::DistributionEditor(ScenarioDocument* document, DistributionSlot slot, const QString& name,
                                       const QString& plotTitle, QWidget* parent)
    : QWidget(parent), m_document(document), m_slot(std::move(slot)), m_plotTitle(plotTitle)
{
    setObjectName(name);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    column->addLayout(form);

    m_form = new QComboBox;
    m_form->setObjectName(name + QStringLiteral(".form"));
    if (!m_slot.defaultLabel.isEmpty())
        m_form->addItem(m_slot.defaultLabel, QString());
    for (const QString& f : distributionForms())
        m_form->addItem(distributionFormLabel(f), f);
    FieldAccess formAccess;
    formAccess.path = m_slot.path;
    formAccess.read = [this](const models::Scenario& s) { return currentForm(s); };
    formAccess.commit = [this](const QString& chosen) {
        models::Scenario scenario = m_document->scenario();
        const models::DistributionSpec* current = m_slot.get(scenario);
        if (chosen.isEmpty()) {
            m_pendingFile = false;
            m_slot.set(scenario, std::nullopt);
        } else if (chosen == QLatin1String("empirical-file")) {
            // A file cannot be made up: wait for its path in the field below.
            m_pendingFile = !(current && distributionForm(*current) == chosen);
            updateView();
            if (m_pendingFile)
                m_param1->widget()->setFocus();
            return;
        } else {
            m_pendingFile = false;
            m_slot.set(scenario,
                       convertDistribution(current ? *current : models::DistributionSpec{}, chosen));
        }
        m_document->setScenario(scenario);
    };
    m_formBinding = new FieldBinding(document, m_form, formAccess);
    const QString formTip =
        tr("How the time varies: a plain duration is a constant; otherwise one of the distributions of "
           "docs/scenario-format.md. Changing the form keeps about the same mean.");
    addFieldRow(form, tr("form"), m_formBinding, {}, formTip);

    const auto makeParam = [&](int i, QLabel*& label, QLabel*& unit, QWidget*& row) {
        auto* edit = new QLineEdit;
        edit->setObjectName(name + QStringLiteral(".param%1").arg(i + 1));
        FieldAccess access;
        access.path = [this, i] {
            const models::Scenario& s = m_document->scenario();
            const auto params = paramsOf(currentForm(s));
            return joinPath(m_slot.path(), i < static_cast<int>(params.size())
                                               ? params[static_cast<std::size_t>(i)].key
                                               : QString());
        };
        access.read = [this, i](const models::Scenario& s) {
            const models::DistributionSpec* spec = m_slot.get(s);
            if (!spec || m_pendingFile)
                return QString();
            return paramText(*spec, i);
        };
        if (i == 0) {
            // Lists and a newly chosen file replace the distribution; the rest are --set values.
            access.commit = [this](const QString& value) {
                models::Scenario scenario = m_document->scenario();
                const QString f = currentForm(scenario);
                if (f == QLatin1String("empirical")) {
                    models::EmpiricalDist d;
                    for (const QString& part : value.split(QLatin1Char(','), Qt::SkipEmptyParts))
                        d.values.push_back(models::parseDuration(part.trimmed().toStdString()));
                    m_slot.set(scenario, d);
                    m_document->setScenario(scenario);
                } else if (f == QLatin1String("empirical-file") && m_pendingFile) {
                    m_slot.set(scenario, models::EmpiricalDist{{}, value.toStdString()});
                    m_document->setScenario(scenario);
                    m_pendingFile = false;
                } else {
                    const auto params = paramsOf(f);
                    m_document->setValue(joinPath(m_slot.path(), params.empty() ? QString() : params[0].key),
                                         value.toStdString());
                }
            };
        }
        auto* binding = new FieldBinding(document, edit, access);
        row = new QWidget;
        auto* rowColumn = new QVBoxLayout(row);
        rowColumn->setContentsMargins(0, 0, 0, 0);
        rowColumn->setSpacing(2);
        auto* line = new QHBoxLayout;
        line->addWidget(edit, 1);
        unit = newUnitLabel(QString());
        line->addWidget(unit);
        rowColumn->addLayout(line);
        rowColumn->addWidget(binding->errorLabel());
        label = new QLabel;
        label->setBuddy(edit);
        form->addRow(label, row);
        return binding;
    };
    m_param1 = makeParam(0, m_label1, m_unit1, m_row1);
    m_param2 = makeParam(1, m_label2, m_unit2, m_row2);

    m_summary = new QLabel;
    m_summary->setObjectName(name + QStringLiteral(".summary"));
    m_summary->setWordWrap(true);
    column->addWidget(m_summary);
    if (!plotTitle.isEmpty()) {
        m_plot = new DistributionPlot;
        m_plot->setObjectName(name + QStringLiteral(".plot"));
        column->addWidget(m_plot);
    }
    connect(document, &ScenarioDocument::changed, this, &DistributionEditor::updateView);
    updateView();
}

QString DistributionEditor::currentForm(const models::Scenario& scenario) const
{
    if (m_pendingFile)
        return QStringLiteral("empirical-file");
    const models::DistributionSpec* spec = m_slot.get(scenario);
    return spec ? distributionForm(*spec) : QString();
}

void DistributionEditor::refresh(bool force)
{
    if (force)
        m_pendingFile = false;
    m_formBinding->refresh(force);
    m_param1->refresh(force);
    m_param2->refresh(force);
    updateView();
}

void DistributionEditor::updateView()
{
    const models::Scenario& scenario = m_document->scenario();
    const QString f = currentForm(scenario);
    const auto params = paramsOf(f);
    QLabel* labels[] = {m_label1, m_label2};
    QLabel* units[] = {m_unit1, m_unit2};
    QWidget* rows[] = {m_row1, m_row2};
    FieldBinding* bindings[] = {m_param1, m_param2};
    for (std::size_t i = 0; i < 2; ++i) {
        const bool shown = i < params.size();
        labels[i]->setVisible(shown);
        rows[i]->setVisible(shown);
        if (!shown)
            continue;
        labels[i]->setText(params[i].label);
        units[i]->setText(params[i].unit);
        const QString tip = params[i].toolTip;
        labels[i]->setToolTip(tip);
        units[i]->setToolTip(tip);
        if (!bindings[i]->isMarked())
            bindings[i]->widget()->setToolTip(tip);
        if (auto* edit = qobject_cast<QLineEdit*>(bindings[i]->widget()))
            edit->setPlaceholderText(f == QLatin1String("empirical-file") ? QStringLiteral("holds.csv")
                                                                          : QString());
    }

    const models::DistributionSpec* spec = m_pendingFile ? nullptr : m_slot.get(scenario);
    std::optional<engine::Distribution> distribution;
    if (spec) {
        try {
            distribution = models::makeDistribution(*spec);
        } catch (const std::exception&) {
            distribution.reset(); // an empirical file not read (yet): no shape to show
        }
    }
    if (distribution) {
        const double mean = distribution->mean();
        const double p95 = distribution->quantile(0.95);
        // With a plot, the summary is its legend too.
        QString summary = m_plot ? tr("mean %1 (dashed), p95 %2 (dotted)") : tr("mean %1, p95 %2");
        summary = summary.arg(durationText(mean), durationText(p95));
        const double scale = scenario.effectiveHoldScale();
        if (m_slot.scaledByHoldScale && scale != 1.0)
            summary += tr("; x%1 hold_scale: mean %2, p95 %3")
                           .arg(number(scale), durationText(mean * scale), durationText(p95 * scale));
        m_summary->setText(summary);
    } else if (m_pendingFile) {
        m_summary->setText(tr("Type the values file's path and press Enter."));
    } else {
        m_summary->setText(spec ? QString() : m_slot.defaultLabel);
    }
    if (m_plot)
        m_plot->setDistribution(distribution, m_plotTitle);
}

} // namespace poolsim::ui
