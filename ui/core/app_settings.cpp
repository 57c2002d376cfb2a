#include "ui/core/app_settings.h"

#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace poolsim::ui {

namespace {

QSettings store()
{
    return QSettings(QStringLiteral("PoolSim"), QStringLiteral("poolsim-gui"));
}

const QString kRecentFiles = QStringLiteral("recentFiles");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kExportFolder = QStringLiteral("export/folder");
const QString kExportSize = QStringLiteral("export/size");
const QString kExportScale = QStringLiteral("export/scale");

void storeRecent(QStringList files)
{
    while (files.size() > AppSettings::kMaxRecentFiles)
        files.removeLast();
    store().setValue(kRecentFiles, files);
}

} // namespace

QStringList AppSettings::recentFiles() const
{
    QStringList files = store().value(kRecentFiles).toStringList();
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    return files;
}

void AppSettings::addRecentFile(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = recentFiles();
    files.removeAll(absolute);
    files.prepend(absolute);
    storeRecent(files);
}

void AppSettings::removeRecentFile(const QString& path)
{
    QStringList files = recentFiles();
    files.removeAll(QFileInfo(path).absoluteFilePath());
    storeRecent(files);
}

void AppSettings::clearRecentFiles()
{
    store().remove(kRecentFiles);
}

QByteArray AppSettings::windowGeometry() const
{
    return store().value(kGeometry).toByteArray();
}

void AppSettings::setWindowGeometry(const QByteArray& geometry)
{
    store().setValue(kGeometry, geometry);
}

QByteArray AppSettings::windowState() const
{
    return store().value(kState).toByteArray();
}

void AppSettings::setWindowState(const QByteArray& state)
{
    store().setValue(kState, state);
}

QString AppSettings::exportFolder() const
{
    const QString saved = store().value(kExportFolder).toString();
    return saved.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) : saved;
}

void AppSettings::setExportFolder(const QString& folder)
{
    store().setValue(kExportFolder, folder);
}

QSize AppSettings::exportSize() const
{
    const QSize saved = store().value(kExportSize).toSize();
    return saved.isValid() && !saved.isEmpty() ? saved : kDefaultExportSize;
}

void AppSettings::setExportSize(const QSize& size)
{
    store().setValue(kExportSize, size);
}

double AppSettings::exportScale() const
{
    bool ok = false;
    const double scale = store().value(kExportScale).toDouble(&ok);
    return ok && scale > 0 ? scale : 1.0;
}

void AppSettings::setExportScale(double scale)
{
    store().setValue(kExportScale, scale);
}

} // namespace poolsim::ui
