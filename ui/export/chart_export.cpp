#include "ui/export/chart_export.h"

#include "models/scenario/scenario_yaml.h"
#include "ui/export/print_look.h"

#include <QBuffer>
#include <QClipboard>
#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QMimeData>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QSet>
#include <QSvgGenerator>
#include <QTemporaryFile>

#include "ui/core/qcustomplot_include.h"

#include <cmath>

namespace poolsim::ui {

namespace {

constexpr ChartFormat kAllFormats[] = {ChartFormat::Png, ChartFormat::Svg, ChartFormat::Pdf};

/// Fonts are given in points and turned into pixels with the paint device's resolution, so a
/// vector export at the screen's resolution keeps the proportions of text to plot seen on screen.
int screenDpi(const QCustomPlot* plot)
{
    const int dpi = plot->logicalDpiX();
    return dpi > 0 ? dpi : 96;
}

void checkPlot(const QCustomPlot* plot)
{
    if (plot == nullptr)
        throw ExportError("there is no chart to export");
}

/// The plot drawn into an open vector painter at size.width x size.height, then laid out again
/// for the widget (toPainter borrows the plot's layout for the export size).
void drawVector(QCustomPlot* plot, QCPPainter& painter, const ChartSize& size)
{
    painter.setMode(QCPPainter::pmVectorized);
    plot->toPainter(&painter, size.width, size.height);
    painter.end();
    plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace

QString chartFormatName(ChartFormat format)
{
    switch (format) {
    case ChartFormat::Png:
        return QStringLiteral("png");
    case ChartFormat::Svg:
        return QStringLiteral("svg");
    case ChartFormat::Pdf:
        return QStringLiteral("pdf");
    }
    return {};
}

ChartFormat parseChartFormat(const QString& name)
{
    const QString wanted = name.trimmed().toLower();
    for (ChartFormat f : kAllFormats)
        if (chartFormatName(f) == wanted)
            return f;
    throw ExportError("unknown export format '" + name.trimmed().toStdString() +
                      "' (expected png, svg or pdf)");
}

QList<ChartFormat> parseChartFormats(const QStringList& names)
{
    QList<ChartFormat> formats;
    for (const QString& entry : names)
        for (const QString& name : entry.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const ChartFormat f = parseChartFormat(name);
            if (!formats.contains(f))
                formats.append(f);
        }
    if (formats.isEmpty())
        throw ExportError("no export format given (expected png, svg or pdf)");
    return formats;
}

void checkChartSize(const ChartSize& size)
{
    const auto sideOk = [](int side) { return side >= kMinChartSide && side <= kMaxChartSide; };
    if (!sideOk(size.width) || !sideOk(size.height))
        throw ExportError("chart size " + std::to_string(size.width) + " x " + std::to_string(size.height) +
                          " px is out of range (each side " + std::to_string(kMinChartSide) + " to " +
                          std::to_string(kMaxChartSide) + " px)");
    if (!(size.scale > 0 && size.scale <= kMaxChartScale))
        throw ExportError("chart scale " + std::to_string(size.scale) +
                          " is out of range (above 0, at most " +
                          std::to_string(static_cast<int>(kMaxChartScale)) + ")");
}

QString scenarioContentHash(const models::Scenario& scenario)
{
    const QByteArray text = QByteArray::fromStdString(models::saveScenarioText(scenario));
    return QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha1).toHex().left(8));
}

QString scenarioFileStem(const QString& path)
{
    const QString stem = QFileInfo(path).completeBaseName();
    return stem.isEmpty() ? QStringLiteral("untitled") : stem;
}

QString chartFileName(const QString& stem, const QString& hash, const QString& plotKey, ChartFormat format)
{
    return stem + QLatin1Char('-') + hash + QLatin1Char('-') + plotKey + QLatin1Char('.') +
           chartFormatName(format);
}

QImage renderChartImage(QCustomPlot* plot, const ChartSize& size)
{
    checkPlot(plot);
    checkChartSize(size);
    const PrintLook look(plot); // a dark-themed chart exports in the light look
    QImage image = plot->toPixmap(size.width, size.height, size.scale).toImage();
    plot->replot(QCustomPlot::rpQueuedReplot);
    if (image.isNull())
        throw ExportError("the chart could not be drawn (out of memory?)");
    // The picture's physical size is the logical one: a 2x picture pastes at the same size as 1x.
    const double dotsPerMeter = 96.0 * size.scale / 0.0254;
    image.setDotsPerMeterX(static_cast<int>(std::lround(dotsPerMeter)));
    image.setDotsPerMeterY(static_cast<int>(std::lround(dotsPerMeter)));
    return image;
}

QByteArray renderChartSvg(QCustomPlot* plot, const ChartSize& size)
{
    checkPlot(plot);
    checkChartSize(size);
    const PrintLook look(plot); // a dark-themed chart exports in the light look
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setResolution(screenDpi(plot));
    generator.setSize(QSize(size.width, size.height));
    generator.setViewBox(QRect(0, 0, size.width, size.height));
    generator.setTitle(plot->windowTitle());
    generator.setDescription(QStringLiteral("Made by PoolSim"));
    QCPPainter painter;
    if (!painter.begin(&generator))
        throw ExportError("the chart could not be drawn as SVG");
    drawVector(plot, painter, size);
    return bytes;
}

QByteArray renderChartPdf(QCustomPlot* plot, const ChartSize& size)
{
    checkPlot(plot);
    checkChartSize(size);
    const PrintLook look(plot); // a dark-themed chart exports in the light look
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&buffer);
        const int dpi = screenDpi(plot);
        // One logical pixel of the plot is one device unit of the page.
        writer.setResolution(dpi);
        const QSizeF points(size.width * 72.0 / dpi, size.height * 72.0 / dpi);
        writer.setPageLayout(
            QPageLayout(QPageSize(points, QPageSize::Point, QString(), QPageSize::ExactMatch),
                        QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
        writer.setCreator(QStringLiteral("PoolSim"));
        QCPPainter painter;
        if (!painter.begin(&writer))
            throw ExportError("the chart could not be drawn as PDF");
        drawVector(plot, painter, size);
    }
    return bytes;
}

void writeFileAtomically(const QString& path, const QByteArray& bytes)
{
    QSaveFile file(path);
    const auto fail = [&](const QString& why) {
        file.cancelWriting();
        throw ExportError("cannot write '" + path.toStdString() + "': " + why.toStdString());
    };
    if (!file.open(QIODevice::WriteOnly))
        fail(file.errorString());
    if (file.write(bytes) != bytes.size())
        fail(file.errorString());
    if (!file.commit())
        fail(file.errorString());
}

void exportChart(QCustomPlot* plot, const QString& path, ChartFormat format, const ChartSize& size)
{
    switch (format) {
    case ChartFormat::Png: {
        const QImage image = renderChartImage(plot, size);
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        if (!image.save(&buffer, "PNG"))
            throw ExportError("cannot write '" + path.toStdString() + "': the PNG encoder failed");
        writeFileAtomically(path, bytes);
        return;
    }
    case ChartFormat::Svg:
        writeFileAtomically(path, renderChartSvg(plot, size));
        return;
    case ChartFormat::Pdf:
        writeFileAtomically(path, renderChartPdf(plot, size));
        return;
    }
}

void copyChartToClipboard(QCustomPlot* plot, const ChartSize& size)
{
    auto mime = std::make_unique<QMimeData>();
    mime->setImageData(renderChartImage(plot, size));
    mime->setData(QStringLiteral("image/svg+xml"), renderChartSvg(plot, size));
    QGuiApplication::clipboard()->setMimeData(mime.release()); // the clipboard owns it
}

QList<NamedPlot> exportablePlots(const QList<ChartPage*>& pages)
{
    QList<NamedPlot> plots;
    QSet<QString> keys;
    for (const ChartPage* page : pages) {
        if (page == nullptr || !page->hasData())
            continue;
        for (NamedPlot named : page->plots()) {
            if (named.plot == nullptr)
                continue;
            const QString base = named.key.isEmpty() ? QStringLiteral("chart") : named.key;
            named.key = base;
            for (int n = 2; keys.contains(named.key); ++n)
                named.key = base + QLatin1Char('-') + QString::number(n);
            keys.insert(named.key);
            plots.append(named);
        }
    }
    return plots;
}

void prepareExportFolder(const QString& folder)
{
    if (folder.trimmed().isEmpty())
        throw ExportError("no export folder given");
    const QFileInfo info(folder);
    if (info.exists() && !info.isDir())
        throw ExportError("cannot export to '" + folder.toStdString() + "': it is a file, not a folder");
    if (!QDir().mkpath(folder))
        throw ExportError("cannot create the folder '" + folder.toStdString() + "'");
    // Asking the file system is the only reliable check (permissions, read-only mounts, ACLs).
    QTemporaryFile probe(QDir(folder).filePath(QStringLiteral(".poolsim-export-XXXXXX")));
    if (!probe.open())
        throw ExportError("cannot write in the folder '" + folder.toStdString() +
                          "': " + probe.errorString().toStdString());
}

QStringList exportCharts(const QList<NamedPlot>& plots, const QString& folder,
                         const QList<ChartFormat>& formats, const ChartSize& size, const QString& stem,
                         const QString& hash)
{
    checkChartSize(size);
    if (formats.isEmpty())
        throw ExportError("no export format chosen");
    prepareExportFolder(folder);
    const QDir dir(folder);
    QStringList written;
    for (const NamedPlot& named : plots)
        for (ChartFormat format : formats) {
            const QString path = dir.filePath(chartFileName(stem, hash, named.key, format));
            exportChart(named.plot, path, format, size);
            written.append(path);
        }
    return written;
}

} // namespace poolsim::ui
