#pragma once
// Shared by the chart suites: a short scenario with a burst that repeats, a batch, a variant,
// service levels, an alert rule that fires and a sweep, and the outcomes a job would deliver for
// it, made here by calling models/ directly (test setup, not GUI code); and finding what the
// pages drew in their plots.
// moc (Qt 6.4) cannot parse the C++20 headers these include; it needs only the test class.
#ifndef Q_MOC_RUN
#include "models/analytic/analytic_check.h"
#include "models/planning/comparison.h"
#include "models/planning/recommend.h"
#include "models/planning/sweep.h"
#include "models/scenario/scenario_planning.h"
#include "models/scenario/scenario_yaml.h"
#include "ui/core/qcustomplot_include.h"
#include "ui/core/run_outcome.h"
#endif

#include <QPalette>

#include <memory>
#include <string>

namespace chartstest {

namespace models = poolsim::models;
namespace ui = poolsim::ui;

/// Ten minutes: steady API traffic on a pool of 4, six 8 s reports at 2m, 5m and 8m (a burst
/// every 3 minutes) that take every connection, a batch at 4m. Requests time out after 2 s.
/// Rules of thumb: users 2 -> 2 x 1.5 + 10 = 13; HikariCP 2 cores x 2 + 1 = 5; budget 20 - 3.
inline const char* const kChartScenario = R"(poolsim: 1
name: Chart test
horizon: 10m
warmup: 30s
replications: 3
seed: 5
resolution: 5s
pool:
  size: 4
  timeout: 2s
backend: {users: 2}
database: {max_connections: 20, cores: 2}
workloads:
  - name: api
    arrivals: {poisson: 10/s}
    hold: {exponential: 100ms}
  - name: reports
    arrivals: {burst: {at: 2m, count: 6, within: 5s, every: 3m}}
    hold: 8s
  - name: import
    arrivals: {batch: {at: 4m, items: 20, concurrency: 2}}
    hold: 300ms
variants:
  - name: pool-8
    description: twice the connections
    set: {pool.size: 8}
  - name: slow
    set: {hold_scale: 1.5}
slo:
  wait_p95: 200ms
  timeout_ratio: 1%
alerts:
  - {name: queueing, signal: waiters_max, above: 3}
sweep:
  pool.size: 2:8:2
)";

inline models::Scenario chartScenario(const std::string& extraOverride = {})
{
    std::vector<std::string> overrides;
    if (!extraOverride.empty())
        overrides.push_back(extraOverride);
    return models::loadScenarioText(kChartScenario, "chart-test.yaml", "", overrides);
}

inline models::RunOptions quickOptions()
{
    models::RunOptions options;
    options.threads = 2;
    return options;
}

/// What a Run job delivers: base, the variants (as the job runner lays them out) and the
/// analytic check.
inline ui::OutcomePtr runOutcome(const models::Scenario& scenario, bool withAnalytic = true)
{
    auto outcome = std::make_shared<ui::RunOutcome>();
    outcome->job = 1;
    outcome->kind = ui::JobKind::Run;
    outcome->scenario = scenario;
    std::vector<std::string> names{std::string(models::kBaseVariantName)};
    for (const models::Variant& v : scenario.variants)
        names.push_back(v.name);
    std::vector<models::VariantRun> runs = models::runVariants(scenario, names, quickOptions());
    outcome->base = runs.front().result;
    outcome->variants.assign(runs.begin() + 1, runs.end());
    if (withAnalytic) {
        models::RunOptions options = quickOptions();
        options.replications = 2;
        outcome->analytic =
            std::make_shared<models::AnalyticCheck>(models::runAnalyticCheck(scenario, options));
    }
    return outcome;
}

inline ui::OutcomePtr sweepOutcome(const models::Scenario& scenario,
                                   const std::vector<models::SweepParam>& params = {})
{
    auto outcome = std::make_shared<ui::RunOutcome>();
    outcome->job = 2;
    outcome->kind = ui::JobKind::Sweep;
    outcome->scenario = scenario;
    models::SweepOptions options;
    options.run = quickOptions();
    outcome->sweep = std::make_shared<models::SweepResult>(
        models::runSweep(scenario, models::sweepParams(scenario, params), options));
    return outcome;
}

inline ui::OutcomePtr recommendOutcome(const models::Scenario& scenario)
{
    auto outcome = std::make_shared<ui::RunOutcome>();
    outcome->job = 3;
    outcome->kind = ui::JobKind::Recommend;
    outcome->scenario = scenario;
    models::RecommendOptions options;
    options.run = quickOptions();
    options.maxPool = 64;
    outcome->recommendation =
        std::make_shared<models::Recommendation>(models::recommendPoolSize(scenario, options));
    return outcome;
}

// ---- What a plot holds -----------------------------------------------------------------

/// The data points of the graph or bars named `objectName`; -1 when there is none.
inline int graphPoints(QCustomPlot* plot, const QString& objectName)
{
    for (int i = 0; i < plot->plottableCount(); ++i)
        if (plot->plottable(i)->objectName() == objectName) {
            if (auto* g = qobject_cast<QCPGraph*>(plot->plottable(i)))
                return g->dataCount();
            if (auto* b = qobject_cast<QCPBars*>(plot->plottable(i)))
                return b->dataCount();
        }
    return -1;
}

inline QCPGraph* graphNamed(QCustomPlot* plot, const QString& objectName)
{
    for (int i = 0; i < plot->graphCount(); ++i)
        if (plot->graph(i)->objectName() == objectName)
            return plot->graph(i);
    return nullptr;
}

inline QList<QCPAbstractItem*> itemsNamed(QCustomPlot* plot, const QString& objectName)
{
    QList<QCPAbstractItem*> out;
    for (int i = 0; i < plot->itemCount(); ++i)
        if (plot->item(i)->objectName() == objectName)
            out << plot->item(i);
    return out;
}

inline QPalette darkPalette()
{
    QPalette p;
    const QColor window(45, 45, 48), base(30, 30, 32), text(225, 225, 225);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, QColor(42, 130, 218));
    p.setColor(QPalette::HighlightedText, Qt::black);
    return p;
}

} // namespace chartstest
