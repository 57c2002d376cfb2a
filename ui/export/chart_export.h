#pragma once
// Exporting plots for reviews: one plot as PNG (chosen size and pixel scale), SVG or PDF, to the
// clipboard, or every plot of every chart page to a folder in one step. Exported files are named
// `<scenario file stem>-<content hash>-<plot key>.<ext>` so that a chart pasted into a slide can
// be traced to the exact scenario text that made it. Every file is written atomically (a
// temporary beside it, then renamed): a failed export never leaves half a picture.
#include "ui/charts/chart_page.h"

#ifndef Q_MOC_RUN
#include "models/scenario/scenario.h"
#endif

#include <QByteArray>
#include <QImage>
#include <QList>
#include <QString>
#include <QStringList>

#include <stdexcept>

class QCustomPlot;

namespace poolsim::ui {

/// An export could not be done: a bad request (unknown format, bad size) or a file that could
/// not be written. The message says which file and why.
class ExportError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

enum class ChartFormat { Png, Svg, Pdf };

/// "png", "svg", "pdf": the file extension and the name --format takes.
QString chartFormatName(ChartFormat format);
/// A format by name, case and surrounding blanks ignored. Throws ExportError naming the known ones.
ChartFormat parseChartFormat(const QString& name);
/// Every format named in `names`, each entry possibly a comma-separated list ("png,svg"), in
/// order of first mention, without repeats. Throws ExportError for an unknown name or none.
QList<ChartFormat> parseChartFormats(const QStringList& names);

/// The size a plot is laid out at, in logical pixels (fonts keep their on-screen size, so a
/// larger size shows more room, not bigger text), and for PNG the pixels per logical pixel
/// (2 gives a sharp picture on a slide or a high-density screen).
struct ChartSize
{
    int width = 1280;
    int height = 720;
    double scale = 1.0;
    bool operator==(const ChartSize&) const = default;
};
inline constexpr int kMinChartSide = 100;
inline constexpr int kMaxChartSide = 8000;
inline constexpr double kMaxChartScale = 4.0;
/// Throws ExportError when a side is outside [kMinChartSide, kMaxChartSide] or the scale is not
/// in (0, kMaxChartScale].
void checkChartSize(const ChartSize& size);

/// The first 8 hex digits of the SHA-1 of models::saveScenarioText(scenario): the same short
/// hash ScenarioDocument::contentHash gives.
QString scenarioContentHash(const models::Scenario& scenario);
/// The scenario file's name without folder and extension; "untitled" for a scenario with no file.
QString scenarioFileStem(const QString& path);
/// What exported files are named after: the scenario file's stem and the short hash of the
/// scenario text that made the charts.
struct ExportNaming
{
    QString stem;
    QString hash;
};

/// `<stem>-<hash>-<key>.<ext>`.
QString chartFileName(const QString& stem, const QString& hash, const QString& plotKey, ChartFormat format);

/// The plot laid out at `size` (the widget on screen is left as it is).
QImage renderChartImage(QCustomPlot* plot, const ChartSize& size);
/// The plot as an SVG document of size.width x size.height.
QByteArray renderChartSvg(QCustomPlot* plot, const ChartSize& size);
/// The plot as a one-page PDF of size.width x size.height logical pixels (vector).
QByteArray renderChartPdf(QCustomPlot* plot, const ChartSize& size);

/// Writes the plot to `path` in `format`, atomically. Throws ExportError.
void exportChart(QCustomPlot* plot, const QString& path, ChartFormat format, const ChartSize& size);

/// Puts the plot on the clipboard as an image, and as SVG for programs that paste vectors.
void copyChartToClipboard(QCustomPlot* plot, const ChartSize& size);

/// The plots of the pages that have data, in page order, with keys made unique (a repeated key
/// gets "-2", "-3"...), so that no export overwrites another.
QList<NamedPlot> exportablePlots(const QList<ChartPage*>& pages);

/// Writes every plot in every format to `folder` (created when missing) under chartFileName
/// names; returns the paths written, in order. Throws ExportError (for a folder that cannot be
/// created or written before any file is written).
QStringList exportCharts(const QList<NamedPlot>& plots, const QString& folder,
                         const QList<ChartFormat>& formats, const ChartSize& size, const QString& stem,
                         const QString& hash);

/// Creates `folder` when missing and checks that files can be created in it. Throws ExportError.
void prepareExportFolder(const QString& folder);

/// Writes `bytes` to `path` atomically (QSaveFile). Throws ExportError "cannot write 'path': why".
void writeFileAtomically(const QString& path, const QByteArray& bytes);

} // namespace poolsim::ui
