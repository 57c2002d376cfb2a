#include "ui/charts/summary_page.h"

#include "models/planning/recommend.h"
#include "models/results/alerts.h"
#include "models/results/failure_story.h"
#include "models/results/slo.h"
#include "ui/charts/alerts_model.h"
#include "ui/charts/analytic_figures_model.h"
#include "ui/charts/metric_text.h"
#include "ui/charts/metrics_table_model.h"
#include "ui/charts/outcome_runs.h"
#include "ui/charts/recommendation_model.h"
#include "ui/charts/run_choosers.h"
#include "ui/charts/slo_checks_model.h"

#include <QComboBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QTableView>
#include <QVBoxLayout>

namespace poolsim::ui {

namespace {

/// A table as tall as its rows, so that the page scrolls as a whole instead of each table. The
/// height is worked out whenever the layout asks (after the style has set the row heights).
class FittedTable : public QTableView
{
public:
    using QTableView::QTableView;
    QSize sizeHint() const override
    {
        QSize size = QTableView::sizeHint();
        size.setHeight(fittedHeight());
        return size;
    }
    QSize minimumSizeHint() const override
    {
        QSize size = QTableView::minimumSizeHint();
        size.setHeight(fittedHeight());
        return size;
    }

private:
    int fittedHeight() const
    {
        return horizontalHeader()->sizeHint().height() + verticalHeader()->length() + 2 * frameWidth();
    }
};

QTableView* makeTable(QAbstractItemModel* model, const QString& name, QWidget* parent)
{
    auto* table = new FittedTable(parent);
    table->setObjectName(name);
    table->setModel(model);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6); // compact rows
    table->setAlternatingRowColors(true);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
    table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    // Columns fit their contents; the last (notes, bounds) takes what is left and elides, with
    // the full text as tooltip: no horizontal scroll bar to hide a row behind.
    table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    table->setTextElideMode(Qt::ElideRight);
    auto fit = [table] {
        const int last = table->model()->columnCount() - 1;
        for (int c = 0; c < last; ++c)
            table->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
        if (last >= 0)
            table->horizontalHeader()->setSectionResizeMode(last, QHeaderView::Stretch);
        table->updateGeometry();
    };
    QObject::connect(model, &QAbstractItemModel::modelReset, table, fit);
    fit();
    return table;
}

QLabel* makeLabel(QWidget* parent, const QString& name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QString escaped(const std::string& text)
{
    return QString::fromStdString(text).toHtmlEscaped();
}

} // namespace

SummaryPage::SummaryPage(QWidget* parent) : ChartPage(parent)
{
    m_runChooser = new QComboBox(this);
    m_runChooser->setObjectName(QStringLiteral("summaryRun"));
    m_runChooser->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_runChooser->setToolTip(tr("Which run: the scenario as written, or one of its variants"));
    m_scopeChooser = new QComboBox(this);
    m_scopeChooser->setObjectName(QStringLiteral("summaryScope"));
    m_scopeChooser->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_scopeChooser->setToolTip(tr("The metrics of all requests, or of one workload's"));
    m_note = makeLabel(this, QStringLiteral("summaryNote"));

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Run:"), this));
    top->addWidget(m_runChooser);
    top->addSpacing(12);
    top->addWidget(new QLabel(tr("Requests:"), this));
    top->addWidget(m_scopeChooser);
    top->addSpacing(12);
    top->addWidget(m_note, 1);

    auto* content = new QWidget;
    m_metrics = new MetricsTableModel(this);
    m_slo = new SloChecksModel(this);
    m_alerts = new AlertsModel(this);
    m_analytic = new AnalyticFiguresModel(this);
    m_recommendation = new RecommendationModel(this);

    auto* metricsBox =
        new QGroupBox(tr("Metrics (mean over replications, 95% confidence interval)"), content);
    auto* metricsLayout = new QVBoxLayout(metricsBox);
    m_tables.push_back(makeTable(m_metrics, QStringLiteral("metricsTable"), metricsBox));
    metricsLayout->addWidget(m_tables.back());
    metricsLayout->addStretch(1);

    auto* sloBox = new QGroupBox(tr("Service levels"), content);
    auto* sloLayout = new QVBoxLayout(sloBox);
    m_sloVerdict = makeLabel(sloBox, QStringLiteral("sloVerdict"));
    sloLayout->addWidget(m_sloVerdict);
    m_tables.push_back(makeTable(m_slo, QStringLiteral("sloTable"), sloBox));
    sloLayout->addWidget(m_tables.back());

    auto* alertsBox = new QGroupBox(tr("Alerts"), content);
    auto* alertsLayout = new QVBoxLayout(alertsBox);
    m_alertsNote = makeLabel(alertsBox, QStringLiteral("alertsNote"));
    alertsLayout->addWidget(m_alertsNote);
    m_tables.push_back(makeTable(m_alerts, QStringLiteral("alertsTable"), alertsBox));
    alertsLayout->addWidget(m_tables.back());

    auto* analyticBox =
        new QGroupBox(tr("Analytic quick check (closed forms, the scenario as written)"), content);
    auto* analyticLayout = new QVBoxLayout(analyticBox);
    m_analyticVerdict = makeLabel(analyticBox, QStringLiteral("analyticVerdict"));
    m_analyticInputs = makeLabel(analyticBox, QStringLiteral("analyticInputs"));
    m_caveats = makeLabel(analyticBox, QStringLiteral("analyticCaveats"));
    analyticLayout->addWidget(m_analyticVerdict);
    analyticLayout->addWidget(m_analyticInputs);
    m_tables.push_back(makeTable(m_analytic, QStringLiteral("analyticTable"), analyticBox));
    analyticLayout->addWidget(m_tables.back());
    analyticLayout->addWidget(m_caveats);

    auto* recommendBox = new QGroupBox(tr("Pool size recommendation and database budget"), content);
    auto* recommendLayout = new QVBoxLayout(recommendBox);
    m_recommend = new QPushButton(tr("Recommend"), recommendBox);
    m_recommend->setObjectName(QStringLiteral("summaryRecommend"));
    m_runBudget = makeLabel(recommendBox, QStringLiteral("runBudgetText"));
    recommendLayout->addWidget(m_runBudget);
    m_budget = makeLabel(recommendBox, QStringLiteral("budgetText"));
    m_deadlocks = makeLabel(recommendBox, QStringLiteral("deadlockWarnings"));
    auto* recommendTop = new QHBoxLayout;
    recommendTop->addWidget(m_budget, 1);
    recommendTop->addWidget(m_recommend, 0, Qt::AlignTop);
    recommendLayout->addLayout(recommendTop);
    m_tables.push_back(makeTable(m_recommendation, QStringLiteral("recommendationTable"), recommendBox));
    recommendLayout->addWidget(m_tables.back());
    recommendLayout->addWidget(m_deadlocks);

    // Two columns: the long metrics list beside everything else.
    auto* right = new QVBoxLayout;
    right->addWidget(sloBox);
    right->addWidget(alertsBox);
    right->addWidget(analyticBox);
    right->addWidget(recommendBox);
    right->addStretch(1);
    // A box layout (not a grid): its height-for-width, which the scroll area sizes the page by,
    // splits the width exactly as the layout will, so wrapped notes get the lines they need.
    auto* columns = new QHBoxLayout(content);
    columns->addWidget(metricsBox, 0);
    columns->addLayout(right, 1);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    // The failure story first, framed: whether instances failed is the first question about a
    // run whose instances can fail, and the answer should not be a row among forty.
    m_failureStory = makeLabel(this, QStringLiteral("failureStory"));
    m_failureStory->setFrameShape(QFrame::StyledPanel);
    m_failureStory->setMargin(6);
    m_failureStory->setVisible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_failureStory);
    layout->addWidget(scroll, 1);

    connect(m_runChooser, &QComboBox::currentIndexChanged, this, [this](int) {
        fillScopeChooser(m_scopeChooser, shownRun());
        showRun();
    });
    connect(m_scopeChooser, &QComboBox::currentIndexChanged, this, [this](int) { showRun(); });
    connect(m_recommend, &QPushButton::clicked, this, &ChartPage::recommendRequested);
    m_recommend->setEnabled(false);
    showRun();
    showAnalytic();
    showRecommendation();
}

QString SummaryPage::title() const
{
    return tr("Summary");
}

void SummaryPage::setScenario(const models::Scenario& scenario)
{
    m_scenarioHasSlo = !scenario.slo.empty();
    m_recommend->setEnabled(m_scenarioHasSlo);
    m_recommend->setToolTip(
        m_scenarioHasSlo ? tr("Search for the smallest pool per instance that meets the service levels")
                         : tr("Needs service levels (slo:) in the scenario"));
    if (!m_recommended)
        showRecommendation();
}

void SummaryPage::setOutcome(const OutcomePtr& outcome)
{
    if (!outcome) {
        m_run.reset();
        m_recommended.reset();
    } else if (outcome->kind == JobKind::Run) {
        m_run = outcome;
    } else if (outcome->kind == JobKind::Recommend && outcome->recommendation) {
        m_recommended = outcome;
        showRecommendation();
        return;
    } else {
        return;
    }
    m_runs = shownRuns(m_run);
    fillRunChooser(m_runChooser, m_runs);
    fillScopeChooser(m_scopeChooser, shownRun());
    showRun();
    showAnalytic();
    showRunBudget();
    if (!outcome)
        showRecommendation();
}

bool SummaryPage::hasData() const
{
    return !m_runs.empty() || m_recommended;
}

QList<NamedPlot> SummaryPage::plots() const
{
    return {};
}

QString SummaryPage::analyticVerdict() const
{
    return m_analyticVerdict->text();
}

QString SummaryPage::budgetText() const
{
    return m_budget->text();
}

const models::VariantRun* SummaryPage::shownRun() const
{
    return chosenRun(m_runChooser, m_runs);
}

void SummaryPage::showRun()
{
    const models::VariantRun* run = shownRun();
    m_runChooser->setEnabled(m_runs.size() > 1);
    if (!run) {
        m_note->setText(tr("No run yet: press Run (F5)."));
        m_metrics->setEstimates(std::nullopt);
        m_slo->setReport({});
        m_alerts->setAlerts({}, 0, 0);
        m_sloVerdict->setText(QString());
        m_alertsNote->setText(QString());
        m_failureStory->clear();
        m_failureStory->setVisible(false);
        return;
    }
    const models::RunResult& r = *run->result;
    const std::optional<models::FailureStory> story = models::failureStory(r);
    m_failureStory->setText(story ? QStringLiteral("<b>%1</b>").arg(escaped(story->sentence())) : QString());
    m_failureStory->setVisible(story.has_value());
    QString note = tr("%1: %2 replications, seed %3, pool %4 connections in all")
                       .arg(QString::fromStdString(run->name))
                       .arg(r.replications)
                       .arg(r.seed)
                       .arg(r.poolSizeTotal);
    if (!r.complete)
        note += tr(" - stopped early: partial results");
    m_note->setText(note);

    const int scope = m_scopeChooser->currentIndex();
    if (scope > 0 && static_cast<std::size_t>(scope - 1) < r.workloadMetrics.size())
        m_metrics->setEstimates(r.workloadMetrics[static_cast<std::size_t>(scope - 1)], r.parts);
    else
        m_metrics->setEstimates(r.metrics, r.parts);

    if (r.slo.empty()) {
        m_slo->setReport({});
        m_sloVerdict->setText(tr("The scenario sets no service levels (slo:)."));
    } else {
        try {
            const models::SloReport report = models::evaluateSlo(r.slo, r);
            m_sloVerdict->setText(
                report.met() ? tr("All met: the upper end of every 95% interval is within its limit.")
                             : tr("<b>NOT MET</b>: %1 of %2 limits missed or unsure.")
                                   .arg(std::count_if(report.checks.begin(), report.checks.end(),
                                                      [](const models::SloCheck& c) { return !c.met; }))
                                   .arg(report.checks.size()));
            m_slo->setReport(report);
        } catch (const std::exception& e) {
            m_slo->setReport({});
            m_sloVerdict->setText(
                tr("The service levels cannot be checked: %1").arg(QString::fromStdString(e.what())));
        }
    }

    m_alerts->setAlerts(r.alerts, r.replications, r.resolutionS);
    std::vector<models::AlertRule> rules;
    for (const models::AlertOutcome& a : r.alerts)
        rules.push_back(a.rule);
    const auto firedCount =
        std::count_if(r.alerts.begin(), r.alerts.end(), [](const models::AlertOutcome& a) {
            return !a.periods.empty() || a.firedReplications > 0;
        });
    const QString whose =
        rules == models::defaultAlertRules(r.parts) ? tr("the default rules") : tr("the scenario's rules");
    m_alertsNote->setText(r.alerts.empty() ? tr("No alert rules (alerts: [])")
                          : firedCount == 0
                              ? tr("No alert fired (%1).").arg(whose)
                              : tr("%1 of %2 rules fired (%3; times on the mean over replications).")
                                    .arg(firedCount)
                                    .arg(r.alerts.size())
                                    .arg(whose));
}

void SummaryPage::showAnalytic()
{
    const std::shared_ptr<const models::AnalyticCheck> check = m_run ? m_run->analytic : nullptr;
    m_analytic->setCheck(check);
    if (!check) {
        QString why;
        if (m_run)
            why = m_run->baseOnly ? tr("Live mode: the analytic check follows the variants in a moment.")
                                  : tr("The analytic check could not run for this scenario.");
        m_analyticVerdict->setText(why);
        m_analyticInputs->clear();
        m_caveats->clear();
        return;
    }
    m_analyticVerdict->setText(QStringLiteral("<b>%1</b>").arg(escaped(check->verdict())));
    if (!check->applicable) {
        m_analyticInputs->setText(QString::fromStdString(check->notApplicable));
    } else {
        const models::AnalyticInputs& in = check->inputs;
        const std::string_view model = models::analyticModelTitle(in.model);
        m_analyticInputs->setText(
            tr("%1.\nPer instance: c = %2 connections, %3 arrivals, mean hold %4, offered load %5%6; the "
               "steady "
               "traffic is %7 of the requests.")
                .arg(QString::fromUtf8(model.data(), static_cast<qsizetype>(model.size())))
                .arg(in.servers)
                .arg(formatValue(in.lambdaPerS, ValueUnit::Rate), formatSeconds(in.meanHoldS),
                     formatValue(in.offeredLoad, ValueUnit::Level),
                     in.timeoutS ? tr(", pool timeout %1").arg(formatSeconds(*in.timeoutS)) : QString(),
                     formatValue(in.requestShare, ValueUnit::Fraction)));
    }
    QStringList caveats;
    for (const models::AnalyticCaveat& c : check->caveats)
        caveats << QStringLiteral("&bull; ") + escaped(c.text);
    m_caveats->setText(caveats.isEmpty() ? QString()
                                         : tr("Caveats:<br>") + caveats.join(QStringLiteral("<br>")));
}

void SummaryPage::showRunBudget()
{
    // The pools each run used against the database's connections: known from the run alone,
    // before any recommendation.
    if (m_runs.empty()) {
        m_runBudget->clear();
        return;
    }
    QStringList parts;
    std::optional<std::int64_t> budget;
    for (const models::VariantRun& run : m_runs) {
        const models::DatabaseBudget b = models::databaseBudget(run.scenario, run.result->poolSizeTotal);
        if (!b.budget)
            continue;
        budget = b.budget;
        parts << tr("%1 uses %2 (%3)")
                     .arg(escaped(run.name), poolSizeText(run),
                          b.fits.value_or(true) ? tr("fits") : tr("<b>does NOT fit</b>"));
    }
    if (!budget) {
        m_runBudget->setText(
            tr("Database: no max_connections given, so the runs' pools have no budget to fit."));
        return;
    }
    m_runBudget->setText(tr("Database budget of the runs: %1 connections (max_connections - reserved); %2.")
                             .arg(*budget)
                             .arg(parts.join(QStringLiteral("; "))));
}

QString SummaryPage::runBudgetText() const
{
    return m_runBudget->text();
}

QString SummaryPage::failureStoryText() const
{
    const models::VariantRun* run = shownRun();
    const std::optional<models::FailureStory> story = run ? models::failureStory(*run->result) : std::nullopt;
    return story ? QString::fromStdString(story->sentence()) : QString();
}

void SummaryPage::showRecommendation()
{
    const std::shared_ptr<const models::Recommendation> rec =
        m_recommended ? m_recommended->recommendation : nullptr;
    m_recommendation->setRecommendation(rec);
    if (!rec) {
        m_budget->setText(m_scenarioHasSlo
                              ? tr("Press Recommend to find the smallest pool that meets the service levels.")
                              : tr("A recommendation needs service levels (slo:) in the scenario."));
        m_deadlocks->clear();
        return;
    }
    m_budget->setText(RecommendationModel::budgetText(*rec));
    QStringList warnings;
    for (const models::DeadlockWarning& w : rec->deadlocks) {
        QString text =
            tr("&bull; %1 takes %2 connections one by one").arg(escaped(w.name)).arg(w.connections);
        text += w.minPoolSize
                    ? tr(": a pool below %1 per instance can deadlock.").arg(*w.minPoolSize)
                    : tr(" with open arrivals: no pool size rules out a deadlock (use acquire: together).");
        warnings << text;
    }
    m_deadlocks->setText(warnings.isEmpty()
                             ? QString()
                             : tr("Nested acquisitions:<br>") + warnings.join(QStringLiteral("<br>")));
}

} // namespace poolsim::ui
