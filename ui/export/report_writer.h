#pragma once
// The review report: one PDF with the scenario's name, description and key settings, the
// variants side by side, every chart (one page each), the alerts that fired, the recommendation
// when one was made, and the scenario's YAML as an appendix. Every page's footer names the
// scenario file and the short hash of its text, so a printed page leads back to the file.
//
// Page counts depend only on the content (fixed rows per page, fixed appendix lines per page),
// never on fonts, so planReport tells in advance how many pages each part takes.
#include "ui/charts/chart_page.h"

#ifndef Q_MOC_RUN
#include "models/planning/recommend.h"
#include "models/scenario/scenario.h"
#include "ui/core/run_outcome.h"
#endif

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <string>

namespace poolsim::ui {

struct ReportContent
{
    models::Scenario scenario; // what ran (the outcome's copy, when there is one)
    QString sourceFile;        // the scenario file as shown; empty for an unsaved scenario
    QString contentHash;       // scenarioContentHash(scenario)
    std::string yamlText;      // the appendix; saveScenarioText(scenario) when empty
    OutcomePtr run;            // a JobKind::Run outcome (variants, alerts, analytic check), or null
    std::shared_ptr<const models::Recommendation> recommendation; // null: no recommendation page
    QList<NamedPlot> charts;                                      // one page each, in order
    QDateTime made;                                               // shown on the title page when valid
};

/// Pages per part of the report, in the order they appear.
struct ReportPlan
{
    int title = 1;
    int variants = 1;
    int charts = 0;
    int alerts = 1;
    int recommendation = 0;
    int appendix = 1;
    int total() const { return title + variants + charts + alerts + recommendation + appendix; }
};

/// Runs (base and variants) in the variants table per page.
inline constexpr int kVariantsPerPage = 8;
/// Rows of the alerts table per page (one row per rule that fired in a run).
inline constexpr int kAlertRowsPerPage = 26;
/// The appendix: characters per line (line number included; longer lines wrap) and lines per page.
inline constexpr int kAppendixColumns = 100;
inline constexpr int kAppendixLinesPerPage = 72;

/// The appendix's lines: each YAML line numbered as in the file ("  12  pool:"), lines longer
/// than kAppendixColumns wrapped onto unnumbered continuation lines.
QStringList appendixLines(const std::string& yamlText);

/// How many pages each part takes.
ReportPlan planReport(const ReportContent& content);

/// Writes the report to `path` atomically and returns its plan (its page counts). Throws
/// ExportError when the file cannot be written.
ReportPlan writeReport(const ReportContent& content, const QString& path);

/// The report's content from what the window shows: the run outcome (its scenario, else
/// `scenario`), the recommendation outcome when it was made for that same scenario (an older
/// one is left out), and the pages' plots.
ReportContent reportContent(const models::Scenario& scenario, const QString& sourceFile,
                            const OutcomePtr& run, const OutcomePtr& recommendation,
                            const QList<ChartPage*>& pages);

/// `<stem>-<hash>-report.pdf`.
QString reportFileName(const QString& stem, const QString& hash);

} // namespace poolsim::ui
