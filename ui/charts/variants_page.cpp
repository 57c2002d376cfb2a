#include "ui/charts/variants_page.h"

#include "ui/charts/differences_model.h"
#include "ui/charts/metric_text.h"
#include "ui/charts/outcome_runs.h"
#include "ui/charts/plot_helpers.h"
#include "ui/charts/run_choosers.h"
#include "ui/charts/sim_time_ticker.h"
#include "ui/core/qcustomplot_include.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <cmath>
#include <set>

namespace poolsim::ui {

VariantsPage::VariantsPage(QWidget* parent) : ChartPage(parent)
{
    m_style = ChartStyle::fromPalette(palette());

    m_seriesChooser = new QComboBox(this);
    m_seriesChooser->setObjectName(QStringLiteral("variantsSeries"));
    m_seriesChooser->setToolTip(tr("The timeline series to overlay, mean over replications"));
    fillSeriesChooser(m_seriesChooser, models::ModelParts{});
    m_note = new QLabel(this);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Series:"), this));
    top->addWidget(m_seriesChooser);
    top->addSpacing(12);
    top->addWidget(m_note, 1);

    m_runList = new QListWidget(this);
    m_runList->setObjectName(QStringLiteral("variantsRuns"));
    m_runList->setToolTip(tr("The runs to overlay"));
    m_runList->setMaximumWidth(170);

    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("variantsPlot"));
    m_plot->setAutoAddPlottableToLegend(false);
    m_plot->setMinimumHeight(240);
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new SimTimeTicker));
    m_plot->xAxis->setLabel(tr("simulated time"));
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);

    m_model = new DifferencesModel(this);
    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("variantsTable"));
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setAlternatingRowColors(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto* chartRow = new QWidget(this);
    auto* chartLayout = new QHBoxLayout(chartRow);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->addWidget(m_runList);
    chartLayout->addWidget(m_plot, 1);

    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(chartRow);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(m_seriesChooser, &QComboBox::currentIndexChanged, this, [this](int) { rebuild(); });
    connect(m_runList, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        if (item->checkState() == Qt::Unchecked)
            m_unchecked.insert(item->text());
        else
            m_unchecked.erase(item->text());
        rebuild();
    });
    rebuild();
}

QString VariantsPage::title() const
{
    return tr("Variants");
}

void VariantsPage::setScenario(const models::Scenario&) {}

void VariantsPage::setOutcome(const OutcomePtr& outcome)
{
    if (outcome && outcome->kind != JobKind::Run)
        return;
    // The reader's choice of runs (m_unchecked) holds across re-runs; new runs start checked.
    m_outcome = outcome;
    m_runs = shownRuns(outcome);
    {
        const QSignalBlocker block(m_runList);
        m_runList->clear();
        for (const models::VariantRun& run : m_runs) {
            auto* item = new QListWidgetItem(QString::fromStdString(run.name), m_runList);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(m_unchecked.count(item->text()) ? Qt::Unchecked : Qt::Checked);
            QString tip = QString::fromStdString(run.description);
            for (const models::SettingChange& change : run.changes)
                tip += QStringLiteral("\n%1: %2")
                           .arg(QString::fromStdString(change.path), QString::fromStdString(change.value));
            item->setToolTip(tip.trimmed());
        }
    }
    // The series every run measured: an overlay of a series some run lacks would draw zeros it
    // never measured.
    std::vector<const models::RunResult*> results;
    for (const models::VariantRun& run : m_runs)
        results.push_back(run.result.get());
    fillSeriesChooser(m_seriesChooser, commonParts(results));
    m_model->setRuns(m_runs);
    m_table->resizeColumnsToContents();
    m_table->scrollToTop(); // a new comparison is read from its first metric
    rebuild();
}

bool VariantsPage::hasData() const
{
    return !m_runs.empty();
}

QList<NamedPlot> VariantsPage::plots() const
{
    return {NamedPlot{QStringLiteral("variants"), tr("Variants overlaid"), m_plot}};
}

void VariantsPage::changeEvent(QEvent* event)
{
    ChartPage::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_style = ChartStyle::fromPalette(palette());
        rebuild();
    }
}

void VariantsPage::rebuild()
{
    m_plot->legend->clearItems();
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_style.apply(m_plot);

    const auto series = static_cast<models::Series>(m_seriesChooser->currentData().toInt());
    const SeriesInfo& info = seriesInfo(series);
    m_plot->yAxis->setLabel(info.label);
    if (m_runs.empty()) {
        m_note->setText(tr("No run yet: press Run (F5) to compare the variants."));
        m_plot->legend->setVisible(false);
        m_plot->xAxis->setRange(0, 600);
        m_plot->yAxis->setRange(0, 1);
        m_plot->replot(QCustomPlot::rpQueuedRefresh);
        return;
    }

    // Seconds read better in milliseconds when the series stays below one.
    double top = 0, horizon = 0;
    for (const models::VariantRun& run : m_runs) {
        horizon = std::max(horizon, run.result->horizonS);
        for (double v : run.result->series[static_cast<std::size_t>(series)].mean)
            if (std::isfinite(v))
                top = std::max(top, v);
    }
    const bool ms = info.unit == ValueUnit::Seconds && top < 1;
    const double scale = ms ? 1000 : 1;
    if (info.unit == ValueUnit::Seconds)
        m_plot->yAxis->setLabel(info.label + (ms ? tr(" (ms)") : tr(" (s)")));

    int shown = 0;
    double yTop = 0;
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        if (m_runList->item(static_cast<int>(i))->checkState() != Qt::Checked)
            continue;
        const models::RunResult& r = *m_runs[i].result;
        const std::vector<double> x = binCentres(r);
        std::vector<double> y = r.series[static_cast<std::size_t>(series)].mean;
        for (double& v : y) {
            v *= scale;
            if (std::isfinite(v))
                yTop = std::max(yTop, v);
        }
        QCPGraph* graph = m_plot->addGraph();
        graph->setObjectName(QString::fromStdString(m_runs[i].name));
        graph->setName(QStringLiteral("%1 (pool %2)")
                           .arg(QString::fromStdString(m_runs[i].name), poolSizeText(m_runs[i])));
        // The colour and dash stay with the run whichever others are checked.
        graph->setPen(m_style.seriesPen(static_cast<int>(i)));
        graph->setSelectable(QCP::stNone);
        setLineData(graph, x, y);
        graph->addToLegend(m_plot->legend);
        ++shown;
    }
    legendIn(m_plot, m_plot->axisRect(), Qt::AlignTop | Qt::AlignRight, m_style);
    m_plot->legend->setVisible(shown > 0);
    m_plot->xAxis->setRange(0, horizon > 0 ? horizon : 600);
    m_plot->yAxis->setRange(0, yTop > 0 ? yTop * 1.12 : 1);
    if (m_outcome && m_outcome->baseOnly)
        m_note->setText(tr("Live mode: the variants are running for this edit and follow in a moment."));
    else
        m_note->setText(shown == 0
                            ? tr("Check a run to draw it.")
                            : tr("Mean over replications of each run; the table compares them with %1.")
                                  .arg(QString::fromStdString(m_runs.front().name)));
    m_plot->replot(QCustomPlot::rpQueuedRefresh);
}

} // namespace poolsim::ui
