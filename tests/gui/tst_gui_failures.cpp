// The failure loop (instances that fail and restart) in the desktop program, fed with outcomes
// made by running tests/data/failures.yaml (three instances whose liveness probes go through
// their pools; test setup): the scenario's parts as the simulation decides them; the Timeline's
// Instances chart only for a run whose instances can fail, a lane per instance drawn from the
// result's down shares, a mark per recorded failure, its tooltips, zooming with the others and
// recoloured with the palette; the Summary's failure story and failure metrics (only with the
// part); the report's caption; the window's --pictures failures.
#include "gui_charts_support.h"
#include "gui_export_support.h"

#ifndef Q_MOC_RUN
#include "models/metrics/metric_catalogue.h"
#include "models/results/failure_story.h"
#include "models/simulation/compiled_scenario.h"
#include "ui/charts/differences_model.h"
#include "ui/charts/metric_text.h"
#include "ui/charts/metrics_table_model.h"
#include "ui/charts/outcome_runs.h"
#include "ui/charts/summary_page.h"
#include "ui/charts/timeline_instances.h"
#include "ui/charts/timeline_page.h"
#include "ui/export/report_writer.h"
#include "ui/window/main_window.h"
#include "ui/window/window_screenshots.h"
#endif

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QProcess>
#include <QStandardPaths>
#include <QtTest>

#include <cmath>

using namespace chartstest;
using namespace poolsim::ui;
using models::InstanceFailureCause;
using models::Metric;

namespace {

const QString kFailures = QStringLiteral(POOLSIM_SOURCE_DIR "/tests/data/failures.yaml");

/// The file with four replications (quicker; the failures stay), and `overrides` after.
models::Scenario failuresScenario(std::vector<std::string> overrides = {})
{
    overrides.insert(overrides.begin(), "replications=4");
    return models::loadScenarioFile(kFailures.toStdString(), overrides);
}

/// The same system whose instances cannot fail: no probe, no overload crash.
models::Scenario safeScenario()
{
    models::Scenario s = failuresScenario();
    s.backend.healthCheck.reset();
    s.backend.maxPending.reset();
    return s;
}

std::size_t failuresRecorded(const models::RunResult& r, InstanceFailureCause cause)
{
    std::size_t n = 0;
    for (const auto& replication : r.replicationFailures)
        n += static_cast<std::size_t>(std::count_if(replication.begin(), replication.end(),
                                                    [&](const auto& e) { return e.cause == cause; }));
    return n;
}

QList<QCPBars*> barsNamed(QCustomPlot* plot, const QString& objectName)
{
    QList<QCPBars*> out;
    for (int i = 0; i < plot->plottableCount(); ++i)
        if (auto* bars = qobject_cast<QCPBars*>(plot->plottable(i)); bars && bars->objectName() == objectName)
            out << bars;
    return out;
}

bool isFailureMetric(Metric m)
{
    return models::catalogue(m).part == models::ModelPart::InstanceFailures;
}

} // namespace

class TstGuiFailures : public QObject
{
    Q_OBJECT

    OutcomePtr m_failing; // base: three instances that fail; variant `one`: a single instance
    OutcomePtr m_safe;    // the same without a probe or an overload crash

private Q_SLOTS:
    void initTestCase()
    {
        models::Scenario failing = failuresScenario();
        models::SettingChange oneInstance;
        oneInstance.path = "backend.instances";
        oneInstance.value = "1";
        failing.variants.push_back({"one", "a single instance", {oneInstance}});
        m_failing = runOutcome(failing, false);
        m_safe = runOutcome(safeScenario(), false);
        const models::RunResult& r = *m_failing->base;
        QVERIFY(r.parts.has(models::ModelPart::InstanceFailures));
        QVERIFY(!m_safe->base->parts.has(models::ModelPart::InstanceFailures));
        QCOMPARE(r.instanceDownShare.size(), std::size_t(3));
        QCOMPARE(r.replicationFailures.size(), std::size_t(4));
        QVERIFY(failuresRecorded(r, InstanceFailureCause::HealthCheck) > 0);
    }

    void partsAsTheSimulationDecidesThem_data()
    {
        QTest::addColumn<QStringList>("overrides");
        QTest::addColumn<bool>("safe");
        QTest::newRow("probes and overload crashes") << QStringList{} << false;
        QTest::newRow("none") << QStringList{} << true;
        QTest::newRow("overload crash only") << QStringList{QStringLiteral("backend.max_pending=10")} << true;
        QTest::newRow("overload reject") << QStringList{QStringLiteral("backend.max_pending=10"),
                                                        QStringLiteral("backend.on_overload=reject")}
                                         << true;
        QTest::newRow("probes and reject")
            << QStringList{QStringLiteral("backend.on_overload=reject")} << false;
        QTest::newRow("client timeouts")
            << QStringList{QStringLiteral("workloads.api.client_timeout=2s")} << true;
        QTest::newRow("database server") << QStringList{QStringLiteral("database.capacity.cores=4")} << true;
    }
    void partsAsTheSimulationDecidesThem()
    {
        QFETCH(QStringList, overrides);
        QFETCH(bool, safe);
        std::vector<std::string> sets;
        for (const QString& o : overrides)
            sets.push_back(o.toStdString());
        const std::string text = models::saveScenarioText(safe ? safeScenario() : failuresScenario());
        const models::Scenario s = models::loadScenarioText(text, "parts.yaml", "", sets);
        QVERIFY(s.parts() == models::CompiledScenario::compile(s).parts());
        QCOMPARE(s.parts().has(models::ModelPart::InstanceFailures), s.backend.instancesCanFail());
    }

    void timelineDrawsInstancesOnlyWhenTheyCanFail()
    {
        TimelinePage page;
        page.setOutcome(m_safe);
        QCustomPlot* plot = page.plots().front().plot;
        QCOMPARE(page.instancesChart(), nullptr);
        QCOMPARE(plot->axisRectCount(), 3);
        QVERIFY(itemsNamed(plot, QStringLiteral("instance-lane")).isEmpty());
        QVERIFY(!page.showCrosshairAt(130).contains(QStringLiteral("instances down")));
        QVERIFY(page.plots().front().caption.isEmpty());

        page.setOutcome(m_failing);
        QVERIFY(page.instancesChart());
        QCOMPARE(plot->axisRectCount(), 4);
        QCOMPARE(plot->axisRect(2), page.instancesChart()); // between the waiting and the failures
        QCOMPARE(plot->axisRect(3), page.charts()[2]);
        QVERIFY(page.showCrosshairAt(130).contains(QStringLiteral("instances down")));
        QCOMPARE(itemsNamed(plot, QStringLiteral("crosshair")).size(), 4);

        // Back to a run without: the chart goes and the three stay in step.
        page.setOutcome(m_safe);
        QCOMPARE(page.instancesChart(), nullptr);
        QCOMPARE(plot->axisRectCount(), 3);
        page.charts()[0]->axis(QCPAxis::atBottom)->setRange(10, 20);
        QCOMPARE(page.charts()[2]->axis(QCPAxis::atBottom)->range(), QCPRange(10, 20));
    }

    void instancesChartBesideTheDatabaseChart()
    {
        TimelinePage page;
        page.setOutcome(runOutcome(failuresScenario({"database.capacity.cores=4"}), false));
        QCustomPlot* plot = page.plots().front().plot;
        QCOMPARE(plot->axisRectCount(), 5);
        QCOMPARE(plot->axisRect(1), page.databaseChart());
        QCOMPARE(plot->axisRect(2), page.charts()[1]);
        QCOMPARE(plot->axisRect(3), page.instancesChart());
        QCOMPARE(plot->axisRect(4), page.charts()[2]);
        page.setOutcome(m_safe); // both go, in either order of their rows
        QCOMPARE(plot->axisRectCount(), 3);
        QCOMPARE(page.databaseChart(), nullptr);
        QCOMPARE(page.instancesChart(), nullptr);
    }

    void aLanePerInstanceFromTheDownShares()
    {
        TimelinePage page;
        page.setOutcome(m_failing);
        QCustomPlot* plot = page.plots().front().plot;
        const models::RunResult& r = *m_failing->base;
        QCOMPARE(itemsNamed(plot, QStringLiteral("instance-lane")).size(), 3);
        const QList<QCPBars*> lanes = barsNamed(plot, QStringLiteral("instance-down"));
        QCOMPARE(lanes.size(), 3);
        QCPAxis* y = page.instancesChart()->axis(QCPAxis::atLeft);
        QCOMPARE(y->range(), QCPRange(0, 3));
        double anyDown = 0;
        for (int i = 0; i < 3; ++i) {
            // Instance 1 in the top row: its lane's foot is above the other two.
            QCPBars* bars = lanes[i];
            QCOMPARE(instanceAtY(3, bars->baseValue() + 0.01), i);
            const std::vector<double>& shares = r.instanceDownShare[static_cast<std::size_t>(i)];
            QCOMPARE(bars->dataCount(), static_cast<int>(shares.size()));
            double top = 0;
            for (std::size_t bin = 0; bin < shares.size(); ++bin)
                top = std::max(top, shares[bin]);
            anyDown = std::max(anyDown, top);
            // The tallest bar is the bin the instance was down the most, as a share of the lane.
            double tallest = 0;
            for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it)
                tallest = std::max(tallest, it->value);
            QVERIFY(std::fabs(tallest / 0.84 - top) < 1e-9); // the lane is 0.84 of its row
        }
        QVERIFY(anyDown > 0);
        QCOMPARE(y->label(), QStringLiteral("instances"));
    }

    void aMarkPerRecordedFailure()
    {
        TimelinePage page;
        page.setOutcome(m_failing);
        QCustomPlot* plot = page.plots().front().plot;
        const models::RunResult& r = *m_failing->base;
        const auto points = [plot](const char* name) {
            return std::max(0, graphPoints(plot, QString::fromLatin1(name)));
        };
        QCOMPARE(std::size_t(points("instance-failures-health")),
                 failuresRecorded(r, InstanceFailureCause::HealthCheck));
        QCOMPARE(std::size_t(points("instance-failures-overload")),
                 failuresRecorded(r, InstanceFailureCause::Overload));
        // Each at the top of its instance's lane, at its time.
        const models::InstanceFailureEvent first = [&] {
            for (const auto& replication : r.replicationFailures)
                for (const auto& e : replication)
                    if (e.cause == InstanceFailureCause::HealthCheck)
                        return e;
            return models::InstanceFailureEvent{};
        }();
        QCPGraph* marks = graphNamed(plot, QStringLiteral("instance-failures-health"));
        bool found = false;
        for (auto it = marks->data()->constBegin(); it != marks->data()->constEnd(); ++it)
            found =
                found || (it->key == first.atS && instanceAtY(3, it->value - 0.01) == int(first.instance));
        QVERIFY(found);
        QVERIFY(marks->name().startsWith(QStringLiteral("failed: health check (")));
    }

    void tooltipsSayHowLongAndWhichReplication()
    {
        TimelinePage page;
        page.setOutcome(m_failing);
        const models::RunResult& r = *m_failing->base;
        // The last replication's first failure.
        std::size_t rep = r.replicationFailures.size();
        while (rep > 0 && r.replicationFailures[rep - 1].empty())
            --rep;
        QVERIFY(rep > 0);
        const models::InstanceFailureEvent& e = r.replicationFailures[rep - 1].front();
        const QString tip = page.instanceTipAt(e.atS, int(e.instance));
        const auto bin = static_cast<std::size_t>(e.atS / r.resolutionS);
        const double share = r.instanceDownShare[e.instance][bin];
        QVERIFY2(tip.startsWith(QStringLiteral("instance %1 down %2 of this bin (mean over 4 replications)")
                                    .arg(e.instance + 1)
                                    .arg(formatValue(share, ValueUnit::Fraction))),
                 qPrintable(tip));
        const QString cause = e.cause == InstanceFailureCause::Overload ? QStringLiteral("overload")
                                                                        : QStringLiteral("health check");
        QVERIFY2(
            tip.contains(
                QStringLiteral("failed at %1 (%2), replication %3").arg(formatClock(e.atS), cause).arg(rep)),
            qPrintable(tip));
        // An instance up all of a quiet bin, and places with no lane.
        QVERIFY2(page.instanceTipAt(5, 0).startsWith(
                     QStringLiteral("instance 1 down 0% of this bin (mean over 4 replications)")),
                 qPrintable(page.instanceTipAt(5, 0)));
        QVERIFY(!page.instanceTipAt(5, 0).contains(QStringLiteral("failed at")));
        QVERIFY(page.instanceTipAt(5, 3).isEmpty());
        QVERIFY(page.instanceTipAt(-1, 0).isEmpty());
        QVERIFY(page.instanceTipAt(r.horizonS + 1, 0).isEmpty());
        QCOMPARE(instanceAtY(3, 2.5), 0);
        QCOMPARE(instanceAtY(3, 0.1), 2);
        QCOMPARE(instanceAtY(3, 3.2), -1);
        QCOMPARE(instanceAtY(3, -0.2), -1);
        // The crosshair names the failures of the bin.
        QVERIFY2(page.showCrosshairAt(e.atS).contains(QStringLiteral("instance failures in this bin")),
                 qPrintable(page.showCrosshairAt(e.atS)));
    }

    void oneInstanceIsOneLaneAndZoomsWithTheOthers()
    {
        TimelinePage page;
        page.setOutcome(m_failing);
        QCustomPlot* plot = page.plots().front().plot;
        page.runChooser()->setCurrentIndex(page.runChooser()->findText(QStringLiteral("one")));
        QVERIFY(page.instancesChart());
        QCOMPARE(itemsNamed(plot, QStringLiteral("instance-lane")).size(), 1);
        QCOMPARE(barsNamed(plot, QStringLiteral("instance-down")).size(), 1);
        QCOMPARE(page.instancesChart()->axis(QCPAxis::atLeft)->label(), QStringLiteral("instance"));
        page.instancesChart()->axis(QCPAxis::atBottom)->setRange(100, 200);
        for (QCPAxisRect* rect : page.charts())
            QCOMPARE(rect->axis(QCPAxis::atBottom)->range(), QCPRange(100, 200));
        page.charts()[0]->axis(QCPAxis::atBottom)->setRange(30, 90);
        QCOMPARE(page.instancesChart()->axis(QCPAxis::atBottom)->range(), QCPRange(30, 90));
        // Back to three.
        page.runChooser()->setCurrentIndex(0);
        QCOMPARE(itemsNamed(plot, QStringLiteral("instance-lane")).size(), 3);
    }

    void instancesRecolour()
    {
        TimelinePage page;
        page.setOutcome(m_failing);
        const QColor light =
            barsNamed(page.plots().front().plot, QStringLiteral("instance-down")).front()->brush().color();
        page.setPalette(darkPalette());
        QVERIFY(page.instancesChart()); // rebuilt, still there
        QCOMPARE(page.instancesChart()->backgroundBrush().color(), darkPalette().color(QPalette::Base));
        const QColor dark =
            barsNamed(page.plots().front().plot, QStringLiteral("instance-down")).front()->brush().color();
        QVERIFY(dark != light);
    }

    void summaryTellsTheStory()
    {
        SummaryPage page;
        auto* label = page.findChild<QLabel*>(QStringLiteral("failureStory"));
        QVERIFY(label);
        page.setOutcome(m_safe);
        QVERIFY(page.failureStoryText().isEmpty());
        QVERIFY(label->isHidden());

        page.setOutcome(m_failing);
        const std::string sentence = models::failureStory(*m_failing->base)->sentence();
        QCOMPARE(page.failureStoryText(), QString::fromStdString(sentence));
        QVERIFY(!label->isHidden());
        QVERIFY2(label->text().contains(QString::fromStdString(sentence).toHtmlEscaped()),
                 qPrintable(label->text()));
        QVERIFY(label->text().contains(QStringLiteral("An instance failed in")));
    }

    void failureMetricsOnlyWithThePart_data()
    {
        QTest::addColumn<bool>("failing");
        QTest::newRow("instances cannot fail") << false;
        QTest::newRow("instances can fail") << true;
    }
    void failureMetricsOnlyWithThePart()
    {
        QFETCH(bool, failing);
        const models::RunResult& r = failing ? *m_failing->base : *m_safe->base;
        MetricsTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEstimates(r.metrics, r.parts);
        int failureRows = 0;
        QStringList names;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString name = model.data(model.index(row, 0), Qt::ToolTipRole).toString();
            const models::MetricInfo* info = models::findMetric(name.toStdString());
            QVERIFY2(info, qPrintable(name));
            if (isFailureMetric(info->metric)) {
                ++failureRows;
                names << name;
            }
        }
        const auto expected =
            std::count_if(models::kMetricCatalogue.begin(), models::kMetricCatalogue.end(),
                          [](const models::MetricInfo& m) { return isFailureMetric(m.metric); });
        QVERIFY(expected >= 6);
        QCOMPARE(failureRows, failing ? int(expected) : 0);
        if (failing)
            QVERIFY2(names.contains(QStringLiteral("availability")) &&
                         names.contains(QStringLiteral("crashes")),
                     qPrintable(names.join(QLatin1Char(' '))));
    }

    void differencesListFailureMetricsWhenEveryRunCanFail()
    {
        DifferencesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRuns(shownRuns(m_safe));
        QCOMPARE(model.rowMetrics(), DifferencesModel::keyMetrics());
        model.setRuns(shownRuns(m_failing)); // three instances and one: both can fail
        const std::vector<Metric>& rows = model.rowMetrics();
        for (Metric m :
             {Metric::Crashes, Metric::Availability, Metric::DowntimeS, Metric::Crashed, Metric::Unavailable})
            QVERIFY2(std::find(rows.begin(), rows.end(), m) != rows.end(), models::metricName(m).data());
        QCOMPARE(model.rowCount(), int(DifferencesModel::keyMetrics().size()) + 5);
        const int availability =
            int(std::find(rows.begin(), rows.end(), Metric::Availability) - rows.begin());
        QCOMPARE(model.data(model.index(availability, 0)).toString(), QStringLiteral("availability"));
        QCOMPARE(model.data(model.index(availability, model.valueColumn(0)), DifferencesModel::ValueRole)
                     .toDouble(),
                 m_failing->base->metrics[Metric::Availability].mean);
    }

    void reportCarriesTheStory()
    {
        TimelinePage timeline;
        SummaryPage summary;
        for (ChartPage* page : std::initializer_list<ChartPage*>{&timeline, &summary}) {
            page->resize(1100, 700);
            page->setOutcome(m_failing);
        }
        const QString sentence = QString::fromStdString(models::failureStory(*m_failing->base)->sentence());
        QCOMPARE(timeline.plots().front().caption, sentence);
        const ReportContent content =
            reportContent(m_failing->scenario, kFailures, m_failing, nullptr, {&timeline, &summary});
        QCOMPARE(content.charts.size(), 1);
        QCOMPARE(content.charts.front().caption, sentence);
        poolsim::test::ExportFolder out(QStringLiteral("tst_gui_failures"));
        const QString path = out.file(QStringLiteral("failures-report.pdf"));
        const ReportPlan plan = writeReport(content, path);
        QCOMPARE(poolsim::test::pdfPageCount(poolsim::test::readAll(path)), plan.total());
        // The words themselves when poppler's pdftotext is there: on the title page, beside
        // each run on the variants page, and above the Timeline.
        const QString pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext"));
        if (pdftotext.isEmpty())
            QSKIP("pdftotext not found: the report's text is not read back");
        QProcess process;
        process.start(pdftotext, {QStringLiteral("-raw"), path, QStringLiteral("-")});
        QVERIFY(process.waitForFinished(30000));
        const QString text = QString::fromUtf8(process.readAllStandardOutput()).simplified();
        const QString start =
            sentence.section(QLatin1Char(','), 0, 0); // "An instance failed in 3 of 4 replications"
        QVERIFY2(text.count(start) >= 3, qPrintable(text.left(2000)));
        QVERIFY(text.contains(QStringLiteral("Instances: ") + start));
    }

    void screenshots()
    {
        // Pictures for a person to look at: POOLSIM_CHART_SHOTS=DIR writes the pages there.
        const QString dir = qEnvironmentVariable("POOLSIM_CHART_SHOTS");
        if (dir.isEmpty())
            QSKIP("set POOLSIM_CHART_SHOTS=DIR to render the failing instances' pages");
        QDir().mkpath(dir);
        for (bool dark : {false, true}) {
            const QString suffix = dark ? QStringLiteral("-dark.png") : QStringLiteral("-light.png");
            TimelinePage timeline;
            SummaryPage summary;
            for (ChartPage* page : std::initializer_list<ChartPage*>{&timeline, &summary}) {
                if (dark)
                    page->setPalette(darkPalette());
                page->resize(1200, 760);
                page->setOutcome(m_failing);
                page->show();
                QVERIFY(QTest::qWaitForWindowExposed(page));
                QTest::qWait(50); // the queued replots
                QVERIFY(
                    page->grab().save(dir + QStringLiteral("/failures-") + page->title().toLower() + suffix));
            }
        }
    }

    void picturesOfTheFailures()
    {
        MainWindow window;
        poolsim::test::ExportFolder out(QStringLiteral("tst_gui_failures-pictures"));
        // A scenario whose instances cannot fail has no Instances chart to picture.
        QTemporaryDir dir;
        const QString safeFile = dir.filePath(QStringLiteral("safe.yaml"));
        QFile file(safeFile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(models::saveScenarioText(safeScenario()).c_str());
        file.close();
        QVERIFY(window.openFile(safeFile));
        {
            poolsim::test::StderrCapture capture;
            QVERIFY(!saveFailuresScreenshots(&window, out.path(), 60000));
            QVERIFY2(capture.text().contains(QStringLiteral("cannot fail")), qPrintable(capture.text()));
        }
        QVERIFY(!QFileInfo::exists(out.file(QStringLiteral("failures.png"))));

        const QString failingFile = dir.filePath(QStringLiteral("failing.yaml"));
        QFile failing(failingFile);
        QVERIFY(failing.open(QIODevice::WriteOnly));
        failing.write(models::saveScenarioText(failuresScenario()).c_str());
        failing.close();
        QVERIFY(window.openFile(failingFile));
        QVERIFY(saveFailuresScreenshots(&window, out.path(), 60000));
        const QImage image(out.file(QStringLiteral("failures.png")));
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), window.size() * window.devicePixelRatio());
        QVERIFY(poolsim::test::isNonBlank(image));
        auto* timeline = qobject_cast<TimelinePage*>(window.chartPages().front());
        QVERIFY(timeline && timeline->instancesChart());
    }
};

QTEST_MAIN(TstGuiFailures)
#include "tst_gui_failures.moc"
