// Chart exports: PNG at the chosen size and scale, SVG that parses, one-page PDF, the clipboard,
// every chart to a folder under traceable names, the export dialog and the window's action.
#include "gui_export_support.h"

#include "models/scenario/scenario_yaml.h"
#include "ui/charts/timeline_page.h"
#include "ui/core/app_settings.h"
#include "ui/core/qcustomplot_include.h"
#include "ui/core/scenario_document.h"
#include "ui/export/chart_export.h"
#include "ui/export/chart_export_menu.h"
#include "ui/export/export_actions.h"
#include "ui/export/export_dialog.h"
#include "ui/export/headless_pages.h"
#include "ui/export/print_look.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QDoubleSpinBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTest>
#include <QVBoxLayout>
#include <QXmlStreamReader>

#include <memory>

using namespace poolsim;
using ui::ChartFormat;
using ui::ChartSize;

Q_DECLARE_METATYPE(ChartSize)

namespace {

/// A page with fixed plots, for the parts of the exporter that only need pages.
class FakePage : public ui::ChartPage
{
public:
    FakePage(QList<ui::NamedPlot> plots, bool hasData) : m_plots(std::move(plots)), m_hasData(hasData) {}
    QString title() const override { return QStringLiteral("Fake"); }
    void setScenario(const models::Scenario&) override {}
    void setOutcome(const ui::OutcomePtr&) override {}
    bool hasData() const override { return m_hasData; }
    QList<ui::NamedPlot> plots() const override { return m_plots; }

private:
    QList<ui::NamedPlot> m_plots;
    bool m_hasData;
};

QStringList filesIn(const QString& folder)
{
    return QDir(folder).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

} // namespace

class TestGuiExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void parsesFormats_data();
    void parsesFormats();
    void namesFilesByStemHashAndKey();
    void hashIsTheDocumentsHash();

    void pngHasChosenSizeTimesScale_data();
    void pngHasChosenSizeTimesScale();
    void svgParsesAsXml();
    void pdfHasOnePage();
    void rejectsBadSizes_data();
    void rejectsBadSizes();
    void copiesToClipboard();

    void exportablePlotsHaveUniqueKeys();
    void exportsEveryChartOfThePages();
    void refusesUnwritableFolderBeforeWriting();

    void dialogStartsFromSettingsAndSavesThem();
    void dialogRefusesNoFormatAndBadFolder();
    void dialogFolderChooserIsReplaceable();
    void windowActionExportsCharts();
    void chartContextMenuCopiesAndSaves();
    void darkThemedChartsExportInTheLightLook();

private:
    std::unique_ptr<test::ExportFolder> m_out;
    QCustomPlot* m_plot = nullptr;
    QTemporaryDir m_settingsDir;
};

void TestGuiExport::initTestCase()
{
    // The settings of this run go to a folder of its own, never to the user's.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settingsDir.path());
    m_out = std::make_unique<test::ExportFolder>(QStringLiteral("charts"));
    m_plot = test::makeTinyPlot();
}

void TestGuiExport::cleanupTestCase()
{
    delete m_plot;
}

void TestGuiExport::parsesFormats_data()
{
    QTest::addColumn<QStringList>("names");
    QTest::addColumn<QString>("parsed"); // the formats' names joined by ",", or "error"
    QTest::newRow("one") << QStringList{QStringLiteral("png")} << QStringLiteral("png");
    QTest::newRow("comma list, case, blanks")
        << QStringList{QStringLiteral("PNG, svg,pdf")} << QStringLiteral("png,svg,pdf");
    QTest::newRow("repeated option") << QStringList{QStringLiteral("svg"), QStringLiteral("png,svg")}
                                     << QStringLiteral("svg,png");
    QTest::newRow("unknown") << QStringList{QStringLiteral("png,jpg")} << QStringLiteral("error");
    QTest::newRow("none") << QStringList{QStringLiteral(",")} << QStringLiteral("error");
}

void TestGuiExport::parsesFormats()
{
    QFETCH(QStringList, names);
    QFETCH(QString, parsed);
    try {
        QStringList got;
        for (ChartFormat f : ui::parseChartFormats(names))
            got << ui::chartFormatName(f);
        QCOMPARE(got.join(QLatin1Char(',')), parsed);
    } catch (const ui::ExportError& e) {
        QCOMPARE(QStringLiteral("error"), parsed);
        QVERIFY(QString::fromStdString(e.what()).contains(QStringLiteral("png, svg or pdf")));
    }
}

void TestGuiExport::namesFilesByStemHashAndKey()
{
    QCOMPARE(ui::chartFileName(QStringLiteral("shift-change"), QStringLiteral("0a1b2c3d"),
                               QStringLiteral("waits-cdf"), ChartFormat::Svg),
             QStringLiteral("shift-change-0a1b2c3d-waits-cdf.svg"));
    QCOMPARE(ui::scenarioFileStem(QStringLiteral("/x/y/incident-pool-10.yaml")),
             QStringLiteral("incident-pool-10"));
    QCOMPARE(ui::scenarioFileStem(QString()), QStringLiteral("untitled"));
}

void TestGuiExport::hashIsTheDocumentsHash()
{
    ui::ScenarioDocument document;
    document.open(test::shippedScenario());
    const QString hash = ui::scenarioContentHash(document.scenario());
    QCOMPARE(hash, document.contentHash());
    QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{8}$")).match(hash).hasMatch());
    // Any change to the text changes the hash.
    document.setValue("pool.size", "11");
    QVERIFY(ui::scenarioContentHash(document.scenario()) != hash);
}

void TestGuiExport::pngHasChosenSizeTimesScale_data()
{
    QTest::addColumn<ChartSize>("size");
    QTest::newRow("640x360 at 1x") << ChartSize{640, 360, 1.0};
    QTest::newRow("800x450 at 2x") << ChartSize{800, 450, 2.0};
    QTest::newRow("1000x500 at 1.5x") << ChartSize{1000, 500, 1.5};
}

void TestGuiExport::pngHasChosenSizeTimesScale()
{
    QFETCH(ChartSize, size);
    const QString path =
        m_out->file(QStringLiteral("tiny-%1x%2@%3.png").arg(size.width).arg(size.height).arg(size.scale));
    ui::exportChart(m_plot, path, ChartFormat::Png, size);
    QImage image;
    QVERIFY(image.load(path, "PNG"));
    QCOMPARE(image.width(), qRound(size.width * size.scale));
    QCOMPARE(image.height(), qRound(size.height * size.scale));
    QVERIFY(test::isNonBlank(image));
    // The widget keeps its own size.
    QCOMPARE(m_plot->size(), QSize(600, 400));
}

void TestGuiExport::svgParsesAsXml()
{
    const QString path = m_out->file(QStringLiteral("tiny.svg"));
    ui::exportChart(m_plot, path, ChartFormat::Svg, ChartSize{900, 500, 1.0});
    const QByteArray svg = test::readAll(path);
    QXmlStreamReader xml(svg);
    QString root;
    int paths = 0;
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement) {
            if (root.isEmpty())
                root = xml.name().toString();
            if (xml.name() == QLatin1String("path") || xml.name() == QLatin1String("polyline"))
                ++paths;
        }
    }
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QCOMPARE(root, QStringLiteral("svg"));
    QVERIFY(svg.contains("viewBox=\"0 0 900 500\""));
    QVERIFY2(paths > 2, "the curves are drawn");
    QVERIFY(svg.contains("sine")); // the legend's text
}

void TestGuiExport::pdfHasOnePage()
{
    const QString path = m_out->file(QStringLiteral("tiny.pdf"));
    ui::exportChart(m_plot, path, ChartFormat::Pdf, ChartSize{800, 450, 1.0});
    const QByteArray pdf = test::readAll(path);
    QVERIFY(pdf.startsWith("%PDF"));
    QCOMPARE(test::pdfPageCount(pdf), 1);
}

void TestGuiExport::rejectsBadSizes_data()
{
    QTest::addColumn<ChartSize>("size");
    QTest::newRow("too narrow") << ChartSize{10, 400, 1.0};
    QTest::newRow("too tall") << ChartSize{800, 90000, 1.0};
    QTest::newRow("zero scale") << ChartSize{800, 400, 0.0};
    QTest::newRow("huge scale") << ChartSize{800, 400, 10.0};
}

void TestGuiExport::rejectsBadSizes()
{
    QFETCH(ChartSize, size);
    const QString path = m_out->file(QStringLiteral("bad-size.png"));
    QVERIFY_THROWS_EXCEPTION(ui::ExportError, ui::exportChart(m_plot, path, ChartFormat::Png, size));
    QVERIFY(!QFile::exists(path));
}

void TestGuiExport::copiesToClipboard()
{
    QGuiApplication::clipboard()->clear();
    ui::copyChartToClipboard(m_plot, ChartSize{500, 300, 2.0});
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
    QVERIFY(mime != nullptr);
    QVERIFY(mime->hasImage());
    const QImage image = qvariant_cast<QImage>(mime->imageData());
    QCOMPARE(image.size(), QSize(1000, 600));
    QVERIFY(test::isNonBlank(image));
    QVERIFY(mime->data(QStringLiteral("image/svg+xml")).contains("<svg"));
}

void TestGuiExport::exportablePlotsHaveUniqueKeys()
{
    std::unique_ptr<QCustomPlot> a(test::makeTinyPlot()), b(test::makeTinyPlot()), c(test::makeTinyPlot());
    FakePage first({{QStringLiteral("timeline"), QStringLiteral("A"), a.get()},
                    {QString(), QStringLiteral("B"), b.get()}},
                   true);
    FakePage second({{QStringLiteral("timeline"), QStringLiteral("C"), c.get()},
                     {QStringLiteral("none"), QString(), nullptr}},
                    true);
    FakePage empty({{QStringLiteral("empty"), QStringLiteral("D"), a.get()}}, false);
    const QList<ui::NamedPlot> plots = ui::exportablePlots({&first, &empty, &second});
    QStringList keys;
    for (const ui::NamedPlot& p : plots)
        keys << p.key;
    QCOMPARE(keys, (QStringList{QStringLiteral("timeline"), QStringLiteral("chart"),
                                QStringLiteral("timeline-2")}));
    QCOMPARE(plots[2].plot, c.get());
}

void TestGuiExport::exportsEveryChartOfThePages()
{
    // The window's real pages, given a real run of a shipped scenario.
    const models::Scenario scenario = models::loadScenarioFile(test::shippedScenario().toStdString());
    const ui::OutcomePtr outcome = test::runOutcome(scenario, 3);
    ui::HeadlessPages pages(scenario, {outcome}, QSize(1200, 800));
    const QList<ui::NamedPlot> plots = ui::exportablePlots(pages.pages());
    QVERIFY(!plots.isEmpty());
    qInfo("exporting %lld plot(s) of %lld real page(s)", static_cast<long long>(plots.size()),
          static_cast<long long>(pages.pages().size()));

    const QString folder = m_out->file(QStringLiteral("all"));
    const QString hash = ui::scenarioContentHash(scenario);
    const QList<ChartFormat> formats{ChartFormat::Png, ChartFormat::Svg, ChartFormat::Pdf};
    const QStringList written = ui::exportCharts(plots, folder, formats, ChartSize{1280, 720, 1.0},
                                                 QStringLiteral("shift-change"), hash);
    QCOMPARE(written.size(), plots.size() * 3);
    QStringList expected;
    for (const ui::NamedPlot& p : plots)
        for (ChartFormat f : formats)
            expected << ui::chartFileName(QStringLiteral("shift-change"), hash, p.key, f);
    expected.sort();
    // Exactly these files: no temporary left behind.
    QCOMPARE(filesIn(folder), expected);
    for (const QString& path : written) {
        QVERIFY(
            QFileInfo(path).fileName().startsWith(QStringLiteral("shift-change-") + hash + QLatin1Char('-')));
        if (path.endsWith(QStringLiteral(".png"))) {
            QImage image(path);
            QCOMPARE(image.size(), QSize(1280, 720));
            QVERIFY2(test::isNonBlank(image), qPrintable(path));
        } else if (path.endsWith(QStringLiteral(".pdf"))) {
            QCOMPARE(test::pdfPageCount(test::readAll(path)), 1);
        }
    }
}

void TestGuiExport::refusesUnwritableFolderBeforeWriting()
{
    const QString file = m_out->file(QStringLiteral("a-file.txt"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    const QList<ui::NamedPlot> plots{{QStringLiteral("tiny"), QStringLiteral("Tiny"), m_plot}};
    for (const QString& folder : {file, file + QStringLiteral("/below")}) {
        try {
            ui::exportCharts(plots, folder, {ChartFormat::Png}, ChartSize{}, QStringLiteral("s"),
                             QStringLiteral("h"));
            QFAIL("exported into a file");
        } catch (const ui::ExportError& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(folder), e.what());
        }
    }
}

void TestGuiExport::dialogStartsFromSettingsAndSavesThem()
{
    ui::AppSettings settings;
    settings.setExportFolder(m_out->file(QStringLiteral("from-settings")));
    settings.setExportSize(QSize(900, 500));
    settings.setExportScale(2.0);
    ui::ExportDialog dialog;
    dialog.loadSettings(settings);
    dialog.setNaming(QStringLiteral("shift-change"), QStringLiteral("0a1b2c3d"), 4);
    QCOMPARE(dialog.folderEdit()->text(), m_out->file(QStringLiteral("from-settings")));
    QCOMPARE(dialog.widthBox()->value(), 900);
    QCOMPARE(dialog.heightBox()->value(), 500);
    QCOMPARE(dialog.scaleBox()->value(), 2.0);
    QVERIFY(dialog.formatBox(ChartFormat::Png)->isChecked());
    QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("shift-change-0a1b2c3d-timeline.png")));
    QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("1800 x 1000")));
    dialog.show();
    QVERIFY(dialog.grab().save(m_out->file(QStringLiteral("export-dialog.png")))); // to look at

    // The user changes everything through the widgets, then exports.
    dialog.folderEdit()->setText(m_out->file(QStringLiteral("chosen")));
    dialog.formatBox(ChartFormat::Svg)->setChecked(true);
    dialog.formatBox(ChartFormat::Png)->setChecked(false);
    dialog.widthBox()->setValue(1600);
    dialog.heightBox()->setValue(900);
    dialog.scaleBox()->setValue(1.0);
    QVERIFY(dialog.statusLabel()->text().contains(QStringLiteral("4 file")));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    dialog.saveSettings(settings);

    ui::AppSettings reread;
    QCOMPARE(reread.exportFolder(), m_out->file(QStringLiteral("chosen")));
    QCOMPARE(reread.exportSize(), QSize(1600, 900));
    QCOMPARE(reread.exportScale(), 1.0);
    ui::ExportDialog again;
    again.loadSettings(reread);
    const ui::ChartExportChoice choice = again.choice();
    QCOMPARE(choice.formats, QList<ChartFormat>{ChartFormat::Svg});
    QCOMPARE(choice.size, (ChartSize{1600, 900, 1.0}));
}

void TestGuiExport::dialogRefusesNoFormatAndBadFolder()
{
    ui::ExportDialog dialog;
    dialog.setNaming(QStringLiteral("s"), QStringLiteral("h"), 2);
    dialog.setChoice({m_out->file(QStringLiteral("ok")), {}, ChartSize{}});
    QVERIFY(!dialog.problem().isEmpty());
    auto* exportButton = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    QVERIFY(!exportButton->isEnabled());
    dialog.accept();
    QVERIFY(dialog.result() != QDialog::Accepted);

    // A folder below a file cannot be made: the dialog says so and stays open.
    const QString file = m_out->file(QStringLiteral("not-a-folder"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.close();
    dialog.setChoice({file + QStringLiteral("/charts"), {ChartFormat::Pdf}, ChartSize{}});
    QVERIFY(exportButton->isEnabled());
    dialog.accept();
    QVERIFY(dialog.result() != QDialog::Accepted);
    QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("cannot create")),
             qPrintable(dialog.statusLabel()->text()));
    // Editing the folder clears the message.
    dialog.folderEdit()->setText(m_out->file(QStringLiteral("good")));
    QVERIFY(!dialog.statusLabel()->text().contains(QStringLiteral("cannot create")));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
}

void TestGuiExport::dialogFolderChooserIsReplaceable()
{
    ui::ExportDialog dialog;
    QString asked;
    dialog.setFolderChooser([&](QWidget*, const QString& current) {
        asked = current;
        return QStringLiteral("/tmp/chosen-by-test");
    });
    dialog.folderEdit()->setText(QStringLiteral("/tmp/start"));
    QPushButton* choose = nullptr;
    for (QPushButton* b : dialog.findChildren<QPushButton*>())
        if (b->text().startsWith(QStringLiteral("Choose")))
            choose = b;
    QVERIFY(choose != nullptr);
    QTest::mouseClick(choose, Qt::LeftButton);
    QCOMPARE(asked, QStringLiteral("/tmp/start"));
    QCOMPARE(dialog.folderEdit()->text(), QStringLiteral("/tmp/chosen-by-test"));
}

void TestGuiExport::windowActionExportsCharts()
{
    ui::ScenarioDocument document;
    document.open(test::shippedScenario());
    const ui::OutcomePtr outcome = test::runOutcome(document.scenario(), 2);
    ui::HeadlessPages pages(document.scenario(), {outcome}, QSize(1200, 800));
    ui::AppSettings settings;
    const ui::ExportRequestContext context{nullptr, &document, pages.pages(), outcome, &settings};

    const QString folder = m_out->file(QStringLiteral("from-window"));
    ui::ExportPrompts prompts;
    prompts.runDialog = [&](ui::ExportDialog& dialog) {
        dialog.setChoice({folder, {ChartFormat::Png, ChartFormat::Pdf}, ChartSize{800, 500, 1.0}});
        dialog.accept();
        return dialog.result() == QDialog::Accepted;
    };
    const QString message = ui::exportChartsWithDialog(context, prompts);
    const qsizetype expected = ui::exportablePlots(pages.pages()).size() * 2;
    QVERIFY2(message.contains(QStringLiteral("Exported %1 file").arg(expected)), qPrintable(message));
    QCOMPARE(filesIn(folder).size(), expected);
    for (const QString& name : filesIn(folder))
        QVERIFY(name.startsWith(QStringLiteral("shift-change-") + document.contentHash()));
    QCOMPARE(settings.exportFolder(), folder); // remembered

    // Cancelled: nothing written, nothing said.
    prompts.runDialog = [](ui::ExportDialog&) { return false; };
    QVERIFY(ui::exportChartsWithDialog(context, prompts).isEmpty());

    // Nothing to export before a run.
    ui::HeadlessPages emptyPages(document.scenario(), {}, QSize(800, 600));
    const ui::ExportRequestContext before{nullptr, &document, emptyPages.pages(), nullptr, &settings};
    QVERIFY(ui::exportChartsWithDialog(before, prompts).contains(QStringLiteral("run the scenario first")));
}

void TestGuiExport::chartContextMenuCopiesAndSaves()
{
    ui::AppSettings settings;
    settings.setExportFolder(m_out->file(QStringLiteral("menu")));
    settings.setExportSize(QSize(700, 400));
    settings.setExportScale(1.5);
    QVERIFY(QDir().mkpath(settings.exportFolder()));

    auto* plot = test::makeTinyPlot();
    FakePage page({{QStringLiteral("tiny"), QStringLiteral("Tiny"), plot}}, true);
    auto* layout = new QVBoxLayout(&page);
    layout->addWidget(plot);
    page.resize(600, 400);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));

    ui::ChartExportMenu menus(&settings, [] {
        return ui::ExportNaming{QStringLiteral("stem"), QStringLiteral("0a1b2c3d")};
    });
    menus.attach(&page);
    QString suggested;
    menus.setSavePathPrompt([&](QWidget*, const QString& s, ui::ChartFormat) {
        suggested = s;
        return s;
    });
    QString error;
    menus.setErrorReport([&](QWidget*, const QString& message) { error = message; });

    // A right click on the plot opens the menu.
    const QPoint inPlot = plot->rect().center();
    QContextMenuEvent click(QContextMenuEvent::Mouse, inPlot, plot->mapToGlobal(inPlot));
    QApplication::sendEvent(plot, &click);
    QVERIFY(click.isAccepted());
    auto* popup = qobject_cast<QMenu*>(QApplication::activePopupWidget());
    QVERIFY(popup != nullptr);
    QVERIFY(popup->findChild<QAction*>(QStringLiteral("copyChart")) != nullptr);

    // Copy: the chosen export size and scale.
    QGuiApplication::clipboard()->clear();
    popup->findChild<QAction*>(QStringLiteral("copyChart"))->trigger();
    QCOMPARE(qvariant_cast<QImage>(QGuiApplication::clipboard()->mimeData()->imageData()).size(),
             QSize(1050, 600));
    // Save as SVG: suggested in the export folder under the traceable name.
    popup->findChild<QAction*>(QStringLiteral("saveChart-svg"))->trigger();
    QCOMPARE(suggested, QDir(settings.exportFolder()).filePath(QStringLiteral("stem-0a1b2c3d-tiny.svg")));
    QVERIFY(test::readAll(suggested).contains("<svg"));
    QVERIFY(error.isEmpty());
    popup->close();

    // A path that cannot be written is reported, not thrown.
    menus.setSavePathPrompt([&](QWidget*, const QString&, ui::ChartFormat) {
        return m_out->file(QStringLiteral("no/such/dir/x.pdf"));
    });
    std::unique_ptr<QMenu> menu(menus.createMenu(page.plots().front(), nullptr));
    menu->findChild<QAction*>(QStringLiteral("saveChart-pdf"))->trigger();
    QVERIFY2(error.contains(QStringLiteral("cannot write")), qPrintable(error));
}

QTEST_MAIN(TestGuiExport)
void TestGuiExport::darkThemedChartsExportInTheLightLook()
{
    // A Timeline on a dark palette, zoomed in: the exported picture has the light look and the
    // reader's zoom; the page gets its dark look and zoom back.
    ui::ScenarioDocument document;
    document.open(test::shippedScenario());
    ui::TimelinePage page;
    QPalette dark;
    dark.setColor(QPalette::Base, QColor(30, 30, 30));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    dark.setColor(QPalette::Window, QColor(40, 40, 40));
    dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
    page.setPalette(dark);
    page.setScenario(document.scenario());
    page.setOutcome(test::runOutcome(document.scenario(), 2));
    QCustomPlot* plot = page.plots().front().plot;
    plot->xAxis->setRange(100, 200);
    auto lightness = [](const QImage& image) {
        return static_cast<double>(QColor(image.pixel(2, 2)).lightnessF());
    };
    QVERIFY(lightness(plot->toPixmap(400, 300).toImage()) < 0.3);

    const QImage exported = ui::renderChartImage(plot, ui::ChartSize{600, 400, 1.0});
    QVERIFY2(lightness(exported) > 0.9, qPrintable(QString::number(lightness(exported))));
    QCOMPARE(plot->xAxis->range().lower, 100.0);
    QCOMPARE(plot->xAxis->range().upper, 200.0);
    QVERIFY(lightness(plot->toPixmap(400, 300).toImage()) < 0.3); // dark again
    QVERIFY(ui::PrintLook::isDark(page.palette()));

    // A light page exports as it is.
    ui::TimelinePage light;
    light.setOutcome(test::runOutcome(document.scenario(), 2));
    QVERIFY(lightness(ui::renderChartImage(light.plots().front().plot, ui::ChartSize{600, 400, 1.0})) > 0.9);
}

#include "tst_gui_export.moc"
