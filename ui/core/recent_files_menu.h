#pragma once
// File > Open Recent: the files AppSettings remembers, most recent first, numbered for the
// keyboard, with the full path as each entry's tooltip, and "Clear" at the bottom.
#include <QMenu>

namespace poolsim::ui {

class RecentFilesMenu : public QMenu
{
    Q_OBJECT
public:
    explicit RecentFilesMenu(QWidget* parent = nullptr);
    /// Rebuilds the entries from the settings (also done each time the menu opens).
    void refresh();

Q_SIGNALS:
    void openRequested(const QString& path);
};

} // namespace poolsim::ui
