#include "ui/export/report_format.h"

#include "models/planning/comparison.h"
#include "models/results/alerts.h"
#include "models/results/run_result.h"
#include "models/results/slo.h"
#include "models/scenario/scenario.h"
#include "models/scenario/units.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

namespace poolsim::ui::report {

namespace {

QString qs(const std::string& s)
{
    return QString::fromStdString(s);
}

QString durationOf(models::SimTime t)
{
    return qs(models::formatDuration(t));
}

QString timeoutText(const std::optional<models::SimTime>& timeout)
{
    return timeout ? durationOf(*timeout) : QStringLiteral("none");
}

QString balancerText(models::Balancer balancer)
{
    switch (balancer) {
    case models::Balancer::RoundRobin:
        return QStringLiteral("round robin");
    case models::Balancer::Random:
        return QStringLiteral("random");
    case models::Balancer::LeastBusy:
        return QStringLiteral("least busy");
    }
    return {};
}

QString alertValueText(const models::AlertRule& rule, double value)
{
    const models::AlertSignal* signal = models::findAlertSignal(rule.signal);
    if (signal == nullptr)
        return QString::number(value, 'g', 4);
    switch (signal->unit) {
    case models::SloUnit::Duration:
        return secondsText(value);
    case models::SloUnit::Fraction:
        return percentText(value);
    case models::SloUnit::Count:
        return countText(value);
    }
    return {};
}

/// The run's service-level report, or nullopt when the limits cannot be checked against it.
std::optional<models::SloReport> sloReport(const models::RunResult& result)
{
    try {
        return models::evaluateSlo(result.slo, result);
    } catch (const std::invalid_argument&) {
        return std::nullopt;
    }
}

} // namespace

QString secondsText(double seconds)
{
    if (!std::isfinite(seconds))
        return QStringLiteral("-");
    if (std::fabs(seconds) < 1)
        return QString::number(seconds * 1000, 'f', 1) + QStringLiteral(" ms");
    return QString::number(seconds, 'f', 3) + QStringLiteral(" s");
}

QString countText(double count)
{
    if (!std::isfinite(count))
        return QStringLiteral("-");
    return QString::number(count, 'f', std::fabs(count) < 100 ? 1 : 0);
}

QString percentText(double fraction)
{
    if (!std::isfinite(fraction))
        return QStringLiteral("-");
    return QString::number(fraction * 100, 'f', 2) + QLatin1Char('%');
}

QString clockText(double seconds)
{
    const long long total = std::llround(std::max(0.0, seconds));
    return QStringLiteral("%1:%2:%3")
        .arg(total / 3600)
        .arg(total / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(total % 60, 2, 10, QLatin1Char('0'));
}

QString spanText(double seconds)
{
    if (!std::isfinite(seconds))
        return QStringLiteral("-");
    if (seconds < 1)
        return QString::number(seconds * 1000, 'f', 0) + QStringLiteral(" ms");
    if (seconds < 120)
        return QString::number(seconds, 'f', seconds < 10 ? 1 : 0) + QStringLiteral(" s");
    if (seconds < 7200)
        return QString::number(seconds / 60, 'f', 1) + QStringLiteral(" min");
    return QString::number(seconds / 3600, 'f', 1) + QStringLiteral(" h");
}

QString poolText(const models::Scenario& scenario)
{
    return QStringLiteral("%1 x %2")
        .arg(scenario.pool.effectiveSize())
        .arg(scenario.backend.effectiveInstances());
}

QString alertRuleText(const models::AlertRule& rule)
{
    QString text = qs(rule.signal) + QStringLiteral(" > ") + qs(rule.thresholdText);
    if (rule.forAtLeast)
        text += QStringLiteral(" for ") + durationOf(*rule.forAtLeast);
    if (rule.window)
        text += QStringLiteral(" (window ") + durationOf(*rule.window) + QLatin1Char(')');
    return text;
}

QList<QPair<QString, QString>> keySettings(const models::Scenario& s)
{
    QList<QPair<QString, QString>> pairs;
    const auto add = [&](const QString& label, const QString& value) { pairs.append({label, value}); };

    QString pool = QStringLiteral("%1 connections per instance, pool timeout %2")
                       .arg(s.pool.effectiveSize())
                       .arg(timeoutText(s.pool.effectiveTimeout()));
    if (s.pool.minIdle)
        pool += QStringLiteral(", min idle %1").arg(*s.pool.minIdle);
    if (s.pool.connectTimeout)
        pool += QStringLiteral(", connect timeout %1").arg(timeoutText(s.pool.effectiveConnectTimeout()));
    add(QStringLiteral("Pool"), pool);

    const std::int64_t instances = s.backend.effectiveInstances();
    QString backend =
        QStringLiteral("%1 instance%2").arg(instances).arg(instances == 1 ? QString() : QStringLiteral("s"));
    if (instances > 1)
        backend += QStringLiteral(", %1 balancing").arg(balancerText(s.backend.effectiveBalancer()));
    if (s.backend.users)
        backend += QStringLiteral(", %1 users").arg(*s.backend.users);
    add(QStringLiteral("Backend"), backend);

    QString database = s.database.maxConnections ? QStringLiteral("max_connections %1 (%2 reserved)")
                                                       .arg(*s.database.maxConnections)
                                                       .arg(s.database.effectiveReserved())
                                                 : QStringLiteral("no connection limit");
    if (s.database.cores)
        database += QStringLiteral(", %1 cores").arg(*s.database.cores);
    if (const auto& c = s.database.capacity)
        database +=
            QStringLiteral("; the server's capacity modelled on %1 cores (contention %2, coherency %3)")
                .arg(s.database.capacityCores())
                .arg(qs(models::formatNumber(c->effectiveContention())),
                     qs(models::formatNumber(c->effectiveCoherency())));
    add(QStringLiteral("Database"), database);

    add(QStringLiteral("Horizon"), QStringLiteral("%1 (warm-up %2, bins of %3)")
                                       .arg(durationOf(s.horizon), durationOf(s.effectiveWarmup()),
                                            durationOf(s.effectiveResolution())));
    add(QStringLiteral("Replications"), QString::number(s.effectiveReplications()));
    add(QStringLiteral("Seed"), QString::number(s.effectiveSeed()));
    if (s.holdScale)
        add(QStringLiteral("Hold scale"), qs(models::formatNumber(*s.holdScale)));

    QStringList workloads;
    for (const models::Workload& w : s.workloads)
        workloads << qs(w.name);
    add(QStringLiteral("Workloads"),
        QStringLiteral("%1: %2").arg(workloads.size()).arg(workloads.join(QStringLiteral(", "))));
    QStringList variants;
    for (const models::Variant& v : s.variants)
        variants << qs(v.name);
    add(QStringLiteral("Variants"),
        variants.isEmpty() ? QStringLiteral("none") : variants.join(QStringLiteral(", ")));
    QStringList limits;
    for (const models::SloLimit& limit : s.slo)
        limits << qs(models::describeLimit(limit));
    add(QStringLiteral("Service levels"),
        limits.isEmpty() ? QStringLiteral("none") : limits.join(QStringLiteral("; ")));
    return pairs;
}

std::vector<ReportRun> reportRuns(const ReportContent& content)
{
    std::vector<ReportRun> runs;
    if (!content.run || !content.run->base)
        return runs;
    runs.push_back({QString::fromUtf8(models::kBaseVariantName), QStringLiteral("The scenario as written."),
                    QString(), content.run->base.get(), &content.run->scenario});
    for (const models::VariantRun& v : content.run->variants) {
        if (!v.result)
            continue;
        QStringList changes;
        for (const models::SettingChange& c : v.changes)
            changes << qs(c.path) + QLatin1Char('=') + qs(c.value);
        runs.push_back(
            {qs(v.name), qs(v.description), changes.join(QStringLiteral(", ")), v.result.get(), &v.scenario});
    }
    return runs;
}

QStringList variantRow(const ReportRun& run)
{
    using models::Metric;
    const models::MetricEstimates& m = run.result->metrics;
    QString name = run.name;
    if (!run.result->complete)
        name += QStringLiteral(" (stopped)");
    return {name,
            poolText(*run.scenario),
            secondsText(m[Metric::WaitP95S].mean),
            secondsText(m[Metric::WaitP99S].mean),
            secondsText(m[Metric::WaitMaxS].mean),
            countText(m[Metric::WaitersMax].mean),
            countText(m[Metric::Timeouts].mean),
            sloMetText(*run.result)};
}

QString sloMetText(const models::RunResult& result)
{
    if (result.slo.empty())
        return QStringLiteral("-");
    const std::optional<models::SloReport> report = sloReport(result);
    return !report ? QStringLiteral("?") : report->met() ? QStringLiteral("yes") : QStringLiteral("no");
}

QString sloMissedText(const models::RunResult& result)
{
    if (result.slo.empty())
        return {};
    const std::optional<models::SloReport> report = sloReport(result);
    if (!report)
        return QStringLiteral("The service levels cannot be checked against this run.");
    QStringList missed;
    for (const std::string& line : models::failedLimits(*report))
        missed << qs(line);
    return missed.isEmpty() ? QString() : QStringLiteral("Misses: ") + missed.join(QStringLiteral("; "));
}

QList<QStringList> alertRows(const ReportContent& content)
{
    QList<QStringList> rows;
    for (const ReportRun& run : reportRuns(content))
        for (const models::AlertOutcome& alert : run.result->alerts) {
            if (alert.periods.empty() && alert.firedReplications == 0)
                continue;
            double total = 0, peak = -std::numeric_limits<double>::infinity();
            for (const models::AlertPeriod& p : alert.periods) {
                total += p.durationS;
                peak = std::max(peak, p.peak);
            }
            const bool onMean = !alert.periods.empty();
            rows.append(
                {run.name, qs(alert.rule.name) + QStringLiteral(": ") + alertRuleText(alert.rule),
                 QStringLiteral("%1 of %2").arg(alert.firedReplications).arg(run.result->replications),
                 onMean ? clockText(alert.periods.front().startS) : QStringLiteral("-"),
                 onMean ? QString::number(alert.periods.size()) : QStringLiteral("0"),
                 onMean ? spanText(total) : QStringLiteral("-"),
                 onMean ? alertValueText(alert.rule, peak) : QStringLiteral("-")});
        }
    return rows;
}

} // namespace poolsim::ui::report
