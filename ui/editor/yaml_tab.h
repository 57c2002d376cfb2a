#pragma once
// The editor's YAML tab: the scenario as text, editable. Apply (or leaving the text) hands it to
// the document, which reads it as the loader reads a file; an error is shown with its line
// highlighted, and the typed text stays. Edits made in the form refresh the text, unless the
// text has edits not applied yet: then a bar offers to reload it.
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace poolsim::ui {

class ScenarioDocument;

class YamlTab : public QWidget
{
    Q_OBJECT
public:
    explicit YamlTab(ScenarioDocument* document, QWidget* parent = nullptr);

    QPlainTextEdit* editor() const { return m_edit; }
    /// Whether the text differs from the document's.
    bool hasUnappliedEdits() const;
    /// Applies the text; false (error shown, text kept) when the document rejects it.
    bool apply();
    /// Replaces the text with the document's, dropping unapplied edits.
    void reload();
    /// The shown error (empty when none) and the 1-based line it marks (0: none).
    QString errorText() const;
    int errorLine() const { return m_errorLine; }
    /// Whether the "the form changed the scenario; reload?" bar is shown.
    bool reloadOffered() const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void documentChanged();
    void showError(const QString& message, int line, int column);
    void clearError();

    ScenarioDocument* m_document;
    QPlainTextEdit* m_edit;
    QPushButton* m_apply;
    QPushButton* m_revert;
    QLabel* m_error;
    QWidget* m_reloadBar;
    QString m_loaded;   // the document's text as last shown
    QString m_rejected; // the text last rejected (leaving it again does not re-apply it)
    int m_errorLine = 0;
    bool m_applying = false;
};

} // namespace poolsim::ui
