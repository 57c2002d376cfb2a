#include "ui/core/recent_files_menu.h"

#include "ui/core/app_settings.h"

#include <QFileInfo>

namespace poolsim::ui {

RecentFilesMenu::RecentFilesMenu(QWidget* parent) : QMenu(tr("Open &Recent"), parent)
{
    setObjectName(QStringLiteral("menuRecentFiles"));
    connect(this, &QMenu::aboutToShow, this, &RecentFilesMenu::refresh);
    refresh();
}

void RecentFilesMenu::refresh()
{
    clear();
    const QStringList files = AppSettings().recentFiles();
    for (int i = 0; i < files.size(); ++i) {
        const QString& path = files[i];
        // &1..&9, then 1&0: each entry has a key.
        const QString number = i < 9 ? QStringLiteral("&%1").arg(i + 1) : QStringLiteral("1&0");
        QAction* action = addAction(QStringLiteral("%1  %2").arg(number, QFileInfo(path).fileName()));
        action->setToolTip(path);
        action->setStatusTip(path);
        action->setData(path);
        connect(action, &QAction::triggered, this, [this, path] { Q_EMIT openRequested(path); });
    }
    if (files.isEmpty())
        addAction(tr("No recent files"))->setEnabled(false);
    addSeparator();
    QAction* clearAction = addAction(tr("&Clear"));
    clearAction->setEnabled(!files.isEmpty());
    // Not rebuilt here (that would delete the action being triggered): aboutToShow does it.
    connect(clearAction, &QAction::triggered, this, [] { AppSettings().clearRecentFiles(); });
    setToolTipsVisible(true);
}

} // namespace poolsim::ui
