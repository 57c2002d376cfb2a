#include "ui/charts/zoom_decimation.h"

#include "ui/core/qcustomplot_include.h"

#include <algorithm>
#include <span>

namespace poolsim::ui {

namespace {
const QString kObjectName = QStringLiteral("zoomDecimation");
}

void ZoomDecimation::attach(QObject* owner, QCPAxis* keyAxis, std::vector<double> x, std::vector<double> y,
                            Apply apply)
{
    detach(owner);
    auto* self = new ZoomDecimation(owner, std::move(x), std::move(y), std::move(apply));
    // The visible part now and after every zoom or pan.
    const QCPRange range = keyAxis->range();
    self->show(range.lower, range.upper);
    connect(keyAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), self,
            [self](const QCPRange& r) { self->show(r.lower, r.upper); });
}

void ZoomDecimation::detach(QObject* owner)
{
    delete owner->findChild<QObject*>(kObjectName, Qt::FindDirectChildrenOnly);
}

ZoomDecimation::ZoomDecimation(QObject* owner, std::vector<double> x, std::vector<double> y, Apply apply)
    : QObject(owner), m_x(std::move(x)), m_y(std::move(y)), m_apply(std::move(apply))
{
    setObjectName(kObjectName);
}

void ZoomDecimation::show(double lower, double upper)
{
    if (m_x.empty())
        return;
    // The points in view and one beyond each side, so lines run to the chart's edges; all of
    // them for an empty range.
    std::size_t first = 0, end = m_x.size();
    if (upper > lower) {
        first = static_cast<std::size_t>(std::lower_bound(m_x.begin(), m_x.end(), lower) - m_x.begin());
        end = static_cast<std::size_t>(std::upper_bound(m_x.begin(), m_x.end(), upper) - m_x.begin());
        first = first > 0 ? first - 1 : 0;
        end = std::min(m_x.size(), end + 1);
    }
    if (first >= end || (first == m_first && end == m_end))
        return;
    m_first = first;
    m_end = end;
    const std::span<const double> xs(m_x.data() + first, end - first);
    const std::span<const double> ys(m_y.data() + first, end - first);
    m_apply(models::decimateMinMax(xs, ys, models::kMaxPlotPoints));
}

} // namespace poolsim::ui
