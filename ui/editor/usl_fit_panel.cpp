#include "ui/editor/usl_fit_panel.h"

#include "models/fitting/usl_csv.h"
#include "models/scenario/scenario_error.h"
#include "ui/core/scenario_document.h"
#include "ui/editor/editor_widgets.h"
#include "ui/editor/usl_fit_plot.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTextBlock>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace poolsim::ui {

namespace {

/// `v` with `digits` significant digits, in plain decimal notation (0.000598, not 5.98e-04), as
/// `poolsim fit-usl` writes it.
QString plainDecimal(double v, int digits)
{
    if (v == 0 || !std::isfinite(v))
        return QString::number(v);
    const int decimals = std::max(0, digits - 1 - static_cast<int>(std::floor(std::log10(std::fabs(v)))));
    QString s = QString::number(v, 'f', decimals);
    if (s.contains(QLatin1Char('.'))) {
        while (s.endsWith(QLatin1Char('0')))
            s.chop(1);
        if (s.endsWith(QLatin1Char('.')))
            s.chop(1);
    }
    return s;
}

/// The value the scenario gets: six significant digits, as `poolsim fit-usl --yaml` prints it,
/// so that the file reads the same whichever way the fit reached it.
double forScenario(double v)
{
    return plainDecimal(v, 6).toDouble();
}

QString standardError(double se, bool atBound)
{
    if (atBound)
        return UslFitPanel::tr(" (held at 0)");
    return std::isfinite(se) ? QStringLiteral(" ± ") + plainDecimal(se, 2) : QString();
}

} // namespace

UslFitPanel::UslFitPanel(ScenarioDocument* document, QWidget* parent) : QWidget(parent), m_document(document)
{
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);

    m_csv = new QPlainTextEdit;
    m_csv->setObjectName(QStringLiteral("fit.csv"));
    m_csv->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_csv->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_csv->setTabChangesFocus(true);
    m_csv->setPlaceholderText(tr("concurrency,throughput\n1,1800\n2,3450\n4,6400\n..."));
    m_csv->setFixedHeight(m_csv->fontMetrics().lineSpacing() * 7 + 12);
    m_csv->setToolTip(tr("A load test's throughput at each concurrency, one row per run: "
                         "concurrency,throughput (per second), as pgbench -c 1,2,4,... gives them. "
                         "A header row, further columns, blank lines and # comments are allowed."));
    column->addWidget(m_csv);

    auto* controls = new QHBoxLayout;
    QPushButton* open = makeButton(controls, QStringLiteral("fit.open"), tr("Open CSV..."),
                                   tr("Reads a CSV file into the field above and fits it"));
    controls->addSpacing(8);
    auto* coresLabel = new QLabel(tr("Cores:"));
    controls->addWidget(coresLabel);
    m_cores = new QSpinBox;
    m_cores->setObjectName(QStringLiteral("fit.cores"));
    m_cores->setRange(0, 100000);
    m_cores->setSpecialValueText(tr("none (classic)"));
    m_cores->setKeyboardTracking(false); // "16" fits once, not at 1 and again at 16
    m_cores->setToolTip(tr("The database server's CPU cores during the load test. With them the fit is "
                           "the simulator's model, capped at the cores; none fits Gunther's classic "
                           "USL, which cannot be applied. Default: the scenario's."));
    coresLabel->setBuddy(m_cores);
    coresLabel->setToolTip(m_cores->toolTip());
    controls->addWidget(m_cores);
    controls->addStretch(1);
    QPushButton* fitButton = makeButton(controls, QStringLiteral("fit.run"), tr("Fit"),
                                        tr("Fits the Universal Scalability Law to the rows above"));
    column->addLayout(controls);

    m_error = newErrorLabel(QStringLiteral("fit.error"));
    column->addWidget(m_error);
    m_plot = new UslFitPlot;
    column->addWidget(m_plot, 1);
    m_result = new QLabel;
    m_result->setObjectName(QStringLiteral("fit.result"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    column->addWidget(m_result);

    auto* applyRow = new QHBoxLayout;
    m_applied = new QLabel;
    m_applied->setObjectName(QStringLiteral("fit.applied"));
    m_applied->setWordWrap(true);
    m_applied->setForegroundRole(QPalette::PlaceholderText);
    applyRow->addWidget(m_applied, 1);
    m_apply = makeButton(applyRow, QStringLiteral("fit.apply"), tr("Apply to scenario"));
    column->addLayout(applyRow);

    connect(open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open a load test's throughput curve"),
                                                          QString(), tr("CSV files (*.csv);;All files (*)"));
        if (!path.isEmpty())
            loadCsvFile(path);
    });
    connect(fitButton, &QPushButton::clicked, this, [this] { fit(); });
    connect(m_apply, &QPushButton::clicked, this, [this] { apply(); });
    connect(m_cores, &QSpinBox::valueChanged, this, [this](int) {
        if (m_settingCores)
            return;
        m_coresChosen = true;
        if (m_fit) // a fit is milliseconds: follow the cores at once
            fit();
    });
    connect(document, &ScenarioDocument::changed, this, &UslFitPanel::documentChanged);
    documentChanged();
    updateApply();
}

int UslFitPanel::scenarioCores(const models::Scenario& scenario)
{
    const models::DatabaseConfig& d = scenario.database;
    return static_cast<int>(d.capacity ? d.capacityCores() : d.cores.value_or(0));
}

void UslFitPanel::documentChanged()
{
    if (m_coresChosen)
        return;
    const QSignalBlocker block(m_cores);
    m_settingCores = true;
    m_cores->setValue(scenarioCores(m_document->scenario()));
    m_settingCores = false;
}

QString UslFitPanel::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool UslFitPanel::loadCsvFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showError(tr("Cannot read %1: %2").arg(QFileInfo(path).fileName(), file.errorString()), 0, 0);
        return false;
    }
    // The file's lines, one for one, so that an error's line number is the file's too.
    m_csv->setPlainText(QString::fromUtf8(file.readAll()));
    return fit();
}

bool UslFitPanel::fit()
{
    // On the GUI thread: a fit of a load test's few dozen points takes milliseconds (GSL's
    // trust-region solver on three parameters); it is not a simulation.
    clearError();
    m_fit.reset();
    m_points.clear();
    m_applied->clear();
    try {
        m_points = models::parseUslCsv(m_csv->toPlainText().toStdString(), "CSV");
        // With a latency on every row (measure-postgres.sh's CSV) the round trip too, as `poolsim fit-usl`.
        m_fit = models::fitUsl(m_points,
                               m_cores->value() > 0 ? std::optional<int>(m_cores->value()) : std::nullopt,
                               models::modelFor(m_points));
    } catch (const models::ScenarioError& e) {
        const models::SourceLocation& where = e.location();
        showError(where.line > 0 ? tr("Line %1, column %2: %3")
                                       .arg(where.line)
                                       .arg(where.column)
                                       .arg(QString::fromStdString(e.detail()))
                                 : QString::fromStdString(e.detail()),
                  where.line, where.column);
    } catch (const std::invalid_argument& e) {
        showError(QString::fromStdString(e.what()), 0, 0);
    }
    if (!m_fit) {
        m_points.clear();
        m_plot->clearFit();
        m_result->clear();
        updateApply();
        return false;
    }
    m_plot->showFit(m_points, *m_fit);
    m_result->setText(resultText());
    updateApply();
    return true;
}

QString UslFitPanel::resultText() const
{
    const models::UslFit& f = *m_fit;
    const models::UslCurve& c = f.curve;
    const QLocale locale;
    QStringList lines;
    lines << tr("<b>contention &sigma;</b> = %1%2, <b>coherency &kappa;</b> = %3%4")
                 .arg(plainDecimal(c.sigma, 4), standardError(f.sigmaError, f.sigmaAtBound),
                      plainDecimal(c.kappa, 4), standardError(f.kappaError, f.kappaAtBound));
    lines << tr("&lambda; = %1/s for one query alone%2 (the load test's: the scenario's hold times "
                "give its queries' demand)")
                 .arg(locale.toString(c.lambda, 'f', 1), standardError(f.lambdaError, false));
    if (f.roundTripS) {
        const double best = f.bestConcurrency();
        lines
            << tr("<b>round trip</b> = %1 ms%2 beside each query's work on the server (no server capacity)")
                   .arg(plainDecimal(*f.roundTripS * 1000, 4),
                        f.roundTripAtZero || f.roundTripAtLimit
                            ? tr(" (held at %1)").arg(f.roundTripAtZero ? tr("0") : tr("latency - server_ms"))
                        : std::isfinite(f.roundTripError)
                            ? tr(" &plusmn; %1").arg(plainDecimal(f.roundTripError * 1000, 2))
                            : QString());
        lines << (std::isfinite(best) ? tr("Best with the round trip: %1 connections, %2/s")
                                            .arg(locale.toString(best, 'g', 4),
                                                 locale.toString(f.at(best).throughputPerS, 'f', 0))
                                      : tr("No best: the throughput keeps rising"));
    }
    const double peak = c.peakConcurrency();
    lines << (std::isfinite(peak)
                  ? tr("Peak at %1 queries: %2/s")
                        .arg(locale.toString(peak, 'g', 3), locale.toString(c.peakThroughput(), 'f', 0))
                  : tr("No peak: with &kappa; = 0 the throughput keeps rising"));
    lines << tr("R&sup2; = %1 over %2 points, %3")
                 .arg(std::isfinite(f.rSquared) ? QString::number(f.rSquared, 'f', 4) : tr("undefined"))
                 .arg(f.points)
                 .arg(c.cores ? tr("capped at %1 cores").arg(*c.cores) : tr("the classic USL (no cores)"));
    return lines.join(QStringLiteral("<br>"));
}

void UslFitPanel::updateApply()
{
    const bool capped = m_fit && m_fit->curve.cores;
    m_apply->setEnabled(capped);
    m_apply->setToolTip(
        capped ? tr("Sets database.capacity to the fit's cores, contention and coherency, and its round trip "
                    "when it has one (one edit)")
        : m_fit ? tr("Choose the server's cores: the simulated server caps at its cores, and a fit without "
                     "them has another contention and coherency")
                : tr("Fit a load test first"));
}

bool UslFitPanel::apply()
{
    if (!m_fit || !m_fit->curve.cores)
        return false;
    models::Scenario s = m_document->scenario();
    models::DatabaseCapacity capacity = s.database.capacity.value_or(models::DatabaseCapacity{});
    capacity.cores = *m_fit->curve.cores;
    capacity.contention = forScenario(m_fit->curve.sigma);
    capacity.coherency = forScenario(m_fit->curve.kappa);
    if (m_fit->roundTripS) // as a constant, as `poolsim fit-usl --yaml` prints it
        capacity.roundTrip =
            models::ConstantDist{engine::SimTime::fromSeconds(forScenario(*m_fit->roundTripS))};
    s.database.capacity = capacity;
    try {
        m_document->setScenario(s); // one change of the document, as every list edit is
    } catch (const models::ScenarioError& e) {
        showError(QString::fromStdString(e.detail()), 0, 0);
        return false;
    }
    m_applied->setText(tr("Applied: cores %1, contention %2, coherency %3%4.")
                           .arg(*capacity.cores)
                           .arg(plainDecimal(*capacity.contention, 6), plainDecimal(*capacity.coherency, 6),
                                m_fit->roundTripS
                                    ? tr(", round trip %1 ms").arg(plainDecimal(*m_fit->roundTripS * 1000, 4))
                                    : QString()));
    return true;
}

void UslFitPanel::showError(const QString& message, int line, int column)
{
    m_error->setText(message);
    m_error->show();
    // The line marked in the text (as the YAML tab marks its errors), the text left as typed.
    QList<QTextEdit::ExtraSelection> marks;
    const QTextBlock block = line > 0 ? m_csv->document()->findBlockByNumber(line - 1) : QTextBlock();
    if (block.isValid()) {
        QTextEdit::ExtraSelection lineMark;
        lineMark.format.setBackground(QColor(255, 205, 210));
        lineMark.format.setProperty(QTextFormat::FullWidthSelection, true);
        lineMark.cursor = QTextCursor(block);
        marks << lineMark;
        QTextCursor at(block);
        at.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor,
                        std::max(0, std::min(column - 1, block.length() - 1)));
        m_csv->setTextCursor(at);
        m_csv->ensureCursorVisible();
    }
    m_csv->setExtraSelections(marks);
}

void UslFitPanel::clearError()
{
    m_error->clear();
    m_error->hide();
    m_csv->setExtraSelections({});
}

} // namespace poolsim::ui
