#include "ui/editor/editor_fields.h"

#include "models/scenario/units.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

namespace poolsim::ui {

FieldBinding* addLineField(ScenarioDocument* document, QFormLayout* form, const FieldLabel& label,
                           FieldAccess access)
{
    auto* edit = new QLineEdit;
    edit->setObjectName(label.objectName);
    edit->setClearButtonEnabled(static_cast<bool>(access.unset));
    auto* binding = new FieldBinding(document, edit, std::move(access));
    addFieldRow(form, label.label, binding, label.unit, label.toolTip);
    return binding;
}

FieldBinding* addSpinField(ScenarioDocument* document, QFormLayout* form, const FieldLabel& label,
                           int minimum, int maximum, FieldAccess access)
{
    auto* spin = new QSpinBox;
    spin->setObjectName(label.objectName);
    spin->setRange(minimum, maximum);
    spin->setAccelerated(true);
    auto* binding = new FieldBinding(document, spin, std::move(access));
    addFieldRow(form, label.label, binding, label.unit, label.toolTip);
    return binding;
}

FieldBinding* addComboField(ScenarioDocument* document, QFormLayout* form, const FieldLabel& label,
                            const QList<QPair<QString, QString>>& items, FieldAccess access)
{
    auto* combo = new QComboBox;
    combo->setObjectName(label.objectName);
    for (const auto& [text, value] : items)
        combo->addItem(text, value);
    auto* binding = new FieldBinding(document, combo, std::move(access));
    addFieldRow(form, label.label, binding, label.unit, label.toolTip);
    return binding;
}

QString optionalDurationText(const std::optional<models::SimTime>& t)
{
    return t ? QString::fromStdString(models::formatDuration(*t)) : QString();
}

QString timeoutText(const std::optional<models::Timeout>& t)
{
    if (!t)
        return {};
    return t->value ? QString::fromStdString(models::formatDuration(*t->value)) : QStringLiteral("none");
}

QString optionalIntText(const std::optional<std::int64_t>& v)
{
    return v ? QString::number(*v) : QString();
}

FieldAccess pathAccess(const std::string& path, std::function<QString(const models::Scenario&)> read,
                       std::function<void(models::Scenario&)> unset,
                       std::function<QString(const models::Scenario&)> placeholder)
{
    FieldAccess access;
    access.path = [path] { return path; };
    access.read = std::move(read);
    access.unset = std::move(unset);
    access.placeholder = std::move(placeholder);
    return access;
}

} // namespace poolsim::ui
