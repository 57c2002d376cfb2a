// poolsim-validation-chart VALIDATION.csv OUT.png [TITLE]: the chart of scripts/validate-postgres.sh,
// measured and predicted throughput and latency against pool size, in the desktop program's
// chart style (light palette), drawn offscreen with QCustomPlot.
#include "ui/charts/chart_style.h"
#include "ui/charts/plot_helpers.h"

#include <QPalette>

#include <QApplication>
#include <QFile>
#include <QStringList>
#include <QTextStream>

#include "ui/core/qcustomplot_include.h"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

/// validation.csv's columns: pool_size, measured_per_s, spread_pct, predicted_per_s, error_pct,
/// measured_latency_ms, predicted_latency_ms, pure_usl_per_s.
constexpr int kColumns = 8;
struct Rows
{
    std::vector<double> pool, measured, predicted, measuredLatency, predictedLatency, pure;
};

bool readRows(const QString& path, Rows& rows, QString& error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        error = path + QStringLiteral(": ") + file.errorString();
        return false;
    }
    QTextStream in(&file);
    in.readLine(); // the header
    for (int line = 2; !in.atEnd(); ++line) {
        const QStringList f = in.readLine().split(QLatin1Char(','));
        bool ok = f.size() == kColumns;
        double v[kColumns] = {};
        for (int i = 0; ok && i < kColumns; ++i)
            v[i] = f[i].toDouble(&ok);
        if (!ok) {
            error = QStringLiteral("%1:%2: expected %3 numbers").arg(path).arg(line).arg(kColumns);
            return false;
        }
        rows.pool.push_back(v[0]);
        rows.measured.push_back(v[1]);
        rows.predicted.push_back(v[3]);
        rows.measuredLatency.push_back(v[5]);
        rows.predictedLatency.push_back(v[6]);
        rows.pure.push_back(v[7]);
    }
    if (rows.pool.empty())
        error = path + QStringLiteral(": no rows");
    return !rows.pool.empty();
}

/// One panel: measured as points joined by a thin line, predicted as the first series' line.
void addPanel(QCustomPlot* plot, QCPAxisRect* rect, const poolsim::ui::ChartStyle& style, const Rows& rows,
              const std::vector<double>& measured, const std::vector<double>& predicted, const QString& label)
{
    QCPGraph* p = plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    p->setName(QStringLiteral("predicted (PoolSim)"));
    p->setPen(style.seriesPen(0));
    poolsim::ui::setLineData(p, rows.pool, predicted);
    QCPGraph* m = plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    m->setName(QStringLiteral("measured (median)"));
    m->setPen(style.seriesPen(1, 1.0));
    m->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, style.seriesColor(1), style.background(), 8));
    poolsim::ui::setLineData(m, rows.pool, measured);

    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    x->setScaleType(QCPAxis::stLogarithmic);
    QSharedPointer<QCPAxisTickerText> ticks(new QCPAxisTickerText);
    for (const double pool : rows.pool)
        ticks->addTick(pool, QString::number(pool));
    x->setTicker(ticks);
    x->setLabel(QStringLiteral("pool size (pgbouncer server connections)"));
    x->setRange(rows.pool.front() / 1.3, rows.pool.back() * 1.3);
    rect->axis(QCPAxis::atLeft)->setLabel(label);
    double top = 0;
    for (const std::vector<double>* v : {&measured, &predicted})
        for (const double y : *v)
            top = std::max(top, y);
    rect->axis(QCPAxis::atLeft)->setRange(0, top * 1.15);
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (argc < 3) {
        std::fputs("usage: poolsim-validation-chart VALIDATION.csv OUT.png [TITLE]\n", stderr);
        return 2;
    }
    Rows rows;
    QString error;
    if (!readRows(QString::fromLocal8Bit(argv[1]), rows, error)) {
        std::fprintf(stderr, "poolsim-validation-chart: %s\n", qPrintable(error));
        return 2;
    }
    const poolsim::ui::ChartStyle style = poolsim::ui::ChartStyle::fromPalette(QPalette(Qt::white));
    QCustomPlot plot;
    // The plot's own axis rect (and legend) for throughput, a second below for latency, a title above.
    QCPAxisRect* throughput = plot.axisRect();
    auto* latency = new QCPAxisRect(&plot);
    plot.plotLayout()->addElement(1, 0, latency);
    plot.plotLayout()->insertRow(0);
    plot.plotLayout()->addElement(0, 0,
                                  new QCPTextElement(&plot,
                                                     argc > 3 ? QString::fromLocal8Bit(argv[3]) : QString(),
                                                     QFont(QStringLiteral("DejaVu Sans"), 11, QFont::Bold)));
    addPanel(&plot, throughput, style, rows, rows.measured, rows.predicted,
             QStringLiteral("throughput (queries/s)"));
    addPanel(&plot, latency, style, rows, rows.measuredLatency, rows.predictedLatency,
             QStringLiteral("mean latency incl. 1 ms think (ms)"));
    for (QCPGraph* graph : latency->graphs())
        graph->removeFromLegend(); // the same two series as above
    // For comparison: the prediction of the pure USL, which charges the round trip to the server.
    QCPGraph* pure = plot.addGraph(throughput->axis(QCPAxis::atBottom), throughput->axis(QCPAxis::atLeft));
    pure->setName(QStringLiteral("predicted by the pure USL (no round trip)"));
    pure->setPen(style.seriesPen(2, 1.5));
    poolsim::ui::setLineData(pure, rows.pool, rows.pure);
    QCPAxis* perSecond = throughput->axis(QCPAxis::atLeft);
    for (const double x : rows.pure)
        perSecond->setRangeUpper(std::max(perSecond->range().upper, x * 1.15));
    style.apply(&plot);
    poolsim::ui::legendIn(&plot, throughput, Qt::AlignBottom | Qt::AlignRight, style);
    const QString out = QString::fromLocal8Bit(argv[2]);
    if (!plot.savePng(out, 900, 800)) {
        std::fprintf(stderr, "poolsim-validation-chart: cannot write %s\n", qPrintable(out));
        return 2;
    }
    return 0;
}
