#include "ui/export/chart_export_menu.h"

#include "ui/core/app_settings.h"
#include "ui/core/qcustomplot_include.h"

#include <QContextMenuEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>

namespace poolsim::ui {

ChartExportMenu::ChartExportMenu(AppSettings* settings, Naming naming, QObject* parent)
    : QObject(parent), m_settings(settings), m_naming(std::move(naming))
{
    m_askPath = [](QWidget* p, const QString& suggested, ChartFormat format) {
        const QString name = chartFormatName(format);
        return QFileDialog::getSaveFileName(p, tr("Save chart"), suggested,
                                            tr("%1 files (*.%2)").arg(name.toUpper(), name));
    };
    m_reportError = [](QWidget* p, const QString& message) {
        QMessageBox::warning(p, tr("Save chart"), message);
    };
}

void ChartExportMenu::attach(ChartPage* page)
{
    // On the plots themselves, and on the page for plots made later (their context-menu events
    // go up to the page: QCustomPlot leaves them alone).
    page->installEventFilter(this);
    for (QCustomPlot* plot : page->findChildren<QCustomPlot*>())
        plot->installEventFilter(this);
}

bool ChartExportMenu::eventFilter(QObject* watched, QEvent* event)
{
    auto* widget = qobject_cast<QWidget*>(watched);
    if (widget == nullptr || event->type() != QEvent::ContextMenu)
        return QObject::eventFilter(watched, event);
    ChartPage* page = nullptr;
    for (QWidget* w = widget; w != nullptr && page == nullptr; w = w->parentWidget())
        page = qobject_cast<ChartPage*>(w);
    if (page == nullptr)
        return QObject::eventFilter(watched, event);
    auto* menuEvent = static_cast<QContextMenuEvent*>(event);
    QWidget* under = widget == page ? page->childAt(menuEvent->pos()) : widget;
    const QList<NamedPlot> plots = page->plots();
    for (QWidget* w = under; w != nullptr && w != page; w = w->parentWidget())
        for (const NamedPlot& plot : plots)
            if (plot.plot == w) {
                QMenu* menu = createMenu(plot, plot.plot);
                menu->setAttribute(Qt::WA_DeleteOnClose);
                menu->popup(menuEvent->globalPos());
                return true;
            }
    return QObject::eventFilter(watched, event);
}

QMenu* ChartExportMenu::createMenu(const NamedPlot& plot, QWidget* parent)
{
    auto* menu = new QMenu(parent);
    QCustomPlot* target = plot.plot;
    QAction* copy = menu->addAction(tr("Copy chart"));
    copy->setObjectName(QStringLiteral("copyChart"));
    connect(copy, &QAction::triggered, this, [this, target] { copyChartToClipboard(target, chosenSize()); });
    menu->addSeparator();
    for (ChartFormat format : {ChartFormat::Png, ChartFormat::Svg, ChartFormat::Pdf}) {
        QAction* action = menu->addAction(tr("Save chart as %1...").arg(chartFormatName(format).toUpper()));
        action->setObjectName(QStringLiteral("saveChart-") + chartFormatName(format));
        connect(action, &QAction::triggered, this,
                [this, plot, format, parent] { save(plot, format, parent); });
    }
    return menu;
}

ChartSize ChartExportMenu::chosenSize() const
{
    if (m_settings == nullptr)
        return ChartSize{};
    const QSize size = m_settings->exportSize();
    ChartSize chosen{size.width(), size.height(), m_settings->exportScale()};
    try {
        checkChartSize(chosen);
        return chosen;
    } catch (const ExportError&) {
        return ChartSize{}; // a setting out of range (edited by hand): the default
    }
}

void ChartExportMenu::save(const NamedPlot& plot, ChartFormat format, QWidget* parent)
{
    const ExportNaming naming = m_naming();
    const QString folder = m_settings != nullptr ? m_settings->exportFolder() : QDir::homePath();
    const QString suggested =
        QDir(folder).filePath(chartFileName(naming.stem, naming.hash, plot.key, format));
    QString path = m_askPath(parent, suggested, format);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + chartFormatName(format);
    try {
        exportChart(plot.plot, path, format, chosenSize());
        if (m_settings != nullptr)
            m_settings->setExportFolder(QFileInfo(path).absolutePath());
    } catch (const ExportError& e) {
        m_reportError(parent, QString::fromStdString(e.what()));
    }
}

} // namespace poolsim::ui
