#include "ui/charts/waits_page.h"

#include "models/results/slo.h"
#include "ui/charts/metric_text.h"
#include "ui/charts/outcome_runs.h"
#include "ui/charts/plot_helpers.h"
#include "ui/charts/run_choosers.h"
#include "ui/charts/wait_histogram.h"
#include "ui/core/qcustomplot_include.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace poolsim::ui {

namespace {

const std::span<const double> kProbabilities(models::kWaitCdfProbabilities.data(),
                                             models::kWaitCdfProbabilities.size());

struct Mark
{
    double p;
    const char* label;
};
constexpr Mark kMarks[] = {{0.50, "p50"}, {0.95, "p95"}, {0.99, "p99"}};

bool isWaitLimit(const std::string& key)
{
    return key == "wait_mean" || key == "wait_p50" || key == "wait_p95" || key == "wait_p99" ||
           key == "wait_max";
}

QCustomPlot* makePlot(QWidget* parent, const QString& name, const QString& xLabel, const QString& yLabel)
{
    auto* plot = new QCustomPlot(parent);
    plot->setObjectName(name);
    plot->setAutoAddPlottableToLegend(false);
    plot->setMinimumHeight(200);
    plot->plotLayout()->insertRow(0);
    auto* title = new QCPTextElement(plot, QString(),
                                     QFont(parent->font().family(), parent->font().pointSize(), QFont::Bold));
    title->setObjectName(QStringLiteral("title"));
    plot->plotLayout()->addElement(0, 0, title);
    plot->xAxis->setLabel(xLabel);
    plot->yAxis->setLabel(yLabel);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->axisRect()->setRangeDrag(Qt::Horizontal);
    plot->axisRect()->setRangeZoom(Qt::Horizontal);
    return plot;
}

QCPTextElement* titleOf(QCustomPlot* plot)
{
    return qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0));
}

} // namespace

WaitsPage::WaitsPage(QWidget* parent) : ChartPage(parent)
{
    m_style = ChartStyle::fromPalette(palette());
    m_runChooser = new QComboBox(this);
    m_runChooser->setObjectName(QStringLiteral("waitsRun"));
    m_runChooser->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_runChooser->setToolTip(tr("Which run: the scenario as written, or one of its variants"));
    m_scopeChooser = new QComboBox(this);
    m_scopeChooser->setObjectName(QStringLiteral("waitsScope"));
    m_scopeChooser->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_scopeChooser->setToolTip(tr("The waits of all requests, or of one workload's"));
    m_note = new QLabel(this);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Run:"), this));
    top->addWidget(m_runChooser);
    top->addSpacing(12);
    top->addWidget(new QLabel(tr("Requests:"), this));
    top->addWidget(m_scopeChooser);
    top->addSpacing(12);
    top->addWidget(m_note, 1);

    m_histogram = makePlot(this, QStringLiteral("waitsHistogram"), tr("wait"), tr("% of requests"));
    m_cdf = makePlot(this, QStringLiteral("waitsCdf"), tr("wait"), tr("% waiting at most"));

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_histogram);
    split->addWidget(m_cdf);
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_runChooser, &QComboBox::currentIndexChanged, this, [this](int) {
        fillScopeChooser(m_scopeChooser, shownRun());
        rebuild();
    });
    connect(m_scopeChooser, &QComboBox::currentIndexChanged, this, [this](int) { rebuild(); });
    rebuild();
}

QString WaitsPage::title() const
{
    return tr("Waits");
}

void WaitsPage::setScenario(const models::Scenario&) {}

void WaitsPage::setOutcome(const OutcomePtr& outcome)
{
    if (outcome && outcome->kind != JobKind::Run)
        return;
    m_outcome = outcome;
    m_runs = shownRuns(outcome);
    fillRunChooser(m_runChooser, m_runs);
    fillScopeChooser(m_scopeChooser, shownRun());
    rebuild();
}

bool WaitsPage::hasData() const
{
    return chosenCdf() != nullptr;
}

QList<NamedPlot> WaitsPage::plots() const
{
    // Named after the run and the workload shown.
    const QString run = m_runChooser->currentText();
    const QString scope = m_scopeChooser->currentIndex() > 0 ? m_scopeChooser->currentText() : QString();
    return {namedForChoice(QStringLiteral("waits-histogram"), tr("Wait histogram"), m_histogram, run, scope),
            namedForChoice(QStringLiteral("waits-cdf"), tr("Wait distribution (CDF)"), m_cdf, run, scope)};
}

void WaitsPage::changeEvent(QEvent* event)
{
    ChartPage::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_style = ChartStyle::fromPalette(palette());
        rebuild();
    }
}

const models::VariantRun* WaitsPage::shownRun() const
{
    return chosenRun(m_runChooser, m_runs);
}

std::string WaitsPage::scopeWorkload() const
{
    return m_scopeChooser->currentIndex() > 0 ? m_scopeChooser->currentText().toStdString() : std::string();
}

const std::vector<double>* WaitsPage::chosenCdf() const
{
    const models::VariantRun* run = shownRun();
    const int scope = m_scopeChooser->currentIndex();
    if (!run || scope < 0)
        return nullptr;
    const models::RunResult& r = *run->result;
    const std::vector<double>* cdf = nullptr;
    if (scope == 0)
        cdf = &r.waitCdfS;
    else if (static_cast<std::size_t>(scope - 1) < r.workloadWaitCdfS.size())
        cdf = &r.workloadWaitCdfS[static_cast<std::size_t>(scope - 1)];
    if (!cdf || cdf->size() != models::kWaitCdfPoints)
        return nullptr;
    return cdf;
}

void WaitsPage::rebuild()
{
    for (QCustomPlot* plot : {m_histogram, m_cdf}) {
        plot->clearPlottables();
        plot->clearItems();
        m_style.apply(plot);
    }
    m_runChooser->setEnabled(m_runs.size() > 1);
    const std::vector<double>* cdf = chosenCdf();
    const bool finite =
        cdf && std::all_of(cdf->begin(), cdf->end(), [](double q) { return std::isfinite(q); });
    if (!finite) {
        m_note->setText(cdf ? tr("No request of this kind was served: no waits to show.")
                            : tr("No run yet: press Run (F5) to see how long requests wait."));
        titleOf(m_histogram)->setText(tr("Wait histogram"));
        titleOf(m_cdf)->setText(tr("Wait distribution"));
        for (QCustomPlot* plot : {m_histogram, m_cdf}) {
            plot->xAxis->setRange(0, 1);
            plot->yAxis->setRange(0, 100);
            plot->replot(QCustomPlot::rpQueuedRefresh);
        }
        return;
    }
    const models::VariantRun& run = *shownRun();
    const std::string workload = scopeWorkload();
    const WaitHistogram histogram = waitHistogram(*cdf, kProbabilities);

    // Waits under a second read better in milliseconds.
    std::vector<double> limits;
    for (const models::SloLimit& limit : run.result->slo)
        if (limit.workload == workload && isWaitLimit(limit.key))
            limits.push_back(limit.limit);
    const double largest =
        std::max(cdf->back(), limits.empty() ? 0.0 : *std::max_element(limits.begin(), limits.end()));
    const bool ms = largest < 1;
    const double scale = ms ? 1000 : 1;
    const QString unit = ms ? tr("ms") : tr("s");
    const double xTop = largest > 0 ? largest * scale * 1.06 : 1;

    // Histogram.
    auto* bars = new QCPBars(m_histogram->xAxis, m_histogram->yAxis);
    bars->setObjectName(QStringLiteral("histogram"));
    bars->setName(tr("share of requests"));
    bars->setWidthType(QCPBars::wtPlotCoords);
    bars->setWidth(histogram.binWidthS * scale);
    bars->setBrush(m_style.barBrush(0));
    bars->setPen(m_style.barPen(0));
    std::vector<double> centres, shares;
    double top = 0;
    for (std::size_t b = 0; b < histogram.share.size(); ++b) {
        centres.push_back((histogram.binStartS[b] + histogram.binWidthS / 2) * scale);
        shares.push_back(histogram.share[b] * 100);
        top = std::max(top, histogram.share[b] * 100);
    }
    setBarsData(bars, centres, shares);
    m_histogram->xAxis->setLabel(tr("wait (%1)").arg(unit));
    m_histogram->xAxis->setRange(0, xTop);
    m_histogram->yAxis->setRange(0, top > 0 ? top * 1.15 : 1);
    titleOf(m_histogram)
        ->setText(histogram.noWaitShare >= 0.9995
                      ? tr("No request waited for a connection")
                      : tr("Wait histogram: %1 of requests did not wait (not drawn); bars of %2")
                            .arg(formatValue(histogram.noWaitShare, ValueUnit::Fraction),
                                 formatSeconds(histogram.binWidthS)));

    // Cumulative distribution.
    QCPGraph* line = m_cdf->addGraph();
    line->setObjectName(QStringLiteral("cdf"));
    line->setName(tr("share waiting at most"));
    line->setPen(m_style.seriesPen(0));
    std::vector<double> x, y;
    for (std::size_t i = 0; i < cdf->size(); ++i) {
        x.push_back((*cdf)[i] * scale);
        y.push_back(models::kWaitCdfProbabilities[i] * 100);
    }
    setLineData(line, x, y);
    m_cdf->xAxis->setLabel(tr("wait (%1)").arg(unit));
    m_cdf->xAxis->setRange(0, xTop);
    // Most requests usually wait 0: the curve starts high. Start the axis just below that
    // share so that the tail, where p95 and p99 live, fills the chart.
    const double startPct = histogram.noWaitShare * 100;
    const double yLow = startPct >= 90   ? std::floor(startPct) - 1
                        : startPct >= 50 ? std::floor(startPct / 10) * 10 - 10
                                         : 0;
    m_cdf->yAxis->setRange(yLow, 100 + (100 - yLow) * 0.03);
    titleOf(m_cdf)->setText(
        yLow > 0 ? tr("Share of requests waiting at most a given time (axis from %1%)").arg(yLow)
                 : tr("Share of requests waiting at most a given time"));

    drawQuantileMarks(m_histogram, *cdf, scale);
    drawQuantileMarks(m_cdf, *cdf, scale);

    // The service level's wait limits for this scope.
    for (const models::SloLimit& limit : run.result->slo) {
        if (limit.workload != workload || !isWaitLimit(limit.key))
            continue;
        for (QCustomPlot* plot : {m_histogram, m_cdf}) {
            addVerticalLine(plot, plot->axisRect(), limit.limit * scale, m_style.sloPen(),
                            QStringLiteral("slo-limit"));
            addLabel(plot, plot->axisRect(), limit.limit * scale, 0.5,
                     tr("SLO %1 \u2264 %2")
                         .arg(QString::fromStdString(limit.key), QString::fromStdString(limit.text)),
                     Qt::AlignLeft | Qt::AlignBottom, m_style.sloColor(), -90);
        }
    }

    const models::RunResult& r = *run.result;
    m_note->setText(tr("%1 replications; quantiles are means over replications").arg(r.replications) +
                    (r.complete ? QString() : tr(" - stopped early: partial results")));
    for (QCustomPlot* plot : {m_histogram, m_cdf})
        plot->replot(QCustomPlot::rpQueuedRefresh);
}

void WaitsPage::drawQuantileMarks(QCustomPlot* plot, const std::vector<double>& cdf, double scale)
{
    double row = 0.04;
    for (const Mark& mark : kMarks) {
        const double q = quantileAt(cdf, kProbabilities, mark.p);
        addVerticalLine(plot, plot->axisRect(), q * scale, m_style.markerPen(),
                        QStringLiteral("quantile-") + QLatin1String(mark.label));
        addLabel(plot, plot->axisRect(), q * scale, row,
                 QLatin1String(mark.label) + QLatin1Char(' ') + formatSeconds(q),
                 Qt::AlignLeft | Qt::AlignTop, m_style.foreground());
        row += 0.09; // quantiles often coincide (all 0 when few wait): stack their labels
    }
}

} // namespace poolsim::ui
