// The review report (one PDF: title, variants, a page per chart, alerts, recommendation, the YAML
// appendix), the exports without a window (exit codes, nothing written on bad input), and the
// README's pictures of the window.
#include "gui_export_support.h"

#include "models/planning/recommend.h"
#include "models/scenario/scenario_planning.h"
#include "models/scenario/scenario_yaml.h"
#include "ui/core/scenario_document.h"
#include "ui/export/chart_export.h"
#include "ui/export/export_actions.h"
#include "ui/export/headless_export.h"
#include "ui/export/headless_pages.h"
#include "ui/export/report_writer.h"
#include "ui/window/main_window.h"
#include "ui/window/window_screenshots.h"

#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace poolsim;

namespace {

/// A pool of 2 that queues (alerts fire, a service level is missed) and a variant that fixes it.
const char* const kQueueingYaml = R"(poolsim: 1
name: Report test - a pool of 2 that queues
description: |
  A small pool under steady traffic, for the report's tests: about 80% busy, so requests wait
  and the default alert rules fire; the variant doubles the pool.
horizon: 2m
replications: 3
seed: 7
resolution: 5s
pool:
  size: 2
  timeout: 1s
workloads:
  - name: api
    description: Steady traffic.
    arrivals: {poisson: 20/s}
    hold: {exponential: 80ms}
variants:
  - name: pool-4
    description: Four connections.
    set: {pool.size: 4}
slo:
  wait_p95: 50ms
)";

/// `count` workloads: a YAML text of more than one appendix page.
std::string manyWorkloadsYaml(int count)
{
    std::string yaml =
        "poolsim: 1\nname: Many workloads\nhorizon: 1m\nreplications: 2\npool:\n  size: 20\nworkloads:\n";
    for (int i = 0; i < count; ++i)
        yaml += "  - name: w" + std::to_string(i) + "\n    description: Workload number " +
                std::to_string(i) + ", with a description long enough to wrap " + std::string(80, 'x') +
                "\n    arrivals: {poisson: 1/s}\n    hold: 10ms\n";
    return yaml;
}

/// Appendix pages: its rows (appendixLines, checked on its own) over kAppendixLinesPerPage.
int expectedAppendixPages(const std::string& yaml)
{
    const auto rows = static_cast<int>(ui::appendixLines(yaml).size());
    return std::max(1, (rows + ui::kAppendixLinesPerPage - 1) / ui::kAppendixLinesPerPage);
}

/// Rows of the alerts table, counted here: one per rule that fired in a run.
int firedRules(const ui::OutcomePtr& outcome)
{
    int rows = 0;
    const auto count = [&](const models::RunResult& r) {
        for (const models::AlertOutcome& a : r.alerts)
            rows += (!a.periods.empty() || a.firedReplications > 0) ? 1 : 0;
    };
    count(*outcome->base);
    for (const models::VariantRun& v : outcome->variants)
        count(*v.result);
    return rows;
}

QString pdftoppm()
{
    return QStandardPaths::findExecutable(QStringLiteral("pdftoppm"));
}

} // namespace

class TestGuiExportReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void appendixNumbersAndWrapsLines();
    void reportHasAPagePerPart_data();
    void reportHasAPagePerPart();
    void reportOfShippedScenarioHasExpectedPages();
    void windowActionWritesReport();
    void reportLeavesOutARecommendationOfAnotherScenario();

    void headlessExportsChartsAndReport();
    void headlessRunsTheFilesSweep();
    void headlessBadScenarioWritesNothing();
    void headlessRefusesBadRequests_data();
    void headlessRefusesBadRequests();

    void screenshotsOfTheWindow();

private:
    std::unique_ptr<test::ExportFolder> m_out;
    QTemporaryDir m_settingsDir;
    models::Scenario m_queueing;
    ui::OutcomePtr m_queueingRun;
};

void TestGuiExportReport::initTestCase()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    m_out = std::make_unique<test::ExportFolder>(QStringLiteral("report"));
    m_queueing = models::loadScenarioText(kQueueingYaml, "queueing.yaml", std::string());
    m_queueingRun = test::runOutcome(m_queueing, 3);
    QVERIFY2(firedRules(m_queueingRun) > 0, "the test scenario makes alerts fire");
}

void TestGuiExportReport::appendixNumbersAndWrapsLines()
{
    std::string words;
    for (int i = 0; i < 30; ++i)
        words += "word" + std::to_string(i % 10) + " ";
    const std::string yaml = "a: 1\n" + std::string(150, 'y') + "\n  d: " + words + "\nb: 2\n";
    const QStringList lines = ui::appendixLines(yaml);
    QCOMPARE(lines[0], QStringLiteral("   1  a: 1"));
    // One long word: cut at the width, the rest on a deeper row without a number.
    QCOMPARE(lines[1], QStringLiteral("   2  ") + QString(94, QLatin1Char('y')));
    QCOMPARE(lines[2], QString(10, QLatin1Char(' ')) + QString(56, QLatin1Char('y')));
    // Words: broken after a space, the continuation 4 deeper than the line's own indentation.
    QVERIFY(lines[3].startsWith(QStringLiteral("   3    d: word0 ")));
    QVERIFY(lines[4].startsWith(QString(12, QLatin1Char(' ')) + QStringLiteral("word")));
    QString joined;
    qsizetype row = 3;
    for (; !lines[row].startsWith(QStringLiteral("   4")); ++row) {
        QVERIFY2(lines[row].size() <= ui::kAppendixColumns, qPrintable(lines[row]));
        joined += lines[row].mid(row == 3 ? 6 : 12);
    }
    QCOMPARE(joined, QStringLiteral("  d: ") + QString::fromStdString(words));
    QCOMPARE(lines[row], QStringLiteral("   4  b: 2"));
    QCOMPARE(lines.size(), row + 1);
}

void TestGuiExportReport::reportHasAPagePerPart_data()
{
    QTest::addColumn<bool>("withRun");
    QTest::addColumn<int>("charts");
    QTest::addColumn<bool>("withRecommendation");
    QTest::addColumn<int>("workloads"); // 0: the queueing scenario; else that many (long appendix)
    QTest::newRow("run, two charts") << true << 2 << false << 0;
    QTest::newRow("run, one chart, recommendation") << true << 1 << true << 0;
    QTest::newRow("not run, no charts") << false << 0 << false << 0;
    QTest::newRow("long appendix") << false << 1 << false << 40;
}

void TestGuiExportReport::reportHasAPagePerPart()
{
    QFETCH(bool, withRun);
    QFETCH(int, charts);
    QFETCH(bool, withRecommendation);
    QFETCH(int, workloads);

    ui::ReportContent content;
    content.scenario =
        workloads == 0 ? m_queueing : models::loadScenarioText(manyWorkloadsYaml(workloads), "many.yaml", {});
    content.sourceFile = QStringLiteral("tests/queueing.yaml");
    content.contentHash = ui::scenarioContentHash(content.scenario);
    content.made = QDateTime::currentDateTime();
    if (withRun)
        content.run = m_queueingRun;
    std::vector<std::unique_ptr<QCustomPlot>> plots;
    for (int i = 0; i < charts; ++i) {
        plots.emplace_back(test::makeTinyPlot());
        content.charts.append(
            {QStringLiteral("tiny-%1").arg(i), QStringLiteral("Tiny chart %1").arg(i), plots.back().get()});
    }
    if (withRecommendation) {
        models::RecommendOptions options;
        options.run.replications = 3;
        content.recommendation =
            std::make_shared<models::Recommendation>(models::recommendPoolSize(m_queueing, options));
    }

    const std::string yaml = models::saveScenarioText(content.scenario);
    const int appendix = expectedAppendixPages(yaml);
    if (workloads > 0)
        QVERIFY2(appendix >= 2, "the long scenario needs more than one appendix page");
    const int alerts =
        withRun ? std::max(1, (firedRules(m_queueingRun) + ui::kAlertRowsPerPage - 1) / ui::kAlertRowsPerPage)
                : 1;
    const int expected =
        1 /*title*/ + 1 /*variants*/ + charts + alerts + (withRecommendation ? 1 : 0) + appendix;

    const QString path = m_out->file(QStringLiteral("report-%1.pdf")
                                         .arg(QString::fromLatin1(QTest::currentDataTag())
                                                  .replace(QLatin1Char(' '), QLatin1Char('_'))
                                                  .remove(QLatin1Char(','))));
    const ui::ReportPlan plan = ui::writeReport(content, path);
    QCOMPARE(plan.charts, charts);
    QCOMPARE(plan.appendix, appendix);
    QCOMPARE(plan.alerts, alerts);
    QCOMPARE(plan.recommendation, withRecommendation ? 1 : 0);
    QCOMPARE(plan.total(), expected);
    const QByteArray pdf = test::readAll(path);
    QVERIFY(pdf.startsWith("%PDF"));
    QCOMPARE(test::pdfPageCount(pdf), expected);
}

void TestGuiExportReport::reportOfShippedScenarioHasExpectedPages()
{
    // The window's real pages on a shipped scenario: title, variants, one page per chart,
    // alerts, no recommendation, and its 45-line YAML on one appendix page.
    ui::ScenarioDocument document;
    document.open(test::shippedScenario());
    const ui::OutcomePtr outcome = test::runOutcome(document.scenario(), 3);
    ui::HeadlessPages pages(document.scenario(), {outcome}, QSize(1280, 800));
    const ui::ReportContent content =
        ui::reportContent(document.scenario(), document.filePath(), outcome, nullptr, pages.pages());
    QCOMPARE(content.contentHash, document.contentHash());
    const qsizetype charts = ui::exportablePlots(pages.pages()).size();
    QVERIFY(charts >= 1);
    qInfo("the report has %lld chart page(s) from the real pages", static_cast<long long>(charts));
    QCOMPARE(expectedAppendixPages(document.yamlText()), 1);

    const QString path = m_out->file(QStringLiteral("shift-change-report.pdf"));
    ui::writeReport(content, path);
    const QByteArray pdf = test::readAll(path);
    QCOMPARE(test::pdfPageCount(pdf), static_cast<int>(1 + 1 + charts + 1 + 0 + 1));
    // The footer names the file and the hash: the text is in the page streams' fonts, so check
    // through pdftoppm's picture when it is there (poppler-utils), else only the page count.
    const QString tool = pdftoppm();
    if (tool.isEmpty()) {
        qInfo("pdftoppm not found: the report's pages are not rendered");
        return;
    }
    const QString prefix = m_out->file(QStringLiteral("shift-change-report-page"));
    QProcess process;
    process.start(tool, {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("60"), path, prefix});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    const QStringList rendered =
        QDir(m_out->path()).entryList({QStringLiteral("shift-change-report-page*.png")});
    QCOMPARE(rendered.size(), test::pdfPageCount(pdf));
    for (const QString& png : rendered)
        QVERIFY2(test::isNonBlank(QImage(m_out->file(png))) || png.contains(QStringLiteral("-1.")),
                 qPrintable(png));
}

void TestGuiExportReport::reportLeavesOutARecommendationOfAnotherScenario()
{
    models::RecommendOptions options;
    options.run.replications = 3;
    auto outcome = std::make_shared<ui::RunOutcome>();
    outcome->kind = ui::JobKind::Recommend;
    outcome->scenario = m_queueing;
    outcome->recommendation =
        std::make_shared<models::Recommendation>(models::recommendPoolSize(m_queueing, options));

    // Made for this scenario: in the report.
    QVERIFY(ui::reportContent(m_queueing, QString(), nullptr, outcome, {}).recommendation);
    // The scenario edited since (another timeout): the recommendation answers another question.
    models::SettingChange timeout;
    timeout.path = "pool.timeout";
    timeout.value = "7s";
    const models::Scenario edited = models::applySettings(m_queueing, {timeout}, "test");
    QVERIFY(!ui::reportContent(edited, QString(), nullptr, outcome, {}).recommendation);
}

void TestGuiExportReport::windowActionWritesReport()
{
    ui::ScenarioDocument document;
    document.open(test::shippedScenario());
    const ui::OutcomePtr outcome = test::runOutcome(document.scenario(), 2);
    ui::HeadlessPages pages(document.scenario(), {outcome}, QSize(1200, 800));
    ui::AppSettings settings;
    settings.setExportFolder(m_out->path());
    const ui::ExportRequestContext context{nullptr, &document, pages.pages(), outcome, &settings};
    QString suggested;
    ui::ExportPrompts prompts;
    prompts.askReportPath = [&](QWidget*, const QString& s) {
        suggested = s;
        return m_out->file(QStringLiteral("from-window")); // no extension: .pdf is added
    };
    const QString message = ui::exportReportWithDialog(context, prompts);
    QCOMPARE(QFileInfo(suggested).fileName(),
             QStringLiteral("shift-change-%1-report.pdf").arg(document.contentHash()));
    QVERIFY2(message.contains(QStringLiteral("Wrote the report")), qPrintable(message));
    QVERIFY(test::readAll(m_out->file(QStringLiteral("from-window.pdf"))).startsWith("%PDF"));
}

void TestGuiExportReport::headlessExportsChartsAndReport()
{
    const QString charts = m_out->file(QStringLiteral("headless-charts"));
    const QString report = m_out->file(QStringLiteral("headless/shift-change.pdf"));
    const int code = ui::runHeadlessExport(
        {test::shippedScenario(), charts, {QStringLiteral("png,svg"), QStringLiteral("pdf")}, report});
    QCOMPARE(code, 0);

    ui::ScenarioDocument document;
    document.open(test::shippedScenario());
    const QString prefix = QStringLiteral("shift-change-") + document.contentHash() + QLatin1Char('-');
    const QStringList files = QDir(charts).entryList(QDir::Files | QDir::Hidden);
    QVERIFY(!files.isEmpty());
    QCOMPARE(files.size() % 3, 0);
    for (const QString& f : files)
        QVERIFY2(f.startsWith(prefix), qPrintable(f));
    // shift-change has service levels: the recommendation's probes fill the Sweep chart.
    for (const QString& key : {QStringLiteral("timeline"), QStringLiteral("sweep")})
        for (const QString& ext : {QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")})
            QVERIFY2(files.contains(prefix + key + QLatin1Char('.') + ext),
                     qPrintable(key + QLatin1Char('.') + ext));
    const QByteArray pdf = test::readAll(report);
    QVERIFY(pdf.startsWith("%PDF"));
    // Title, variants, a page per chart, alerts, the recommendation (shift-change has service
    // levels to size the pool for), one appendix page.
    QCOMPARE(test::pdfPageCount(pdf), static_cast<int>(files.size() / 3 + 5));
}

void TestGuiExportReport::headlessRunsTheFilesSweep()
{
    // A file with sweep: gets the Sweep page's chart too.
    const QString file = m_out->file(QStringLiteral("with-sweep.yaml"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(kQueueingYaml);
    f.write("sweep:\n  pool.size: [2, 3, 4]\n");
    f.close();
    const QString charts = m_out->file(QStringLiteral("sweep-charts"));
    QCOMPARE(ui::runHeadlessExport({file, charts, {QStringLiteral("png")}, QString()}), 0);
    const QString hash = ui::scenarioContentHash(models::loadScenarioFile(file.toStdString()));
    const QString sweep =
        QDir(charts).filePath(QStringLiteral("with-sweep-") + hash + QStringLiteral("-sweep.png"));
    QVERIFY2(QFileInfo::exists(sweep), qPrintable(QDir(charts).entryList().join(QLatin1Char(' '))));
    QVERIFY(test::isNonBlank(QImage(sweep)));
}

void TestGuiExportReport::headlessBadScenarioWritesNothing()
{
    const QString bad = m_out->file(QStringLiteral("bad.yaml"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("poolsim: 1\nname: Bad\nhorizon: 10 parsecs\nworkloads: []\n");
    f.close();
    const QString charts = m_out->file(QStringLiteral("bad-charts"));
    const QString report = m_out->file(QStringLiteral("bad-report.pdf"));
    test::StderrCapture capture;
    const int code = ui::runHeadlessExport({bad, charts, {QStringLiteral("png")}, report});
    const QString stderrText = capture.text();
    QCOMPARE(code, 2);
    QVERIFY2(stderrText.contains(QStringLiteral("bad.yaml:3:")), qPrintable(stderrText)); // located
    QVERIFY2(stderrText.contains(QStringLiteral("horizon")), qPrintable(stderrText));
    QVERIFY(!QFileInfo::exists(charts));
    QVERIFY(!QFileInfo::exists(report));
}

void TestGuiExportReport::headlessRefusesBadRequests_data()
{
    QTest::addColumn<QString>("chartsDir"); // "@" stands for a path below a file
    QTest::addColumn<QStringList>("formats");
    QTest::addColumn<QString>("reportPath");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown format") << QStringLiteral("fmt-charts") << QStringList{QStringLiteral("png,jpeg")}
                                    << QString() << QStringLiteral("unknown export format 'jpeg'");
    QTest::newRow("charts below a file") << QStringLiteral("@/charts") << QStringList{} << QString()
                                         << QStringLiteral("cannot create the folder");
    QTest::newRow("report below a file") << QString() << QStringList{} << QStringLiteral("@/report.pdf")
                                         << QStringLiteral("cannot write the report");
    QTest::newRow("nothing to export")
        << QString() << QStringList{} << QString() << QStringLiteral("nothing to export");
}

void TestGuiExportReport::headlessRefusesBadRequests()
{
    QFETCH(QString, chartsDir);
    QFETCH(QStringList, formats);
    QFETCH(QString, reportPath);
    QFETCH(QString, message);
    const QString aFile = m_out->file(QStringLiteral("plain-file"));
    QFile f(aFile);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    const auto resolve = [&](const QString& p) {
        return p.isEmpty() ? p : p.startsWith(QLatin1Char('@')) ? aFile + p.mid(1) : m_out->file(p);
    };
    test::StderrCapture capture;
    const int code =
        ui::runHeadlessExport({test::shippedScenario(), resolve(chartsDir), formats, resolve(reportPath)});
    const QString stderrText = capture.text();
    QCOMPARE(code, 2);
    QVERIFY2(stderrText.contains(message), qPrintable(stderrText));
    if (!chartsDir.isEmpty() && !chartsDir.startsWith(QLatin1Char('@')))
        QVERIFY2(!QFileInfo::exists(resolve(chartsDir)), "checked before anything is written");
}

void TestGuiExportReport::screenshotsOfTheWindow()
{
    ui::MainWindow window;
    if (window.chartPages().isEmpty())
        QSKIP("the main window has no chart pages in this build");
    QVERIFY(window.openFile(test::shippedScenario()));
    const QString dir = m_out->file(QStringLiteral("screenshots"));
    QVERIFY(ui::saveWindowScreenshots(&window, dir, 60000));
    for (const QString& tab : ui::screenshotTabs()) {
        const QImage image(QDir(dir).filePath(tab.toLower() + QStringLiteral(".png")));
        QVERIFY2(!image.isNull(), qPrintable(tab));
        QCOMPARE(image.size(), window.size() * window.devicePixelRatio());
        QVERIFY(test::isNonBlank(image));
    }
}

QTEST_MAIN(TestGuiExportReport)
#include "tst_gui_export_report.moc"
