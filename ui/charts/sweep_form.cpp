#include "ui/charts/sweep_form.h"

#include "models/planning/sweep.h"
#include "models/scenario/scenario_error.h"
#include "models/scenario/scenario_planning.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStringList>

namespace poolsim::ui {

namespace {

QString rangeText(const models::SweepParam& p)
{
    if (!p.text.empty())
        return QString::fromStdString(p.text);
    QStringList values;
    for (const std::string& v : p.values)
        values << QString::fromStdString(v);
    return values.join(QLatin1Char(','));
}

/// The message of an error from the models, without the "--param:" location it carries.
QString messageOf(const std::exception& e)
{
    if (const auto* located = dynamic_cast<const models::ScenarioError*>(&e))
        return QString::fromStdString(
            located->keyPath().empty() ? located->detail() : located->keyPath() + ": " + located->detail());
    return QString::fromStdString(e.what());
}

/// Keeps what the reader typed; replaces a field still showing the old default.
void follow(QLineEdit* field, QString& previousDefault, const QString& newDefault)
{
    if (field->text() == previousDefault)
        field->setText(newDefault);
    previousDefault = newDefault;
}

} // namespace

SweepForm::SweepForm(QWidget* parent) : QWidget(parent)
{
    m_path = new QLineEdit(QStringLiteral("pool.size"), this);
    m_path->setObjectName(QStringLiteral("sweepPath"));
    m_path->setToolTip(tr("Any value --set takes: pool.size, pool.timeout, backend.instances, hold_scale, "
                          "workloads.NAME.arrivals.poisson ..."));
    m_values = new QLineEdit(QStringLiteral("5:60:5"), this);
    m_values->setObjectName(QStringLiteral("sweepValues"));
    m_values->setToolTip(tr("FROM:TO:STEP (5:60:5, 250ms:2s:250ms) or a list (10,25,50)"));
    m_path2 = new QLineEdit(this);
    m_path2->setObjectName(QStringLiteral("sweepPath2"));
    m_path2->setPlaceholderText(tr("optional: a second parameter for a grid"));
    m_path2->setToolTip(
        tr("With a second parameter every pair is run; the chart draws one curve per value of "
           "the first"));
    m_values2 = new QLineEdit(this);
    m_values2->setObjectName(QStringLiteral("sweepValues2"));
    m_values2->setToolTip(m_values->toolTip());
    m_defaultPath = m_path->text();
    m_defaultValues = m_values->text();

    m_untilSlo = new QCheckBox(tr("Stop at the first value meeting the service levels"), this);
    m_untilSlo->setObjectName(QStringLiteral("sweepUntilSlo"));
    m_untilSlo->setToolTip(
        tr("Each point stops adding replications once its verdict is certain, and the sweep "
           "at the first point that meets slo: (needs service levels)"));
    m_run = new QPushButton(tr("Run sweep"), this);
    m_run->setObjectName(QStringLiteral("sweepRun"));
    m_recommend = new QPushButton(tr("Recommend"), this);
    m_recommend->setObjectName(QStringLiteral("sweepRecommend"));
    m_recommend->setToolTip(tr("Search for the smallest pool per instance that meets the service levels"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("sweepError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    auto* first = new QHBoxLayout;
    first->addWidget(m_path, 2);
    first->addWidget(new QLabel(tr("values"), this));
    first->addWidget(m_values, 3);
    auto* second = new QHBoxLayout;
    second->addWidget(m_path2, 2);
    second->addWidget(new QLabel(tr("values"), this));
    second->addWidget(m_values2, 3);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_untilSlo, 1);
    buttons->addWidget(m_run);
    buttons->addWidget(m_recommend);

    auto* form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("Parameter:"), first);
    form->addRow(tr("Then by:"), second);
    form->addRow(buttons);
    form->addRow(m_error);

    connect(m_run, &QPushButton::clicked, this, [this] {
        if (const auto parsed = params())
            Q_EMIT runRequested(*parsed, untilSlo());
    });
    connect(m_recommend, &QPushButton::clicked, this, &SweepForm::recommendRequested);
    for (QLineEdit* field : {m_path, m_values, m_path2, m_values2})
        connect(field, &QLineEdit::returnPressed, m_run, &QPushButton::click);
}

void SweepForm::setScenario(const models::Scenario& scenario)
{
    m_scenario = scenario;
    m_hasScenario = true;
    const bool hasSlo = !scenario.slo.empty();
    m_untilSlo->setEnabled(hasSlo);
    if (!hasSlo)
        m_untilSlo->setChecked(false);
    m_recommend->setEnabled(hasSlo);
    m_recommend->setToolTip(
        hasSlo ? tr("Search for the smallest pool per instance that meets the service levels")
               : tr("Needs service levels (slo:) in the scenario"));
    const models::SweepParam* one = scenario.sweep.size() > 0 ? &scenario.sweep[0] : nullptr;
    const models::SweepParam* two = scenario.sweep.size() > 1 ? &scenario.sweep[1] : nullptr;
    follow(m_path, m_defaultPath, one ? QString::fromStdString(one->path) : QStringLiteral("pool.size"));
    follow(m_values, m_defaultValues, one ? rangeText(*one) : QStringLiteral("5:60:5"));
    follow(m_path2, m_defaultPath2, two ? QString::fromStdString(two->path) : QString());
    follow(m_values2, m_defaultValues2, two ? rangeText(*two) : QString());
}

bool SweepForm::untilSlo() const
{
    return m_untilSlo->isEnabled() && m_untilSlo->isChecked();
}

QString SweepForm::error() const
{
    return m_error->isVisible() || !m_error->text().isEmpty() ? m_error->text() : QString();
}

void SweepForm::showError(QLineEdit* field, const QString& message)
{
    m_errorField = field;
    m_error->setText(message);
    QPalette p = m_error->palette();
    p.setColor(QPalette::WindowText,
               palette().color(QPalette::Base).lightness() < 128 ? QColor(255, 110, 110) : QColor(200, 0, 0));
    m_error->setPalette(p);
    m_error->show();
    field->setToolTip(message);
    field->setFocus();
    field->selectAll();
}

void SweepForm::clearError()
{
    m_errorField = nullptr;
    m_error->clear();
    m_error->hide();
}

std::optional<models::SweepParam> SweepForm::parseOne(QLineEdit* path, QLineEdit* values)
{
    const std::string pathText = path->text().trimmed().toStdString();
    const std::string valuesText = values->text().trimmed().toStdString();
    if (pathText.empty()) {
        showError(path, tr("Which parameter? A path as --set takes it, such as pool.size"));
        return std::nullopt;
    }
    if (valuesText.empty()) {
        showError(values, tr("Which values? FROM:TO:STEP or a list such as 10,25,50"));
        return std::nullopt;
    }
    try {
        models::expandSweepValues(valuesText); // the values' own error, at the values field
    } catch (const std::exception& e) {
        showError(values, messageOf(e));
        return std::nullopt;
    }
    try {
        return models::parseSweepParam(pathText + "=" + valuesText);
    } catch (const std::exception& e) {
        showError(path, messageOf(e));
        return std::nullopt;
    }
}

std::optional<std::vector<models::SweepParam>> SweepForm::params()
{
    clearError();
    std::vector<models::SweepParam> out;
    const auto one = parseOne(m_path, m_values);
    if (!one)
        return std::nullopt;
    out.push_back(*one);
    if (!m_path2->text().trimmed().isEmpty() || !m_values2->text().trimmed().isEmpty()) {
        const auto two = parseOne(m_path2, m_values2);
        if (!two)
            return std::nullopt;
        out.push_back(*two);
    }
    try {
        out = models::sweepParams(m_scenario, out); // the same path twice, too many points
        if (m_hasScenario) {
            // Every value is checked against the scenario as the sweep would set it, so that a
            // wrong path or a value the path does not take shows here, not after a job fails.
            // A long range is checked at its ends (its values are all of one kind).
            for (std::size_t k = 0; k < out.size(); ++k) {
                const std::vector<std::string>& values = out[k].values;
                for (std::size_t v = 0; v < values.size(); ++v) {
                    if (values.size() > 50 && v != 0 && v + 1 != values.size())
                        continue;
                    std::vector<std::string> point;
                    for (std::size_t j = 0; j < out.size(); ++j)
                        point.push_back(j == k ? values[v] : out[j].values.front());
                    models::sweepPointScenario(m_scenario, out, point, "sweep");
                }
            }
        }
    } catch (const models::ScenarioError& e) {
        // An error located at a parameter's full path is about its value ("pool.size: expected
        // an integer ..."); one at a shorter path is about the path ("pool: unknown key 'sise'").
        QLineEdit* field = m_path;
        for (std::size_t k = 0; k < out.size(); ++k) {
            const bool isPath = e.keyPath() == out[k].path;
            const bool inPath = out[k].path.rfind(e.keyPath(), 0) == 0;
            if (isPath || inPath) {
                field = isPath ? (k == 0 ? m_values : m_values2) : (k == 0 ? m_path : m_path2);
                break;
            }
        }
        showError(field, messageOf(e));
        return std::nullopt;
    } catch (const std::exception& e) {
        showError(m_path, messageOf(e));
        return std::nullopt;
    }
    if (m_untilSlo->isChecked() && m_hasScenario && m_scenario.slo.empty()) {
        showError(m_path, tr("Stopping at the service levels needs slo: in the scenario"));
        return std::nullopt;
    }
    return out;
}

} // namespace poolsim::ui
