#pragma once
// File > Export charts...: where (a folder), which formats, and at what size and scale every
// chart is exported. It starts from the last choice (AppSettings: folder, size, scale; formats
// in QSettings "export/formats") and remembers the new one when the user exports.
#include "ui/export/chart_export.h"

#include <QDialog>
#include <QList>
#include <QString>

#include <functional>

class QCheckBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace poolsim::ui {

class AppSettings;

/// What the dialog chose.
struct ChartExportChoice
{
    QString folder;
    QList<ChartFormat> formats;
    ChartSize size;
};

class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    /// Asks for a folder, starting at `current`; empty when cancelled. Tests replace the
    /// QFileDialog with their own.
    using FolderChooser = std::function<QString(QWidget* parent, const QString& current)>;

    explicit ExportDialog(QWidget* parent = nullptr);

    /// The names the files will get (shown as an example) and how many charts there are.
    void setNaming(const QString& stem, const QString& hash, qsizetype chartCount);

    ChartExportChoice choice() const;
    void setChoice(const ChartExportChoice& choice);
    /// The last choice remembered, or the defaults.
    void loadSettings(const AppSettings& settings);
    /// Remembers the current choice for next time.
    void saveSettings(AppSettings& settings) const;

    void setFolderChooser(FolderChooser chooser) { m_chooseFolder = std::move(chooser); }

    /// Why Export cannot be pressed ("choose at least one format"), or empty.
    QString problem() const;

    QLineEdit* folderEdit() const { return m_folder; }
    QCheckBox* formatBox(ChartFormat format) const;
    QSpinBox* widthBox() const { return m_width; }
    QSpinBox* heightBox() const { return m_height; }
    QDoubleSpinBox* scaleBox() const { return m_scale; }
    /// The message under the fields: the files to be written, or what is wrong.
    QLabel* statusLabel() const { return m_status; }

public Q_SLOTS:
    /// Checks that the folder can be created and written; on failure says why in the dialog and
    /// stays open.
    void accept() override;

private:
    void chooseFolder();
    void refresh();

    QLineEdit* m_folder = nullptr;
    QCheckBox* m_png = nullptr;
    QCheckBox* m_svg = nullptr;
    QCheckBox* m_pdf = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
    QDoubleSpinBox* m_scale = nullptr;
    QLabel* m_status = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    FolderChooser m_chooseFolder;
    QString m_stem = QStringLiteral("untitled"), m_hash = QStringLiteral("00000000");
    qsizetype m_chartCount = 0;
    QString m_folderError; // the last accept()'s failure, until the folder changes
};

} // namespace poolsim::ui
