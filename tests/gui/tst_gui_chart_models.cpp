// The chart pages' item models, each checked by QAbstractItemModelTester while it is filled,
// refilled and emptied, and for what it says: the metrics table, the service levels, the
// alerts, the analytic check's figures, the recommendation, the variants' differences; and the
// wait histogram rebuilt from quantiles.
#include "gui_charts_support.h"

#ifndef Q_MOC_RUN
#include "models/results/slo.h"
#include "ui/charts/alerts_model.h"
#include "ui/charts/analytic_figures_model.h"
#include "ui/charts/differences_model.h"
#include "ui/charts/metric_text.h"
#include "ui/charts/metrics_table_model.h"
#include "ui/charts/outcome_runs.h"
#include "ui/charts/recommendation_model.h"
#include "ui/charts/scenario_marks.h"
#include "ui/charts/slo_checks_model.h"
#include "ui/charts/wait_histogram.h"
#endif

#include <QAbstractItemModelTester>
#include <QtTest>

#include <cmath>
#include <numeric>

using namespace chartstest;
using namespace poolsim::ui;
using models::Metric;

namespace {

QString cell(const QAbstractItemModel& m, int row, int column, int role = Qt::DisplayRole)
{
    return m.data(m.index(row, column), role).toString();
}

int rowOf(const QAbstractItemModel& m, int column, const QString& text)
{
    for (int r = 0; r < m.rowCount(); ++r)
        if (cell(m, r, column) == text)
            return r;
    return -1;
}

const std::span<const double> kProbabilities(models::kWaitCdfProbabilities.data(),
                                             models::kWaitCdfProbabilities.size());

} // namespace

class TstGuiChartModels : public QObject
{
    Q_OBJECT

    models::Scenario m_scenario;
    OutcomePtr m_run, m_recommend;

private Q_SLOTS:
    void initTestCase()
    {
        m_scenario = chartScenario();
        m_run = runOutcome(m_scenario);
        m_recommend = recommendOutcome(m_scenario);
    }

    void metricsTable_data()
    {
        QTest::addColumn<int>("metric");
        QTest::addColumn<QString>("label");
        QTest::addColumn<QString>("unitSuffix");
        QTest::newRow("timeout ratio")
            << int(Metric::TimeoutRatio) << QStringLiteral("timeout ratio") << QStringLiteral("%");
        QTest::newRow("throughput") << int(Metric::ThroughputPerS) << QStringLiteral("throughput")
                                    << QStringLiteral("/s");
        QTest::newRow("wait p99") << int(Metric::WaitP99S) << QStringLiteral("wait p99")
                                  << QStringLiteral("s");
        QTest::newRow("utilization") << int(Metric::UtilizationMean) << QStringLiteral("utilization mean")
                                     << QStringLiteral("%");
        QTest::newRow("arrivals") << int(Metric::Arrivals) << QStringLiteral("arrivals") << QString();
    }
    void metricsTable()
    {
        QFETCH(int, metric);
        QFETCH(QString, label);
        QFETCH(QString, unitSuffix);
        MetricsTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setEstimates(m_run->base->metrics);
        // Every metric but the database server's, which come last: the scenario has no server.
        QCOMPARE(model.rowCount(), int(models::Metric::DbActiveMean));
        QCOMPARE(model.columnCount(), 3);
        const int row = rowOf(model, MetricsTableModel::MetricColumn, label);
        QVERIFY2(row >= 0, qPrintable(label));
        const models::Estimate& e = m_run->base->metrics[static_cast<Metric>(metric)];
        QCOMPARE(model.data(model.index(row, 1), MetricsTableModel::ValueRole).toDouble(), e.mean);
        QCOMPARE(model.data(model.index(row, 1), MetricsTableModel::HalfWidthRole).toDouble(), e.ci95);
        const QString mean = cell(model, row, MetricsTableModel::MeanColumn);
        QVERIFY2(mean.endsWith(unitSuffix), qPrintable(mean));
        QVERIFY(cell(model, row, MetricsTableModel::HalfWidthColumn).startsWith(QStringLiteral("± ")));
        // Per workload: the reports' own figures.
        model.setEstimates(m_run->base->workloadMetrics[1]);
        QCOMPARE(model.data(model.index(row, 1), MetricsTableModel::ValueRole).toDouble(),
                 m_run->base->workloadMetrics[1][static_cast<Metric>(metric)].mean);
        model.setEstimates(std::nullopt);
        QCOMPARE(model.rowCount(), 0);
    }

    void sloChecks()
    {
        SloChecksModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const models::SloReport report = models::evaluateSlo(m_run->base->slo, *m_run->base);
        model.setReport(report);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(cell(model, 0, SloChecksModel::LimitColumn), QStringLiteral("wait_p95 <= 200ms"));
        QCOMPARE(cell(model, 1, SloChecksModel::LimitColumn), QStringLiteral("timeout_ratio <= 1%"));
        for (int r = 0; r < 2; ++r) {
            const models::SloCheck& c = report.checks[static_cast<std::size_t>(r)];
            QCOMPARE(model.data(model.index(r, 0), SloChecksModel::MetRole).toBool(), c.met);
            QCOMPARE(cell(model, r, SloChecksModel::ResultColumn), c.met       ? QStringLiteral("met")
                                                                   : c.certain ? QStringLiteral("MISSED")
                                                                               : QStringLiteral("unsure"));
        }
        // Timeouts on a pool of 4: the ratio is over 1%.
        QVERIFY(!report.checks[1].met);
        QCOMPARE(cell(model, 1, SloChecksModel::UpperColumn),
                 formatValue(report.checks[1].upper, ValueUnit::Fraction));
        model.setReport({});
        QCOMPARE(model.rowCount(), 0);
    }

    void alerts_data()
    {
        QTest::addColumn<bool>("withQuietRule");
        QTest::newRow("the run's rules") << false;
        QTest::newRow("with a rule that never fired first") << true;
    }
    void alerts()
    {
        QFETCH(bool, withQuietRule);
        std::vector<models::AlertOutcome> outcomes = m_run->base->alerts;
        if (withQuietRule) {
            models::AlertOutcome quiet;
            quiet.rule =
                models::AlertRule{"quiet", "timeouts", 1000, "1000", models::SimTime::fromSeconds(300), {}};
            outcomes.insert(outcomes.begin(), quiet);
        }
        AlertsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setAlerts(outcomes, m_run->base->replications, m_run->base->resolutionS);
        QCOMPARE(model.rowCount(), int(outcomes.size()));
        QCOMPARE(model.columnCount(), int(AlertsModel::ColumnCount));
        // Rules that fired come first.
        const models::AlertOutcome& queueing = m_run->base->alerts.front();
        QCOMPARE(cell(model, 0, AlertsModel::RuleColumn), QStringLiteral("queueing"));
        QVERIFY(model.data(model.index(0, 0), AlertsModel::FiredRole).toBool());
        QCOMPARE(model.data(model.index(0, 0), AlertsModel::FirstStartRole).toDouble(),
                 queueing.periods.front().startS);
        QCOMPARE(cell(model, 0, AlertsModel::FirstColumn), formatClock(queueing.periods.front().startS));
        QCOMPARE(cell(model, 0, AlertsModel::ConditionColumn), QStringLiteral("waiters_max > 3"));
        QCOMPARE(cell(model, 0, AlertsModel::FiredInColumn),
                 QStringLiteral("%1 of 3").arg(queueing.firedReplications));
        QVERIFY(
            cell(model, 0, AlertsModel::PeriodsColumn).startsWith(QString::number(queueing.periods.size())));
        if (withQuietRule) {
            QCOMPARE(cell(model, 1, AlertsModel::RuleColumn), QStringLiteral("quiet"));
            QVERIFY(!model.data(model.index(1, 0), AlertsModel::FiredRole).toBool());
            QCOMPARE(cell(model, 1, AlertsModel::FirstColumn), QStringLiteral("-"));
            QCOMPARE(cell(model, 1, AlertsModel::ConditionColumn),
                     QStringLiteral("timeouts > 1000 over 5m 00s"));
        }
    }

    void analyticFigures()
    {
        QVERIFY(m_run->analytic);
        const models::AnalyticCheck& check = *m_run->analytic;
        QVERIFY(check.applicable);
        AnalyticFiguresModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setCheck(m_run->analytic);
        QCOMPARE(model.rowCount(), int(check.comparisons.size()));
        QVERIFY(model.rowCount() >= 4);
        for (int r = 0; r < model.rowCount(); ++r) {
            const models::FigureComparison& f = check.comparisons[static_cast<std::size_t>(r)];
            QCOMPARE(cell(model, r, AnalyticFiguresModel::FigureColumn),
                     QString::fromUtf8(models::figureLabel(f).data()));
            const QVariant agree = model.data(model.index(r, 0), AnalyticFiguresModel::AgreeRole);
            QCOMPARE(agree.isValid(), f.agree.has_value());
            if (f.agree)
                QCOMPARE(agree.toBool(), *f.agree);
        }
        const int load = rowOf(model, 0, QStringLiteral("offered load"));
        QVERIFY(load >= 0);
        QCOMPARE(cell(model, load, AnalyticFiguresModel::ClosedFormColumn),
                 QStringLiteral("1.00")); // 10/s x 100 ms
        model.setCheck(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void recommendation()
    {
        const models::Recommendation& rec = *m_recommend->recommendation;
        QVERIFY(rec.found());
        RecommendationModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRecommendation(m_recommend->recommendation);
        QCOMPARE(model.rowCount(), rec.alternatives ? 5 : 3);
        QCOMPARE(cell(model, 0, RecommendationModel::PoolColumn), QString::number(rec.search.poolSize));
        QVERIFY(model.data(model.index(0, 0), RecommendationModel::MetRole).toBool());
        QCOMPARE(cell(model, 1, RecommendationModel::OptionColumn), QStringLiteral("users x 1.5 + 10"));
        QCOMPARE(cell(model, 1, RecommendationModel::PoolColumn), QStringLiteral("13"));
        QCOMPARE(cell(model, 1, RecommendationModel::VersusColumn),
                 QStringLiteral("+%1").arg(13 - rec.search.poolSize));
        QCOMPARE(cell(model, 2, RecommendationModel::PoolColumn), QStringLiteral("5"));
        const QString budget = RecommendationModel::budgetText(rec);
        QVERIFY2(budget.contains(QStringLiteral("17 connections")), qPrintable(budget));
        QVERIFY2(budget.contains(QStringLiteral("fits")), qPrintable(budget));
        model.setRecommendation(nullptr);
        QCOMPARE(model.rowCount(), 0);
    }

    void differences()
    {
        const std::vector<models::VariantRun> runs = shownRuns(m_run);
        QCOMPARE(runs.size(), std::size_t(3));
        DifferencesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setRuns(runs);
        QCOMPARE(model.rowCount(), int(DifferencesModel::keyMetrics().size()));
        QCOMPARE(model.columnCount(), 1 + 3 + 2);
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("base"));
        QCOMPARE(model.headerData(2, Qt::Horizontal).toString(), QStringLiteral("pool-8"));
        QCOMPARE(model.headerData(model.differenceColumn(1), Qt::Horizontal).toString(),
                 QStringLiteral("pool-8 - base"));
        QCOMPARE(model.headerData(model.differenceColumn(2), Qt::Horizontal).toString(),
                 QStringLiteral("slow - base"));

        const int timeouts = rowOf(model, 0, QStringLiteral("timeouts"));
        QVERIFY(timeouts >= 0);
        const models::Comparison c =
            models::compareRuns(*runs[0].result, *runs[1].result, models::ComparisonMethod::Paired);
        const QModelIndex d = model.index(timeouts, model.differenceColumn(1));
        QCOMPARE(model.data(d, DifferencesModel::ValueRole).toDouble(), c.total[Metric::Timeouts].mean);
        QCOMPARE(model.data(d, DifferencesModel::HalfWidthRole).toDouble(), c.total[Metric::Timeouts].ci95);
        // Twice the connections removes the timeouts, well beyond the noise.
        QVERIFY(c.total[Metric::Timeouts].mean < 0);
        QVERIFY(model.data(d, DifferencesModel::SignificantRole).toBool());
        QVERIFY(model.data(d).toString().endsWith(QStringLiteral(" *")));
        QVERIFY(model.data(d, Qt::ToolTipRole).toString().contains(QStringLiteral("paired")));
        QCOMPARE(
            model.data(model.index(timeouts, model.valueColumn(1)), DifferencesModel::ValueRole).toDouble(),
            runs[1].result->metrics[Metric::Timeouts].mean);

        // A run stopped early cannot be paired: "-" with the reason.
        std::vector<models::VariantRun> stopped = runs;
        auto partial = std::make_shared<models::RunResult>(*stopped[1].result);
        partial->complete = false;
        stopped[1].result = partial;
        model.setRuns(stopped);
        QCOMPARE(model.data(model.index(timeouts, model.differenceColumn(1))).toString(),
                 QStringLiteral("-"));
        QVERIFY(!model.data(model.index(timeouts, model.differenceColumn(1)), Qt::ToolTipRole)
                     .toString()
                     .isEmpty());
        model.setRuns({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), 0);
    }

    void waitHistogramFromQuantiles_data()
    {
        QTest::addColumn<int>("scope"); // -1 all requests, else a workload
        QTest::newRow("all requests") << -1;
        QTest::newRow("api") << 0;
        QTest::newRow("reports") << 1;
        QTest::newRow("import") << 2;
    }
    void waitHistogramFromQuantiles()
    {
        QFETCH(int, scope);
        const std::vector<double>& cdf = scope < 0
                                             ? m_run->base->waitCdfS
                                             : m_run->base->workloadWaitCdfS[static_cast<std::size_t>(scope)];
        QCOMPARE(cdf.size(), models::kWaitCdfPoints);
        const WaitHistogram h = waitHistogram(cdf, kProbabilities);
        const double total = std::accumulate(h.share.begin(), h.share.end(), h.noWaitShare);
        QVERIFY2(std::fabs(total - 1) < 1e-9, qPrintable(QString::number(total)));
        QCOMPARE(h.share.size(), h.binStartS.size());
        if (cdf.back() > 0) {
            QVERIFY(!h.share.empty());
            QVERIFY(h.binStartS.back() < cdf.back());
            QVERIFY(h.binStartS.back() + h.binWidthS >= cdf.back());
            QVERIFY(h.share.size() <= 60);
        }
        // The share that did not wait is where the quantiles leave 0.
        std::size_t zero = 0;
        while (zero + 1 < cdf.size() && cdf[zero + 1] <= 0)
            ++zero;
        QVERIFY(h.noWaitShare >= models::kWaitCdfProbabilities[zero] - 1e-12);
        QCOMPARE(quantileAt(cdf, kProbabilities, 0.95), cdf[95]);
    }

    void waitHistogramByHand()
    {
        // Half wait 0, then evenly from 0 to 2 s: a quarter in [0, 1), a quarter in [1, 2).
        const std::vector<double> q{0, 0, 2}, p{0, 0.5, 1};
        const WaitHistogram h = waitHistogram(q, p, 2);
        QCOMPARE(h.noWaitShare, 0.5);
        QCOMPARE(h.binWidthS, 1.0);
        QCOMPARE(h.share.size(), std::size_t(2));
        QCOMPARE(h.share[0], 0.25);
        QCOMPARE(h.share[1], 0.25);
        QCOMPARE(quantileAt(q, p, 0.75), 1.0);
        QVERIFY(waitHistogram(std::vector<double>{}, std::vector<double>{}).share.empty());
        QVERIFY(waitHistogram(std::vector<double>{0, std::nan("")}, p).share.empty());
    }

    void markLabelsGroupCloseEvents_data()
    {
        QTest::addColumn<QList<double>>("times");
        QTest::addColumn<double>("gap");
        QTest::addColumn<QStringList>("expected"); // "time:text" per label
        QTest::newRow("apart") << QList<double>{60, 300} << 30.0
                               << QStringList{QStringLiteral("60:a"), QStringLiteral("300:b")};
        QTest::newRow("5 s apart on a long axis")
            << QList<double>{720, 725} << 36.0 << QStringList{QStringLiteral("720:a\nb")};
        QTest::newRow("many at once") << QList<double>{10, 11, 12, 13, 14} << 36.0
                                      << QStringList{QStringLiteral("10:a\nb\nc\n+2 more")};
        QTest::newRow("a chain is not one group")
            << QList<double>{0, 20, 40, 60} << 30.0
            << QStringList{QStringLiteral("0:a\nb"), QStringLiteral("40:c\nd")};
    }
    void markLabelsGroupCloseEvents()
    {
        QFETCH(QList<double>, times);
        QFETCH(double, gap);
        QFETCH(QStringList, expected);
        std::vector<MarkLabel> marks;
        for (qsizetype i = 0; i < times.size(); ++i)
            marks.push_back({times[i], QString(QLatin1Char(char('a' + i)))});
        QStringList got;
        for (const MarkLabel& label : groupMarkLabels(marks, gap))
            got << QString::number(label.timeS) + QLatin1Char(':') + label.text;
        QCOMPARE(got, expected);
    }

    void scenarioMarksRepeatUntilTheHorizon()
    {
        const std::vector<EventMark> marks = scenarioEventMarks(m_scenario, 600);
        QStringList got;
        for (const EventMark& m : marks)
            got << QString::number(m.timeS) + QLatin1Char(' ') + m.label;
        QCOMPARE(got, (QStringList{QStringLiteral("120 reports: burst of 6"),
                                   QStringLiteral("240 import: batch of 20"),
                                   QStringLiteral("300 reports: burst of 6"),
                                   QStringLiteral("480 reports: burst of 6")}));
        QCOMPARE(scenarioEventMarks(m_scenario, 200).size(), std::size_t(1));
    }

    void metricText_data()
    {
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("unit");
        QTest::addColumn<QString>("text");
        QTest::newRow("ms") << 0.25 << int(ValueUnit::Seconds) << QStringLiteral("250 ms");
        QTest::newRow("s") << 1.25 << int(ValueUnit::Seconds) << QStringLiteral("1.25 s");
        QTest::newRow("minutes") << 125.0 << int(ValueUnit::Seconds) << QStringLiteral("2m 05s");
        QTest::newRow("µs") << 0.00035 << int(ValueUnit::Seconds) << QStringLiteral("350 µs");
        QTest::newRow("percent") << 0.835 << int(ValueUnit::Fraction) << QStringLiteral("83.5%");
        QTest::newRow("tiny percent") << 1e-9 << int(ValueUnit::Fraction) << QStringLiteral("< 0.001%");
        QTest::newRow("count") << 12.0 << int(ValueUnit::Count) << QStringLiteral("12");
        QTest::newRow("mean count") << 12.345 << int(ValueUnit::Count) << QStringLiteral("12.3");
        QTest::newRow("rate") << 45.2 << int(ValueUnit::Rate) << QStringLiteral("45.2/s");
        QTest::newRow("NaN") << std::nan("") << int(ValueUnit::Seconds) << QStringLiteral("-");
    }
    void metricText()
    {
        QFETCH(double, value);
        QFETCH(int, unit);
        QFETCH(QString, text);
        QCOMPARE(formatValue(value, static_cast<ValueUnit>(unit)), text);
    }
};

QTEST_MAIN(TstGuiChartModels)
#include "tst_gui_chart_models.moc"
