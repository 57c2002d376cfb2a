#pragma once
// What the main window's suites share: a small scenario, the window with every dialog answered
// by the test, a page that records what the window hands it, and writing a fixture file.
#ifndef Q_MOC_RUN
#include "models/planning/comparison.h"
#include "models/scenario/scenario.h"
#include "ui/charts/chart_page.h"
#include "ui/window/main_window.h"
#endif

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <vector>

namespace windowtest {

namespace models = poolsim::models;
using poolsim::ui::ChartPage;
using poolsim::ui::MainWindow;
using poolsim::ui::NamedPlot;
using poolsim::ui::OutcomePtr;

inline const char* const kSmall = R"(poolsim: 1
name: Small
horizon: 30s
replications: 6
seed: 2
pool:
  size: 4
workloads:
  - name: api
    arrivals: {poisson: 20/s}
    hold: {exponential: 100ms}
)";

/// The window with every dialog answered by the test.
class TestWindow : public MainWindow
{
public:
    UnsavedChoice answer = UnsavedChoice::Cancel;
    int asked = 0;
    QStringList errors, messages;
    QString savePath;

protected:
    UnsavedChoice askUnsavedChanges() override
    {
        ++asked;
        return answer;
    }
    void showError(const QString&, const QString& message) override { errors << message; }
    void showMessage(const QString&, const QString& message) override { messages << message; }
    QString askOpenPath() override { return {}; }
    QString askSavePath() override { return savePath; }
    void exportCharts() override { exports << QStringLiteral("charts"); }
    void exportReport() override { exports << QStringLiteral("report"); }

public:
    QStringList exports;
};

/// A page that records what the window hands it.
class RecordingPage : public ChartPage
{
public:
    using ChartPage::ChartPage;
    int scenarios = 0;
    models::Scenario lastScenario;
    QList<OutcomePtr> outcomes;
    QString title() const override { return QStringLiteral("Recording"); }
    void setScenario(const models::Scenario& s) override
    {
        ++scenarios;
        lastScenario = s;
    }
    void setOutcome(const OutcomePtr& outcome) override { outcomes << outcome; }
    bool hasData() const override { return !outcomes.isEmpty() && outcomes.last(); }
    QList<NamedPlot> plots() const override { return {}; }
    void askForSweep(const std::vector<models::SweepParam>& params) { Q_EMIT sweepRequested(params); }
};

inline QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(content);
    return path;
}

} // namespace windowtest
