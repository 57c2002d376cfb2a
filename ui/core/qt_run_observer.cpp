#include "ui/core/qt_run_observer.h"

#include <algorithm>
#include <utility>

namespace poolsim::ui {

QueuedRunObserver::QueuedRunObserver(QObject* context, Report report, const std::atomic<bool>& stop,
                                     Probe probe)
    : m_context(context), m_report(std::move(report)), m_stop(stop), m_probe(std::move(probe)),
      m_started(std::chrono::steady_clock::now())
{
}

void QueuedRunObserver::setPhase(double offset, double share)
{
    m_offset = offset;
    m_share = share;
}

void QueuedRunObserver::progress(double fraction, std::uint64_t events)
{
    if (m_probe)
        m_probe();
    if (events < m_lastEvents) // a new run counting from zero
        m_eventsBefore += m_lastEvents;
    m_lastEvents = events;

    const auto now = std::chrono::steady_clock::now();
    if (m_posted && now - m_lastPosted < kMinInterval)
        return;
    m_posted = true;
    m_lastPosted = now;

    const double elapsed = std::chrono::duration<double>(now - m_started).count();
    const double total = std::clamp(m_offset + m_share * fraction, 0.0, 1.0);
    const double perSecond = elapsed > 0 ? static_cast<double>(m_eventsBefore + events) / elapsed : 0.0;
    QMetaObject::invokeMethod(
        m_context, [report = m_report, total, perSecond] { report(total, perSecond); }, Qt::QueuedConnection);
}

bool QueuedRunObserver::stopRequested()
{
    return m_stop.load(std::memory_order_relaxed);
}

} // namespace poolsim::ui
