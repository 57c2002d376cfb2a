#pragma once
// The status bar's account of the current job: its progress, simulated events per second, and
// a line saying what it is doing or how it ended ("running job 3", "done in 0.8 s", "stopped").
#include <QString>
#include <QWidget>

#include <cstdint>

class QLabel;
class QProgressBar;

namespace poolsim::ui {

class RunStatusWidget : public QWidget
{
    Q_OBJECT
public:
    explicit RunStatusWidget(QWidget* parent = nullptr);

    /// `what` names the job ("run", "live run", "sweep", "recommend").
    void jobStarted(std::uint64_t job, const QString& what);
    void jobProgress(double fraction, double eventsPerSecond);
    void jobDone(double seconds, bool complete);
    void jobStopping();
    /// Stopped with nothing to show (a recommend search has no partial answer).
    void jobStopped(double seconds);
    void jobFailed(const QString& message);
    /// Back to "ready", no progress (a new scenario replaced the one the job ran).
    void clear();

    QString stateText() const;
    int progressValue() const; // 0..1000
    QString rateText() const;

    /// "12.3M events/s", "850k events/s".
    static QString formatRate(double eventsPerSecond);

private:
    QLabel* m_state;
    QProgressBar* m_progress;
    QLabel* m_rate;
};

} // namespace poolsim::ui
