#include "ui/charts/differences_model.h"

#include "models/metrics/metric_catalogue.h"
#include "ui/charts/metric_text.h"
#include "ui/charts/run_choosers.h"

#include <QFont>

#include <cmath>

namespace poolsim::ui {

using models::Metric;

DifferencesModel::DifferencesModel(QObject* parent) : QAbstractTableModel(parent) {}

const std::vector<Metric>& DifferencesModel::keyMetrics()
{
    // The figures `poolsim compare` lists: what a review of a change asks about.
    static const std::vector<Metric> metrics = {
        Metric::WaitP95S,   Metric::WaitP99S,        Metric::WaitMaxS,       Metric::WaitMeanS,
        Metric::WaitRatio,  Metric::Timeouts,        Metric::TimeoutRatio,   Metric::Failures,
        Metric::WaitersMax, Metric::UtilizationMean, Metric::UtilizationMax, Metric::ResponseP95S,
        Metric::Served,     Metric::Arrivals,        Metric::Unfinished,
    };
    return metrics;
}

namespace {

/// What a review asks of each optional part, listed when every run has it. The database server:
/// is it busier, are queries slower, does it get more done (its peak of queries running is in
/// the Summary's table and on the Timeline). Failing instances: how often, how long down, how
/// many requests went with them. Load shedding and client timeouts: how many were turned away
/// or given up on.
const std::vector<Metric>& partMetrics()
{
    static const std::vector<Metric> metrics = {
        Metric::DbActiveMean, Metric::DbSlowdownMean, Metric::DbThroughputPerS, Metric::Crashes,
        Metric::Availability, Metric::DowntimeS,      Metric::Crashed,          Metric::Unavailable,
        Metric::Rejected,     Metric::ClientTimeouts};
    return metrics;
}

} // namespace

void DifferencesModel::setRuns(std::vector<models::VariantRun> runs)
{
    beginResetModel();
    m_runs = std::move(runs);
    m_compared.clear();
    m_rows = keyMetrics();
    // Only metrics every run has: a difference from a run without a server (or instances that
    // can fail) would be a difference from zeros that were never measured.
    std::vector<const models::RunResult*> results;
    for (const models::VariantRun& run : m_runs)
        results.push_back(run.result.get());
    const models::ModelParts common = commonParts(results);
    for (Metric m : partMetrics())
        if (!m_runs.empty() && models::applies(m, common))
            m_rows.push_back(m);
    for (std::size_t i = 1; i < m_runs.size(); ++i) {
        Compared c;
        try {
            c.comparison = models::compareRuns(*m_runs.front().result, *m_runs[i].result,
                                               models::defaultMethod(m_runs.front(), m_runs[i]));
        } catch (const std::exception& e) {
            c.error = QString::fromStdString(e.what());
        }
        m_compared.push_back(std::move(c));
    }
    endResetModel();
}

int DifferencesModel::differenceColumn(std::size_t run) const
{
    return 1 + static_cast<int>(m_runs.size()) + static_cast<int>(run) - 1;
}

int DifferencesModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || m_runs.empty() ? 0 : static_cast<int>(m_rows.size());
}

int DifferencesModel::columnCount(const QModelIndex& parent) const
{
    if (parent.isValid() || m_runs.empty())
        return 0;
    return 1 + static_cast<int>(m_runs.size()) + static_cast<int>(m_compared.size());
}

QVariant DifferencesModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Metric metric = m_rows[static_cast<std::size_t>(index.row())];
    const MetricInfo& info = metricInfo(metric);
    const int column = index.column();
    const int runs = static_cast<int>(m_runs.size());

    if (column == 0) {
        if (role == Qt::DisplayRole)
            return info.label;
        if (role == Qt::ToolTipRole)
            return QString::fromUtf8(models::metricName(metric).data(),
                                     static_cast<qsizetype>(models::metricName(metric).size()));
        return {};
    }
    if (column <= runs) {
        const models::Estimate& e = m_runs[static_cast<std::size_t>(column - 1)].result->metrics[metric];
        switch (role) {
        case Qt::DisplayRole:
            return formatEstimate(e, info.unit);
        case Qt::TextAlignmentRole:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        case ValueRole:
            return e.mean;
        case HalfWidthRole:
            return e.ci95;
        default:
            return {};
        }
    }
    const Compared& c = m_compared[static_cast<std::size_t>(column - runs - 1)];
    if (!c.comparison) {
        if (role == Qt::DisplayRole)
            return QStringLiteral("-");
        if (role == Qt::ToolTipRole)
            return c.error;
        return {};
    }
    const models::Difference& d = c.comparison->total[metric];
    switch (role) {
    case Qt::DisplayRole: {
        QString text = formatSigned(d.mean, info.unit);
        if (std::isfinite(d.ci95))
            text += QStringLiteral(" ± ") + formatValue(d.ci95, info.unit);
        if (d.significant)
            text += QStringLiteral(" *");
        return text;
    }
    case Qt::ToolTipRole: {
        const QString method =
            c.comparison->method == models::ComparisonMethod::Paired
                ? tr("paired over %1 replications (common random numbers)").arg(c.comparison->pairs)
                : tr("Welch's unpaired interval");
        return (d.significant ? tr("Significant: the 95% interval excludes 0; ")
                              : tr("Not significant: the 95% interval includes 0; ")) +
               method;
    }
    case Qt::FontRole:
        if (d.significant) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    case ValueRole:
        return d.mean;
    case HalfWidthRole:
        return d.ci95;
    case SignificantRole:
        return d.significant;
    default:
        return {};
    }
}

QVariant DifferencesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    const int runs = static_cast<int>(m_runs.size());
    if (role == Qt::DisplayRole) {
        if (section == 0)
            return tr("metric");
        if (section <= runs)
            return QString::fromStdString(m_runs[static_cast<std::size_t>(section - 1)].name);
        return tr("%1 - %2").arg(
            QString::fromStdString(m_runs[static_cast<std::size_t>(section - runs)].name),
            QString::fromStdString(m_runs.front().name));
    }
    if (role == Qt::ToolTipRole) {
        if (section == 0)
            return {};
        if (section <= runs)
            return tr("Mean over replications ± the 95% confidence half-width");
        return tr("Difference from %1 with its 95% interval; * when the interval excludes 0")
            .arg(QString::fromStdString(m_runs.front().name));
    }
    return {};
}

} // namespace poolsim::ui
