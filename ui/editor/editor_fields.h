#pragma once
// Makers of the editor's bound fields (a line edit, a spin box, a combo) placed as form rows
// with unit and tooltip, and the texts of optional values as the file writes them.
#include "ui/editor/field_binding.h"

#include <QList>
#include <QPair>
#include <QString>

#ifndef Q_MOC_RUN
#include "models/scenario/scenario.h"
#endif

#include <cstdint>
#include <optional>

class QFormLayout;

namespace poolsim::ui {

/// What a field shows and where it sits.
struct FieldLabel
{
    QString objectName; // the --set path, or "workload.<key>" in the workload panel
    QString label;
    QString unit;
    QString toolTip;
};

FieldBinding* addLineField(ScenarioDocument* document, QFormLayout* form, const FieldLabel& label,
                           FieldAccess access);
FieldBinding* addSpinField(ScenarioDocument* document, QFormLayout* form, const FieldLabel& label,
                           int minimum, int maximum, FieldAccess access);
/// `items`: (shown text, value text); a value "" stands for "unset".
FieldBinding* addComboField(ScenarioDocument* document, QFormLayout* form, const FieldLabel& label,
                            const QList<QPair<QString, QString>>& items, FieldAccess access);

/// The texts the file writes, or "" when unset.
QString optionalDurationText(const std::optional<models::SimTime>& t);
QString timeoutText(const std::optional<models::Timeout>& t);
QString optionalIntText(const std::optional<std::int64_t>& v);

/// A FieldAccess that sets a fixed --set path (unset may be null).
FieldAccess pathAccess(const std::string& path, std::function<QString(const models::Scenario&)> read,
                       std::function<void(models::Scenario&)> unset = {},
                       std::function<QString(const models::Scenario&)> placeholder = {});

} // namespace poolsim::ui
