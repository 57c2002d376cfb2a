#include "ui/charts/run_choosers.h"

#include "ui/charts/metric_text.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QSignalBlocker>

#include <algorithm>
#include <optional>

namespace poolsim::ui {

namespace {

/// Selects the item named `previous`, else the first.
void keepChoice(QComboBox* chooser, const QString& previous)
{
    const int same = chooser->findText(previous);
    chooser->setCurrentIndex(same >= 0 ? same : 0);
}

} // namespace

void fillRunChooser(QComboBox* chooser, const std::vector<models::VariantRun>& runs)
{
    const QString previous = chooser->currentText();
    const QSignalBlocker block(chooser);
    chooser->clear();
    for (const models::VariantRun& run : runs) {
        chooser->addItem(QString::fromStdString(run.name));
        chooser->setItemData(chooser->count() - 1, QString::fromStdString(run.description), Qt::ToolTipRole);
    }
    keepChoice(chooser, previous);
}

const models::VariantRun* chosenRun(const QComboBox* chooser, const std::vector<models::VariantRun>& runs)
{
    const int i = chooser->currentIndex();
    return i >= 0 && static_cast<std::size_t>(i) < runs.size() ? &runs[static_cast<std::size_t>(i)] : nullptr;
}

void fillScopeChooser(QComboBox* chooser, const models::VariantRun* run)
{
    const QString previous = chooser->currentText();
    const QSignalBlocker block(chooser);
    chooser->clear();
    if (run == nullptr)
        return;
    chooser->addItem(QCoreApplication::translate("poolsim::ui::RunChoosers", "all requests"));
    for (const std::string& name : run->result->workloadNames)
        chooser->addItem(QString::fromStdString(name));
    keepChoice(chooser, previous);
}

namespace {

/// Refills `chooser` with (label, enum value) items, selecting the value chosen before, else
/// `fallback`, else the first. An unchanged list is left alone.
template <typename Info, typename Enum>
void fillEnumChooser(QComboBox* chooser, const std::vector<Info>& infos, Enum Info::*member, int fallback)
{
    QList<int> wanted;
    for (const Info& info : infos)
        wanted << static_cast<int>(info.*member);
    QList<int> listed;
    for (int i = 0; i < chooser->count(); ++i)
        listed << chooser->itemData(i).toInt();
    if (wanted == listed)
        return;
    const QVariant previous = chooser->currentData();
    const QSignalBlocker block(chooser);
    chooser->clear();
    for (const Info& info : infos)
        chooser->addItem(info.label, static_cast<int>(info.*member));
    int index = previous.isValid() ? chooser->findData(previous) : -1;
    if (index < 0)
        index = chooser->findData(fallback);
    chooser->setCurrentIndex(std::max(index, 0));
}

} // namespace

void fillMetricChooser(QComboBox* chooser, models::ModelParts parts, models::Metric fallback)
{
    fillEnumChooser(chooser, metricInfos(parts), &MetricInfo::metric, static_cast<int>(fallback));
}

void fillSeriesChooser(QComboBox* chooser, models::ModelParts parts)
{
    fillEnumChooser(chooser, seriesInfos(parts), &SeriesInfo::series, 0);
}

models::ModelParts commonParts(const std::vector<const models::RunResult*>& results)
{
    std::optional<models::ModelParts> common;
    for (const models::RunResult* r : results)
        if (r != nullptr)
            common = common ? common->commonWith(r->parts) : r->parts;
    return common.value_or(models::ModelParts{});
}

} // namespace poolsim::ui
