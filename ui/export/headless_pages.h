#pragma once
// The chart pages of the window, made for an export without a window: laid out offscreen at a
// fixed size (never shown on a screen) and given the scenario and the job outcomes.
#include "ui/charts/chart_page.h"

#include <QList>
#include <QSize>

#include <vector>

namespace poolsim::ui {

class HeadlessPages
{
public:
    /// Makes the pages, gives them `scenario` and each non-null outcome, and lays them out at `size`.
    HeadlessPages(const models::Scenario& scenario, const std::vector<OutcomePtr>& outcomes, QSize size);
    ~HeadlessPages();
    HeadlessPages(const HeadlessPages&) = delete;
    HeadlessPages& operator=(const HeadlessPages&) = delete;

    /// In the window's tab order.
    const QList<ChartPage*>& pages() const { return m_pages; }

private:
    QList<ChartPage*> m_pages; // owned: top-level widgets
};

} // namespace poolsim::ui
