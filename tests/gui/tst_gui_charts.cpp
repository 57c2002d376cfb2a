// The chart pages as a set and the Timeline page, fed with outcomes made by running a short
// scenario (test setup): the pages come in tab order, each holds data after the outcomes it
// shows, ignores the others and is empty again after a null outcome; the timeline draws the
// pool size, alert periods and burst markers where the scenario puts them, its charts zoom
// together, its crosshair follows the mouse, long horizons are decimated before QCustomPlot sees
// them, and a palette change recolours it. With POOLSIM_CHART_SHOTS=DIR every page is also
// rendered to DIR in a light and a dark palette (the other pages: tst_gui_chart_pages).
#include "gui_charts_support.h"

#ifndef Q_MOC_RUN
#include "models/results/series_decimation.h"
#include "ui/charts/chart_pages.h"
#include "ui/charts/plot_helpers.h"
#include "ui/charts/timeline_page.h"
#include "ui/charts/waits_page.h"
#include "ui/core/qcustomplot_include.h"
#endif

#include <QComboBox>
#include <QDir>
#include <QtTest>

#include <algorithm>
#include <set>

using namespace chartstest;
using namespace poolsim::ui;

class TstGuiCharts : public QObject
{
    Q_OBJECT

    models::Scenario m_scenario;
    OutcomePtr m_run, m_sweep;

private Q_SLOTS:
    void initTestCase()
    {
        m_scenario = chartScenario();
        m_run = runOutcome(m_scenario);
        QVERIFY(m_run->base);
        QCOMPARE(m_run->variants.size(), std::size_t(2));
        m_sweep = sweepOutcome(m_scenario);
    }

    void pagesInTabOrder()
    {
        QWidget owner;
        const QList<ChartPage*> pages = createChartPages(&owner);
        QStringList titles;
        for (ChartPage* page : pages) {
            titles << page->title();
            QCOMPARE(page->parent(), &owner);
            QVERIFY(!page->hasData());
        }
        QCOMPARE(titles,
                 (QStringList{QStringLiteral("Timeline"), QStringLiteral("Waits"), QStringLiteral("Variants"),
                              QStringLiteral("Sweep"), QStringLiteral("Summary")}));
        QStringList keys;
        for (ChartPage* page : pages)
            for (const NamedPlot& plot : page->plots()) {
                QVERIFY(plot.plot);
                keys << plot.key;
            }
        QCOMPARE(keys, (QStringList{QStringLiteral("timeline"), QStringLiteral("waits-histogram"),
                                    QStringLiteral("waits-cdf"), QStringLiteral("variants"),
                                    QStringLiteral("sweep")}));
    }

    /// Every page fills from the outcomes it shows, ignores the others, and a null outcome
    /// empties it.
    void everyPageFillsAndClears_data()
    {
        QTest::addColumn<int>("page");
        QTest::addColumn<int>("kind");
        const char* names[] = {"timeline", "waits", "variants", "sweep", "summary"};
        for (int p = 0; p < 5; ++p)
            QTest::newRow(names[p]) << p << (p == 3 ? int(JobKind::Sweep) : int(JobKind::Run));
    }
    void everyPageFillsAndClears()
    {
        QFETCH(int, page);
        QFETCH(int, kind);
        QWidget owner;
        ChartPage* p = createChartPages(&owner).at(page);
        p->setScenario(m_scenario);
        const OutcomePtr shown = kind == int(JobKind::Sweep) ? m_sweep : m_run;
        const OutcomePtr other = kind == int(JobKind::Sweep) ? m_run : m_sweep;
        p->setOutcome(other);
        QVERIFY(!p->hasData());
        p->setOutcome(shown);
        QVERIFY(p->hasData());
        for (const NamedPlot& plot : p->plots()) {
            int points = 0;
            for (int i = 0; i < plot.plot->plottableCount(); ++i)
                if (auto* g = qobject_cast<QCPGraph*>(plot.plot->plottable(i)))
                    points += g->dataCount();
                else if (auto* b = qobject_cast<QCPBars*>(plot.plot->plottable(i)))
                    points += b->dataCount();
            QVERIFY2(points > 0, qPrintable(plot.key));
        }
        p->setOutcome(other); // ignored: still shows its data
        QVERIFY(p->hasData());
        p->setOutcome(nullptr);
        QVERIFY(!p->hasData());
        for (const NamedPlot& plot : p->plots()) {
            int points = 0;
            for (int i = 0; i < plot.plot->graphCount(); ++i)
                points += plot.plot->graph(i)->dataCount();
            QCOMPARE(points, 0);
        }
    }

    void timelineHoldsTheRun()
    {
        TimelinePage page;
        QVERIFY(!page.hasData());
        page.setOutcome(m_run);
        QVERIFY(page.hasData());
        QCOMPARE(page.plots().size(), 1);
        QCustomPlot* plot = page.plots().front().plot;
        QVERIFY(graphPoints(plot, QStringLiteral("busy")) > 0);
        QVERIFY(graphPoints(plot, QStringLiteral("busy-max")) > 0);
        QVERIFY(graphPoints(plot, QStringLiteral("waiting")) > 0);
        QVERIFY(graphPoints(plot, QStringLiteral("timeouts")) > 0);
        QCOMPARE(page.runChooser()->count(), 3); // base, pool-8, slow

        // Each bin's peak over its average: a saturated moment shows though the bin's mean is lower.
        for (const auto& [key, series] :
             {std::pair{QStringLiteral("busy-peak"), models::Series::BusyMax},
              std::pair{QStringLiteral("waiting-peak"), models::Series::WaitersMax}}) {
            QCPGraph* peak = graphNamed(plot, key);
            QVERIFY2(peak, qPrintable(key));
            const std::vector<double>& expected = m_run->base->series[static_cast<std::size_t>(series)].mean;
            QCOMPARE(peak->dataCount(), static_cast<int>(expected.size()));
            double top = 0, shown = 0;
            for (double v : expected)
                top = std::max(top, v);
            for (auto it = peak->data()->begin(); it != peak->data()->end(); ++it)
                shown = std::max(shown, it->value);
            QCOMPARE(shown, top);
            QVERIFY(peak->valueAxis()->range().upper >= top);
        }
        // The pool reaches its size within a bin whose average stays below it.
        auto highest = [&](const QString& key) {
            QCPGraph* graph = graphNamed(plot, key);
            bool found = false;
            return graph != nullptr ? graph->data()->valueRange(found).upper : -1.0;
        };
        QCOMPARE(highest(QStringLiteral("busy-peak")), 4.0);
        QVERIFY(highest(QStringLiteral("busy")) < 4.0);
    }

    void zoomingDecimatesTheVisibleRangeAgain()
    {
        // 200,000 bins: the whole range gets at most kMaxPlotPoints; a zoom to 100 bins shows
        // those bins themselves (and one beyond each edge); zooming out again coarsens again.
        QCustomPlot plot;
        QCPGraph* graph = plot.addGraph();
        std::vector<double> x(200000), y(200000);
        for (std::size_t i = 0; i < x.size(); ++i) {
            x[i] = static_cast<double>(i);
            y[i] = static_cast<double>((i * 7919) % 1000);
        }
        plot.xAxis->setRange(0, 200000);
        setLineData(graph, x, y);
        QVERIFY(graph->dataCount() <= int(models::kMaxPlotPoints));
        plot.xAxis->setRange(5000, 5099);
        QCOMPARE(graph->dataCount(), 102);
        for (auto it = graph->data()->begin(); it != graph->data()->end(); ++it)
            QCOMPARE(it->value, y[static_cast<std::size_t>(it->key)]);
        plot.xAxis->setRange(0, 200000);
        QVERIFY(graph->dataCount() <= int(models::kMaxPlotPoints));
        // New data replaces the old (and its zoom handling).
        setLineData(graph, std::vector<double>{0, 1}, std::vector<double>{3, 4});
        QCOMPARE(graph->dataCount(), 2);
        plot.xAxis->setRange(0, 1);
        QCOMPARE(graph->dataCount(), 2);
    }

    void exportedChartsNameTheRunAndWorkloadShown()
    {
        TimelinePage timeline;
        timeline.setOutcome(m_run);
        QCOMPARE(timeline.plots().front().key, QStringLiteral("timeline")); // the base
        timeline.runChooser()->setCurrentIndex(timeline.runChooser()->findText(QStringLiteral("pool-8")));
        QCOMPARE(timeline.plots().front().key, QStringLiteral("timeline-pool-8"));
        QCOMPARE(timeline.plots().front().title, QStringLiteral("Timeline (pool-8)"));

        WaitsPage waits;
        waits.setOutcome(m_run);
        waits.runChooser()->setCurrentIndex(waits.runChooser()->findText(QStringLiteral("slow")));
        waits.scopeChooser()->setCurrentIndex(waits.scopeChooser()->findText(QStringLiteral("reports")));
        QCOMPARE(waits.plots().at(0).key, QStringLiteral("waits-histogram-slow-reports"));
        QCOMPARE(waits.plots().at(1).key, QStringLiteral("waits-cdf-slow-reports"));
        QCOMPARE(waits.plots().at(1).title, QStringLiteral("Wait distribution (CDF) (slow, reports)"));
    }

    void timelinePoolSizeFollowsTheRunShown_data()
    {
        QTest::addColumn<QString>("run");
        QTest::addColumn<double>("poolSize");
        QTest::newRow("base") << QStringLiteral("base") << 4.0;
        QTest::newRow("pool-8") << QStringLiteral("pool-8") << 8.0;
        QTest::newRow("slow") << QStringLiteral("slow") << 4.0;
    }
    void timelinePoolSizeFollowsTheRunShown()
    {
        QFETCH(QString, run);
        QFETCH(double, poolSize);
        TimelinePage page;
        page.setOutcome(m_run);
        page.runChooser()->setCurrentIndex(page.runChooser()->findText(run));
        QCPGraph* pool = graphNamed(page.plots().front().plot, QStringLiteral("pool-size"));
        QVERIFY(pool);
        QVERIFY(pool->dataCount() >= 2);
        QCOMPARE(pool->data()->begin()->value, poolSize);
        QCOMPARE((pool->data()->end() - 1)->value, poolSize);
        QCOMPARE((pool->data()->end() - 1)->key, 600.0);
    }

    void timelineShadesAlertPeriods()
    {
        TimelinePage page;
        page.setOutcome(m_run);
        const models::AlertOutcome& queueing = m_run->base->alerts.front();
        QCOMPARE(queueing.rule.name, std::string("queueing"));
        QVERIFY2(!queueing.periods.empty(), "the test scenario's alert should fire");
        const QList<QCPAbstractItem*> areas =
            itemsNamed(page.plots().front().plot, QStringLiteral("alert-period"));
        QCOMPARE(areas.size(), qsizetype(queueing.periods.size()));
        auto* first = qobject_cast<QCPItemRect*>(areas.front());
        QVERIFY(first);
        QCOMPARE(first->topLeft->coords().x(), queueing.periods.front().startS);
        QCOMPARE(first->bottomRight->coords().x(),
                 queueing.periods.front().startS + queueing.periods.front().durationS);
        QCOMPARE(first->clipAxisRect(), page.charts()[0]);
    }

    void timelineMarksBurstsAndBatches()
    {
        TimelinePage page;
        page.setOutcome(m_run);
        std::set<double> inTopChart;
        for (QCPAbstractItem* item : itemsNamed(page.plots().front().plot, QStringLiteral("event-marker")))
            if (item->clipAxisRect() == page.charts()[0])
                inTopChart.insert(static_cast<QCPItemStraightLine*>(item)->point1->coords().x());
        // Reports at 2m and every 3 minutes (5m, 8m), the batch at 4m.
        QCOMPARE(inTopChart, (std::set<double>{120, 240, 300, 480}));
    }

    void timelineChartsZoomTogether_data()
    {
        QTest::addColumn<int>("chart");
        QTest::newRow("connections") << 0;
        QTest::newRow("waiting") << 1;
        QTest::newRow("failures") << 2;
    }
    void timelineChartsZoomTogether()
    {
        QFETCH(int, chart);
        TimelinePage page;
        page.setOutcome(m_run);
        page.charts()[static_cast<std::size_t>(chart)]->axis(QCPAxis::atBottom)->setRange(100, 250);
        for (QCPAxisRect* rect : page.charts()) {
            QCOMPARE(rect->axis(QCPAxis::atBottom)->range().lower, 100.0);
            QCOMPARE(rect->axis(QCPAxis::atBottom)->range().upper, 250.0);
        }
    }

    void timelineCrosshairTellsTheValues()
    {
        TimelinePage page;
        page.setOutcome(m_run);
        const QString text = page.showCrosshairAt(122.5);
        QVERIFY2(text.contains(QStringLiteral("02:02")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("pool size: 4")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("peak")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("waiting requests")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("timeouts")), qPrintable(text));
        const QList<QCPAbstractItem*> lines =
            itemsNamed(page.plots().front().plot, QStringLiteral("crosshair"));
        QCOMPARE(lines.size(), 3);
        for (QCPAbstractItem* line : lines) {
            QVERIFY(line->visible());
            QCOMPARE(static_cast<QCPItemStraightLine*>(line)->point1->coords().x(), 122.5);
        }
        QVERIFY(page.showCrosshairAt(-5).isEmpty());

        // The mouse drives it: moving over a chart puts the line under the pointer.
        page.resize(1000, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QCustomPlot* plot = page.plots().front().plot;
        plot->replot();
        const QRect waiting = page.charts()[1]->rect();
        const QPoint at(waiting.left() + waiting.width() / 3, waiting.center().y());
        QTest::mouseMove(plot, at);
        QTRY_VERIFY(lines.front()->visible());
        const double expected = page.charts()[0]->axis(QCPAxis::atBottom)->pixelToCoord(at.x());
        for (QCPAbstractItem* line : lines)
            QCOMPARE(static_cast<QCPItemStraightLine*>(line)->point1->coords().x(), expected);
    }

    void timelineDecimatesLongHorizons()
    {
        // Six hours in 1 s bins: 21 600 per series, far more than a chart needs.
        models::Scenario longRun = models::loadScenarioText(R"(poolsim: 1
horizon: 6h
resolution: 1s
replications: 1
pool: {size: 2}
workloads:
  - name: api
    arrivals: {poisson: 0.5/s}
    hold: {exponential: 100ms}
)",
                                                            "long.yaml", "");
        auto outcome = std::make_shared<poolsim::ui::RunOutcome>();
        outcome->scenario = longRun;
        outcome->base = models::runScenario(longRun, quickOptions());
        QCOMPARE(outcome->base->series[0].mean.size(), std::size_t(21600));
        TimelinePage page;
        page.setOutcome(outcome);
        QCustomPlot* plot = page.plots().front().plot;
        for (const QString& name : {QStringLiteral("busy"), QStringLiteral("busy-max"),
                                    QStringLiteral("waiting"), QStringLiteral("timeouts")}) {
            const int points = graphPoints(plot, name);
            QVERIFY2(points > 1000 && points <= int(models::kMaxPlotPoints), qPrintable(name));
        }
    }

    void nullOutcomeClears()
    {
        TimelinePage timeline;
        timeline.setOutcome(m_run);
        QVERIFY(timeline.hasData());
        timeline.setOutcome(m_sweep); // not a run: ignored
        QVERIFY(timeline.hasData());
        timeline.setOutcome(nullptr);
        QVERIFY(!timeline.hasData());
        QCOMPARE(timeline.plots().front().plot->plottableCount(), 0);
        QCOMPARE(timeline.runChooser()->count(), 0);
    }

    void paletteChangeRecolours()
    {
        TimelinePage page;
        page.setOutcome(m_run);
        QCustomPlot* plot = page.plots().front().plot;
        const QColor lightBusy = graphNamed(plot, QStringLiteral("busy"))->pen().color();
        page.setPalette(darkPalette());
        QCOMPARE(page.charts()[0]->backgroundBrush().color(), darkPalette().color(QPalette::Base));
        const QColor darkBusy = graphNamed(plot, QStringLiteral("busy"))->pen().color();
        QVERIFY(darkBusy.lightnessF() > lightBusy.lightnessF());
    }

    void screenshots()
    {
        const QString dir = qEnvironmentVariable("POOLSIM_CHART_SHOTS");
        if (dir.isEmpty())
            QSKIP("set POOLSIM_CHART_SHOTS=DIR to render the pages");
        QDir().mkpath(dir);
        const OutcomePtr sweep = m_sweep;
        const OutcomePtr recommendation = recommendOutcome(m_scenario);
        for (bool dark : {false, true}) {
            QWidget owner;
            const QList<ChartPage*> pages = poolsim::ui::createChartPages(&owner);
            for (ChartPage* page : pages) {
                page->setParent(nullptr);
                if (dark)
                    page->setPalette(darkPalette());
                page->setScenario(m_scenario);
                page->setOutcome(m_run);
                page->setOutcome(sweep);
                page->setOutcome(recommendation);
                page->resize(1200, 760);
                page->show();
                QVERIFY(QTest::qWaitForWindowExposed(page));
                QTest::qWait(50); // let posted layout requests and queued replots run
                const QString file = dir + QLatin1Char('/') + page->title().toLower() +
                                     (dark ? QStringLiteral("-dark.png") : QStringLiteral("-light.png"));
                QVERIFY(page->grab().save(file));
                delete page;
            }
        }
        // The shipped default scenario, for a realistic picture (fewer replications).
        const models::Scenario incident = models::loadScenarioFile(
            POOLSIM_SOURCE_DIR "/scenarios/incident-pool-10.yaml", {"replications=4"});
        const OutcomePtr run = runOutcome(incident, false);
        for (bool dark : {false, true}) {
            QWidget owner;
            for (ChartPage* page : createChartPages(&owner)) {
                if (page->title() == QStringLiteral("Sweep"))
                    continue;
                page->setParent(nullptr);
                if (dark)
                    page->setPalette(darkPalette());
                page->setScenario(incident);
                page->setOutcome(run);
                page->resize(1400, 820);
                page->show();
                QVERIFY(QTest::qWaitForWindowExposed(page));
                QTest::qWait(50);
                QVERIFY(
                    page->grab().save(dir + QStringLiteral("/incident-") + page->title().toLower() +
                                      (dark ? QStringLiteral("-dark.png") : QStringLiteral("-light.png"))));
                delete page;
            }
        }
    }
};

QTEST_MAIN(TstGuiCharts)
#include "tst_gui_charts.moc"
