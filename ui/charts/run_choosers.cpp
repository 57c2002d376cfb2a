#include "ui/charts/run_choosers.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QSignalBlocker>

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

} // namespace poolsim::ui
