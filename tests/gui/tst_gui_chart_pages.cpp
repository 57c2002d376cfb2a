// The Waits, Variants, Sweep and Summary pages, fed with outcomes made by running a short
// scenario (test setup): quantile and service-level lines where the run puts them, the variants
// overlaid as checked, the sweep's curves with confidence bars, its SLO line, the recommended
// size and the rules of thumb, the sweep form's checks at the field, the Recommend buttons, and
// the summary's tables following the run and workload chosen; and the time axis' ticks.
#include "gui_charts_support.h"

#ifndef Q_MOC_RUN
#include "ui/charts/alerts_model.h"
#include "ui/charts/analytic_figures_model.h"
#include "ui/charts/differences_model.h"
#include "ui/charts/metrics_table_model.h"
#include "ui/charts/recommendation_model.h"
#include "ui/charts/sim_time_ticker.h"
#include "ui/charts/slo_checks_model.h"
#include "ui/charts/summary_page.h"
#include "ui/charts/sweep_form.h"
#include "ui/charts/sweep_page.h"
#include "ui/charts/variants_page.h"
#include "ui/charts/waits_page.h"
#endif

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace chartstest;
using namespace poolsim::ui;

class TstGuiChartPages : public QObject
{
    Q_OBJECT

    models::Scenario m_scenario;
    OutcomePtr m_run, m_sweep, m_recommend;

private Q_SLOTS:
    void initTestCase()
    {
        m_scenario = chartScenario();
        m_run = runOutcome(m_scenario);
        m_sweep = sweepOutcome(m_scenario);
        m_recommend = recommendOutcome(m_scenario);
    }

    void waitsShowQuantilesAndTheSloLine_data()
    {
        QTest::addColumn<QString>("scope");
        QTest::addColumn<int>("sloLines");
        QTest::newRow("all requests") << QStringLiteral("all requests") << 1; // wait_p95 <= 200ms
        QTest::newRow("api") << QStringLiteral("api") << 0;
        QTest::newRow("reports") << QStringLiteral("reports") << 0;
    }
    void waitsShowQuantilesAndTheSloLine()
    {
        QFETCH(QString, scope);
        QFETCH(int, sloLines);
        WaitsPage page;
        page.setOutcome(m_run);
        QCOMPARE(page.scopeChooser()->count(), 4); // all requests + 3 workloads
        page.scopeChooser()->setCurrentIndex(page.scopeChooser()->findText(scope));
        const int w = page.scopeChooser()->currentIndex() - 1;
        const std::vector<double>& cdf =
            w < 0 ? m_run->base->waitCdfS : m_run->base->workloadWaitCdfS[std::size_t(w)];
        QCPGraph* line = graphNamed(page.cdfPlot(), QStringLiteral("cdf"));
        QVERIFY(line);
        QCOMPARE(line->dataCount(), int(models::kWaitCdfPoints));
        QCOMPARE((line->data()->end() - 1)->value, 100.0);
        QVERIFY(graphPoints(page.histogramPlot(), QStringLiteral("histogram")) > 0 || cdf.back() == 0);
        // p50, p95 and p99 on both plots, at the quantiles (in the axis' unit).
        const double scale = cdf.back() < 1 ? 1000 : 1;
        for (QCustomPlot* plot : {page.histogramPlot(), page.cdfPlot()}) {
            for (auto [name, index] : {std::pair{"quantile-p50", 50}, std::pair{"quantile-p95", 95},
                                       std::pair{"quantile-p99", 99}}) {
                const QList<QCPAbstractItem*> lines = itemsNamed(plot, QLatin1String(name));
                QCOMPARE(lines.size(), 1);
                QCOMPARE(static_cast<QCPItemStraightLine*>(lines.front())->point1->coords().x(),
                         cdf[std::size_t(index)] * scale);
            }
            const QList<QCPAbstractItem*> slo = itemsNamed(plot, QStringLiteral("slo-limit"));
            QCOMPARE(slo.size(), sloLines);
            if (sloLines)
                QCOMPARE(static_cast<QCPItemStraightLine*>(slo.front())->point1->coords().x(), 0.2 * scale);
        }
    }

    void variantsOverlayTheCheckedRuns()
    {
        VariantsPage page;
        page.setOutcome(m_run);
        QCustomPlot* plot = page.plots().front().plot;
        QCOMPARE(page.runList()->count(), 3);
        QCOMPARE(plot->graphCount(), 3);
        QVERIFY(graphNamed(plot, QStringLiteral("pool-8"))->dataCount() > 0);
        page.runList()->item(1)->setCheckState(Qt::Unchecked);
        QCOMPARE(plot->graphCount(), 2);
        QVERIFY(!graphNamed(plot, QStringLiteral("pool-8")));
        // Another series: waiting requests of base are those of the timeline.
        page.seriesChooser()->setCurrentIndex(
            page.seriesChooser()->findData(int(models::Series::WaitersMean)));
        QCOMPARE(plot->yAxis->label(), QStringLiteral("waiting requests"));
        QCPGraph* base = graphNamed(plot, QStringLiteral("base"));
        QVERIFY(base);
        QCOMPARE(base->dataCount(),
                 int(m_run->base->series[std::size_t(models::Series::WaitersMean)].mean.size()));
        // The table: base, pool-8, slow and two differences; the unchecked run stays in it.
        QCOMPARE(page.differences()->columnCount(), 6);
        // A re-run keeps the reader's choice.
        page.setOutcome(m_run);
        QCOMPARE(page.runList()->item(1)->checkState(), Qt::Unchecked);
        QCOMPARE(plot->graphCount(), 2);
    }

    void sweepDrawsTheMetricWithItsMarks()
    {
        SweepPage page;
        page.setScenario(m_scenario);
        page.setOutcome(m_sweep);
        QCustomPlot* plot = page.plot();
        page.metricChooser()->setCurrentIndex(page.metricChooser()->findData(int(models::Metric::WaitP95S)));
        QCPGraph* curve = graphNamed(plot, QStringLiteral("sweep-curve"));
        QVERIFY(curve);
        QCOMPARE(curve->dataCount(), 4); // pool.size 2, 4, 6, 8
        QCOMPARE(curve->data()->begin()->key, 2.0);
        QCOMPARE((curve->data()->end() - 1)->key, 8.0);
        int errorBars = 0;
        for (int i = 0; i < plot->plottableCount(); ++i)
            if (auto* bars = qobject_cast<QCPErrorBars*>(plot->plottable(i)))
                errorBars += bars->dataCount();
        QCOMPARE(errorBars, 4);
        // wait p95 has a limit (200 ms, drawn in ms); arrivals has none.
        QList<QCPAbstractItem*> slo = itemsNamed(plot, QStringLiteral("slo-limit"));
        QCOMPARE(slo.size(), 1);
        QCOMPARE(static_cast<QCPItemStraightLine*>(slo.front())->point1->coords().y(),
                 m_sweep->sweep->points.front().result->metrics[models::Metric::WaitP95S].mean >= 1 ? 0.2
                                                                                                    : 200.0);
        // The rules of thumb come from the scenario before a recommendation.
        auto xOf = [&](const QString& name) {
            const QList<QCPAbstractItem*> items = itemsNamed(plot, name);
            return items.size() == 1 ? static_cast<QCPItemStraightLine*>(items.front())->point1->coords().x()
                                     : -1.0;
        };
        QCOMPARE(xOf(QStringLiteral("rule-users")), 13.0);
        QCOMPARE(xOf(QStringLiteral("rule-hikari")), 5.0);
        QCOMPARE(xOf(QStringLiteral("recommended")), -1.0);
        page.setOutcome(m_recommend);
        QCOMPARE(xOf(QStringLiteral("recommended")), double(m_recommend->recommendation->search.poolSize));
        QVERIFY(page.plot()->xAxis->range().contains(13.0)); // the users rule is in view
        // The search's probes join the sweep as points without a line, the recommended size among them.
        QCOMPARE(plot->graphCount(), 2);
        QCPGraph* probes = plot->graph(1);
        QCOMPARE(probes->lineStyle(), QCPGraph::lsNone);
        bool recommendedIsAProbe = false;
        for (auto it = probes->data()->begin(); it != probes->data()->end(); ++it)
            recommendedIsAProbe |= it->key == double(m_recommend->recommendation->search.poolSize);
        QVERIFY(recommendedIsAProbe);
        page.metricChooser()->setCurrentIndex(page.metricChooser()->findData(int(models::Metric::Arrivals)));
        QCOMPARE(itemsNamed(plot, QStringLiteral("slo-limit")).size(), 0);
    }

    void sweepOfTwoParametersDrawsOneCurvePerRow()
    {
        models::SweepParam size = models::parseSweepParam("pool.size=2,6");
        models::SweepParam timeout = models::parseSweepParam("pool.timeout=1s,3s");
        const OutcomePtr grid = sweepOutcome(m_scenario, {size, timeout});
        SweepPage page;
        page.setOutcome(grid);
        QCustomPlot* plot = page.plot();
        QCOMPARE(plot->graphCount(), 2);
        QCOMPARE(plot->graph(0)->name(), QStringLiteral("pool.size = 2"));
        QCOMPARE(plot->graph(1)->name(), QStringLiteral("pool.size = 6"));
        QCOMPARE(plot->graph(0)->data()->begin()->key, 1.0); // pool.timeout in seconds
        QCOMPARE(plot->xAxis->label(), QStringLiteral("pool.timeout (s)"));
        QCOMPARE(itemsNamed(plot, QStringLiteral("rule-users")).size(), 0); // not a pool-size axis
    }

    void sweepFormChecksAtTheField_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("values");
        QTest::addColumn<QString>("badField"); // empty: valid
        QTest::newRow("default") << QStringLiteral("pool.size") << QStringLiteral("2:8:2") << QString();
        QTest::newRow("a list of timeouts")
            << QStringLiteral("pool.timeout") << QStringLiteral("1s,2s,none") << QString();
        QTest::newRow("bad range") << QStringLiteral("pool.size") << QStringLiteral("5:x:5")
                                   << QStringLiteral("sweepValues");
        QTest::newRow("backwards range")
            << QStringLiteral("pool.size") << QStringLiteral("9:2:1") << QStringLiteral("sweepValues");
        QTest::newRow("no values") << QStringLiteral("pool.size") << QString()
                                   << QStringLiteral("sweepValues");
        QTest::newRow("unknown path")
            << QStringLiteral("pool.sise") << QStringLiteral("2:8:2") << QStringLiteral("sweepPath");
        QTest::newRow("value the path rejects")
            << QStringLiteral("pool.size") << QStringLiteral("-3,4") << QStringLiteral("sweepValues");
        QTest::newRow("duration the path rejects")
            << QStringLiteral("pool.timeout") << QStringLiteral("1s,abc") << QStringLiteral("sweepValues");
        QTest::newRow("unknown workload")
            << QStringLiteral("workloads.nope.hold") << QStringLiteral("1s") << QStringLiteral("sweepPath");
    }
    void sweepFormChecksAtTheField()
    {
        QFETCH(QString, path);
        QFETCH(QString, values);
        QFETCH(QString, badField);
        SweepPage page;
        page.setScenario(m_scenario);
        SweepForm* form = page.form();
        QCOMPARE(form->pathField()->text(), QStringLiteral("pool.size")); // from the scenario's sweep:
        QCOMPARE(form->valuesField()->text(), QStringLiteral("2:8:2"));
        QSignalSpy spy(&page, &ChartPage::sweepRequested);
        form->pathField()->setText(path);
        form->valuesField()->setText(values);
        form->untilSloBox()->setChecked(true);
        form->runButton()->click();
        if (badField.isEmpty()) {
            QCOMPARE(spy.size(), 1);
            const auto params = spy.at(0).at(0).value<std::vector<models::SweepParam>>();
            QCOMPARE(params.size(), std::size_t(1));
            QCOMPARE(QString::fromStdString(params[0].path), path);
            QVERIFY(page.property("untilSlo").toBool());
            QVERIFY(form->error().isEmpty());
        } else {
            QCOMPARE(spy.size(), 0);
            QVERIFY(!form->error().isEmpty());
            QVERIFY(form->errorField());
            QCOMPARE(form->errorField()->objectName(), badField);
            QVERIFY2(!form->error().startsWith(QStringLiteral("--param")), qPrintable(form->error()));
        }
    }

    void recommendButtonsAsk()
    {
        SweepPage sweep;
        SummaryPage summary;
        for (ChartPage* page : {static_cast<ChartPage*>(&sweep), static_cast<ChartPage*>(&summary)})
            page->setScenario(m_scenario);
        QSignalSpy fromSweep(&sweep, &ChartPage::recommendRequested);
        QSignalSpy fromSummary(&summary, &ChartPage::recommendRequested);
        sweep.form()->recommendButton()->click();
        summary.recommendButton()->click();
        QCOMPARE(fromSweep.size(), 1);
        QCOMPARE(fromSummary.size(), 1);
        // Without service levels there is nothing to recommend for.
        models::Scenario noSlo = m_scenario;
        noSlo.slo.clear();
        summary.setScenario(noSlo);
        sweep.setScenario(noSlo);
        QVERIFY(!summary.recommendButton()->isEnabled());
        QVERIFY(!sweep.form()->recommendButton()->isEnabled());
        QVERIFY(!sweep.form()->untilSloBox()->isEnabled());
    }

    void summaryTellsWhichRunsBreakTheDatabaseBudget()
    {
        SummaryPage page;
        const models::Scenario tight = chartScenario("database.max_connections=8"); // budget 5
        page.setScenario(tight);
        page.setOutcome(runOutcome(tight, false));
        const QString text = page.runBudgetText();
        QVERIFY2(text.contains(QStringLiteral("5 connections")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("base uses 4 (fits)")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("pool-8 uses 8 (<b>does NOT fit</b>)")), qPrintable(text));
    }

    void summaryTablesHoldTheRun()
    {
        SummaryPage page;
        page.setScenario(m_scenario);
        page.setOutcome(m_run);
        // Every metric but the database server's, which come last: the scenario has no server.
        QCOMPARE(page.metricsModel()->rowCount(), int(models::Metric::DbActiveMean));
        QCOMPARE(page.sloModel()->rowCount(), 2);
        QCOMPARE(page.alertsModel()->rowCount(), 1);
        QVERIFY(page.analyticModel()->rowCount() > 0);
        QVERIFY(!page.analyticVerdict().isEmpty());
        QCOMPARE(page.recommendationModel()->rowCount(), 0);
        // The database budget (20 - 3 reserved) against each run's pools, before any recommendation.
        QVERIFY2(page.runBudgetText().contains(QStringLiteral("17 connections")),
                 qPrintable(page.runBudgetText()));
        QVERIFY2(page.runBudgetText().contains(QStringLiteral("pool-8 uses 8 (fits)")),
                 qPrintable(page.runBudgetText()));
        const QModelIndex timeouts = page.metricsModel()->index(int(models::Metric::Timeouts), 1);
        QCOMPARE(page.metricsModel()->data(timeouts, MetricsTableModel::ValueRole).toDouble(),
                 m_run->base->metrics[models::Metric::Timeouts].mean);
        // One workload's metrics; another run's.
        page.scopeChooser()->setCurrentIndex(page.scopeChooser()->findText(QStringLiteral("reports")));
        QCOMPARE(page.metricsModel()->data(timeouts, MetricsTableModel::ValueRole).toDouble(),
                 m_run->base->workloadMetrics[1][models::Metric::Timeouts].mean);
        page.runChooser()->setCurrentIndex(page.runChooser()->findText(QStringLiteral("pool-8")));
        QCOMPARE(page.scopeChooser()->currentText(), QStringLiteral("reports"));
        QCOMPARE(page.metricsModel()->data(timeouts, MetricsTableModel::ValueRole).toDouble(),
                 m_run->variants[0].result->workloadMetrics[1][models::Metric::Timeouts].mean);
        // The recommendation adds its table and the budget.
        page.setOutcome(m_recommend);
        QVERIFY(page.recommendationModel()->rowCount() >= 3);
        QVERIFY2(page.budgetText().contains(QStringLiteral("17")), qPrintable(page.budgetText()));
        QVERIFY(page.hasData());
        page.setOutcome(nullptr);
        QVERIFY(!page.hasData());
        QCOMPARE(page.metricsModel()->rowCount(), 0);
        QCOMPARE(page.recommendationModel()->rowCount(), 0);
    }

    void simTimeTicks_data()
    {
        QTest::addColumn<double>("lower");
        QTest::addColumn<double>("upper");
        QTest::addColumn<double>("step");
        QTest::addColumn<QString>("sample"); // a label that must appear
        QTest::newRow("10 minutes") << 0.0 << 600.0 << 120.0 << QStringLiteral("00:02:00");
        QTest::newRow("a minute") << 0.0 << 60.0 << 10.0 << QStringLiteral("00:00:30");
        QTest::newRow("2 hours") << 0.0 << 7200.0 << 1200.0 << QString();
        QTest::newRow("a working day") << 0.0 << 8 * 3600.0 << 3600.0 << QStringLiteral("02:00:00");
        QTest::newRow("a day") << 0.0 << 86400.0 << 3 * 3600.0 << QStringLiteral("15:00:00");
        QTest::newRow("a week") << 0.0 << 7 * 86400.0 << 86400.0 << QStringLiteral("3d");
        QTest::newRow("two days, by 6 hours")
            << 0.0 << 2 * 86400.0 << 6 * 3600.0 << QStringLiteral("1d 06:00:00");
        QTest::newRow("3 seconds") << 0.0 << 3.0 << 0.5 << QStringLiteral("00:00:01.5");
        QTest::newRow("zoomed into hour 5")
            << 5 * 3600.0 << 5 * 3600.0 + 300 << 60.0 << QStringLiteral("05:02:00");
    }
    void simTimeTicks()
    {
        QFETCH(double, lower);
        QFETCH(double, upper);
        QFETCH(double, step);
        QFETCH(QString, sample);
        SimTimeTicker ticker;
        QVector<double> ticks;
        QVector<QString> labels;
        ticker.generate(QCPRange(lower, upper), QLocale::c(), QLatin1Char('g'), 6, ticks, nullptr, &labels);
        QVERIFY(ticks.size() >= 3);
        if (step != 1200.0) // 2 h / 6 ticks: 20 min is no clock step; 15 or 30 min is
            QCOMPARE(ticks[1] - ticks[0], step);
        else
            QVERIFY(ticks[1] - ticks[0] == 900 || ticks[1] - ticks[0] == 1800);
        if (!sample.isEmpty())
            QVERIFY2(labels.contains(sample),
                     qPrintable(QStringList(labels.begin(), labels.end()).join(QLatin1Char(' '))));
    }
};

QTEST_MAIN(TstGuiChartPages)
#include "tst_gui_chart_pages.moc"
