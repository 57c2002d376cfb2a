// MainWindow's file handling: open, new, save, recent files, drag and drop, closing, and the
// dialogs behind the hooks tests override.
#include "ui/window/main_window.h"

#include "models/scenario/atomic_file.h"
#include "models/scenario/scenario_error.h"
#include "ui/core/app_settings.h"
#include "ui/core/recent_files_menu.h"
#include "ui/core/scenario_document.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QUrl>

#include <exception>

namespace poolsim::ui {

namespace {

const QString kScenarioFilter = QObject::tr("Scenarios (*.yaml *.yml);;All files (*)");

/// The one scenario file a drag carries, or empty (several files, not YAML, not local).
QString droppedScenario(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1)
        return {};
    const QUrl url = mime->urls().constFirst();
    if (!url.isLocalFile())
        return {};
    const QString path = url.toLocalFile();
    const QString suffix = QFileInfo(path).suffix().toLower();
    return suffix == QLatin1String("yaml") || suffix == QLatin1String("yml") ? path : QString();
}

} // namespace

bool MainWindow::openFile(const QString& path)
{
    if (!maybeSaveChanges())
        return false;
    try {
        m_document->open(path);
    } catch (const models::ScenarioError& e) {
        // The located message (file:line:col: key path: what); the open scenario stays.
        showError(tr("Cannot open the scenario"), QString::fromStdString(e.what()));
        if (!QFileInfo::exists(path)) {
            m_settings.removeRecentFile(path);
            m_recentMenu->refresh();
        }
        return false;
    }
    discardResults();
    rememberRecent(m_document->filePath());
    return true;
}

bool MainWindow::newFile()
{
    if (!maybeSaveChanges())
        return false;
    m_document->newScenario();
    discardResults();
    return true;
}

bool MainWindow::saveFile()
{
    commitPendingEdits();
    if (m_document->filePath().isEmpty())
        return saveFileAs();
    try {
        m_document->save();
    } catch (const std::exception& e) {
        showError(tr("Cannot save the scenario"), QString::fromStdString(e.what()));
        return false;
    }
    rememberRecent(m_document->filePath());
    return true;
}

bool MainWindow::saveFileAs()
{
    commitPendingEdits();
    QString path = askSavePath();
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".yaml");
    try {
        m_document->saveAs(path);
    } catch (const std::exception& e) {
        showError(tr("Cannot save the scenario"), QString::fromStdString(e.what()));
        return false;
    }
    rememberRecent(m_document->filePath());
    return true;
}

bool MainWindow::maybeSaveChanges()
{
    commitPendingEdits(); // a value typed but not yet entered is an unsaved change too
    if (!m_document->isModified())
        return true;
    switch (askUnsavedChanges()) {
    case UnsavedChoice::Save:
        return saveFile();
    case UnsavedChoice::Discard:
        return true;
    case UnsavedChoice::Cancel:
        break;
    }
    return false;
}

void MainWindow::commitPendingEdits()
{
    // Editor fields and the YAML tab apply their text when they lose the focus (as on Return).
    // F5, Ctrl+S, a toolbar button or closing the window do not take the focus, so the text
    // typed last would be left out: take the focus away and give it back.
    QWidget* focused = QApplication::focusWidget();
    if (focused == nullptr || m_editorDock == nullptr || !m_editorDock->isAncestorOf(focused))
        return;
    focused->clearFocus();
    focused->setFocus(Qt::OtherFocusReason);
}

void MainWindow::rememberRecent(const QString& path)
{
    m_settings.addRecentFile(path);
    m_recentMenu->refresh();
}

MainWindow::UnsavedChoice MainWindow::askUnsavedChanges()
{
    const QString name = m_document->filePath().isEmpty() ? tr("The new scenario")
                                                          : QFileInfo(m_document->filePath()).fileName();
    const auto answer = QMessageBox::warning(
        this, tr("Unsaved changes"), tr("%1 has unsaved changes. Save them first?").arg(name),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Save)
        return UnsavedChoice::Save;
    if (answer == QMessageBox::Discard)
        return UnsavedChoice::Discard;
    return UnsavedChoice::Cancel;
}

void MainWindow::showError(const QString& title, const QString& message)
{
    QMessageBox::warning(this, title, message);
}

void MainWindow::showMessage(const QString& title, const QString& message)
{
    QMessageBox::information(this, title, message);
}

QString MainWindow::askOpenPath()
{
    const QString start =
        m_document->filePath().isEmpty() ? QString() : QFileInfo(m_document->filePath()).path();
    return QFileDialog::getOpenFileName(this, tr("Open scenario"), start, kScenarioFilter);
}

QString MainWindow::askSavePath()
{
    const QString start = m_document->filePath().isEmpty() ? tr("untitled.yaml") : m_document->filePath();
    return QFileDialog::getSaveFileName(this, tr("Save scenario as"), start, kScenarioFilter);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSaveChanges()) {
        event->ignore();
        return;
    }
    m_liveTimer.stop();
    m_controller->stop();
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!droppedScenario(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QString path = droppedScenario(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    openFile(path);
}

} // namespace poolsim::ui
