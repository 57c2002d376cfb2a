#include "ui/export/headless_pages.h"

#include "ui/charts/chart_pages.h"

#include <QCoreApplication>

#include <cstdio>

namespace poolsim::ui {

namespace {

QtMessageHandler g_previousHandler = nullptr;

/// The offscreen platform warns "This plugin does not support propagateSizeHints()" for every
/// window shown: noise on the stderr of a pipeline, which should only see real problems.
void dropSizeHintWarnings(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type == QtWarningMsg && message.contains(QLatin1String("propagateSizeHints")))
        return;
    if (g_previousHandler != nullptr)
        g_previousHandler(type, context, message);
    else
        std::fprintf(stderr, "%s\n", qPrintable(qFormatLogMessage(type, context, message)));
}

} // namespace

HeadlessPages::HeadlessPages(const models::Scenario& scenario, const std::vector<OutcomePtr>& outcomes,
                             QSize size)
    : m_pages(createChartPages(nullptr))
{
    g_previousHandler = qInstallMessageHandler(dropSizeHintWarnings);
    for (ChartPage* page : m_pages) {
        page->setAttribute(Qt::WA_DontShowOnScreen);
        page->resize(size);
        page->setScenario(scenario);
        for (const OutcomePtr& outcome : outcomes)
            if (outcome)
                page->setOutcome(outcome);
        page->show(); // lays the page out (offscreen: never on a screen)
    }
    // Layout requests and the plots' replots are posted events.
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    qInstallMessageHandler(g_previousHandler);
}

HeadlessPages::~HeadlessPages()
{
    qDeleteAll(m_pages);
}

} // namespace poolsim::ui
