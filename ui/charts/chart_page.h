#pragma once
// A page of the main window's chart area. Pages only show what a job produced; they never run
// a simulation. The exporter renders their plots.
// moc (Qt 6.4) cannot parse the C++20 headers models/ includes; it needs only the names.
#ifndef Q_MOC_RUN
#include "ui/core/run_outcome.h"
#endif

#include <QList>
#include <QString>
#include <QWidget>

class QCustomPlot;

namespace poolsim::ui {

/// One plot of a page, with a file-name-friendly key ("timeline", "waits-cdf").
struct NamedPlot
{
    QString key;
    QString title;
    QCustomPlot* plot = nullptr;
    /// What the report prints above the plot (the Timeline's failure story); empty: nothing.
    QString caption = QString();
};

class ChartPage : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;
    /// The tab's title ("Timeline", "Waits", "Variants", "Sweep", "Summary").
    virtual QString title() const = 0;
    /// The scenario being edited (pages mark bursts, the pool size, SLO lines from it).
    virtual void setScenario(const models::Scenario& scenario) = 0;
    /// A job's outcome of the kind the page shows (others are ignored). Null clears the page.
    virtual void setOutcome(const OutcomePtr& outcome) = 0;
    /// Whether the page has data to show or export.
    virtual bool hasData() const = 0;
    /// The page's plots, for export (a table-only page returns none).
    virtual QList<NamedPlot> plots() const = 0;

Q_SIGNALS:
    /// The page asks for a job (the Sweep page's Run button, the Summary page's Recommend).
    void sweepRequested(const std::vector<poolsim::models::SweepParam>& params);
    void recommendRequested();
};

} // namespace poolsim::ui
