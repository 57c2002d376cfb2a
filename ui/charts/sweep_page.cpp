#include "ui/charts/sweep_page.h"

#include "models/results/series_decimation.h"
#include "models/results/slo.h"
#include "models/scenario/units.h"
#include "ui/charts/metric_text.h"
#include "ui/charts/plot_helpers.h"
#include "ui/charts/run_choosers.h"
#include "ui/charts/sweep_form.h"
#include "ui/core/qcustomplot_include.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <map>

namespace poolsim::ui {

using models::Metric;

namespace {

/// A swept value as a number: plain numbers, durations (seconds) and rates (per second);
/// nullopt for anything else ("none"), which then gets a category axis.
std::optional<double> numericValue(const std::string& text)
{
    try {
        std::size_t used = 0;
        const double v = std::stod(text, &used);
        if (used == text.size())
            return v;
    } catch (const std::exception&) {
    }
    try {
        return models::parseDuration(text).seconds();
    } catch (const std::exception&) {
    }
    try {
        return models::parseRate(text).perSecond();
    } catch (const std::exception&) {
    }
    return std::nullopt;
}

bool isDuration(const std::string& text)
{
    try {
        std::size_t used = 0;
        (void)std::stod(text, &used);
        if (used == text.size())
            return false;
    } catch (const std::exception&) {
    }
    try {
        (void)models::parseDuration(text);
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

constexpr QCPScatterStyle::ScatterShape kShapes[] = {QCPScatterStyle::ssDisc,     QCPScatterStyle::ssSquare,
                                                     QCPScatterStyle::ssTriangle, QCPScatterStyle::ssDiamond,
                                                     QCPScatterStyle::ssCross,    QCPScatterStyle::ssCircle};

/// Scale of a metric's values on the chart, and the unit to name on the axis.
struct AxisUnit
{
    double scale = 1;
    QString suffix;
};

AxisUnit axisUnit(ValueUnit unit, double largest)
{
    switch (unit) {
    case ValueUnit::Seconds:
        return largest < 1 ? AxisUnit{1000, QStringLiteral(" (ms)")} : AxisUnit{1, QStringLiteral(" (s)")};
    case ValueUnit::Fraction:
        return {100, QStringLiteral(" (%)")};
    case ValueUnit::Rate:
        return {1, QStringLiteral(" (/s)")};
    case ValueUnit::Factor:
        return {1, QStringLiteral(" (x)")};
    case ValueUnit::Count:
    case ValueUnit::Level:
        break;
    }
    return {};
}

} // namespace

struct SweepPage::Curve
{
    QString name;
    std::vector<double> x, y, error;
    bool pointsOnly = false; // the search's probes beside a sweep: points, not a line
};

struct SweepPage::Extent
{
    double xLow = 1e300, xHigh = -1e300, yHigh = 0;
};

struct SweepPage::XAxis
{
    std::string path = "pool.size"; // the (last) swept parameter, or the probes' pool size
    bool numeric = true;            // false: one category per swept value
};

SweepPage::SweepPage(QWidget* parent) : ChartPage(parent)
{
    m_style = ChartStyle::fromPalette(palette());
    m_metricChooser = new QComboBox(this);
    m_metricChooser->setObjectName(QStringLiteral("sweepMetric"));
    m_metricChooser->setToolTip(tr("The figure drawn against the swept parameter (mean ± 95% CI)"));
    fillMetricChooser(m_metricChooser, models::ModelParts{}, Metric::WaitP95S);
    m_note = new QLabel(this);
    m_note->setWordWrap(true);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Metric:"), this));
    top->addWidget(m_metricChooser);
    top->addSpacing(12);
    top->addWidget(m_note, 1);

    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("sweepPlot"));
    m_plot->setAutoAddPlottableToLegend(false);
    m_plot->setMinimumHeight(260);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);

    m_form = new SweepForm(this);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_plot, 1);
    layout->addWidget(m_form);

    connect(m_metricChooser, &QComboBox::currentIndexChanged, this, [this](int) { rebuild(); });
    connect(m_form, &SweepForm::runRequested, this,
            [this](const std::vector<models::SweepParam>& params, bool untilSloWanted) {
                m_lastUntilSlo = untilSloWanted;
                Q_EMIT sweepRequested(params);
            });
    connect(m_form, &SweepForm::recommendRequested, this, &ChartPage::recommendRequested);
    rebuild();
}

QString SweepPage::title() const
{
    return tr("Sweep");
}

bool SweepPage::untilSlo() const
{
    return m_lastUntilSlo;
}

void SweepPage::setScenario(const models::Scenario& scenario)
{
    m_scenario = scenario;
    m_hasScenario = true;
    m_form->setScenario(scenario);
    if (!m_sweep && !m_recommendation)
        rebuild(); // the rules of thumb follow the edited scenario
}

void SweepPage::setOutcome(const OutcomePtr& outcome)
{
    if (!outcome) {
        m_sweep.reset();
        m_recommendation.reset();
    } else if (outcome->kind == JobKind::Sweep && outcome->sweep) {
        m_sweep = outcome;
    } else if (outcome->kind == JobKind::Recommend && outcome->recommendation) {
        m_recommendation = outcome;
    } else {
        return;
    }
    rebuild();
}

bool SweepPage::hasData() const
{
    return (m_sweep && !m_sweep->sweep->points.empty()) ||
           (m_recommendation && !m_recommendation->recommendation->probes.empty());
}

QList<NamedPlot> SweepPage::plots() const
{
    return {NamedPlot{QStringLiteral("sweep"), tr("Sweep"), m_plot}};
}

void SweepPage::changeEvent(QEvent* event)
{
    ChartPage::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_style = ChartStyle::fromPalette(palette());
        rebuild();
    }
}

models::ModelParts SweepPage::shownParts() const
{
    std::vector<const models::RunResult*> results;
    if (m_sweep && !m_sweep->sweep->points.empty()) {
        for (const models::SweepPoint& p : m_sweep->sweep->points)
            results.push_back(p.result.get());
    } else if (m_recommendation && !m_recommendation->recommendation->probes.empty()) {
        for (const models::Probe& p : m_recommendation->recommendation->probes)
            results.push_back(p.result.get());
    } else {
        // Nothing ran yet: what a run of the edited scenario will measure.
        return m_hasScenario ? m_scenario.parts() : models::ModelParts{};
    }
    return commonParts(results);
}

const models::Scenario* SweepPage::markScenario() const
{
    if (m_sweep)
        return &m_sweep->scenario;
    if (m_recommendation)
        return &m_recommendation->scenario;
    return m_hasScenario ? &m_scenario : nullptr;
}

std::vector<SweepPage::Curve> SweepPage::sweepCurves(double scale) const
{
    const auto metric = static_cast<Metric>(m_metricChooser->currentData().toInt());
    const models::SweepResult& sweep = *m_sweep->sweep;
    const bool grid = sweep.params.size() > 1;
    std::map<std::size_t, Curve> rows;
    const bool numeric =
        std::all_of(sweep.points.begin(), sweep.points.end(),
                    [](const models::SweepPoint& p) { return numericValue(p.values.back()).has_value(); });
    for (const models::SweepPoint& p : sweep.points) {
        if (!p.result)
            continue;
        Curve& c = rows[p.row];
        if (c.name.isEmpty())
            c.name = grid ? QStringLiteral("%1 = %2").arg(QString::fromStdString(sweep.params.front().path),
                                                          QString::fromStdString(p.values.front()))
                          : metricInfo(metric).label;
        const models::Estimate& e = p.result->metrics[metric];
        c.x.push_back(numeric ? *numericValue(p.values.back()) : static_cast<double>(p.column));
        c.y.push_back(e.mean * scale);
        c.error.push_back(std::isfinite(e.ci95) ? e.ci95 * scale : 0.0);
    }
    std::vector<Curve> out;
    for (auto& [row, curve] : rows)
        out.push_back(std::move(curve));
    return out;
}

std::vector<SweepPage::Curve> SweepPage::probeCurves(double scale) const
{
    const auto metric = static_cast<Metric>(m_metricChooser->currentData().toInt());
    const models::Recommendation& rec = *m_recommendation->recommendation;
    Curve c;
    c.name = tr("%1, pool-size search probes").arg(metricInfo(metric).label);
    std::vector<const models::Probe*> probes;
    for (const models::Probe& p : rec.probes)
        if (p.instances == rec.search.instances && p.result)
            probes.push_back(&p);
    std::sort(probes.begin(), probes.end(),
              [](const models::Probe* a, const models::Probe* b) { return a->poolSize < b->poolSize; });
    for (const models::Probe* p : probes) {
        if (!c.x.empty() && c.x.back() == static_cast<double>(p->poolSize))
            continue;
        const models::Estimate& e = p->result->metrics[metric];
        c.x.push_back(static_cast<double>(p->poolSize));
        c.y.push_back(e.mean * scale);
        c.error.push_back(std::isfinite(e.ci95) ? e.ci95 * scale : 0.0);
    }
    return {c};
}

void SweepPage::rebuild()
{
    m_plot->legend->clearItems();
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    m_style.apply(m_plot);
    fillMetricChooser(m_metricChooser, shownParts(), Metric::WaitP95S);

    const auto metric = static_cast<Metric>(m_metricChooser->currentData().toInt());
    const MetricInfo& info = metricInfo(metric);
    const bool fromSweep = m_sweep && !m_sweep->sweep->points.empty();
    const bool fromProbes =
        !fromSweep && m_recommendation && !m_recommendation->recommendation->probes.empty();
    if (!fromSweep && !fromProbes) {
        m_note->setText(tr("No sweep yet: choose a parameter and values below and press Run sweep."));
        m_plot->legend->setVisible(false);
        m_plot->xAxis->setLabel(QString());
        m_plot->yAxis->setLabel(info.label);
        m_plot->xAxis->setRange(0, 1);
        m_plot->yAxis->setRange(0, 1);
        m_plot->replot(QCustomPlot::rpQueuedRefresh);
        return;
    }

    const AxisUnit unit = axisUnit(info.unit, largestMean(metric, fromSweep));
    std::vector<Curve> curves = fromSweep ? sweepCurves(unit.scale) : probeCurves(unit.scale);
    const XAxis x = setUpXAxis(fromSweep);
    m_plot->yAxis->setLabel(info.label + unit.suffix);
    // A sweep of the pool size alone, with a recommendation: the search's probes are drawn too,
    // so the recommended size sits on a simulated point, not on the line between two.
    if (fromSweep && m_recommendation && x.numeric && x.path == "pool.size" &&
        m_sweep->sweep->params.size() == 1) {
        std::vector<Curve> probes = probeCurves(unit.scale);
        for (Curve& c : probes) {
            c.pointsOnly = true;
            curves.push_back(std::move(c));
        }
    }

    Extent extent;
    drawCurves(curves, extent);
    drawSloLimits(metric, unit.scale, extent);
    drawMarks(x.numeric && x.path == "pool.size", extent);
    fitAxes(curves, x.numeric, extent);
    m_note->setText(noteText(fromSweep));
    m_plot->replot(QCustomPlot::rpQueuedRefresh);
}

double SweepPage::largestMean(Metric metric, bool fromSweep) const
{
    double largest = 0;
    auto consider = [&](const models::RunResult* r) {
        if (r && std::isfinite(r->metrics[metric].mean))
            largest = std::max(largest, std::fabs(r->metrics[metric].mean));
    };
    if (fromSweep)
        for (const models::SweepPoint& p : m_sweep->sweep->points)
            consider(p.result.get());
    else
        for (const models::Probe& p : m_recommendation->recommendation->probes)
            consider(p.result.get());
    return largest;
}

SweepPage::XAxis SweepPage::setUpXAxis(bool fromSweep)
{
    XAxis x;
    if (!fromSweep) {
        m_plot->xAxis->setLabel(tr("pool.size (per instance)"));
        return x;
    }
    const models::SweepResult& sweep = *m_sweep->sweep;
    x.path = sweep.params.back().path;
    x.numeric = std::all_of(sweep.points.begin(), sweep.points.end(), [](const models::SweepPoint& p) {
        return numericValue(p.values.back()).has_value();
    });
    const bool durations =
        !sweep.params.back().values.empty() && isDuration(sweep.params.back().values.front());
    m_plot->xAxis->setLabel(QString::fromStdString(x.path) +
                            (durations && x.numeric ? tr(" (s)") : QString()));
    if (!x.numeric) {
        QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
        const std::vector<std::string>& values = sweep.params.back().values;
        for (std::size_t i = 0; i < values.size(); ++i)
            ticker->addTick(static_cast<double>(i), QString::fromStdString(values[i]));
        m_plot->xAxis->setTicker(ticker);
    }
    return x;
}

void SweepPage::drawCurves(const std::vector<Curve>& curves, Extent& extent)
{
    for (std::size_t i = 0; i < curves.size(); ++i) {
        const Curve& c = curves[i];
        QCPGraph* graph = m_plot->addGraph();
        graph->setObjectName(QStringLiteral("sweep-curve"));
        graph->setName(c.name);
        graph->setPen(m_style.seriesPen(static_cast<int>(i)));
        graph->setScatterStyle(QCPScatterStyle(kShapes[i % std::size(kShapes)],
                                               m_style.seriesColor(static_cast<int>(i)), m_style.background(),
                                               7));
        graph->setSelectable(QCP::stNone);
        if (c.pointsOnly)
            graph->setLineStyle(QCPGraph::lsNone);
        // Error bars pair with the graph's points one for one, so a curve longer than a chart
        // can show is thinned by a stride rather than min-max decimated.
        const std::size_t stride = c.x.size() / models::kMaxPlotPoints + 1;
        QVector<double> x, y, e;
        for (std::size_t k = 0; k < c.x.size(); k += stride) {
            x << c.x[k];
            y << c.y[k];
            e << c.error[k];
            extent.xLow = std::min(extent.xLow, c.x[k]);
            extent.xHigh = std::max(extent.xHigh, c.x[k]);
            if (std::isfinite(c.y[k]))
                extent.yHigh = std::max(extent.yHigh, c.y[k] + c.error[k]);
        }
        graph->setData(x, y);
        auto* bars = new QCPErrorBars(m_plot->xAxis, m_plot->yAxis);
        bars->setObjectName(QStringLiteral("sweep-ci"));
        bars->setDataPlottable(graph);
        bars->setData(e);
        bars->setPen(QPen(m_style.seriesColor(static_cast<int>(i)), 1));
        bars->setWhiskerWidth(8);
        bars->setSelectable(QCP::stNone);
        graph->addToLegend(m_plot->legend);
    }
}

void SweepPage::drawSloLimits(Metric metric, double scale, Extent& extent)
{
    // The service level's limit on this metric (all requests).
    for (const models::SloLimit& limit :
         markScenario() ? markScenario()->slo : std::vector<models::SloLimit>{}) {
        const models::SloKey* key = models::findSloKey(limit.key);
        if (!limit.workload.empty() || !key || key->metric != metric)
            continue;
        const double y = limit.limit * scale;
        addHorizontalLine(m_plot, m_plot->axisRect(), y, m_style.sloPen(), QStringLiteral("slo-limit"));
        addLabelAtY(
            m_plot, m_plot->axisRect(), 0.01, y,
            tr("SLO %1 \u2264 %2").arg(QString::fromStdString(limit.key), QString::fromStdString(limit.text)),
            Qt::AlignLeft | Qt::AlignBottom, m_style.sloColor());
        extent.yHigh = std::max(extent.yHigh, y);
    }
}

void SweepPage::fitAxes(const std::vector<Curve>& curves, bool numeric, const Extent& extent)
{
    const double xLow = extent.xLow, xHigh = extent.xHigh, yHigh = extent.yHigh;
    const double pad = xHigh > xLow ? (xHigh - xLow) * 0.06 : 1;
    m_plot->xAxis->setRange(xLow - pad, xHigh + pad);
    // Whole-number parameters (pool sizes, instances) get whole-number ticks: no "pool 7.5".
    const bool whole =
        numeric && std::all_of(curves.begin(), curves.end(), [](const Curve& c) {
            return std::all_of(c.x.begin(), c.x.end(), [](double v) { return v == std::floor(v); });
        });
    if (whole) {
        QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
        const double wanted = (xHigh - xLow + 2 * pad) / 8;
        double step = 1;
        for (double magnitude = 1; step < wanted; magnitude *= 10)
            for (double m : {1.0, 2.0, 5.0})
                if (step < wanted)
                    step = m * magnitude;
        ticker->setTickStep(step);
        ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples); // zooming out keeps whole steps
        m_plot->xAxis->setTicker(ticker);
    }
    // A little below 0, so that points at 0 (no wait at all) are not hidden by the axis.
    m_plot->yAxis->setRange(yHigh > 0 ? -yHigh * 0.03 : 0, yHigh > 0 ? yHigh * 1.12 : 1);
    legendIn(m_plot, m_plot->axisRect(), Qt::AlignTop | Qt::AlignRight, m_style);
    m_plot->legend->setVisible(true);
}

QString SweepPage::noteText(bool fromSweep) const
{
    if (!fromSweep)
        return tr("No sweep yet: the pool sizes the recommendation tried are drawn.");
    const models::SweepResult& sweep = *m_sweep->sweep;
    QString note = tr("%1 points").arg(sweep.points.size());
    if (!sweep.points.empty() && sweep.points.front().result)
        note += tr(", %1 replications each").arg(sweep.points.front().requestedReplications);
    const auto met = std::find_if(sweep.points.begin(), sweep.points.end(), [](const models::SweepPoint& p) {
        return !p.slo.checks.empty() && p.slo.met();
    });
    if (met != sweep.points.end())
        note += tr("; service levels first met at %1 = %2")
                    .arg(QString::fromStdString(sweep.params.back().path),
                         QString::fromStdString(met->values.back()));
    if (!sweep.complete || !m_sweep->complete)
        note += tr(" - stopped early: partial results");
    return note;
}

void SweepPage::drawMarks(bool poolSizeSwept, Extent& extent)
{
    if (!poolSizeSwept)
        return;
    const models::Scenario* scenario = markScenario();
    const models::Recommendation* rec = m_recommendation ? m_recommendation->recommendation.get() : nullptr;
    QCPAxisRect* rect = m_plot->axisRect();
    auto mark = [&](double x, const QPen& pen, const QString& name, const QString& text, double row) {
        addVerticalLine(m_plot, rect, x, pen, name);
        addLabel(m_plot, rect, x, row, text, Qt::AlignRight | Qt::AlignBottom, pen.color(), -90);
        extent.xLow = std::min(extent.xLow, x);
        extent.xHigh = std::max(extent.xHigh, x);
    };

    if (rec && rec->found()) {
        const models::SizeSearch& search = rec->search;
        drawMeetingRange(search, extent);
        const bool bestIsSmallest = search.bestPoolSize && *search.bestPoolSize == search.poolSize;
        mark(static_cast<double>(search.poolSize), m_style.recommendationPen(), QStringLiteral("recommended"),
             bestIsSmallest ? tr("recommended %1, the best").arg(search.poolSize)
                            : tr("recommended %1").arg(search.poolSize),
             0.02);
        if (search.bestPoolSize && !bestIsSmallest)
            mark(static_cast<double>(*search.bestPoolSize), m_style.recommendationPen(),
                 QStringLiteral("best-pool-size"),
                 tr("best %1 (lowest response p99)").arg(*search.bestPoolSize), 0.02);
    }

    // The rules of thumb: from the recommendation (with its verdict on each), else worked out
    // from the scenario (no simulation needed).
    std::optional<models::RuleOfThumb> users, hikari;
    if (rec) {
        users = rec->usersRule;
        hikari = rec->hikariRule;
    } else if (scenario) {
        try {
            users = models::usersRule(*scenario);
            hikari = models::hikariRule(*scenario, scenario->backend.effectiveInstances());
        } catch (const std::exception&) {
            // A scenario the rules cannot read has no rules to draw.
        }
    }
    auto verdict = [&](const models::RuleOfThumb& rule) {
        if (!rec || !rule.probe || *rule.probe >= rec->probes.size())
            return QString();
        return rec->probes[*rule.probe].met() ? tr(", meets the SLO") : tr(", misses the SLO");
    };
    if (users && users->applicable)
        mark(static_cast<double>(users->poolSize), m_style.rulePen(), QStringLiteral("rule-users"),
             tr("users x 1.5 + 10 = %1%2").arg(users->poolSize).arg(verdict(*users)), 0.45);
    if (hikari && hikari->applicable)
        mark(static_cast<double>(hikari->poolSize), m_style.rulePen(), QStringLiteral("rule-hikari"),
             tr("HikariCP cores x 2 + spindles = %1%2").arg(hikari->poolSize).arg(verdict(*hikari)), 0.45);
}

void SweepPage::drawMeetingRange(const models::SizeSearch& search, Extent& extent)
{
    // With a database server a pool can be too big as well as too small (past the server's peak
    // more connections only slow every query down): the search then reports the range of sizes
    // that meet, shaded from the smallest to the largest, with a line at the largest.
    if (!search.largestPoolSize || *search.largestPoolSize <= search.poolSize)
        return;
    QCPAxisRect* rect = m_plot->axisRect();
    const auto low = static_cast<double>(search.poolSize),
               high = static_cast<double>(*search.largestPoolSize);
    QCPItemRect* area = addSpan(m_plot, rect, low, high, QStringLiteral("meeting-range"));
    area->setPen(Qt::NoPen);
    area->setBrush(m_style.rangeBrush());
    area->setLayer(QStringLiteral("background")); // under the curves and the grid
    const QPen edge = m_style.rulePen();
    addVerticalLine(m_plot, rect, high, edge, QStringLiteral("largest-meeting"));
    addLabel(m_plot, rect, high, 0.02, tr("largest meeting %1").arg(*search.largestPoolSize),
             Qt::AlignRight | Qt::AlignBottom, m_style.foreground(), -90);
    addLabel(m_plot, rect, (low + high) / 2, 0.98,
             tr("%1 to %2 meet the service levels").arg(search.poolSize).arg(*search.largestPoolSize),
             Qt::AlignHCenter | Qt::AlignBottom, m_style.foreground());
    extent.xLow = std::min(extent.xLow, low);
    extent.xHigh = std::max(extent.xHigh, high);
}

} // namespace poolsim::ui
