#pragma once
// A small plot of a duration distribution's shape beside its editor: the density of a
// continuous distribution (from the differences of its quantiles, which is all engine::
// Distribution offers), the probabilities of a discrete one, and its mean and p95 marked.
#include "engine/distribution.h"

#include "ui/core/qcustomplot_include.h"

#include <QVector>

#include <optional>

namespace poolsim::ui {

struct DensityCurve
{
    QVector<double> x; // seconds
    QVector<double> y; // density (1/s), or probability for a discrete distribution
    bool discrete = false;
    double mean = 0, p95 = 0; // seconds
};

/// The density of `d` up to its 99.5th percentile: between consecutive quantiles q(p1), q(p2)
/// the density is (p2 - p1) / (q(p2) - q(p1)). Constant and empirical distributions give their
/// values with their probabilities instead.
DensityCurve densityCurve(const engine::Distribution& d, int points = 300);

class DistributionPlot : public QCustomPlot
{
public:
    explicit DistributionPlot(QWidget* parent = nullptr);
    /// Shows `d` (or clears the plot); the x axis is titled `axisTitle` with the unit chosen
    /// from the range ("hold time (ms)").
    void setDistribution(const std::optional<engine::Distribution>& d, const QString& axisTitle);
    bool hasCurve() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();
    QCPGraph* m_curve;
    QCPItemStraightLine* m_meanLine;
    QCPItemStraightLine* m_p95Line;
};

} // namespace poolsim::ui
