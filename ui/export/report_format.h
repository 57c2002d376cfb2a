#pragma once
// Internal to the report writer: the report's values as text (the same forms as the command
// line's tables: "6.104 s", "222.6 ms", "54.2", "0.41%") and its rows, from models/ results.
#include "ui/export/report_writer.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <vector>

namespace poolsim::models {
struct AlertRule;
struct RunResult;
struct Scenario;
} // namespace poolsim::models

namespace poolsim::ui::report {

/// Seconds as "12.3 ms" below a second, "6.104 s" above; "-" when not finite.
QString secondsText(double seconds);
/// A mean count per replication: one decimal below 100 ("54.2"), none above.
QString countText(double count);
/// A fraction as a percentage with two decimals ("0.41%").
QString percentText(double fraction);
/// Simulated time as h:mm:ss.
QString clockText(double seconds);
/// A length of time for people: "450 ms", "45 s", "12.5 min", "2.0 h".
QString spanText(double seconds);
/// "10 x 1": the pool per instance and the instances.
QString poolText(const models::Scenario& scenario);
/// "utilization > 80% for 1m (window 1m)".
QString alertRuleText(const models::AlertRule& rule);

/// The title page's key settings: pool, backend, database, horizon, replications, seed,
/// workloads, variants, service levels.
QList<QPair<QString, QString>> keySettings(const models::Scenario& scenario);

/// One run of the report: the scenario as written ("base") or one of its variants.
struct ReportRun
{
    QString name;
    QString description;
    QString changes; // "pool.size=25, pool.timeout=15s", or "" for base
    const models::RunResult* result = nullptr;
    const models::Scenario* scenario = nullptr;
};
/// base first, then the variants in file order; none without a run outcome.
std::vector<ReportRun> reportRuns(const ReportContent& content);

/// One row per run: variant, pool, wait p95, wait p99, longest wait, most waiting, timeouts,
/// SLO met (sloMetText).
QStringList variantRow(const ReportRun& run);
/// "yes", "no", or "-" for a run without service levels.
QString sloMetText(const models::RunResult& result);
/// "Misses: wait_p99 <= 1s (upper 95% bound 2.1 s); ...", or empty when every limit is met.
QString sloMissedText(const models::RunResult& result);
/// One row per alert rule that fired in a run: run, rule, fired in, first at, periods, total
/// time, peak.
QList<QStringList> alertRows(const ReportContent& content);

} // namespace poolsim::ui::report
