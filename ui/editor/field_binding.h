#pragma once
// One editor field bound to one value of the open scenario. The widget shows the value as the
// document holds it; an edit is handed to the document as typed (setValue by its --set path, or
// a custom commit for text and list values) and checked there exactly as the loader checks a
// file. A rejected edit keeps the typed text and marks the field (red frame, the loader's
// message as tooltip and inline label) until it is corrected or the value changes elsewhere.
#include <QObject>
#include <QString>

#include <functional>
#include <string>

class QLabel;
class QWidget;
class QFormLayout;

namespace poolsim::models {
struct Scenario;
}

namespace poolsim::ui {

class ScenarioDocument;

/// How a field reads and writes its value.
struct FieldAccess
{
    /// The --set path of the value ("pool.size", "workloads[2].hold.exponential").
    std::function<std::string()> path;
    /// The value as the scenario holds it, as text; empty when unset (the placeholder shows the
    /// default then).
    std::function<QString(const models::Scenario&)> read;
    /// Clears the value when the field is emptied (an optional key); null: empty text is
    /// handed to the document like any other text (and rejected if the key is required).
    std::function<void(models::Scenario&)> unset;
    /// Replaces document->setValue(path, text) for values --set cannot give as typed (free
    /// text, lists); throws models::ScenarioError or std::invalid_argument.
    std::function<void(const QString&)> commit;
    /// The placeholder of an empty line edit (the default), recomputed on every refresh.
    std::function<QString(const models::Scenario&)> placeholder;
};

/// Binds a QLineEdit, QSpinBox, QComboBox (item data = value text), QPlainTextEdit or
/// QCheckBox ("true"/"false") to a value of the document.
class FieldBinding : public QObject
{
    Q_OBJECT
public:
    FieldBinding(ScenarioDocument* document, QWidget* widget, FieldAccess access);

    QWidget* widget() const { return m_widget; }
    /// The inline label that shows the error under the field (hidden when there is none).
    QLabel* errorLabel() const { return m_error; }
    bool isMarked() const { return m_marked; }
    QString errorText() const { return m_errorText; }
    /// The widget's text as it would be committed.
    QString currentText() const;

    /// Shows the document's value, unless the user is typing in the field or its rejected text
    /// is still the latest word on a value nobody else changed. `force` shows it regardless
    /// (another workload was selected) and clears the mark.
    void refresh(bool force = false);
    /// Hands the widget's text to the document (editingFinished, activated, focus-out).
    void commit();

Q_SIGNALS:
    /// After every commit attempt: empty on success, else the message shown at the field.
    void committed(const QString& error);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void setWidgetText(const QString& text);
    void mark(const QString& message);
    void clearMark();
    bool userIsEditing() const;

    ScenarioDocument* m_document;
    QWidget* m_widget;
    FieldAccess m_access;
    QLabel* m_error;
    QString m_shown;       // the document's value the widget last showed
    QString m_markedValue; // the document's value when the mark was made
    QString m_errorText;
    QString m_toolTip; // the field's own tooltip, restored when the mark is cleared
    bool m_marked = false;
    bool m_committing = false;
    bool m_settingText = false;
};

/// A row of a form: the field, its unit after it, and its error label below; the label and the
/// widget get `toolTip`.
void addFieldRow(QFormLayout* form, const QString& label, FieldBinding* binding, const QString& unit,
                 const QString& toolTip);
/// The unit label of a field row (object name "unit"), dimmed.
QLabel* newUnitLabel(const QString& unit);
/// Gives every unit label under `root` the width of the widest, so that the fields of the
/// forms end at one edge.
void alignUnitColumn(QWidget* root);

} // namespace poolsim::ui
