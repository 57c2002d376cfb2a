// The editor's item models, each under QAbstractItemModelTester, and what they show: the
// workloads and steps tables, the variants, service levels and alert rules (with their edits
// through the document, accepted or rejected with the loader's message), and the texts and
// density curves the workload panel shows.
// moc (Qt 6.4) cannot parse the C++20 headers these include; it needs only the test class.
#ifndef Q_MOC_RUN
#include "models/results/alerts.h"
#include "models/results/slo.h"
#include "models/scenario/distribution_spec.h"
#include "ui/core/scenario_document.h"
#include "ui/editor/alerts_rules_model.h"
#include "ui/editor/distribution_plot.h"
#include "ui/editor/distribution_text.h"
#include "ui/editor/slo_model.h"
#include "ui/editor/steps_model.h"
#include "ui/editor/variants_model.h"
#include "ui/editor/workloads_model.h"
#endif

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

#include <cmath>
#include <memory>

using namespace poolsim::ui;
namespace models = poolsim::models;

namespace {

const QString kProductionDay = QStringLiteral(POOLSIM_SOURCE_DIR "/scenarios/production-day.yaml");

std::unique_ptr<QAbstractItemModelTester> tester(QAbstractItemModel* model)
{
    return std::make_unique<QAbstractItemModelTester>(model,
                                                      QAbstractItemModelTester::FailureReportingMode::QtTest);
}

QString cell(const QAbstractItemModel& model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role).toString();
}

/// A checkout in steps, for the steps table.
const char* const kSteps = R"(poolsim: 1
horizon: 10m
workloads:
  - name: checkout
    arrivals: {poisson: 30/s}
    steps:
      - {query: 20ms}
      - {work: {exponential: 100ms}}
      - {query: {lognormal: {median: 15ms, p95: 60ms}}, connections: 2}
    transaction: true
    retry: {attempts: 3, backoff: 200ms}
)";

} // namespace

class TestGuiEditorModels : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void workloadsModel()
    {
        ScenarioDocument document;
        document.open(kProductionDay);
        WorkloadsModel model;
        auto check = tester(&model);
        model.setWorkloads(document.scenario().workloads);
        QCOMPARE(model.rowCount(), 6);
        QCOMPARE(model.columnCount(), 4);
        QCOMPARE(cell(model, 0, WorkloadsModel::Name), QStringLiteral("users"));
        QCOMPARE(cell(model, 0, WorkloadsModel::Arrivals),
                 QStringLiteral("profile 1/s %1 5/s %1 1/s").arg(QChar(0x2192)));
        QCOMPARE(cell(model, 0, WorkloadsModel::Requests),
                 QStringLiteral("hold lognormal mean 80ms, p95 250ms"));
        QCOMPARE(cell(model, 1, WorkloadsModel::Arrivals),
                 QStringLiteral("burst of 150 at 6h within 3s, every 8h"));
        QCOMPARE(cell(model, 2, WorkloadsModel::Requests), QStringLiteral("hold 10s x 2 connections"));
        QCOMPARE(cell(model, 3, WorkloadsModel::Arrivals),
                 QStringLiteral("batch of 5000, 4 at a time, at 2h"));
        QCOMPARE(cell(model, 4, WorkloadsModel::Arrivals), QStringLiteral("Poisson 1/s"));
        QVERIFY(
            cell(model, 5, WorkloadsModel::Description).startsWith(QStringLiteral("Integration traffic")));

        // An edit changes rows in place (a selection survives); fewer rows reset the model.
        QSignalSpy dataChanged(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        auto workloads = document.scenario().workloads;
        workloads[4].arrivals = models::PoissonArrivals{{2, 's'}};
        model.setWorkloads(workloads);
        QCOMPARE(dataChanged.count(), 1);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(cell(model, 4, WorkloadsModel::Arrivals), QStringLiteral("Poisson 2/s"));
        workloads.pop_back();
        model.setWorkloads(workloads);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 5);
        model.setWorkloads({});
        QCOMPARE(model.rowCount(), 0);
    }

    void stepsModel()
    {
        ScenarioDocument document;
        document.setYamlText(kSteps);
        StepsModel model;
        auto check = tester(&model);
        model.setSteps(document.scenario().workloads[0].steps);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(cell(model, 0, StepsModel::Kind), QStringLiteral("query"));
        QCOMPARE(cell(model, 0, StepsModel::Duration), QStringLiteral("20ms"));
        QCOMPARE(cell(model, 1, StepsModel::Kind), QStringLiteral("work"));
        QCOMPARE(cell(model, 1, StepsModel::Duration), QStringLiteral("exponential 100ms"));
        QCOMPARE(cell(model, 1, StepsModel::Connections), QStringLiteral("-"));
        QCOMPARE(cell(model, 2, StepsModel::Duration), QStringLiteral("lognormal median 15ms, p95 60ms"));
        QCOMPARE(cell(model, 2, StepsModel::Connections), QStringLiteral("2"));
        QCOMPARE(describeRequest(document.scenario().workloads[0]),
                 QStringLiteral("3 steps (2 queries), transaction, retry: 3 tries"));
        model.setSteps({});
        QCOMPARE(model.rowCount(), 0);
    }

    void variantsModel()
    {
        ScenarioDocument document;
        document.open(kProductionDay);
        VariantsModel model(&document);
        auto check = tester(&model);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(cell(model, 0, VariantsModel::Name), QStringLiteral("before"));
        QCOMPARE(cell(model, 0, VariantsModel::Set),
                 QStringLiteral("pool.size=10, pool.timeout=none, hold_scale=1.3"));
        QVERIFY(model.flags(model.index(0, VariantsModel::Set)) & Qt::ItemIsEditable);

        // An accepted edit reaches the document.
        QVERIFY(model.setData(model.index(1, VariantsModel::Set),
                              QStringLiteral("pool.size=60, pool.timeout=20s")));
        const auto& after = document.scenario().variants[1];
        QCOMPARE(after.set.size(), std::size_t(2));
        QCOMPARE(after.set[0].path, std::string("pool.size"));
        QCOMPARE(after.set[0].value, std::string("60"));
        QCOMPARE(cell(model, 1, VariantsModel::Set), QStringLiteral("pool.size=60, pool.timeout=20s"));

        // A rejected one leaves the document as it was, with the loader's message; the cell keeps
        // the typed text, marked, with the message as its tooltip, until the next edit.
        const models::Scenario before = document.scenario();
        QSignalSpy failed(&model, &VariantsModel::editFailed);
        QVERIFY(!model.setData(model.index(1, VariantsModel::Set), QStringLiteral("pool.size=abc")));
        QCOMPARE(failed.count(), 1);
        QVERIFY2(model.lastError().contains(QStringLiteral("expected an integer")),
                 qPrintable(model.lastError()));
        QVERIFY(model.lastError().contains(QStringLiteral("variant 'after'")));
        QVERIFY(document.scenario() == before);
        const QModelIndex rejected = model.index(1, VariantsModel::Set);
        QCOMPARE(rejected.data().toString(), QStringLiteral("pool.size=abc"));
        QCOMPARE(rejected.data(Qt::ToolTipRole).toString(), model.lastError());
        QVERIFY(rejected.data(Qt::BackgroundRole).isValid());
        QVERIFY(!model.index(0, VariantsModel::Set).data(Qt::BackgroundRole).isValid()); // only that cell
        QVERIFY(model.setData(model.index(1, VariantsModel::Set),
                              QStringLiteral("pool.size=60, pool.timeout=20s")));
        QCOMPARE(rejected.data().toString(), QStringLiteral("pool.size=60, pool.timeout=20s"));
        QVERIFY(!rejected.data(Qt::BackgroundRole).isValid());
        QVERIFY(!model.setData(model.index(0, VariantsModel::Set), QStringLiteral("pool.size")));
        QVERIFY(model.lastError().contains(QStringLiteral("path=value")));
        QVERIFY(!model.setData(model.index(0, VariantsModel::Name), QStringLiteral("after")));
        QVERIFY(document.scenario() == before);

        // List edits.
        QVERIFY(model.addVariant(1));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(cell(model, 2, VariantsModel::Name), QStringLiteral("variant-3"));
        QVERIFY(
            model.setData(model.index(2, VariantsModel::Description), QStringLiteral("Try: a bigger pool")));
        QCOMPARE(document.scenario().variants[2].description, std::string("Try: a bigger pool"));
        QVERIFY(model.moveVariant(2, -2));
        QCOMPARE(document.scenario().variants[0].name, std::string("variant-3"));
        QVERIFY(!model.moveVariant(0, -1));
        QVERIFY(model.removeVariant(0));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(document.scenario().variants[0].name, std::string("before"));
    }

    void setTextRoundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("changes");
        QTest::newRow("empty") << QString() << 0;
        QTest::newRow("one") << QStringLiteral("pool.size=25") << 1;
        QTest::newRow("several") << QStringLiteral(
                                        "pool.size=25, workloads[0].hold.exponential=2s, slo.wait_p95=2s")
                                 << 3;
    }
    void setTextRoundTrip()
    {
        QFETCH(QString, text);
        QFETCH(int, changes);
        const auto set = VariantsModel::parseSetText(text);
        QCOMPARE(static_cast<int>(set.size()), changes);
        QCOMPARE(VariantsModel::setText(set), text);
    }

    void sloModel()
    {
        ScenarioDocument document;
        document.open(kProductionDay);
        SloModel model(&document);
        auto check = tester(&model);
        QCOMPARE(model.rowCount(), 4); // wait_p99, wait_max, timeout_ratio, crashes
        QCOMPARE(cell(model, 0, SloModel::Key), QStringLiteral("wait_p99"));
        QCOMPARE(cell(model, 3, SloModel::Key), QStringLiteral("crashes"));
        QCOMPARE(cell(model, 0, SloModel::Workload), SloModel::allRequests());
        QCOMPARE(cell(model, 0, SloModel::Limit), QStringLiteral("1s"));
        QCOMPARE(cell(model, 0, SloModel::Unit), QStringLiteral("duration"));
        QCOMPARE(cell(model, 2, SloModel::Unit), QStringLiteral("fraction"));
        QVERIFY(cell(model, 2, SloModel::Unit, Qt::ToolTipRole).contains(QStringLiteral("90%")));
        const QStringList keys =
            model.data(model.index(0, SloModel::Key), SloModel::ChoicesRole).toStringList();
        QCOMPARE(keys.size(), static_cast<qsizetype>(models::sloKeys().size()));
        QVERIFY(keys.contains(QStringLiteral("utilization_max")));
        const QStringList of =
            model.data(model.index(0, SloModel::Workload), SloModel::ChoicesRole).toStringList();
        QCOMPARE(of.first(), SloModel::allRequests());
        QVERIFY(of.contains(QStringLiteral("reports")));
        QVERIFY(!(model.flags(model.index(0, SloModel::Unit)) & Qt::ItemIsEditable));

        QVERIFY(model.setData(model.index(0, SloModel::Limit), QStringLiteral("1500ms")));
        QCOMPARE(document.scenario().slo[0].limit, 1.5);
        QCOMPARE(cell(model, 0, SloModel::Limit), QStringLiteral("1500ms"));
        QVERIFY(model.setData(model.index(0, SloModel::Workload), QStringLiteral("reports")));
        QCOMPARE(document.scenario().slo.back().workload, std::string("reports")); // saved after the others

        const models::Scenario before = document.scenario();
        QVERIFY(!model.setData(model.index(0, SloModel::Limit), QStringLiteral("soon")));
        QVERIFY2(model.lastError().contains(QStringLiteral("soon")), qPrintable(model.lastError()));
        QVERIFY(document.scenario() == before);
        QVERIFY(!model.setData(model.index(0, SloModel::Key), QStringLiteral("wait_p97")));
        QVERIFY(document.scenario() == before);

        QVERIFY(model.addLimit());
        QCOMPARE(model.rowCount(), 5);
        QVERIFY(model.removeLimit(0));
        QCOMPARE(model.rowCount(), 4);
        QVERIFY(!model.removeLimit(7));
    }

    void alertsRulesModel()
    {
        ScenarioDocument document;
        // A file whose instances cannot fail: the four default rules, without instance-down.
        document.open(QStringLiteral(POOLSIM_SOURCE_DIR "/scenarios/month-end-reporting.yaml"));
        AlertsRulesModel model(&document);
        auto check = tester(&model);
        QVERIFY(model.usesDefaults());
        QCOMPARE(model.rowCount(), static_cast<int>(models::defaultAlertRules().size()));
        QCOMPARE(cell(model, 0, AlertsRulesModel::Name), QStringLiteral("pool-saturated"));
        QCOMPARE(cell(model, 0, AlertsRulesModel::Above), QStringLiteral("80%"));
        QCOMPARE(cell(model, 0, AlertsRulesModel::For), QStringLiteral("1m"));
        QCOMPARE(cell(model, 1, AlertsRulesModel::Window), QStringLiteral("one bin"));
        QVERIFY(!(model.flags(model.index(0, AlertsRulesModel::Above)) & Qt::ItemIsEditable));
        QVERIFY(!model.setData(model.index(0, AlertsRulesModel::Above), QStringLiteral("90%")));
        const QStringList signals_ =
            model.data(model.index(0, AlertsRulesModel::Signal), AlertsRulesModel::ChoicesRole)
                .toStringList();
        QCOMPARE(signals_.size(), static_cast<qsizetype>(models::alertSignals().size()));

        // An explicit list: the defaults, now the scenario's own.
        QSignalSpy mode(&model, &AlertsRulesModel::usesDefaultsChanged);
        QVERIFY(model.setUseDefaults(false));
        QCOMPARE(mode.count(), 1);
        QVERIFY(document.scenario().alerts);
        QCOMPARE(document.scenario().alerts->size(), models::defaultAlertRules().size());
        QVERIFY(model.flags(model.index(0, AlertsRulesModel::Above)) & Qt::ItemIsEditable);
        QVERIFY(model.setData(model.index(0, AlertsRulesModel::Above), QStringLiteral("90%")));
        QCOMPARE((*document.scenario().alerts)[0].threshold, 0.9);
        QVERIFY(model.setData(model.index(1, AlertsRulesModel::Window), QStringLiteral("5m")));
        QCOMPARE((*document.scenario().alerts)[1].window, std::optional(models::SimTime::fromSeconds(300)));
        QVERIFY(model.setData(model.index(1, AlertsRulesModel::Window), QString()));
        QVERIFY(!(*document.scenario().alerts)[1].window);

        const models::Scenario before = document.scenario();
        QVERIFY(!model.setData(model.index(0, AlertsRulesModel::Signal), QStringLiteral("temperature")));
        QVERIFY2(model.lastError().contains(QStringLiteral("temperature")), qPrintable(model.lastError()));
        QVERIFY(!model.setData(model.index(0, AlertsRulesModel::For), QStringLiteral("a while")));
        QVERIFY(document.scenario() == before);

        QVERIFY(model.addRule());
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(cell(model, 4, AlertsRulesModel::Signal), QStringLiteral("waiters"));
        QVERIFY(model.removeRule(4));
        QVERIFY(model.removeRule(0));
        QCOMPARE(document.scenario().alerts->size(), std::size_t(3));
        QVERIFY(model.setUseDefaults(true));
        QVERIFY(!document.scenario().alerts);
        QCOMPARE(model.rowCount(), 4);
    }

    void describeDistribution_data()
    {
        QTest::addColumn<QString>("yaml");
        QTest::addColumn<QString>("text");
        QTest::newRow("constant") << "250ms"
                                  << "250ms";
        QTest::newRow("exponential") << "{exponential: 1s}"
                                     << "exponential 1s";
        QTest::newRow("uniform") << "{uniform: {min: 100ms, max: 300ms}}"
                                 << "uniform 100ms to 300ms";
        QTest::newRow("normal") << "{normal: {mean: 1s, sd: 200ms}}"
                                << "normal mean 1s, sd 200ms";
        QTest::newRow("lognormal mu") << "{lognormal: {mu: -0.2, sigma: 0.6}}"
                                      << "lognormal mu -0.2, sigma 0.6";
        QTest::newRow("gamma") << "{gamma: {mean: 1s, cv: 0.5}}"
                               << "gamma mean 1s, cv 0.5";
        QTest::newRow("weibull") << "{weibull: {shape: 1.5, scale: 1s}}"
                                 << "weibull shape 1.5, scale 1s";
        QTest::newRow("empirical") << "{empirical: [10ms, 20ms, 35ms]}"
                                   << "empirical of 3 values";
    }
    void describeDistribution()
    {
        QFETCH(QString, yaml);
        QFETCH(QString, text);
        ScenarioDocument document;
        document.setYamlText(
            "poolsim: 1\nhorizon: 1m\nworkloads:\n  - name: a\n    arrivals: {poisson: 1/s}\n"
            "    hold: " +
            yaml.toStdString() + "\n");
        const models::DistributionSpec& spec = *document.scenario().workloads[0].hold;
        QCOMPARE(poolsim::ui::describeDistribution(spec), text);
        // Every other form keeps about the same mean.
        const double mean = models::makeDistribution(spec).mean();
        for (const QString& form : distributionForms()) {
            if (form == QLatin1String("empirical-file"))
                continue;
            const models::DistributionSpec converted = convertDistribution(spec, form);
            QCOMPARE(distributionForm(converted), form);
            const double convertedMean = models::makeDistribution(converted).mean();
            QVERIFY2(std::abs(convertedMean - mean) < 0.15 * mean, qPrintable(form));
        }
    }

    void densityCurves()
    {
        // The density of an exponential integrates to the 99.5% it covers, and starts at 1/mean.
        const DensityCurve exp = densityCurve(poolsim::engine::Distribution::exponential(2.0));
        QVERIFY(!exp.discrete);
        double area = 0;
        for (qsizetype i = 1; i < exp.x.size(); ++i)
            area += (exp.x[i] - exp.x[i - 1]) * (exp.y[i] + exp.y[i - 1]) / 2;
        QVERIFY2(std::abs(area - 0.995) < 0.01, qPrintable(QString::number(area)));
        QVERIFY(std::abs(exp.y[1] - 0.5) < 0.01);
        QCOMPARE(exp.mean, 2.0);
        QVERIFY(std::abs(exp.p95 - 2.0 * std::log(20.0)) < 1e-9);

        const DensityCurve constant = densityCurve(poolsim::engine::Distribution::constant(0.25));
        QVERIFY(constant.discrete);
        QCOMPARE(constant.x, QVector<double>{0.25});
        QCOMPARE(constant.y, QVector<double>{1.0});

        const DensityCurve empirical =
            densityCurve(poolsim::engine::Distribution::empirical({0.01, 0.02, 0.02, 0.04}));
        QCOMPARE(empirical.x, (QVector<double>{0.01, 0.02, 0.04}));
        QCOMPARE(empirical.y, (QVector<double>{0.25, 0.5, 0.25}));
    }
};

QTEST_MAIN(TestGuiEditorModels)
#include "tst_gui_editor_models.moc"
