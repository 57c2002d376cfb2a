// The database server (database.capacity) in the chart pages, fed with outcomes made by running
// a one-minute scenario (test setup): without a server no page lists or draws anything of it
// (the metrics table, the differences, the sweep's metrics, the overlay's series, the
// Timeline); with one, the metrics table has its rows, the Timeline its chart (the queries
// running with their band and peaks, the cores, the slowdown on a second axis) zooming with the
// others, and the crosshair its values. The Sweep page shades the range of pool sizes that meet.
#include "gui_charts_support.h"

#ifndef Q_MOC_RUN
#include "models/metrics/metric_catalogue.h"
#include "ui/charts/differences_model.h"
#include "ui/charts/metric_text.h"
#include "ui/charts/metrics_table_model.h"
#include "ui/charts/outcome_runs.h"
#include "ui/charts/summary_page.h"
#include "ui/charts/sweep_page.h"
#include "ui/charts/timeline_page.h"
#include "ui/charts/variants_page.h"
#include <algorithm>
#endif

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDir>
#include <QtTest>

#include <cmath>

using namespace chartstest;
using namespace poolsim::ui;
using models::Metric;
using models::Series;

namespace {

/// The metrics a run shows: the pool's, and the database server's when it had one.
int metricsApplying(bool server)
{
    const auto parts =
        server ? models::ModelParts{}.with(models::ModelPart::DatabaseServer) : models::ModelParts{};
    return int(std::count_if(models::kMetricCatalogue.begin(), models::kMetricCatalogue.end(),
                             [&](const models::MetricInfo& m) { return models::applies(m.metric, parts); }));
}

/// A minute on a pool of 6 in 10 s bins (six of them: nothing is decimated). The base has no
/// server; the variant `server` adds one of 2 cores, which 40 queries a second of 50 ms (two at
/// once on average) load past its cores now and then.
const char* const kScenario = R"(poolsim: 1
name: Server test
horizon: 1m
replications: 3
seed: 4
resolution: 10s
pool: {size: 6}
database: {cores: 2}
workloads:
  - name: api
    arrivals: {poisson: 40/s}
    hold: {exponential: 50ms}
variants:
  - name: server
    set: {database.capacity.contention: 0.05}
)";

models::Scenario scenario(const std::vector<std::string>& overrides = {})
{
    return models::loadScenarioText(kScenario, "server-test.yaml", "", overrides);
}

bool isServerMetric(Metric m)
{
    return models::catalogue(m).part == models::ModelPart::DatabaseServer;
}

QStringList comboData(const QComboBox* combo)
{
    QStringList out;
    for (int i = 0; i < combo->count(); ++i)
        out << combo->itemData(i).toString();
    return out;
}

/// The graph's values in key order; NaN where the series has a gap.
std::vector<double> valuesOf(const QCPGraph* graph)
{
    std::vector<double> out;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
        out.push_back(it->value);
    return out;
}

void compareSeries(const std::vector<double>& shown, const std::vector<double>& expected, const char* what)
{
    QVERIFY2(shown.size() == expected.size(), what);
    for (std::size_t i = 0; i < shown.size(); ++i)
        QVERIFY2((std::isnan(shown[i]) && std::isnan(expected[i])) || shown[i] == expected[i], what);
}

} // namespace

class TstGuiDatabase : public QObject
{
    Q_OBJECT

    OutcomePtr m_mixed;  // base without a server, variant `server` with one
    OutcomePtr m_server; // every run with a server

    /// A recommendation made by hand: probes at 2, 4, 6, 8 and 10 (each the server run's
    /// result), the smallest meeting 4; with `range`, the best 6 and the largest meeting 8.
    OutcomePtr handMadeRecommendation(bool range) const
    {
        auto rec = std::make_shared<models::Recommendation>();
        rec->search.instances = 1;
        for (std::int64_t size : {2, 4, 6, 8, 10}) {
            models::Probe probe;
            probe.instances = 1;
            probe.poolSize = size;
            probe.purpose = "search";
            probe.result = m_server->base;
            rec->search.probes.push_back(rec->probes.size());
            rec->probes.push_back(probe);
        }
        rec->search.found = true;
        rec->search.poolSize = 4;
        rec->search.best = 1;
        if (range) {
            rec->search.bestPoolSize = 6;
            rec->search.largestPoolSize = 8;
        }
        auto outcome = std::make_shared<RunOutcome>();
        outcome->kind = JobKind::Recommend;
        outcome->scenario = scenario({"database.capacity.coherency=0.01"});
        outcome->recommendation = rec;
        return outcome;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_mixed = runOutcome(scenario(), false);
        QVERIFY(!m_mixed->base->parts.has(models::ModelPart::DatabaseServer));
        QVERIFY(m_mixed->variants.front().result->parts.has(models::ModelPart::DatabaseServer));
        m_server = runOutcome(scenario({"database.capacity.coherency=0.01"}), false);
        QVERIFY(m_server->base->parts.has(models::ModelPart::DatabaseServer));
    }

    void metricsTableHasServerRowsOnlyWithAServer_data()
    {
        QTest::addColumn<bool>("server");
        QTest::newRow("without") << false;
        QTest::newRow("with") << true;
    }
    void metricsTableHasServerRowsOnlyWithAServer()
    {
        QFETCH(bool, server);
        const models::RunResult& r = server ? *m_mixed->variants.front().result : *m_mixed->base;
        MetricsTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setEstimates(r.metrics, r.parts);
        int serverRows = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString name = model.data(model.index(row, 0), Qt::ToolTipRole).toString();
            const models::MetricInfo* info = models::findMetric(name.toStdString());
            QVERIFY2(info, qPrintable(name));
            if (isServerMetric(info->metric)) {
                ++serverRows;
                QVERIFY2(name.startsWith(QStringLiteral("db_")), qPrintable(name));
            }
        }
        QCOMPARE(serverRows, server ? 4 : 0);
        // Every metric of the pool (and the server's with a server); the failure loop's are not
        // there without it.
        QCOMPARE(model.rowCount(), metricsApplying(server));
        if (server) { // the slowdown as the catalogue writes it, and a real one: at least 1x
            int row = -1;
            for (int i = 0; i < model.rowCount(); ++i)
                if (model.data(model.index(i, 0)).toString() == QStringLiteral("database slowdown"))
                    row = i;
            QVERIFY(row >= 0);
            QVERIFY(model.data(model.index(row, 1)).toString().endsWith(QLatin1Char('x')));
            QVERIFY(model.data(model.index(row, 1), MetricsTableModel::ValueRole).toDouble() >= 1.0);
        }
        model.setEstimates(std::nullopt);
        QCOMPARE(model.rowCount(), 0);
    }

    void summaryFollowsTheRunShown()
    {
        SummaryPage page;
        page.setOutcome(m_mixed);
        QCOMPARE(page.metricsModel()->rowCount(), metricsApplying(false));
        page.runChooser()->setCurrentIndex(page.runChooser()->findText(QStringLiteral("server")));
        QCOMPARE(page.metricsModel()->rowCount(), metricsApplying(true));
    }

    void differencesListServerMetricsWhenEveryRunHasAServer()
    {
        DifferencesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // One run without a server: the key metrics only, as without any server.
        model.setRuns(poolsim::ui::shownRuns(m_mixed));
        QCOMPARE(model.rowMetrics(), DifferencesModel::keyMetrics());
        // Both with one (base and the same variant): the server's figures too, differenced.
        model.setRuns(poolsim::ui::shownRuns(m_server));
        QCOMPARE(model.rowCount(), int(DifferencesModel::keyMetrics().size()) + 3);
        const int slowdown =
            int(std::find(model.rowMetrics().begin(), model.rowMetrics().end(), Metric::DbSlowdownMean) -
                model.rowMetrics().begin());
        QVERIFY(slowdown < model.rowCount());
        QCOMPARE(model.data(model.index(slowdown, 0)).toString(), QStringLiteral("database slowdown"));
        QCOMPARE(
            model.data(model.index(slowdown, model.valueColumn(0)), DifferencesModel::ValueRole).toDouble(),
            m_server->base->metrics[Metric::DbSlowdownMean].mean);
    }

    void choosersListServerFiguresOnlyWhenTheRunsHaveThem()
    {
        const QString slowdownMetric = QString::number(int(Metric::DbSlowdownMean));
        const QString slowdownSeries = QString::number(int(Series::DbSlowdownMean));
        VariantsPage variants;
        QVERIFY(!comboData(variants.seriesChooser()).contains(slowdownSeries));
        variants.setOutcome(m_mixed); // the base has no server: not every run has the series
        QVERIFY(!comboData(variants.seriesChooser()).contains(slowdownSeries));
        variants.setOutcome(m_server);
        QVERIFY(comboData(variants.seriesChooser()).contains(slowdownSeries));
        variants.seriesChooser()->setCurrentIndex(
            variants.seriesChooser()->findData(int(Series::DbSlowdownMean)));
        variants.setOutcome(m_mixed); // gone again, and the overlay falls back to a series it has
        QVERIFY(!comboData(variants.seriesChooser()).contains(slowdownSeries));
        QCOMPARE(variants.seriesChooser()->currentData().toInt(), int(Series::BusyMean));

        SweepPage sweep;
        sweep.setScenario(scenario());
        QVERIFY(!comboData(sweep.metricChooser()).contains(slowdownMetric));
        QCOMPARE(sweep.metricChooser()->currentData().toInt(), int(Metric::WaitP95S));
        sweep.setScenario(scenario({"database.capacity.coherency=0.01"})); // before any sweep: the edited one
        QVERIFY(comboData(sweep.metricChooser()).contains(slowdownMetric));
        sweep.setOutcome(sweepOutcome(scenario(), {{"pool.size", {"2", "4"}, ""}}));
        QVERIFY(!comboData(sweep.metricChooser()).contains(slowdownMetric));
        const models::Scenario withServer = scenario({"database.capacity.coherency=0.01"});
        sweep.setOutcome(sweepOutcome(withServer, {{"pool.size", {"2", "4"}, ""}}));
        QVERIFY(comboData(sweep.metricChooser()).contains(slowdownMetric));
        sweep.metricChooser()->setCurrentIndex(sweep.metricChooser()->findData(int(Metric::DbSlowdownMean)));
        QCOMPARE(sweep.plot()->yAxis->label(), QStringLiteral("database slowdown (x)"));
        QVERIFY(sweep.plot()->graphCount() > 0);
    }

    void timelineDrawsTheServerOnlyWithOne()
    {
        TimelinePage page;
        page.setOutcome(m_mixed);
        QCustomPlot* plot = page.plots().front().plot;
        QCOMPARE(page.databaseChart(), nullptr); // the base has no server
        QCOMPARE(graphPoints(plot, QStringLiteral("db-active")), -1);
        QCOMPARE(graphPoints(plot, QStringLiteral("cores")), -1);
        QCOMPARE(plot->axisRectCount(), 3);
        QVERIFY(!page.showCrosshairAt(30).contains(QStringLiteral("database")));

        page.runChooser()->setCurrentIndex(page.runChooser()->findText(QStringLiteral("server")));
        QVERIFY(page.databaseChart());
        QCOMPARE(plot->axisRectCount(), 4);
        QCOMPARE(plot->axisRect(1), page.databaseChart()); // under the connections
        const models::RunResult& r = *m_mixed->variants.front().result;
        auto band = [&r](Series s) { return r.series[static_cast<std::size_t>(s)]; };
        compareSeries(valuesOf(graphNamed(plot, QStringLiteral("db-active"))),
                      band(Series::DbActiveMean).mean, "queries running, mean");
        compareSeries(valuesOf(graphNamed(plot, QStringLiteral("db-active-min"))),
                      band(Series::DbActiveMean).min, "queries running, lowest replication");
        compareSeries(valuesOf(graphNamed(plot, QStringLiteral("db-active-max"))),
                      band(Series::DbActiveMean).max, "queries running, highest replication");
        compareSeries(valuesOf(graphNamed(plot, QStringLiteral("db-active-peak"))),
                      band(Series::DbActiveMax).mean, "queries running, peak in bin");
        compareSeries(valuesOf(graphNamed(plot, QStringLiteral("db-slowdown"))),
                      band(Series::DbSlowdownMean).mean, "slowdown");
        QCOMPARE(band(Series::DbActiveMean).mean.size(), std::size_t(6));
        // What a server of 2 cores under about two queries at once does: the peaks pass the
        // cores, and queries then run slower than alone.
        double peak = 0, slowest = 0;
        for (double v : band(Series::DbActiveMax).mean)
            peak = std::max(peak, v);
        for (double v : band(Series::DbSlowdownMean).mean)
            if (std::isfinite(v)) {
                QVERIFY(v >= 1.0);
                slowest = std::max(slowest, v);
            }
        QVERIFY(peak > 2 && peak <= 6);
        QVERIFY(slowest > 1.0);

        // The cores as a line across the run, the slowdown on the chart's right axis.
        const std::vector<double> cores = valuesOf(graphNamed(plot, QStringLiteral("cores")));
        QCOMPARE(cores, (std::vector<double>{2.0, 2.0}));
        QCOMPARE(graphNamed(plot, QStringLiteral("cores"))->name(), QStringLiteral("cores (2)"));
        QCPGraph* slowdown = graphNamed(plot, QStringLiteral("db-slowdown"));
        QCOMPARE(slowdown->valueAxis(), page.databaseChart()->axis(QCPAxis::atRight));
        QVERIFY(slowdown->valueAxis()->visible());
        QCOMPARE(slowdown->valueAxis()->range().lower, 1.0);
        QVERIFY(slowdown->valueAxis()->range().upper >= slowest);
        QVERIFY(graphNamed(plot, QStringLiteral("db-active"))->valueAxis()->range().upper >= peak);

        // One of the charts that zoom and pan together, with a crosshair line and its values.
        page.charts()[2]->axis(QCPAxis::atBottom)->setRange(12, 40);
        QCOMPARE(page.databaseChart()->axis(QCPAxis::atBottom)->range(), QCPRange(12, 40));
        page.databaseChart()->axis(QCPAxis::atBottom)->setRange(5, 25);
        for (QCPAxisRect* rect : page.charts())
            QCOMPARE(rect->axis(QCPAxis::atBottom)->range(), QCPRange(5, 25));
        const QString text = page.showCrosshairAt(35);
        QVERIFY2(text.contains(QStringLiteral("database queries running")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("cores 2")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("query slowdown")), qPrintable(text));
        QCOMPARE(itemsNamed(plot, QStringLiteral("crosshair")).size(), 4);

        // Back to the base: the chart goes, and the three stay as they were.
        page.runChooser()->setCurrentIndex(0);
        QCOMPARE(page.databaseChart(), nullptr);
        QCOMPARE(plot->axisRectCount(), 3);
        QCOMPARE(itemsNamed(plot, QStringLiteral("crosshair")).size(), 3);
        page.charts()[0]->axis(QCPAxis::atBottom)->setRange(10, 20);
        QCOMPARE(page.charts()[2]->axis(QCPAxis::atBottom)->range(), QCPRange(10, 20));
        page.setOutcome(nullptr);
        QCOMPARE(page.databaseChart(), nullptr);
    }

    void timelineDatabaseChartRecolours()
    {
        TimelinePage page;
        page.setOutcome(m_server);
        QVERIFY(page.databaseChart());
        const QColor light =
            graphNamed(page.plots().front().plot, QStringLiteral("db-active"))->pen().color();
        page.setPalette(darkPalette());
        QVERIFY(page.databaseChart()); // rebuilt, still there
        QCOMPARE(page.databaseChart()->backgroundBrush().color(), darkPalette().color(QPalette::Base));
        const QColor dark = graphNamed(page.plots().front().plot, QStringLiteral("db-active"))->pen().color();
        QVERIFY(dark.lightnessF() > light.lightnessF());
    }

    void sweepShadesTheSizesThatMeet_data()
    {
        QTest::addColumn<bool>("range");
        QTest::newRow("a range and its best") << true;
        QTest::newRow("the smallest only (no server)") << false;
    }
    void sweepShadesTheSizesThatMeet()
    {
        QFETCH(bool, range);
        const OutcomePtr outcome = handMadeRecommendation(range);
        SweepPage page;
        page.setOutcome(outcome);
        QCustomPlot* plot = page.plot();
        const QList<QCPAbstractItem*> recommended = itemsNamed(plot, QStringLiteral("recommended"));
        QCOMPARE(recommended.size(), 1);
        QCOMPARE(static_cast<QCPItemStraightLine*>(recommended.front())->point1->coords().x(), 4.0);
        const QList<QCPAbstractItem*> area = itemsNamed(plot, QStringLiteral("meeting-range"));
        const QList<QCPAbstractItem*> best = itemsNamed(plot, QStringLiteral("best-pool-size"));
        const QList<QCPAbstractItem*> largest = itemsNamed(plot, QStringLiteral("largest-meeting"));
        if (!range) {
            QVERIFY(area.isEmpty() && best.isEmpty() && largest.isEmpty());
            return;
        }
        QCOMPARE(area.size(), 1);
        auto* shaded = static_cast<QCPItemRect*>(area.front());
        QCOMPARE(shaded->topLeft->coords().x(), 4.0);
        QCOMPARE(shaded->bottomRight->coords().x(), 8.0);
        QCOMPARE(best.size(), 1);
        QCOMPARE(static_cast<QCPItemStraightLine*>(best.front())->point1->coords().x(), 6.0);
        QCOMPARE(largest.size(), 1);
        QCOMPARE(static_cast<QCPItemStraightLine*>(largest.front())->point1->coords().x(), 8.0);
        bool labelled = false;
        for (int i = 0; i < plot->itemCount(); ++i)
            if (auto* text = qobject_cast<QCPItemText*>(plot->item(i)))
                labelled = labelled || text->text() == QStringLiteral("4 to 8 meet the service levels");
        QVERIFY(labelled);
        QVERIFY(plot->xAxis->range().contains(8.0) && plot->xAxis->range().contains(4.0));
    }

    void factorsAreWrittenWithAnX_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<QString>("text");
        QTest::newRow("alone") << 1.0 << QStringLiteral("1.00x");
        QTest::newRow("slower") << 1.8427 << QStringLiteral("1.84x");
        QTest::newRow("far slower") << 123.4 << QStringLiteral("123.4x");
        QTest::newRow("no queries ended") << std::nan("") << QStringLiteral("-");
    }
    void factorsAreWrittenWithAnX()
    {
        QFETCH(double, value);
        QFETCH(QString, text);
        QCOMPARE(formatValue(value, ValueUnit::Factor), text);
        QCOMPARE(metricInfo(Metric::DbSlowdownMean).unit, ValueUnit::Factor);
        QCOMPARE(seriesInfo(Series::DbSlowdownMean).unit, ValueUnit::Factor);
    }

    void screenshots()
    {
        // Pictures for a person to look at: POOLSIM_CHART_SHOTS=DIR writes the pages there.
        const QString dir = qEnvironmentVariable("POOLSIM_CHART_SHOTS");
        if (dir.isEmpty())
            QSKIP("set POOLSIM_CHART_SHOTS=DIR to render the database server's pages");
        QDir().mkpath(dir);
        for (bool dark : {false, true}) {
            const QString suffix = dark ? QStringLiteral("-dark.png") : QStringLiteral("-light.png");
            TimelinePage timeline;
            SweepPage sweep;
            for (ChartPage* page : std::initializer_list<ChartPage*>{&timeline, &sweep}) {
                if (dark)
                    page->setPalette(darkPalette());
                page->resize(1200, 760);
            }
            timeline.setOutcome(m_server);
            sweep.setOutcome(handMadeRecommendation(true));
            for (ChartPage* page : std::initializer_list<ChartPage*>{&timeline, &sweep}) {
                page->show();
                QVERIFY(QTest::qWaitForWindowExposed(page));
                QTest::qWait(50); // the queued replots
                QVERIFY(
                    page->grab().save(dir + QStringLiteral("/database-") + page->title().toLower() + suffix));
            }
        }
    }
};

QTEST_MAIN(TstGuiDatabase)
#include "tst_gui_database.moc"
