#include "ui/core/run_status_widget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>

#include <cmath>

namespace poolsim::ui {

namespace {
constexpr int kProgressSteps = 1000;
}

RunStatusWidget::RunStatusWidget(QWidget* parent)
    : QWidget(parent), m_state(new QLabel(this)), m_progress(new QProgressBar(this)), m_rate(new QLabel(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_state->setObjectName(QStringLiteral("jobState"));
    m_state->setText(tr("ready"));
    m_state->setTextInteractionFlags(Qt::TextSelectableByMouse); // error messages can be copied
    m_progress->setObjectName(QStringLiteral("jobProgress"));
    m_progress->setRange(0, kProgressSteps);
    m_progress->setValue(0);
    m_progress->setFixedWidth(160);
    m_progress->setFormat(QStringLiteral("%p%"));
    m_progress->setToolTip(tr("Progress of the running job"));
    m_rate->setObjectName(QStringLiteral("jobRate"));
    m_rate->setToolTip(tr("Simulated events per second"));
    m_rate->setMinimumWidth(m_rate->fontMetrics().horizontalAdvance(QStringLiteral("999.9M events/s")));
    m_rate->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    layout->addWidget(m_state, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_rate);
}

void RunStatusWidget::jobStarted(std::uint64_t job, const QString& what)
{
    m_state->setText(tr("running job %1 (%2)").arg(job).arg(what));
    m_state->setToolTip(QString());
    m_progress->setValue(0);
    m_rate->clear();
}

void RunStatusWidget::jobProgress(double fraction, double eventsPerSecond)
{
    m_progress->setValue(static_cast<int>(std::lround(fraction * kProgressSteps)));
    m_rate->setText(formatRate(eventsPerSecond));
}

void RunStatusWidget::jobDone(double seconds, bool complete)
{
    if (complete) {
        m_progress->setValue(kProgressSteps);
        m_state->setText(tr("done in %1 s").arg(seconds, 0, 'f', 1));
    } else {
        m_state->setText(tr("stopped after %1 s: the results shown are incomplete").arg(seconds, 0, 'f', 1));
    }
}

void RunStatusWidget::jobStopping()
{
    m_state->setText(tr("stopping..."));
}

void RunStatusWidget::jobStopped(double seconds)
{
    m_state->setText(tr("stopped after %1 s").arg(seconds, 0, 'f', 1));
}

void RunStatusWidget::jobFailed(const QString& message)
{
    m_state->setText(tr("failed: %1").arg(message));
    m_state->setToolTip(message);
    m_progress->setValue(0);
}

void RunStatusWidget::clear()
{
    m_state->setText(tr("ready"));
    m_state->setToolTip(QString());
    m_progress->setValue(0);
    m_rate->clear();
}

QString RunStatusWidget::stateText() const
{
    return m_state->text();
}

int RunStatusWidget::progressValue() const
{
    return m_progress->value();
}

QString RunStatusWidget::rateText() const
{
    return m_rate->text();
}

QString RunStatusWidget::formatRate(double eventsPerSecond)
{
    if (!(eventsPerSecond > 0))
        return QString();
    if (eventsPerSecond >= 1e6)
        return tr("%1M events/s").arg(eventsPerSecond / 1e6, 0, 'f', 1);
    if (eventsPerSecond >= 1e3)
        return tr("%1k events/s").arg(eventsPerSecond / 1e3, 0, 'f', 0);
    return tr("%1 events/s").arg(eventsPerSecond, 0, 'f', 0);
}

} // namespace poolsim::ui
