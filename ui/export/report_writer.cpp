#include "ui/export/report_writer.h"

#include "models/scenario/scenario_yaml.h"
#include "ui/export/chart_export.h"
#include "ui/export/print_look.h"
#include "ui/export/report_canvas.h"
#include "ui/export/report_format.h"
#include "ui/export/report_sections.h"

#include <QBuffer>
#include <QGuiApplication>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QScreen>

#include "ui/core/qcustomplot_include.h"

#include <algorithm>

namespace poolsim::ui {

namespace {

int pagesFor(qsizetype items, int perPage)
{
    return std::max(1, static_cast<int>((items + perPage - 1) / perPage));
}

const std::string& yamlOf(const ReportContent& content, std::string& storage)
{
    if (!content.yamlText.empty())
        return content.yamlText;
    storage = models::saveScenarioText(content.scenario);
    return storage;
}

/// The resolution fonts are resolved at on screen: the plots are drawn at it so that their text
/// keeps the size it has next to the plot on screen (fonts are in points, turned into device
/// units with the device's resolution).
int reportResolution(const ReportContent& content)
{
    for (const NamedPlot& chart : content.charts)
        if (chart.plot != nullptr && chart.plot->logicalDpiX() > 0)
            return chart.plot->logicalDpiX();
    const QScreen* screen = QGuiApplication::primaryScreen();
    return screen != nullptr ? static_cast<int>(screen->logicalDotsPerInch()) : 96;
}

void drawChartPage(report::Canvas& canvas, const NamedPlot& chart, int index, int count)
{
    const QString title = chart.title.isEmpty() ? chart.key : chart.title;
    QRectF body = canvas.startPage(QPageLayout::Landscape,
                                   QStringLiteral("Chart %1 of %2: %3").arg(index + 1).arg(count).arg(title));
    if (!chart.caption.isEmpty()) { // above the plot, which takes the rest of the page
        const double below = canvas.paragraph(body, body.top(), chart.caption, canvas.font(10, true));
        body.setTop(below);
    }
    if (chart.plot == nullptr)
        return;
    const PrintLook look(chart.plot); // paper gets the light look, whatever the desktop theme
    QCPPainter& painter = canvas.painter();
    painter.save();
    painter.translate(body.topLeft());
    painter.setMode(QCPPainter::pmVectorized);
    chart.plot->toPainter(&painter, static_cast<int>(body.width()), static_cast<int>(body.height()));
    painter.restore();
    // toPainter lays the plot out at the page's size; the widget gets its own layout back.
    chart.plot->replot(QCustomPlot::rpQueuedReplot);
}

void drawAppendixPage(report::Canvas& canvas, const QStringList& lines, int part, const QString& sourceFile)
{
    QString heading = QStringLiteral("Appendix: the scenario as YAML");
    if (part > 0)
        heading += QStringLiteral(" (continued)");
    const QRectF body = canvas.startPage(QPageLayout::Portrait, heading);
    double top = body.top();
    if (part == 0) {
        const QString note =
            QStringLiteral("The scenario as PoolSim writes it%1: the text the content hash is taken from, "
                           "in PoolSim's layout (comments and formatting of the file are not kept); "
                           "line numbers as in this text.")
                .arg(sourceFile.isEmpty() ? QString() : QStringLiteral(" (from %1)").arg(sourceFile));
        top = canvas.paragraph(body, top, note, canvas.font(8.5), QColor(0x50, 0x50, 0x50));
    }
    // The first page keeps the same number of lines as the others (the note takes the room of
    // the header's spacing), so page counts never depend on fonts.
    const double lineHeight = (body.bottom() - top) / kAppendixLinesPerPage;
    const QFont font = canvas.monospaceFont(body.width(), kAppendixColumns, lineHeight);
    QCPPainter& painter = canvas.painter();
    painter.save();
    painter.setFont(font);
    painter.setPen(Qt::black);
    const qsizetype first = static_cast<qsizetype>(part) * kAppendixLinesPerPage;
    for (qsizetype i = 0; i < kAppendixLinesPerPage && first + i < lines.size(); ++i)
        painter.drawText(
            QRectF(body.left(), top + static_cast<double>(i) * lineHeight, body.width(), lineHeight),
            Qt::AlignLeft | Qt::AlignVCenter | Qt::TextDontClip, lines[first + i]);
    painter.restore();
}

} // namespace

QStringList appendixLines(const std::string& yamlText)
{
    QStringList source = QString::fromStdString(yamlText).split(QLatin1Char('\n'));
    if (!source.isEmpty() && source.back().isEmpty())
        source.removeLast(); // the text ends with a newline, not an empty line
    const int digits = std::max(4, static_cast<int>(QString::number(source.size()).size()));
    const qsizetype gutter = digits + 2;
    const qsizetype width = kAppendixColumns - gutter;
    QStringList lines;
    for (qsizetype n = 0; n < source.size(); ++n) {
        QString rest = source[n];
        qsizetype indent = 0;
        while (indent < rest.size() && rest[indent] == QLatin1Char(' '))
            ++indent;
        // Continuation rows sit deeper than the line they continue, so the YAML's structure
        // still reads; they break after a space when there is one.
        const qsizetype continuation = std::min<qsizetype>(indent + 4, width / 2);
        for (bool first = true;; first = false) {
            const QString lead = first ? QStringLiteral("%1  ").arg(n + 1, digits)
                                       : QString(gutter + continuation, QLatin1Char(' '));
            const qsizetype room = first ? width : width - continuation;
            if (rest.size() <= room) {
                lines << lead + rest;
                break;
            }
            qsizetype cut = rest.lastIndexOf(QLatin1Char(' '), room - 1) + 1;
            if (cut <= (first ? indent + 1 : 1))
                cut = room; // one long word: cut it
            lines << lead + rest.left(cut);
            rest = rest.mid(cut);
        }
    }
    return lines;
}

ReportPlan planReport(const ReportContent& content)
{
    ReportPlan plan;
    plan.variants = pagesFor(static_cast<qsizetype>(report::reportRuns(content).size()), kVariantsPerPage);
    plan.charts = static_cast<int>(content.charts.size());
    plan.alerts = pagesFor(report::alertRows(content).size(), kAlertRowsPerPage);
    plan.recommendation = content.recommendation ? 1 : 0;
    std::string storage;
    plan.appendix = pagesFor(appendixLines(yamlOf(content, storage)).size(), kAppendixLinesPerPage);
    return plan;
}

ReportPlan writeReport(const ReportContent& content, const QString& path)
{
    const ReportPlan plan = planReport(content);
    std::string storage;
    const QStringList appendix = appendixLines(yamlOf(content, storage));
    const QList<QStringList> alerts = report::alertRows(content);

    QList<report::SectionStart> sections;
    int next = 1 + plan.title;
    const auto section = [&](const QString& name, int pages) {
        sections.append({name, next, pages});
        next += pages;
    };
    section(QStringLiteral("Variants"), plan.variants);
    section(QStringLiteral("Charts"), plan.charts);
    section(QStringLiteral("Alerts"), plan.alerts);
    section(QStringLiteral("Recommendation"), plan.recommendation);
    section(QStringLiteral("Appendix: YAML"), plan.appendix);

    const QString name = content.scenario.name.empty() ? QStringLiteral("(unnamed scenario)")
                                                       : QString::fromStdString(content.scenario.name);
    const QString file = content.sourceFile.isEmpty() ? QStringLiteral("(not saved)") : content.sourceFile;
    QByteArray bytes;
    {
        // Rendered in memory, then written atomically: a failure leaves no half a report.
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        writer.setResolution(reportResolution(content));
        writer.setPageLayout(
            QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(0, 0, 0, 0)));
        writer.setTitle(QStringLiteral("PoolSim report: ") + name);
        writer.setCreator(QStringLiteral("PoolSim"));
        QCPPainter painter;
        if (!painter.begin(&writer))
            throw ExportError("cannot write '" + path.toStdString() + "': the PDF could not be started");
        report::Canvas canvas(writer, painter, plan.total(),
                              file + QStringLiteral("  ·  ") + content.contentHash,
                              QStringLiteral("PoolSim report: ") + name);
        report::drawTitlePage(canvas, content, sections);
        for (int i = 0; i < plan.variants; ++i)
            report::drawVariantsPage(canvas, content, i, plan.variants);
        for (int i = 0; i < plan.charts; ++i)
            drawChartPage(canvas, content.charts[i], i, plan.charts);
        for (int i = 0; i < plan.alerts; ++i)
            report::drawAlertsPage(canvas, content, alerts, i, plan.alerts);
        if (content.recommendation)
            report::drawRecommendationPage(canvas, *content.recommendation);
        for (int i = 0; i < plan.appendix; ++i)
            drawAppendixPage(canvas, appendix, i, content.sourceFile);
        painter.end();
    }
    writeFileAtomically(path, bytes);
    return plan;
}

ReportContent reportContent(const models::Scenario& scenario, const QString& sourceFile,
                            const OutcomePtr& run, const OutcomePtr& recommendation,
                            const QList<ChartPage*>& pages)
{
    ReportContent content;
    const bool ran = run && run->kind == JobKind::Run && run->base;
    content.scenario = ran ? run->scenario : scenario;
    content.sourceFile = sourceFile;
    content.yamlText = models::saveScenarioText(content.scenario);
    content.contentHash = scenarioContentHash(content.scenario);
    if (ran)
        content.run = run;
    // Only a recommendation made for the scenario the report is about: one from before an edit
    // would answer another question.
    if (recommendation && recommendation->kind == JobKind::Recommend &&
        scenarioContentHash(recommendation->scenario) == content.contentHash)
        content.recommendation = recommendation->recommendation;
    content.charts = exportablePlots(pages);
    content.made = QDateTime::currentDateTime();
    return content;
}

QString reportFileName(const QString& stem, const QString& hash)
{
    return stem + QLatin1Char('-') + hash + QStringLiteral("-report.pdf");
}

} // namespace poolsim::ui
