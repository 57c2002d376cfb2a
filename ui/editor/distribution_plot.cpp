#include "ui/editor/distribution_plot.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <map>

namespace poolsim::ui {

namespace {

constexpr double kTopQuantile = 0.995;

struct TimeUnit
{
    double seconds;
    const char* name;
};

/// The unit that keeps the axis ticks short for a range ending at `maxSeconds`.
TimeUnit unitFor(double maxSeconds)
{
    if (maxSeconds < 1)
        return {1e-3, "ms"};
    if (maxSeconds < 120)
        return {1, "s"};
    if (maxSeconds < 7200)
        return {60, "min"};
    return {3600, "h"};
}

} // namespace

DensityCurve densityCurve(const engine::Distribution& d, int points)
{
    DensityCurve curve;
    curve.mean = d.mean();
    curve.p95 = d.quantile(0.95);
    using Kind = engine::Distribution::Kind;
    if (d.kind() == Kind::Constant || d.kind() == Kind::Empirical) {
        // Equal-probability values: count how often each value comes up on a fine grid of p.
        curve.discrete = true;
        constexpr int kGrid = 1000;
        std::map<double, int> counts;
        for (int i = 0; i < kGrid; ++i)
            ++counts[d.quantile((i + 0.5) / kGrid)];
        for (const auto& [value, count] : counts) {
            curve.x.push_back(value);
            curve.y.push_back(static_cast<double>(count) / kGrid);
        }
        return curve;
    }
    const double p0 = 0.0005;
    const double step = (kTopQuantile - p0) / points;
    double previousP = p0;
    double previousX = d.quantile(p0);
    curve.x.push_back(previousX); // the curve rises from the axis (a uniform's left edge)
    curve.y.push_back(0);
    for (int i = 1; i <= points; ++i) {
        const double p = p0 + step * i;
        const double x = d.quantile(p);
        if (x > previousX) {
            curve.x.push_back((x + previousX) / 2);
            curve.y.push_back((p - previousP) / (x - previousX));
            previousP = p;
            previousX = x;
        }
    }
    curve.x.push_back(previousX);
    curve.y.push_back(0);
    return curve;
}

DistributionPlot::DistributionPlot(QWidget* parent)
    : QCustomPlot(parent), m_curve(addGraph()), m_meanLine(new QCPItemStraightLine(this)),
      m_p95Line(new QCPItemStraightLine(this))
{
    setMinimumHeight(120);
    setMaximumHeight(170);
    yAxis->setTickLabels(false);
    yAxis->setLabel(QCoreApplication::translate("poolsim::ui::DistributionPlot", "density"));
    m_curve->setBrush(QColor(33, 150, 243, 60));
    for (QCPItemStraightLine* line : {m_meanLine, m_p95Line})
        line->setVisible(false);
    applyPalette();
}

void DistributionPlot::applyPalette()
{
    const QPalette pal = palette();
    setBackground(pal.color(QPalette::Base));
    const QColor text = pal.color(QPalette::Text);
    for (QCPAxis* axis : {xAxis, yAxis}) {
        axis->setBasePen(QPen(text));
        axis->setTickPen(QPen(text));
        axis->setSubTickPen(QPen(text));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
        axis->grid()->setPen(QPen(pal.color(QPalette::Mid), 0, Qt::DotLine));
    }
    m_curve->setPen(QPen(QColor(25, 118, 210), 2));
    // Mean dashed, p95 dotted: distinguishable in greyscale print too.
    m_meanLine->setPen(QPen(text, 1.5, Qt::DashLine));
    m_p95Line->setPen(QPen(QColor(230, 81, 0), 1.5, Qt::DotLine));
}

void DistributionPlot::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
        replot();
    }
    QCustomPlot::changeEvent(event);
}

bool DistributionPlot::hasCurve() const
{
    return !m_curve->data()->isEmpty();
}

void DistributionPlot::setDistribution(const std::optional<engine::Distribution>& d, const QString& axisTitle)
{
    m_curve->data()->clear();
    m_meanLine->setVisible(false);
    m_p95Line->setVisible(false);
    if (!d) {
        xAxis->setLabel(axisTitle);
        replot();
        return;
    }
    const DensityCurve curve = densityCurve(*d);
    const double top = std::max({curve.x.isEmpty() ? 0.0 : curve.x.back(), curve.p95, curve.mean});
    const TimeUnit unit = unitFor(top > 0 ? top : 1);
    QVector<double> x = curve.x;
    for (double& v : x)
        v /= unit.seconds;
    m_curve->setLineStyle(curve.discrete ? QCPGraph::lsImpulse : QCPGraph::lsLine);
    m_curve->setScatterStyle(curve.discrete ? QCPScatterStyle(QCPScatterStyle::ssCircle, 5)
                                            : QCPScatterStyle());
    m_curve->setBrush(curve.discrete ? Qt::NoBrush : QBrush(QColor(33, 150, 243, 60)));
    m_curve->setData(x, curve.y, true);
    m_meanLine->point1->setCoords(curve.mean / unit.seconds, 0);
    m_meanLine->point2->setCoords(curve.mean / unit.seconds, 1);
    m_p95Line->point1->setCoords(curve.p95 / unit.seconds, 0);
    m_p95Line->point2->setCoords(curve.p95 / unit.seconds, 1);
    m_meanLine->setVisible(true);
    m_p95Line->setVisible(true);
    xAxis->setLabel(QStringLiteral("%1 (%2)").arg(axisTitle, QLatin1String(unit.name)));
    const double maxY = curve.y.isEmpty() ? 1 : *std::max_element(curve.y.begin(), curve.y.end());
    const double right = top / unit.seconds;
    const double left = curve.discrete ? std::min(0.0, x.isEmpty() ? 0.0 : x.front()) : 0;
    const double pad = std::max(right - left, 1e-9) * 0.05;
    xAxis->setRange(left - (curve.discrete ? pad : 0), right + pad);
    yAxis->setRange(0, maxY > 0 ? maxY * 1.1 : 1);
    replot();
}

} // namespace poolsim::ui
