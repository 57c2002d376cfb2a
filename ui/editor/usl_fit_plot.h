#pragma once
// The Database tab's picture of a load test fitted with the Universal Scalability Law: the
// measured throughputs as points, the fitted curve as a line, and its peak marked by a vertical
// line with the concurrency and throughput there. Colours follow the palette (QEvent::
// PaletteChange), as the distribution plot's do.
#include "ui/core/qcustomplot_include.h"

#ifndef Q_MOC_RUN
#include "models/fitting/usl_curve.h"
#include "models/fitting/usl_fit.h"
#endif

#include <vector>

namespace poolsim::ui {

class UslFitPlot : public QCustomPlot
{
public:
    explicit UslFitPlot(QWidget* parent = nullptr);

    /// Shows `points` and the curve fitted to them.
    void showFit(const std::vector<models::UslPoint>& points, const models::UslFit& fit);
    /// Empties the plot (no fit, or a fit that failed).
    void clearFit();
    bool hasFit() const;

    /// The concurrencies the curve is drawn at from `low` to `high`: evenly spaced on the axis
    /// (geometric on a logarithmic one), with the curve's kinks (the cores, the peak) added so
    /// that the drawn peak is the peak.
    static std::vector<double> curveConcurrencies(const models::UslCurve& curve, double low, double high,
                                                  bool logarithmic, int count = 240);

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();

    QCPGraph* m_fitted; // made first: drawn under the points
    QCPGraph* m_measured;
    QCPItemStraightLine* m_peakLine;
    QCPItemText* m_peakLabel;
};

} // namespace poolsim::ui
