#include "ui/export/export_actions.h"

#include "ui/core/app_settings.h"
#include "ui/core/scenario_document.h"
#include "ui/export/chart_export.h"
#include "ui/export/export_dialog.h"
#include "ui/export/report_writer.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QObject>

namespace poolsim::ui {

namespace {

/// A wait cursor while the files are drawn (a report of many charts takes a moment).
class BusyCursor
{
public:
    BusyCursor() { QGuiApplication::setOverrideCursor(Qt::WaitCursor); }
    ~BusyCursor() { QGuiApplication::restoreOverrideCursor(); }
    BusyCursor(const BusyCursor&) = delete;
    BusyCursor& operator=(const BusyCursor&) = delete;
};

/// "1 file", "12 files".
QString count(qsizetype n, const char* one, const char* many)
{
    return QString::number(n) + QLatin1Char(' ') + QString::fromLatin1(n == 1 ? one : many);
}

QString nativePath(const QString& path)
{
    return QDir::toNativeSeparators(path);
}

} // namespace

ExportNaming exportNaming(const ExportRequestContext& context)
{
    ExportNaming naming;
    naming.stem = scenarioFileStem(context.document != nullptr ? context.document->filePath() : QString());
    if (context.lastRun)
        naming.hash = scenarioContentHash(context.lastRun->scenario);
    else if (context.document != nullptr)
        naming.hash = context.document->contentHash();
    return naming;
}

QString exportChartsWithDialog(const ExportRequestContext& context, const ExportPrompts& prompts)
{
    const QList<NamedPlot> plots = exportablePlots(context.pages);
    if (plots.isEmpty())
        return QObject::tr("There are no charts to export yet: run the scenario first (F5).");
    const ExportNaming naming = exportNaming(context);

    ExportDialog dialog(context.window);
    if (context.settings != nullptr)
        dialog.loadSettings(*context.settings);
    dialog.setNaming(naming.stem, naming.hash, plots.size());
    const bool accepted = prompts.runDialog ? prompts.runDialog(dialog) : dialog.exec() == QDialog::Accepted;
    if (!accepted)
        return {};
    if (context.settings != nullptr)
        dialog.saveSettings(*context.settings);

    const ChartExportChoice choice = dialog.choice();
    try {
        BusyCursor busy;
        const QStringList written =
            exportCharts(plots, choice.folder, choice.formats, choice.size, naming.stem, naming.hash);
        return QObject::tr("Exported %1 to %2.")
            .arg(count(written.size(), "file", "files"), nativePath(choice.folder));
    } catch (const ExportError& e) {
        return QObject::tr("The charts could not be exported: %1").arg(QString::fromStdString(e.what()));
    }
}

QString exportReportWithDialog(const ExportRequestContext& context, const ExportPrompts& prompts,
                               const OutcomePtr& recommendation)
{
    if (context.document == nullptr)
        return {};
    const ExportNaming naming = exportNaming(context);
    const QString folder = context.settings != nullptr ? context.settings->exportFolder() : QDir::homePath();
    const QString suggested = QDir(folder).filePath(reportFileName(naming.stem, naming.hash));
    QString path = prompts.askReportPath
                       ? prompts.askReportPath(context.window, suggested)
                       : QFileDialog::getSaveFileName(context.window, QObject::tr("Export report"), suggested,
                                                      QObject::tr("PDF documents (*.pdf)"));
    if (path.isEmpty())
        return {};
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".pdf");
    if (context.settings != nullptr)
        context.settings->setExportFolder(QFileInfo(path).absolutePath());

    try {
        BusyCursor busy;
        const ReportContent content =
            reportContent(context.document->scenario(), context.document->filePath(), context.lastRun,
                          recommendation, context.pages);
        const ReportPlan plan = writeReport(content, path);
        QString message = QObject::tr("Wrote the report (%1) to %2.")
                              .arg(count(plan.total(), "page", "pages"), nativePath(path));
        if (!content.run)
            message +=
                QObject::tr(" It has no results: run the scenario (F5) before exporting to include them.");
        return message;
    } catch (const ExportError& e) {
        return QObject::tr("The report could not be written: %1").arg(QString::fromStdString(e.what()));
    }
}

} // namespace poolsim::ui
