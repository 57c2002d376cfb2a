#include "ui/editor/usl_fit_plot.h"

#include <QCoreApplication>
#include <QEvent>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace poolsim::ui {

namespace {

QString text(const char* source)
{
    return QCoreApplication::translate("poolsim::ui::UslFitPlot", source);
}

/// Load tests double their clients (pgbench -c 1,2,4,...,128): over a span that wide a linear
/// axis crowds everything up to the peak into its first few pixels, so the axis goes
/// logarithmic (base 2) from a 16-fold span on.
constexpr double kLogarithmicSpan = 16;

const QColor kMeasured(25, 118, 210);
const QColor kFitted(230, 81, 0);

} // namespace

UslFitPlot::UslFitPlot(QWidget* parent)
    : QCustomPlot(parent), m_fitted(addGraph()), m_measured(addGraph()),
      m_peakLine(new QCPItemStraightLine(this)), m_peakLabel(new QCPItemText(this))
{
    setObjectName(QStringLiteral("fit.plot"));
    setMinimumHeight(220);
    m_measured->setObjectName(QStringLiteral("measured"));
    m_measured->setName(text("measured"));
    m_measured->setLineStyle(QCPGraph::lsNone);
    m_fitted->setObjectName(QStringLiteral("fitted"));
    m_peakLine->setObjectName(QStringLiteral("peak"));
    m_peakLabel->setObjectName(QStringLiteral("peak-label"));
    m_peakLabel->position->setTypeX(QCPItemPosition::ptPlotCoords);
    m_peakLabel->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_peakLabel->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_peakLabel->setPadding(QMargins(4, 2, 4, 2));
    m_peakLine->point1->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_peakLine->point2->setTypeY(QCPItemPosition::ptAxisRectRatio);
    xAxis->setLabel(text("concurrency (queries at once)"));
    yAxis->setLabel(text("throughput (/s)"));
    // The legend in a row of its own above the chart: inside, it would hide the peak's label or
    // the first points, wherever the peak falls.
    plotLayout()->insertRow(0);
    plotLayout()->setRowSpacing(0);
    auto* legendRow = new QCPLayoutGrid;
    plotLayout()->addElement(0, 0, legendRow);
    axisRect()->insetLayout()->take(legend);
    legendRow->addElement(0, 0, legend);
    legendRow->addElement(0, 1, new QCPLayoutElement(this)); // takes the rest of the row
    legendRow->setColumnStretchFactor(0, 0.001);
    legendRow->setColumnStretchFactor(1, 1);
    plotLayout()->setRowStretchFactor(0, 0.001);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setBorderPen(Qt::NoPen);
    legend->setVisible(false);
    applyPalette();
    clearFit();
}

bool UslFitPlot::hasFit() const
{
    return !m_fitted->data()->isEmpty();
}

void UslFitPlot::applyPalette()
{
    const QPalette pal = palette();
    setBackground(pal.color(QPalette::Base));
    const QColor foreground = pal.color(QPalette::Text);
    for (QCPAxis* axis : {xAxis, yAxis}) {
        axis->setBasePen(QPen(foreground));
        axis->setTickPen(QPen(foreground));
        axis->setSubTickPen(QPen(foreground));
        axis->setTickLabelColor(foreground);
        axis->setLabelColor(foreground);
        axis->grid()->setPen(QPen(pal.color(QPalette::Mid), 0, Qt::DotLine));
    }
    legend->setBrush(Qt::NoBrush);
    legend->setTextColor(foreground);
    // Points filled, curve solid in another hue and lightness: apart in greyscale too.
    m_measured->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kMeasured, kMeasured, 7));
    m_fitted->setPen(QPen(kFitted, 2));
    m_peakLine->setPen(QPen(foreground, 1.2, Qt::DashLine));
    m_peakLabel->setColor(foreground);
    QColor back = pal.color(QPalette::Base);
    back.setAlphaF(0.85f);
    m_peakLabel->setBrush(QBrush(back));
}

void UslFitPlot::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
        replot();
    }
    QCustomPlot::changeEvent(event);
}

void UslFitPlot::clearFit()
{
    m_measured->data()->clear();
    m_fitted->data()->clear();
    m_peakLine->setVisible(false);
    m_peakLabel->setVisible(false);
    legend->setVisible(false);
    xAxis->setScaleType(QCPAxis::stLinear);
    xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    xAxis->setRange(0, 32);
    yAxis->setRange(0, 1);
    replot();
}

std::vector<double> UslFitPlot::curveConcurrencies(const models::UslCurve& curve, double low, double high,
                                                   bool logarithmic, int count)
{
    std::vector<double> n;
    for (int i = 0; i <= count; ++i) {
        const double t = static_cast<double>(i) / count;
        n.push_back(logarithmic ? low * std::pow(high / low, t) : low + (high - low) * t);
    }
    for (double kink :
         {curve.cores ? static_cast<double>(*curve.cores) : std::nan(""), curve.peakConcurrency()})
        if (std::isfinite(kink) && kink > low && kink < high)
            n.push_back(kink);
    std::sort(n.begin(), n.end());
    return n;
}

void UslFitPlot::showFit(const std::vector<models::UslPoint>& points, const models::UslFit& fit)
{
    QVector<double> px, py;
    double low = 1e300, high = 0, top = 0;
    for (const models::UslPoint& p : points) {
        px << p.concurrency;
        py << p.throughput;
        low = std::min(low, p.concurrency);
        high = std::max(high, p.concurrency);
        top = std::max(top, p.throughput);
    }
    const models::UslCurve& curve = fit.curve;
    // With a round trip the curve is the load test's closed loop, whose peak is the best number
    // of connections; without, the server's USL and its peak.
    const double peak = fit.bestConcurrency();
    const bool logarithmic = high / low >= kLogarithmicSpan;
    // From one query (the curve's start) to the last measured concurrency, or a little past
    // the peak when the measurements stop before it.
    const double from = std::min(1.0, low);
    const double to = std::isfinite(peak) ? std::max(high, peak * 1.25) : high;
    QVector<double> cx, cy;
    std::vector<double> at = curveConcurrencies(curve, from, to, logarithmic);
    if (fit.roundTripS) { // the closed loop is defined at whole numbers of clients
        for (double& n : at)
            n = std::max(1.0, std::round(n));
        at.erase(std::unique(at.begin(), at.end()), at.end());
    }
    for (double n : at) {
        cx << n;
        cy << fit.at(n).throughputPerS;
        top = std::max(top, cy.back());
    }
    m_measured->setData(px, py);
    m_fitted->setData(cx, cy, true);
    const QString cores = curve.cores ? text("%1 cores").arg(*curve.cores) : text("classic");
    m_fitted->setName(fit.roundTripS ? text("fitted USL with round trip, %1").arg(cores)
                      : curve.cores  ? text("fitted USL, %1").arg(cores)
                                     : text("fitted USL (classic)"));

    if (logarithmic) {
        xAxis->setScaleType(QCPAxis::stLogarithmic);
        QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
        ticker->setLogBase(2);
        ticker->setSubTickCount(0);
        xAxis->setTicker(ticker);
        xAxis->setNumberFormat(QStringLiteral("f"));
        xAxis->setNumberPrecision(0);
        xAxis->setRange(from / 1.25, to * 1.25);
    } else {
        xAxis->setScaleType(QCPAxis::stLinear);
        xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        xAxis->setNumberFormat(QStringLiteral("gb"));
        const double pad = (to - 0) * 0.04;
        xAxis->setRange(0, to + pad);
    }
    yAxis->setRange(0, top * 1.15);

    const bool peaked = std::isfinite(peak);
    m_peakLine->setVisible(peaked);
    m_peakLabel->setVisible(peaked);
    if (peaked) {
        m_peakLine->point1->setCoords(peak, 0);
        m_peakLine->point2->setCoords(peak, 1);
        const QLocale locale;
        m_peakLabel->setText(
            text(fit.roundTripS ? "best: %1 at %2/s" : "peak: %1 at %2/s")
                .arg(locale.toString(peak, 'g', 3), locale.toString(fit.at(peak).throughputPerS, 'f', 0)));
        m_peakLabel->position->setCoords(peak, 0.02);
    }
    legend->clearItems();
    legend->addItem(new QCPPlottableLegendItem(legend, m_measured));
    legend->addItem(new QCPPlottableLegendItem(legend, m_fitted));
    legend->setVisible(true);
    replot();
}

} // namespace poolsim::ui
