#pragma once
// Reducing a long series to what a chart can show without losing its peaks. A plot of 1 million
// bins on a 1500-pixel-wide chart shows at most a few thousand distinct columns; handing all
// of them to the plotting library only makes zooming slow. Min-max decimation keeps, for each
// group of consecutive points, the lowest and the highest (in their original order), so every
// spike and every dip a reader could see in the full series is still drawn. No Qt.
#include <cstddef>
#include <span>
#include <vector>

namespace poolsim::models {

/// The most points a chart gets per graph: more than any screen shows, few enough to stay fast.
inline constexpr std::size_t kMaxPlotPoints = 4000;

struct XYSeries
{
    std::vector<double> x, y;
};

/// At most `maxPoints` of the points (x[i], y[i]), x ascending: the input unchanged when it has
/// no more than `maxPoints`; otherwise the first and the last point, and for each of
/// (maxPoints - 2) / 2 equal runs of the points between them its lowest and its highest y in x
/// order (one point when they are the same). So the global minimum and maximum, the first and
/// the last point survive, and x stays in the input's order. NaN values (bins with nothing to
/// measure) are skipped within a run; a run of only NaN gives one NaN point, a gap in the line.
/// Throws std::invalid_argument when x and y differ in length, or when the input must be reduced
/// and maxPoints < 4 (too few to keep both ends and a run's minimum and maximum).
XYSeries decimateMinMax(std::span<const double> x, std::span<const double> y,
                        std::size_t maxPoints = kMaxPlotPoints);

} // namespace poolsim::models
