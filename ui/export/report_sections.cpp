#include "ui/export/report_sections.h"

#include "models/analytic/analytic_check.h"
#include "models/planning/comparison.h"
#include "models/results/failure_story.h"
#include "models/results/run_result.h"
#include "models/results/slo.h"
#include "ui/charts/metric_text.h"
#include "ui/export/report_format.h"

#include <QColor>
#include <QLocale>

#include <algorithm>

namespace poolsim::ui::report {

namespace {

const QColor kGrey(0x50, 0x50, 0x50);

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

QString continued(const QString& heading, int part)
{
    return part == 0 ? heading : heading + QStringLiteral(" (continued)");
}

QString plural(std::int64_t n, const QString& one, const QString& many)
{
    return QString::number(n) + QLatin1Char(' ') + (n == 1 ? one : many);
}

QString verdict(bool met)
{
    return met ? QStringLiteral("meets the service levels") : QStringLiteral("misses the service levels");
}

QString analyticText(const models::AnalyticCheck& check)
{
    QString text =
        QStringLiteral("Analytic quick check (the closed forms for the steady part of the scenario as "
                       "written, per instance): ");
    if (!check.applicable)
        return text + QStringLiteral("not applicable: ") + qs(check.notApplicable) + QLatin1Char('.');
    text += qs(std::string(models::analyticModelTitle(check.inputs.model))) +
            QStringLiteral(", offered load ") + QString::number(check.inputs.offeredLoad, 'f', 2) +
            QStringLiteral(" connections: ") + qs(check.verdict()) + QLatin1Char('.');
    return text;
}

QString ruleText(const QString& name, const models::RuleOfThumb& rule, const models::Recommendation& rec)
{
    if (!rule.applicable)
        return name + QStringLiteral(": not applicable: ") + qs(rule.basis);
    QString text = name + QStringLiteral(": %1 per instance (%2): ").arg(rule.poolSize).arg(qs(rule.basis));
    text += rule.probe ? verdict(rec.probes[*rule.probe].met())
                       : QStringLiteral("not simulated: ") + qs(rule.note);
    if (rec.found()) {
        const std::int64_t diff = rule.poolSize - rec.search.poolSize;
        text += diff == 0  ? QStringLiteral(", the recommendation itself")
                : diff > 0 ? QStringLiteral(", %1 more per instance").arg(diff)
                           : QStringLiteral(", %1 fewer per instance").arg(-diff);
    }
    return text;
}

QString databaseText(const models::Recommendation& rec)
{
    const models::DatabaseBudget& d = rec.database;
    QString text = d.budget
                       ? QStringLiteral("Database budget %1 connections (max_connections %2 - %3 reserved)")
                             .arg(*d.budget)
                             .arg(d.maxConnections.value_or(0))
                             .arg(d.reserved)
                       : QStringLiteral("Database: max_connections unlimited");
    if (d.total) {
        text += QStringLiteral("; the recommendation needs %1 in all").arg(*d.total);
        if (d.fits)
            text += *d.fits
                        ? QStringLiteral(": fits")
                        : QStringLiteral(": BREAKS the budget by %1").arg(*d.total - d.budget.value_or(0));
        if (d.postgresMaxConnectionsNeeded)
            text += QStringLiteral(" (PostgreSQL needs max_connections >= %1)")
                        .arg(*d.postgresMaxConnectionsNeeded);
    }
    return text + QLatin1Char('.');
}

QString deadlockText(const models::DeadlockWarning& d)
{
    QString text = qs(d.name) + QStringLiteral(": %1 connections one by one, ").arg(d.connections);
    if (d.minPoolSize && d.threads)
        return text + QStringLiteral("at most %1 in flight (%2): deadlock-free from pool %3.")
                          .arg(*d.threads)
                          .arg(qs(d.arrivals))
                          .arg(*d.minPoolSize);
    return text + qs(d.arrivals) +
           QStringLiteral(
               " arrivals: no pool size is deadlock-free for unbounded concurrency; use acquire: together.");
}

} // namespace

void drawTitlePage(Canvas& canvas, const ReportContent& content, const QList<SectionStart>& sections)
{
    const QRectF body = canvas.startPage(QPageLayout::Portrait, QString());
    double y = body.top();
    y = canvas.paragraph(body, y, QStringLiteral("PoolSim capacity report"), canvas.font(10), kGrey);
    const QString name =
        content.scenario.name.empty() ? QStringLiteral("(unnamed scenario)") : qs(content.scenario.name);
    y = canvas.paragraph(body, y, name, canvas.font(20, true));
    // A long description must not push the settings off the page: it gets at most a third.
    const QRectF descriptionArea(body.left(), y, body.width(), body.height() / 3);
    y = canvas.paragraph(descriptionArea, y, qs(content.scenario.description).trimmed(), canvas.font(9.5));

    y = canvas.paragraph(body, y, QStringLiteral("Key settings"), canvas.font(12, true));
    y = canvas.keyValues(body, y, keySettings(content.scenario));

    y = canvas.paragraph(body, y, QStringLiteral("Source"), canvas.font(12, true));
    QList<QPair<QString, QString>> source;
    source.append({QStringLiteral("File"),
                   content.sourceFile.isEmpty() ? QStringLiteral("(not saved)") : content.sourceFile});
    source.append(
        {QStringLiteral("Content hash"),
         content.contentHash + QStringLiteral(" (the first 8 hex digits of the SHA-1 of the scenario as "
                                              "PoolSim writes it, the appendix; exported charts carry it in "
                                              "their names)")});
    if (content.run && content.run->base) {
        const models::RunResult& base = *content.run->base;
        QString run =
            QStringLiteral("%1 per run, seed %2, %3 run%4 (the scenario and its variants, common random "
                           "numbers)")
                .arg(plural(base.replications, QStringLiteral("replication"), QStringLiteral("replications")))
                .arg(base.seed)
                .arg(1 + content.run->variants.size())
                .arg(content.run->variants.empty() ? QString() : QStringLiteral("s"));
        if (!content.run->complete)
            run += QStringLiteral("; STOPPED before the end: incomplete");
        source.append({QStringLiteral("Run"), run});
        if (const std::optional<models::FailureStory> story = models::failureStory(base))
            source.append({QStringLiteral("Instances"),
                           qs(story->sentence()) + QStringLiteral(" (the scenario as written)")});
    } else {
        source.append({QStringLiteral("Run"), QStringLiteral("not run: the report shows the scenario only")});
    }
    if (content.made.isValid())
        source.append({QStringLiteral("Made"),
                       QLocale::c().toString(content.made, QStringLiteral("yyyy-MM-dd HH:mm"))});
    y = canvas.keyValues(body, y, source);

    y = canvas.paragraph(body, y, QStringLiteral("Contents"), canvas.font(12, true));
    QList<QPair<QString, QString>> contents;
    for (const SectionStart& s : sections) {
        if (s.pages == 0)
            continue;
        contents.append(
            {s.name, s.pages == 1
                         ? QStringLiteral("page %1").arg(s.firstPage)
                         : QStringLiteral("pages %1-%2").arg(s.firstPage).arg(s.firstPage + s.pages - 1)});
    }
    canvas.keyValues(body, y, contents);
}

void drawVariantsPage(Canvas& canvas, const ReportContent& content, int part, int parts)
{
    const QRectF body = canvas.startPage(QPageLayout::Portrait, continued(QStringLiteral("Variants"), part));
    double y = body.top();
    const std::vector<ReportRun> runs = reportRuns(content);
    if (runs.empty()) {
        canvas.paragraph(body, y,
                         QStringLiteral("Not run: press Run (F5) before exporting the report to see the "
                                        "variants side by side."),
                         canvas.font(10));
        return;
    }
    if (part == 0)
        y = canvas.paragraph(
            body, y,
            QStringLiteral("The scenario as written (base) and each of its variants, run on the same "
                           "seed with common random numbers: replication i of every run sees the same "
                           "arrivals and hold times. Means over %1; waits of served requests, "
                           "timeouts per replication; a service level is met when the upper end of "
                           "its 95% interval is within the limit.")
                .arg(plural(runs.front().result->replications, QStringLiteral("replication"),
                            QStringLiteral("replications"))),
            canvas.font(9), kGrey);
    const std::size_t first = static_cast<std::size_t>(part) * kVariantsPerPage;
    const std::size_t last = std::min(runs.size(), first + kVariantsPerPage);
    QList<QStringList> rows;
    for (std::size_t i = first; i < last; ++i)
        rows.append(variantRow(runs[i]));
    const QList<Column> columns = {{QStringLiteral("variant"), 2.2},
                                   {QStringLiteral("pool"), 1.0, true},
                                   {metricInfo(models::Metric::WaitP95S).label, 1.3, true},
                                   {metricInfo(models::Metric::WaitP99S).label, 1.3, true},
                                   {metricInfo(models::Metric::WaitMaxS).label, 1.4, true},
                                   {metricInfo(models::Metric::WaitersMax).label, 1.4, true},
                                   {metricInfo(models::Metric::Timeouts).label, 1.1, true},
                                   {QStringLiteral("SLO met"), 1.0}};
    y = canvas.table(body, y, columns, rows);

    for (std::size_t i = first; i < last; ++i) {
        const ReportRun& run = runs[i];
        y = canvas.paragraph(body, y, run.name, canvas.font(9.5, true));
        QString text = run.description.isEmpty() ? QStringLiteral("(no description)") : run.description;
        if (!run.changes.isEmpty())
            text += QStringLiteral("\nset: ") + run.changes;
        const QString missed = sloMissedText(*run.result);
        if (!missed.isEmpty())
            text += QLatin1Char('\n') + missed;
        if (const std::optional<models::FailureStory> story = models::failureStory(*run.result))
            text += QStringLiteral("\nInstances: ") + qs(story->sentence());
        y = canvas.paragraph(body, y, text, canvas.font(9));
    }
    if (part + 1 < parts)
        return;
    QStringList notes;
    for (const std::string& w : models::variantWarnings(content.run->variants))
        notes << QStringLiteral("Note: ") + qs(w);
    if (content.run->analytic)
        notes << analyticText(*content.run->analytic);
    for (const QString& note : notes)
        y = canvas.paragraph(body, y, note, canvas.font(9));
}

void drawAlertsPage(Canvas& canvas, const ReportContent& content, const QList<QStringList>& rows, int part,
                    int parts)
{
    (void)parts;
    const QRectF body = canvas.startPage(QPageLayout::Portrait, continued(QStringLiteral("Alerts"), part));
    double y = body.top();
    if (!content.run || !content.run->base) {
        canvas.paragraph(body, y, QStringLiteral("Not run: no alerts to show."), canvas.font(10));
        return;
    }
    if (part == 0) {
        const QString rules = content.scenario.alerts ? QStringLiteral("the scenario's alerts: rules")
                                                      : QStringLiteral("the four default monitoring rules");
        y = canvas.paragraph(
            body, y,
            QStringLiteral("Alert rules (%1) evaluated on each run's mean series across "
                           "replications, as monitoring would: first at is when the first period "
                           "starts (h:mm:ss of simulated time), total is the time spent firing, peak "
                           "the highest windowed value; fired in counts the replications in which the "
                           "rule fired at least once.")
                .arg(rules),
            canvas.font(9), kGrey);
    }
    if (rows.isEmpty()) {
        canvas.paragraph(body, y, QStringLiteral("No alert rule fired in any run."), canvas.font(10));
        return;
    }
    const qsizetype first = static_cast<qsizetype>(part) * kAlertRowsPerPage;
    const QList<QStringList> slice = rows.mid(first, kAlertRowsPerPage);
    const QList<Column> columns = {{QStringLiteral("run"), 1.6},
                                   {QStringLiteral("rule"), 4.6},
                                   {QStringLiteral("fired in"), 1.1, true},
                                   {QStringLiteral("first at"), 1.1, true},
                                   {QStringLiteral("periods"), 0.9, true},
                                   {QStringLiteral("total"), 1.1, true},
                                   {QStringLiteral("peak"), 1.1, true}};
    canvas.table(body, y, columns, slice);
}

void drawRecommendationPage(Canvas& canvas, const models::Recommendation& rec)
{
    const QRectF body = canvas.startPage(QPageLayout::Portrait, QStringLiteral("Recommendation"));
    double y = body.top();
    const std::int64_t instances = rec.search.instances;
    QString headline;
    if (rec.found())
        headline =
            QStringLiteral("The smallest pool that meets the service levels: %1 per instance x %2 = %3 "
                           "connections.")
                .arg(rec.search.poolSize)
                .arg(plural(instances, QStringLiteral("instance"), QStringLiteral("instances")))
                .arg(rec.search.poolSize * instances);
    else
        headline = QStringLiteral("No pool size up to %1 per instance meets the service levels.")
                       .arg(rec.search.maxSize);
    y = canvas.paragraph(body, y, headline, canvas.font(12, true));

    QStringList limits;
    for (const models::SloLimit& l : rec.slo)
        limits << qs(models::describeLimit(l));
    y = canvas.paragraph(
        body, y,
        QStringLiteral("Service levels: %1. Every size was simulated with %2 and seed %3 (common "
                       "random numbers); %4.")
            .arg(limits.join(QStringLiteral("; ")))
            .arg(plural(rec.replications, QStringLiteral("replication"), QStringLiteral("replications")))
            .arg(rec.seed)
            .arg(plural(static_cast<std::int64_t>(rec.probes.size()), QStringLiteral("simulation"),
                        QStringLiteral("simulations"))),
        canvas.font(9), kGrey);
    y = canvas.paragraph(body, y, ruleText(QStringLiteral("users x 1.5 + 10"), rec.usersRule, rec),
                         canvas.font(9.5));
    y = canvas.paragraph(body, y,
                         ruleText(QStringLiteral("HikariCP cores x 2 + spindles"), rec.hikariRule, rec),
                         canvas.font(9.5));
    y = canvas.paragraph(body, y, databaseText(rec), canvas.font(9.5));
    for (const models::DeadlockWarning& d : rec.deadlocks)
        y = canvas.paragraph(body, y, deadlockText(d), canvas.font(9.5));

    QList<QStringList> rows;
    for (const models::Probe& p : rec.probes) {
        const models::MetricEstimates& m = p.result->metrics;
        rows.append({QString::number(p.instances), QString::number(p.poolSize),
                     p.met() ? QStringLiteral("yes") : QStringLiteral("no"),
                     secondsText(m[models::Metric::WaitP95S].mean),
                     secondsText(m[models::Metric::WaitP99S].mean),
                     countText(m[models::Metric::Timeouts].mean),
                     percentText(m[models::Metric::UtilizationMean].mean), qs(p.purpose)});
    }
    const QList<Column> columns = {{QStringLiteral("instances"), 1.0, true},
                                   {QStringLiteral("pool"), 0.8, true},
                                   {QStringLiteral("met"), 0.6},
                                   {metricInfo(models::Metric::WaitP95S).label, 1.2, true},
                                   {metricInfo(models::Metric::WaitP99S).label, 1.2, true},
                                   {metricInfo(models::Metric::Timeouts).label, 1.0, true},
                                   {metricInfo(models::Metric::UtilizationMean).label, 1.1, true},
                                   {QStringLiteral("probed for"), 2.2}};
    y = canvas.paragraph(body, y, QStringLiteral("Sizes simulated, in the order the search made them"),
                         canvas.font(10, true));
    canvas.table(body, y, columns, rows);
}

} // namespace poolsim::ui::report
