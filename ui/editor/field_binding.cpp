#include "ui/editor/field_binding.h"

#include "ui/core/scenario_document.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <stdexcept>

namespace poolsim::ui {

namespace {

/// The loader's message, and where it points when that is not this field (a pool size too
/// small for a workload's connections is reported at the workload).
QString messageOf(const models::ScenarioError& e, const std::string& path)
{
    QString message = QString::fromStdString(e.detail());
    if (!e.keyPath().empty() && e.keyPath() != path)
        message += FieldBinding::tr(" (at %1)").arg(QString::fromStdString(e.keyPath()));
    return message;
}

} // namespace

FieldBinding::FieldBinding(ScenarioDocument* document, QWidget* widget, FieldAccess access)
    : QObject(widget), m_document(document), m_widget(widget), m_access(std::move(access)),
      m_error(new QLabel)
{
    m_error->setObjectName(widget->objectName() + QStringLiteral(".error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    // Owned by whichever layout shows it; destroyed with the binding if none does.
    connect(this, &QObject::destroyed, m_error, [label = m_error] {
        if (!label->parent())
            delete label;
    });

    if (auto* line = qobject_cast<QLineEdit*>(widget)) {
        connect(line, &QLineEdit::editingFinished, this, &FieldBinding::commit);
    } else if (auto* spin = qobject_cast<QSpinBox*>(widget)) {
        // Arrow steps commit at once (live mode redraws as the size moves); typing commits on
        // Enter or focus-out.
        spin->setKeyboardTracking(false);
        connect(spin, &QSpinBox::valueChanged, this, &FieldBinding::commit);
        connect(spin, &QSpinBox::editingFinished, this, &FieldBinding::commit);
    } else if (auto* combo = qobject_cast<QComboBox*>(widget)) {
        connect(combo, &QComboBox::activated, this, &FieldBinding::commit);
    } else if (auto* check = qobject_cast<QCheckBox*>(widget)) {
        connect(check, &QCheckBox::clicked, this, &FieldBinding::commit);
    } else if (qobject_cast<QPlainTextEdit*>(widget)) {
        widget->installEventFilter(this);
    }
    connect(document, &ScenarioDocument::changed, this, [this] { refresh(); });
    refresh(true);
}

QString FieldBinding::currentText() const
{
    if (auto* line = qobject_cast<QLineEdit*>(m_widget))
        return line->text();
    if (auto* spin = qobject_cast<QSpinBox*>(m_widget))
        return QString::number(spin->value());
    if (auto* combo = qobject_cast<QComboBox*>(m_widget))
        return combo->currentData().toString();
    if (auto* check = qobject_cast<QCheckBox*>(m_widget))
        return check->isChecked() ? QStringLiteral("true") : QStringLiteral("false");
    if (auto* text = qobject_cast<QPlainTextEdit*>(m_widget))
        return text->toPlainText();
    return {};
}

void FieldBinding::setWidgetText(const QString& text)
{
    m_settingText = true;
    if (auto* line = qobject_cast<QLineEdit*>(m_widget)) {
        // Keep the cursor where it was when the user is in the field.
        const int cursor = line->cursorPosition();
        line->setText(text);
        // In the field: where the user was; elsewhere: the start of a text too long to show.
        line->setCursorPosition(line->hasFocus() ? std::min(cursor, static_cast<int>(text.size())) : 0);
    } else if (auto* spin = qobject_cast<QSpinBox*>(m_widget)) {
        bool ok = false;
        const int value = text.toInt(&ok);
        if (ok)
            spin->setValue(value);
    } else if (auto* combo = qobject_cast<QComboBox*>(m_widget)) {
        int index = combo->findData(text);
        if (index < 0) { // a value the list does not offer (written by hand in the file)
            combo->addItem(text, text);
            index = combo->count() - 1;
        }
        combo->setCurrentIndex(index);
    } else if (auto* check = qobject_cast<QCheckBox*>(m_widget)) {
        check->setChecked(text == QLatin1String("true"));
    } else if (auto* edit = qobject_cast<QPlainTextEdit*>(m_widget)) {
        edit->setPlainText(text);
    }
    m_settingText = false;
}

bool FieldBinding::userIsEditing() const
{
    const QWidget* focus = QApplication::focusWidget();
    const bool focused = focus && (focus == m_widget || m_widget->isAncestorOf(focus));
    return focused && currentText() != m_shown;
}

void FieldBinding::refresh(bool force)
{
    const models::Scenario& scenario = m_document->scenario();
    const QString value = m_access.read(scenario);
    if (m_access.placeholder) {
        const QString placeholder = m_access.placeholder(scenario);
        if (auto* line = qobject_cast<QLineEdit*>(m_widget))
            line->setPlaceholderText(placeholder);
        else if (auto* edit = qobject_cast<QPlainTextEdit*>(m_widget))
            edit->setPlaceholderText(placeholder);
    }
    if (!force && !m_committing) {
        // The rejected text stays until the value it was meant to replace changes.
        if (m_marked && value == m_markedValue)
            return;
        if (userIsEditing())
            return;
    }
    clearMark();
    m_shown = value;
    if (currentText() != value)
        setWidgetText(value);
}

void FieldBinding::commit()
{
    if (m_settingText)
        return;
    const QString raw = currentText();
    if (!m_marked && raw == m_shown)
        return;
    // Spaces around a typed value are not part of it (multi-line text keeps its own).
    const QString text = qobject_cast<QLineEdit*>(m_widget) ? raw.trimmed() : raw;
    QString error;
    m_committing = true;
    try {
        if (text.isEmpty() && m_access.unset) {
            models::Scenario scenario = m_document->scenario();
            m_access.unset(scenario);
            m_document->setScenario(scenario);
        } else if (m_access.commit) {
            m_access.commit(text);
        } else {
            m_document->setValue(m_access.path(), text.toStdString());
        }
    } catch (const models::ScenarioError& e) {
        error = messageOf(e, m_access.path ? m_access.path() : std::string());
    } catch (const std::exception& e) {
        error = QString::fromStdString(e.what());
    }
    m_committing = false;
    if (error.isEmpty()) {
        refresh(true);
    } else {
        m_markedValue = m_access.read(m_document->scenario());
        mark(error);
    }
    Q_EMIT committed(error);
}

void FieldBinding::mark(const QString& message)
{
    if (!m_marked)
        m_toolTip = m_widget->toolTip();
    m_marked = true;
    m_errorText = message;
    m_widget->setStyleSheet(QStringLiteral("%1 { border: 2px solid #d32f2f; border-radius: 3px; }")
                                .arg(QLatin1String(m_widget->metaObject()->className())));
    m_widget->setToolTip(message);
    m_error->setText(message);
    m_error->setToolTip(message);
    m_error->show();
}

void FieldBinding::clearMark()
{
    if (!m_marked)
        return;
    m_marked = false;
    m_errorText.clear();
    m_widget->setStyleSheet(QString());
    m_widget->setToolTip(m_toolTip);
    m_error->clear();
    m_error->hide();
}

bool FieldBinding::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_widget && event->type() == QEvent::FocusOut)
        commit();
    return QObject::eventFilter(watched, event);
}

void addFieldRow(QFormLayout* form, const QString& label, FieldBinding* binding, const QString& unit,
                 const QString& toolTip)
{
    auto* row = new QWidget;
    auto* column = new QVBoxLayout(row);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    auto* line = new QHBoxLayout;
    line->setSpacing(6);
    line->addWidget(binding->widget(), 1);
    if (!unit.isEmpty()) {
        QLabel* unitLabel = newUnitLabel(unit);
        unitLabel->setToolTip(toolTip);
        line->addWidget(unitLabel);
    }
    column->addLayout(line);
    column->addWidget(binding->errorLabel());
    binding->widget()->setToolTip(toolTip);
    auto* name = new QLabel(label);
    name->setBuddy(binding->widget());
    name->setToolTip(toolTip);
    form->addRow(name, row);
}

QLabel* newUnitLabel(const QString& unit)
{
    auto* label = new QLabel(unit);
    label->setObjectName(QStringLiteral("unit"));
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

void alignUnitColumn(QWidget* root)
{
    const QList<QLabel*> units = root->findChildren<QLabel*>(QStringLiteral("unit"));
    int width = 0;
    for (const QLabel* unit : units)
        width = std::max(width, unit->sizeHint().width());
    for (QLabel* unit : units)
        unit->setMinimumWidth(width);
}

} // namespace poolsim::ui
