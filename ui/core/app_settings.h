#pragma once
// What the desktop program remembers between runs (QSettings, organisation "PoolSim",
// application "poolsim-gui"): recent files, the window's layout, and the last export folder
// and size. One place for the keys, so the window and the exporter agree on them.
#include <QByteArray>
#include <QSize>
#include <QString>
#include <QStringList>

namespace poolsim::ui {

class AppSettings
{
public:
    static constexpr int kMaxRecentFiles = 10;
    /// Export size when none was saved yet (logical pixels).
    static constexpr QSize kDefaultExportSize{1280, 720};

    /// Most recent first, at most kMaxRecentFiles, absolute paths.
    QStringList recentFiles() const;
    /// Puts `path` first (moving it when already listed) and drops the oldest past the limit.
    void addRecentFile(const QString& path);
    void removeRecentFile(const QString& path);
    void clearRecentFiles();

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    /// Toolbars and docks (QMainWindow::saveState).
    QByteArray windowState() const;
    void setWindowState(const QByteArray& state);

    /// The folder charts and reports were last exported to; the user's documents folder at first.
    QString exportFolder() const;
    void setExportFolder(const QString& folder);
    QSize exportSize() const;
    void setExportSize(const QSize& size);
    /// Pixels per logical pixel of exported PNGs (1 at first).
    double exportScale() const;
    void setExportScale(double scale);
};

} // namespace poolsim::ui
