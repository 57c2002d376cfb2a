// The editor's Database tab, driven through its widgets: the capacity's fields reach the
// document as the same --set would, the model turns on and off (keeping its values for the next
// time), and the fit: the shipped example fitted at 8 cores is drawn (points, curve, peak) and
// written into database.capacity by Apply as one edit; bad CSV is reported at its line, marked
// in the text that stays as typed, and changes nothing; a fit without cores cannot be applied;
// the round trip is a distribution of the capacity, set and unset through its editor.
#ifndef Q_MOC_RUN
#include "gui_editor_support.h"
#include "models/fitting/closed_loop.h"
#include "models/fitting/usl_csv.h"
#include "models/fitting/usl_fit.h"
#include "ui/editor/editor_database.h"
#include "ui/editor/usl_fit_panel.h"
#include "ui/editor/usl_fit_plot.h"
#endif

#include <cmath>

using poolsim::ui::UslFitPanel;
using poolsim::ui::UslFitPlot;

namespace {

const QString kExample = QStringLiteral(POOLSIM_SOURCE_DIR "/docs/examples/usl-synthetic.csv");
// database.cores 16 and no capacity model.
const QString kNoCapacity = QStringLiteral(POOLSIM_SOURCE_DIR "/tests/data/database-cores.yaml");

UslFitPanel* fitPanel(const Fixture& f)
{
    return f.editor->database()->fitPanel();
}

QCPGraph* graphNamed(QCustomPlot* plot, const QString& name)
{
    for (int i = 0; i < plot->graphCount(); ++i)
        if (plot->graph(i)->objectName() == name)
            return plot->graph(i);
    return nullptr;
}

template <typename Item> Item* itemNamed(QCustomPlot* plot, const QString& name)
{
    for (int i = 0; i < plot->itemCount(); ++i)
        if (plot->item(i)->objectName() == name)
            return qobject_cast<Item*>(plot->item(i));
    return nullptr;
}

/// Six significant digits, as Apply writes the fit (and `poolsim fit-usl --yaml` prints it).
double sixDigits(double v)
{
    return std::stod(QString::number(v, 'g', 6).toStdString());
}

} // namespace

class TestGuiEditorDatabase : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void capacityFieldIsTheSetValue_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("text");
        QTest::newRow("cores") << "database.capacity.cores"
                               << "8";
        QTest::newRow("contention") << "database.capacity.contention"
                                    << "0.05";
        QTest::newRow("contention as a percentage") << "database.capacity.contention"
                                                    << "3%";
        QTest::newRow("coherency") << "database.capacity.coherency"
                                   << "0.0008";
    }
    void capacityFieldIsTheSetValue()
    {
        QFETCH(QString, field);
        QFETCH(QString, text);
        Fixture f(kNoCapacity); // database.cores 16, no capacity
        QVERIFY(!f.document.scenario().database.capacity);
        QVERIFY(!f.field<QCheckBox>(QStringLiteral("database.capacity"))->isChecked());
        const models::Scenario expected =
            expectedAfterSet(f.document.scenario(), field.toStdString(), text.toStdString());
        QSignalSpy changed(&f.document, &ScenarioDocument::changed);
        typeInto(f.field<QLineEdit>(field), text);
        QCOMPARE(changed.count(), 1);
        QVERIFY(f.document.scenario() == expected);
        QVERIFY(f.document.scenario().database.capacity); // a value of it turns the model on
        QVERIFY(f.field<QCheckBox>(QStringLiteral("database.capacity"))->isChecked());
        QVERIFY(!f.binding(field)->isMarked());
    }

    void roundTripIsADistributionOfTheCapacity()
    {
        // Set from the editor: a constant first (turning the model on), then exponential with
        // about the same mean, then back to the default, which takes the key out again.
        Fixture f(kNoCapacity);
        auto* form = f.field<QComboBox>(QStringLiteral("database.capacity.round_trip.form"));
        form->setCurrentIndex(form->findData(QStringLiteral("constant")));
        Q_EMIT form->activated(form->currentIndex());
        typeInto(f.field<QLineEdit>(QStringLiteral("database.capacity.round_trip.param1")),
                 QStringLiteral("4ms"));
        QVERIFY(f.document.scenario().database.capacity);
        const auto& rt = f.document.scenario().database.capacity->roundTrip;
        QVERIFY(rt && std::holds_alternative<models::ConstantDist>(*rt));
        QCOMPARE(std::get<models::ConstantDist>(*rt).value, models::SimTime::fromSeconds(0.004));
        QVERIFY(f.field<QCheckBox>(QStringLiteral("database.capacity"))->isChecked());

        form->setCurrentIndex(form->findData(QStringLiteral("exponential")));
        Q_EMIT form->activated(form->currentIndex());
        const auto& exp = f.document.scenario().database.capacity->roundTrip;
        QVERIFY(exp && std::holds_alternative<models::ExponentialDist>(*exp));
        QCOMPARE(std::get<models::ExponentialDist>(*exp).mean, models::SimTime::fromSeconds(0.004));

        form->setCurrentIndex(0); // the default entry comes first
        Q_EMIT form->activated(form->currentIndex());
        QVERIFY(f.document.scenario().database.capacity);
        QVERIFY(!f.document.scenario().database.capacity->roundTrip);
    }

    void fieldsShowTheValuesAsPeopleWriteThem()
    {
        Fixture f(kNoCapacity);
        f.document.setValue("database.capacity.coherency", "0.0006");
        QCOMPARE(f.field<QLineEdit>(QStringLiteral("database.capacity.coherency"))->text(),
                 QStringLiteral("0.0006"));
        QCOMPARE(f.field<QLineEdit>(QStringLiteral("database.capacity.cores"))->placeholderText(),
                 QStringLiteral("= database.cores (16)"));
        typeInto(f.field<QLineEdit>(QStringLiteral("database.capacity.contention")), QStringLiteral("1.5"));
        FieldBinding* contention = f.binding(QStringLiteral("database.capacity.contention"));
        QVERIFY(contention->isMarked()); // sigma below 1: the loader's message at the field
        QVERIFY2(contention->errorText().contains(QStringLiteral("below 1")),
                 qPrintable(contention->errorText()));
    }

    void modelTurnsOnAndOffKeepingItsValues()
    {
        Fixture f(kNoCapacity);
        auto* modelled = f.field<QCheckBox>(QStringLiteral("database.capacity"));
        modelled->click();
        QVERIFY(f.document.scenario().database.capacity);
        QCOMPARE(f.document.scenario().database.capacityCores(), 16); // database.cores
        typeInto(f.field<QLineEdit>(QStringLiteral("database.capacity.contention")), QStringLiteral("0.07"));
        modelled->click();
        QVERIFY(!f.document.scenario().database.capacity);
        QVERIFY(f.field<QLineEdit>(QStringLiteral("database.capacity.contention"))->text().isEmpty());
        modelled->click(); // back with the contention it had
        QVERIFY(f.document.scenario().database.capacity);
        QCOMPARE(f.document.scenario().database.capacity->contention, std::optional<double>(0.07));

        // Without cores anywhere, the loader refuses the model, and says so at the box.
        models::Scenario noCores = f.document.scenario();
        noCores.database.capacity.reset();
        noCores.database.cores.reset();
        noCores.database.spindles.reset();
        f.document.setScenario(noCores);
        QSignalSpy changed(&f.document, &ScenarioDocument::changed);
        modelled->click();
        QCOMPARE(changed.count(), 0);
        QVERIFY(!f.document.scenario().database.capacity);
        QVERIFY(f.binding(QStringLiteral("database.capacity"))->isMarked());
        QVERIFY2(
            f.binding(QStringLiteral("database.capacity"))->errorText().contains(QStringLiteral("cores")),
            qPrintable(f.binding(QStringLiteral("database.capacity"))->errorText()));
    }

    void fitsTheExampleAndAppliesIt()
    {
        Fixture f(kNoCapacity);
        UslFitPanel* panel = fitPanel(f);
        QCOMPARE(panel->coresSpin()->value(), 16); // the scenario's database.cores
        panel->coresSpin()->setValue(8);
        QVERIFY(panel->loadCsvFile(kExample));
        QVERIFY(panel->errorText().isEmpty());

        // The fit is the models' (the same call as `poolsim fit-usl --cores 8`), near the
        // parameters the example was made from (sigma 0.04, kappa 0.0006, +-3% noise).
        const std::vector<models::UslPoint> points = models::readUslCsv(kExample.toStdString());
        const models::UslFit expected = models::fitUsl(points, 8);
        QVERIFY(panel->lastFit());
        const models::UslFit& fit = *panel->lastFit();
        QCOMPARE(fit.curve.cores, std::optional<int>(8));
        QCOMPARE(fit.curve.sigma, expected.curve.sigma);
        QCOMPARE(fit.curve.kappa, expected.curve.kappa);
        QVERIFY(std::fabs(fit.curve.sigma - 0.04) < 0.01);
        QVERIFY(std::fabs(fit.curve.kappa - 0.0006) < 0.0002);
        QVERIFY(fit.rSquared > 0.99);

        // Drawn: the measured points, the curve through them, the peak marked at the cores.
        UslFitPlot* plot = panel->plot();
        QVERIFY(plot->hasFit());
        QCPGraph* measured = graphNamed(plot, QStringLiteral("measured"));
        QCOMPARE(measured->dataCount(), int(points.size()));
        QCOMPARE(measured->lineStyle(), QCPGraph::lsNone);
        QCPGraph* fitted = graphNamed(plot, QStringLiteral("fitted"));
        QVERIFY(fitted->dataCount() > 100);
        bool found = false;
        QCOMPARE(fitted->data()->valueRange(found).upper, fit.curve.peakThroughput());
        auto* peak = itemNamed<QCPItemStraightLine>(plot, QStringLiteral("peak"));
        QVERIFY(peak && peak->visible());
        QCOMPARE(peak->point1->coords().x(), fit.curve.peakConcurrency());
        QCOMPARE(fit.curve.peakConcurrency(), 8.0);
        auto* label = itemNamed<QCPItemText>(plot, QStringLiteral("peak-label"));
        QVERIFY(label && label->visible());
        QVERIFY2(label->text().startsWith(QStringLiteral("peak: 8 at")), qPrintable(label->text()));
        const QString result = panel->resultLabel()->text();
        QVERIFY2(result.contains(QStringLiteral("R&sup2; = 0.99")), qPrintable(result));
        QVERIFY2(result.contains(QStringLiteral("capped at 8 cores")), qPrintable(result));

        // Apply: one edit of the document with the fit's cores, contention and coherency.
        QVERIFY(panel->applyButton()->isEnabled());
        QSignalSpy changed(&f.document, &ScenarioDocument::changed);
        panel->applyButton()->click();
        QCOMPARE(changed.count(), 1);
        const std::optional<models::DatabaseCapacity>& capacity = f.document.scenario().database.capacity;
        QVERIFY(capacity);
        QCOMPARE(capacity->cores, std::optional<std::int64_t>(8));
        QCOMPARE(*capacity->contention, sixDigits(fit.curve.sigma));
        QCOMPARE(*capacity->coherency, sixDigits(fit.curve.kappa));
        QVERIFY(f.document.isModified());
        QVERIFY(f.field<QCheckBox>(QStringLiteral("database.capacity"))->isChecked());
        QCOMPARE(f.field<QLineEdit>(QStringLiteral("database.capacity.cores"))->text(), QStringLiteral("8"));
        QCOMPARE(f.field<QLineEdit>(QStringLiteral("database.capacity.contention"))->text().toDouble(),
                 sixDigits(fit.curve.sigma));
        // What the file says reads back as what was applied.
        const models::Scenario reread =
            models::loadScenarioText(f.document.yamlText(), "reread.yaml", f.document.scenario().dataDir);
        QVERIFY(reread.database.capacity == capacity);
    }

    void badCsvIsLocatedAndChangesNothing_data()
    {
        QTest::addColumn<QString>("csv");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("message");
        QTest::newRow("not a number") << QStringLiteral("clients,tps\n1,100\n2,abc\n4,300\n") << 3
                                      << QStringLiteral("Line 3, column 3: column 2 (throughput)");
        QTest::newRow("one column") << QStringLiteral("# a comment\n1,100\n2,190\n\n8\n") << 5
                                    << QStringLiteral("Line 5, column 1: expected concurrency,throughput");
        QTest::newRow("negative concurrency") << QStringLiteral("1,100\n-2,190\n4,300\n") << 2
                                              << QStringLiteral("Line 2, column 1: column 1 (concurrency)");
        QTest::newRow("too few concurrencies") << QStringLiteral("1,100\n1,104\n2,190\n") << 0
                                               << QStringLiteral("expected rows at 3 or more distinct");
    }
    void badCsvIsLocatedAndChangesNothing()
    {
        QFETCH(QString, csv);
        QFETCH(int, line);
        QFETCH(QString, message);
        Fixture f(kNoCapacity);
        UslFitPanel* panel = fitPanel(f);
        panel->coresSpin()->setValue(8);
        QVERIFY(panel->loadCsvFile(kExample)); // a good fit first: the bad one must not leave it applicable
        const models::Scenario before = f.document.scenario();
        QSignalSpy changed(&f.document, &ScenarioDocument::changed);

        panel->csvEdit()->setPlainText(csv);
        QVERIFY(!panel->fit());
        QVERIFY2(panel->errorText().startsWith(message), qPrintable(panel->errorText()));
        QCOMPARE(panel->csvEdit()->toPlainText(), csv); // nothing typed is lost
        const QList<QTextEdit::ExtraSelection> marks = panel->csvEdit()->extraSelections();
        if (line > 0) {
            QCOMPARE(marks.size(), 1);
            QCOMPARE(marks.front().cursor.blockNumber(), line - 1);
            QCOMPARE(panel->csvEdit()->textCursor().blockNumber(), line - 1);
        } else {
            QVERIFY(marks.isEmpty());
        }
        QVERIFY(!panel->lastFit());
        QVERIFY(!panel->plot()->hasFit());
        QVERIFY(!panel->applyButton()->isEnabled());
        QVERIFY(!panel->apply());
        QCOMPARE(changed.count(), 0);
        QVERIFY(f.document.scenario() == before);
        QVERIFY(!f.document.isModified());

        // Corrected, the mark goes.
        panel->csvEdit()->setPlainText(QStringLiteral("1,100\n2,190\n4,330\n8,420\n"));
        QVERIFY(panel->fit());
        QVERIFY(panel->errorText().isEmpty());
        QVERIFY(panel->csvEdit()->extraSelections().isEmpty());
    }

    void aCurveWithLatenciesFitsAndAppliesTheRoundTrip()
    {
        // measure-postgres.sh's columns, made from a one-core server (lambda 24,000/s, sigma
        // 0.008, kappa 0.00002) whose queries each spend 0.076 ms in their round trip.
        models::UslCurve server;
        server.lambda = 24000;
        server.sigma = 0.008;
        server.kappa = 0.00002;
        server.cores = 1;
        QString csv = QStringLiteral("concurrency,throughput_per_s,latency_ms,server_ms\n");
        for (const int n : {1, 2, 3, 4, 6, 8, 16, 32, 64}) {
            const models::ClosedLoopFigures c = models::closedLoop(server, 0.000076, n);
            csv += QStringLiteral("%1,%2,%3,\n")
                       .arg(n)
                       .arg(c.throughputPerS, 0, 'f', 6)
                       .arg(c.latencyS * 1000, 0, 'f', 6);
        }
        Fixture f(kNoCapacity);
        UslFitPanel* panel = fitPanel(f);
        panel->coresSpin()->setValue(1);
        panel->csvEdit()->setPlainText(csv);
        QVERIFY(panel->fit());
        const models::UslFit& fit = *panel->lastFit();
        QVERIFY(fit.roundTripS);
        QVERIFY2(std::fabs(*fit.roundTripS - 0.000076) < 1e-8, qPrintable(QString::number(*fit.roundTripS)));
        QVERIFY2(panel->resultLabel()->text().contains(QStringLiteral("<b>round trip</b> = 0.076 ms")),
                 qPrintable(panel->resultLabel()->text()));
        QVERIFY(panel->resultLabel()->text().contains(QStringLiteral("Best with the round trip: ")));
        // The plot draws the closed loop, whose best is past one connection.
        QVERIFY(panel->plot()->hasFit());
        QVERIFY(fit.bestConcurrency() > 2);

        QVERIFY(panel->apply());
        const models::DatabaseCapacity& capacity = *f.document.scenario().database.capacity;
        QVERIFY(capacity.roundTrip);
        QCOMPARE(std::get<models::ConstantDist>(*capacity.roundTrip).value,
                 poolsim::engine::SimTime::fromSeconds(sixDigits(*fit.roundTripS)));
        QCOMPARE(*capacity.cores, std::int64_t{1});
        QVERIFY(panel->appliedLabel()->text().contains(QStringLiteral("round trip 0.076 ms")));
    }

    void aFitWithoutCoresCannotBeApplied()
    {
        Fixture f(kNoCapacity);
        UslFitPanel* panel = fitPanel(f);
        panel->coresSpin()->setValue(0); // the classic USL
        QVERIFY(panel->loadCsvFile(kExample));
        QVERIFY(panel->lastFit());
        QVERIFY(!panel->lastFit()->curve.cores);
        QVERIFY(!panel->applyButton()->isEnabled());
        QVERIFY(!panel->apply());
        QVERIFY(!f.document.scenario().database.capacity);
        // Choosing the cores fits again at once (a fit takes milliseconds), and may be applied.
        panel->coresSpin()->setValue(8);
        QCOMPARE(panel->lastFit()->curve.cores, std::optional<int>(8));
        QVERIFY(panel->applyButton()->isEnabled());
    }

    void coresFollowTheScenarioUntilChosen()
    {
        Fixture f(kNoCapacity);
        UslFitPanel* panel = fitPanel(f);
        QCOMPARE(panel->coresSpin()->value(), 16);
        f.document.setValue("database.capacity.cores", "12");
        QCOMPARE(panel->coresSpin()->value(), 12); // the capacity's own cores come first
        panel->coresSpin()->setValue(4);
        f.document.setValue("database.capacity.cores", "6");
        QCOMPARE(panel->coresSpin()->value(), 4); // the reader's choice stays
    }

    void unreadableFileIsReported()
    {
        Fixture f(kNoCapacity);
        UslFitPanel* panel = fitPanel(f);
        panel->csvEdit()->setPlainText(QStringLiteral("1,100\n"));
        QVERIFY(!panel->loadCsvFile(QStringLiteral(POOLSIM_SOURCE_DIR "/no-such-file.csv")));
        QVERIFY2(panel->errorText().contains(QStringLiteral("no-such-file.csv")),
                 qPrintable(panel->errorText()));
        QCOMPARE(panel->csvEdit()->toPlainText(), QStringLiteral("1,100\n")); // left as it was
    }

    void screenshot()
    {
        // A picture for a person to look at: POOLSIM_EDITOR_SHOTS=DIR writes the tab there.
        const QString dir = qEnvironmentVariable("POOLSIM_EDITOR_SHOTS");
        if (dir.isEmpty())
            QSKIP("set POOLSIM_EDITOR_SHOTS=DIR to write the Database tab as PNG");
        Fixture f(kNoCapacity);
        f.editor->resize(620, 1000);
        f.editor->tabs()->setCurrentIndex(
            f.editor->tabs()->indexOf(f.editor->database()->parentWidget()->parentWidget()));
        fitPanel(f)->coresSpin()->setValue(8);
        QVERIFY(fitPanel(f)->loadCsvFile(kExample));
        QTest::qWait(50);
        QVERIFY(f.editor->grab().save(QDir(dir).filePath(QStringLiteral("editor-database.png"))));
        fitPanel(f)->csvEdit()->setPlainText(QStringLiteral("clients,tps\n1,100\n2,abc\n4,300\n"));
        fitPanel(f)->fit();
        QTest::qWait(50);
        QVERIFY(f.editor->grab().save(QDir(dir).filePath(QStringLiteral("editor-database-error.png"))));
    }
};

QTEST_MAIN(TestGuiEditorDatabase)
#include "tst_gui_editor_database.moc"
