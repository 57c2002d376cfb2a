#include "ui/editor/yaml_tab.h"

#include "ui/core/scenario_document.h"
#include "ui/editor/editor_widgets.h"

#include <QEvent>
#include <QFile>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

namespace poolsim::ui {

YamlTab::YamlTab(ScenarioDocument* document, QWidget* parent) : QWidget(parent), m_document(document)
{
    auto* column = new QVBoxLayout(this);

    m_reloadBar = new QFrame;
    m_reloadBar->setObjectName(QStringLiteral("yaml.reloadBar"));
    m_reloadBar->setStyleSheet(
        QStringLiteral("#yaml\\.reloadBar { background: #fff3cd; border: 1px solid #e0c36c; "
                       "border-radius: 3px; } QLabel { color: #5c4400; }"));
    auto* bar = new QHBoxLayout(m_reloadBar);
    bar->setContentsMargins(8, 4, 8, 4);
    auto* question = new QLabel(tr("The form changed the scenario; reload the text? (Your edits here "
                                   "would be lost.)"));
    question->setWordWrap(true);
    bar->addWidget(question, 1);
    QPushButton* reloadButton = makeButton(bar, QStringLiteral("yaml.reload"), tr("Reload"));
    connect(reloadButton, &QPushButton::clicked, this, &YamlTab::reload);
    m_reloadBar->hide();
    column->addWidget(m_reloadBar);

    m_edit = new QPlainTextEdit;
    m_edit->setObjectName(QStringLiteral("yaml.text"));
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_edit->setTabChangesFocus(false);
    m_edit->setToolTip(tr("The scenario file (docs/scenario-format.md). Apply, or leave the text, to "
                          "use it; comments are not kept."));
    m_edit->installEventFilter(this);
    column->addWidget(m_edit, 1);

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("yaml.error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_error->hide();
    column->addWidget(m_error);

    auto* buttons = new QHBoxLayout;
    m_apply = new QPushButton(tr("Apply"));
    m_apply->setObjectName(QStringLiteral("yaml.apply"));
    m_apply->setToolTip(tr("Reads the text as the scenario (as opening a file would)."));
    m_revert = new QPushButton(tr("Revert"));
    m_revert->setObjectName(QStringLiteral("yaml.revert"));
    m_revert->setToolTip(tr("Drops the edits made here and shows the scenario as it is."));
    buttons->addStretch(1);
    buttons->addWidget(m_revert);
    buttons->addWidget(m_apply);
    column->addLayout(buttons);
    connect(m_apply, &QPushButton::clicked, this, [this] { apply(); });
    connect(m_revert, &QPushButton::clicked, this, &YamlTab::reload);
    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        const bool edited = hasUnappliedEdits();
        m_apply->setEnabled(edited);
        m_revert->setEnabled(edited);
    });

    connect(document, &ScenarioDocument::changed, this, &YamlTab::documentChanged);
    reload();
}

bool YamlTab::hasUnappliedEdits() const
{
    return m_edit->toPlainText() != m_loaded;
}

bool YamlTab::reloadOffered() const
{
    return !m_reloadBar->isHidden();
}

QString YamlTab::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void YamlTab::reload()
{
    // Keep the view where it was: a refresh after a form edit should not jump to the top.
    const int scroll = m_edit->verticalScrollBar()->value();
    const int cursor = m_edit->textCursor().position();
    m_loaded = QString::fromStdString(m_document->yamlText());
    if (m_edit->toPlainText() != m_loaded) {
        m_edit->setPlainText(m_loaded);
        QTextCursor c = m_edit->textCursor();
        c.setPosition(std::min(cursor, static_cast<int>(m_loaded.size())));
        m_edit->setTextCursor(c);
        m_edit->verticalScrollBar()->setValue(scroll);
    }
    m_reloadBar->hide();
    m_apply->setEnabled(false);
    m_revert->setEnabled(false);
    clearError();
}

void YamlTab::documentChanged()
{
    if (m_applying || !hasUnappliedEdits()) {
        reload();
        return;
    }
    m_reloadBar->show();
}

bool YamlTab::apply()
{
    if (!hasUnappliedEdits() && errorText().isEmpty())
        return true;
    m_applying = true;
    try {
        m_document->setYamlText(m_edit->toPlainText().toStdString());
    } catch (const models::ScenarioError& e) {
        m_applying = false;
        m_rejected = m_edit->toPlainText();
        const models::SourceLocation& where = e.location();
        // Errors in a data file the text names (a trace, an empirical file) point into that
        // file, not at a line of this text.
        const std::string self = m_document->filePath().isEmpty()
                                     ? std::string("untitled.yaml")
                                     : QFile::encodeName(m_document->filePath()).toStdString();
        if (where.line > 0 && where.file == self) {
            QString message = tr("Line %1, column %2: ").arg(where.line).arg(where.column);
            if (!e.keyPath().empty())
                message += QString::fromStdString(e.keyPath()) + QStringLiteral(": ");
            showError(message + QString::fromStdString(e.detail()), where.line, where.column);
        } else {
            showError(QString::fromStdString(e.what()), 0, 0);
        }
        return false;
    }
    m_applying = false;
    reload(); // the document's own text (the same content, as it saves it)
    return true;
}

void YamlTab::showError(const QString& message, int line, int column)
{
    m_error->setText(message);
    m_error->show();
    m_errorLine = line;
    QList<QTextEdit::ExtraSelection> marks;
    const QTextBlock block = line > 0 ? m_edit->document()->findBlockByNumber(line - 1) : QTextBlock();
    if (block.isValid()) {
        QTextEdit::ExtraSelection lineMark;
        lineMark.format.setBackground(QColor(255, 205, 210));
        lineMark.format.setProperty(QTextFormat::FullWidthSelection, true);
        lineMark.cursor = QTextCursor(block);
        marks << lineMark;
        QTextEdit::ExtraSelection underline;
        underline.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        underline.format.setUnderlineColor(QColor(198, 40, 40));
        underline.cursor = QTextCursor(block);
        underline.cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        marks << underline;
        QTextCursor at(block);
        at.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor,
                        std::max(0, std::min(column - 1, block.length() - 1)));
        m_edit->setTextCursor(at);
        m_edit->ensureCursorVisible();
    }
    m_edit->setExtraSelections(marks);
}

void YamlTab::clearError()
{
    m_error->clear();
    m_error->hide();
    m_errorLine = 0;
    m_edit->setExtraSelections({});
}

bool YamlTab::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_edit && event->type() == QEvent::FocusOut && hasUnappliedEdits() &&
        m_edit->toPlainText() != m_rejected)
        apply();
    return QWidget::eventFilter(watched, event);
}

} // namespace poolsim::ui
