#pragma once
// A long series on a zoomable chart: decimated for the whole range when drawn, then decimated
// again for the visible range whenever the key axis changes, so a zoomed-in view shows the
// bins themselves (up to models::kMaxPlotPoints of them) rather than the coarse whole-range
// envelope, and agrees with the crosshair's values. Owned by the graph or bars it feeds (it
// goes when they go).
#ifndef Q_MOC_RUN
#include "models/results/series_decimation.h"
#endif

#include <QObject>

#include <cstddef>
#include <functional>
#include <vector>

class QCPAxis;
class QCPRange;

namespace poolsim::ui {

class ZoomDecimation : public QObject
{
public:
    using Apply = std::function<void(const models::XYSeries&)>;

    /// Keeps (x, y) (x ascending) and calls `apply` with the decimated points of the range
    /// `keyAxis` shows, now and after every change of it. Replaces an earlier one on `owner`.
    static void attach(QObject* owner, QCPAxis* keyAxis, std::vector<double> x, std::vector<double> y,
                       Apply apply);
    /// Removes the one on `owner`, if any (its data is being replaced by a short series).
    static void detach(QObject* owner);

private:
    ZoomDecimation(QObject* owner, std::vector<double> x, std::vector<double> y, Apply apply);
    void show(double lower, double upper);

    std::vector<double> m_x, m_y;
    Apply m_apply;
    std::size_t m_first = 0, m_end = 0; // the slice shown last
};

} // namespace poolsim::ui
