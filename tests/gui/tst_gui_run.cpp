// The GUI's job runner: a Run job delivers the base run, every variant and the analytic check;
// a newer job drops the older one's outcome; Stop ends a long job within a second and delivers
// what finished, marked incomplete; a job that cannot run fails with the message; progress
// arrives; and the simulation never runs on the GUI thread.
// moc (Qt 6.4) cannot parse the C++20 headers these include; it needs only the test class.
#ifndef Q_MOC_RUN
#include "models/scenario/scenario_yaml.h"
#include "ui/core/run_controller.h"
#endif

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

using poolsim::ui::JobKind;
using poolsim::ui::JobRequest;
using poolsim::ui::OutcomePtr;
using poolsim::ui::RunController;
namespace models = poolsim::models;

namespace {

/// Quick: one minute of steady traffic, two variants, a service level (for recommend).
const char* const kQuick = R"(poolsim: 1
name: Quick
horizon: 1m
replications: 3
seed: 5
pool:
  size: 4
  timeout: 2s
workloads:
  - name: api
    arrivals: {poisson: 20/s}
    hold: {exponential: 100ms}
variants:
  - name: small
    set: {pool.size: 2}
  - name: large
    set: {pool.size: 8}
slo:
  wait_p95: 500ms
)";

/// Long: many hours of heavy traffic, far more than a test waits for.
const char* const kLong = R"(poolsim: 1
name: Long
horizon: 200h
replications: 4
seed: 5
pool:
  size: 50
workloads:
  - name: api
    arrivals: {poisson: 400/s}
    hold: {exponential: 100ms}
)";

models::Scenario scenario(const char* yaml)
{
    return models::loadScenarioText(yaml, "test.yaml", "");
}

OutcomePtr outcomeAt(const QSignalSpy& spy, qsizetype i)
{
    return spy.at(i).at(0).value<OutcomePtr>();
}

} // namespace

class TstGuiRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void runDeliversBaseAndVariants()
    {
        RunController controller;
        QSignalSpy started(&controller, &RunController::jobStarted);
        QSignalSpy finished(&controller, &RunController::jobFinished);
        QSignalSpy failed(&controller, &RunController::jobFailed);
        const std::uint64_t job = controller.start(scenario(kQuick), JobRequest{});
        QCOMPARE(started.count(), 1);
        QCOMPARE(started.at(0).at(0).value<std::uint64_t>(), job);
        QVERIFY(controller.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(failed.count(), 0);
        QVERIFY(!controller.isRunning());

        const OutcomePtr outcome = outcomeAt(finished, 0);
        QVERIFY(outcome);
        QCOMPARE(outcome->job, job);
        QCOMPARE(outcome->kind, JobKind::Run);
        QVERIFY(outcome->complete);
        QCOMPARE(outcome->scenario.name, std::string("Quick"));
        QVERIFY(outcome->base);
        QCOMPARE(outcome->base->replications, std::int64_t(3));
        QCOMPARE(outcome->base->poolSizeTotal, std::int64_t(4));
        QCOMPARE(outcome->variants.size(), std::size_t(2));
        QCOMPARE(outcome->variants[0].name, std::string("small"));
        QCOMPARE(outcome->variants[0].result->poolSizeTotal, std::int64_t(2));
        QCOMPARE(outcome->variants[1].name, std::string("large"));
        QCOMPARE(outcome->variants[1].result->poolSizeTotal, std::int64_t(8));
        QVERIFY(outcome->analytic);
        QVERIFY(outcome->analytic->applicable);
    }

    void replicationsCanBeLowered()
    {
        RunController controller;
        QSignalSpy finished(&controller, &RunController::jobFinished);
        JobRequest request;
        request.replications = 2;
        controller.start(scenario(kQuick), request);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(outcomeAt(finished, 0)->base->replications, std::int64_t(2));
    }

    void theScenarioIsCopiedAtStart()
    {
        RunController controller;
        QSignalSpy finished(&controller, &RunController::jobFinished);
        auto s = std::make_unique<models::Scenario>(scenario(kQuick));
        controller.start(*s, JobRequest{});
        s->pool.size = 99; // an edit after Run does not reach the job
        s.reset();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QCOMPARE(outcomeAt(finished, 0)->base->poolSizeTotal, std::int64_t(4));
    }

    void simulationRunsOffTheGuiThread()
    {
        RunController controller;
        std::mutex mutex;
        std::set<std::thread::id> threads;
        controller.setWorkerProbe([&] {
            std::lock_guard lock(mutex);
            threads.insert(std::this_thread::get_id());
        });
        QSignalSpy finished(&controller, &RunController::jobFinished);
        controller.start(scenario(kQuick), JobRequest{});
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        std::lock_guard lock(mutex);
        QVERIFY(!threads.empty());
        QVERIFY(!threads.count(std::this_thread::get_id()));
    }

    void progressArrives()
    {
        RunController controller;
        QSignalSpy progress(&controller, &RunController::progress);
        QSignalSpy finished(&controller, &RunController::jobFinished);
        QElapsedTimer clock;
        clock.start();
        const std::uint64_t job = controller.start(scenario(kLong), JobRequest{});
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() >= 4, 5000);
        const qint64 elapsed = clock.elapsed();
        controller.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 1000);
        // At most about 20 reports a second reach the GUI thread.
        QVERIFY2(progress.count() <= 2 + elapsed / 40, qPrintable(QString::number(progress.count())));
        double last = 0;
        for (const QList<QVariant>& args : progress) {
            QCOMPARE(args.at(0).value<std::uint64_t>(), job);
            const double fraction = args.at(1).toDouble();
            QVERIFY(fraction >= 0 && fraction <= 1);
            QVERIFY(fraction >= last); // the job's progress never goes back
            last = fraction;
            QVERIFY(args.at(2).toDouble() >= 0);
        }
        QVERIFY(last > 0);
        QVERIFY(progress.last().at(2).toDouble() > 0); // events per second once running
    }

    void newerJobDropsTheOlder()
    {
        RunController controller;
        QSignalSpy finished(&controller, &RunController::jobFinished);
        QSignalSpy failed(&controller, &RunController::jobFailed);
        QSignalSpy progress(&controller, &RunController::progress);
        const std::uint64_t first = controller.start(scenario(kLong), JobRequest{});
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() > 0, 5000); // the first is really running
        const std::uint64_t second = controller.start(scenario(kQuick), JobRequest{});
        QVERIFY(second > first);
        QCOMPARE(controller.currentJob(), second);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QTest::qWait(300); // anything the first job still posts arrives now
        QCOMPARE(finished.count(), 1);
        QCOMPARE(failed.count(), 0);
        QCOMPARE(outcomeAt(finished, 0)->job, second);
        for (const QList<QVariant>& args : progress)
            if (args.at(0).value<std::uint64_t>() != second)
                QCOMPARE(args.at(0).value<std::uint64_t>(), first); // only before the second started
        const qsizetype before = progress.count();
        QTest::qWait(200);
        QCOMPARE(progress.count(), before);
    }

    void stopEndsALongJobWithinASecond_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("run") << int(JobKind::Run);
        QTest::newRow("sweep") << int(JobKind::Sweep);
        QTest::newRow("recommend") << int(JobKind::Recommend);
    }
    void stopEndsALongJobWithinASecond()
    {
        QFETCH(int, kind);
        RunController controller;
        QSignalSpy finished(&controller, &RunController::jobFinished);
        QSignalSpy failed(&controller, &RunController::jobFailed);
        QSignalSpy progress(&controller, &RunController::progress);
        models::Scenario s = scenario(kLong);
        s.slo.push_back(models::SloLimit{"wait_p95", "", 1.0, "1s"});
        JobRequest request;
        request.kind = JobKind(kind);
        if (request.kind == JobKind::Sweep)
            request.sweep = {models::SweepParam{"pool.size", {"50", "60"}, ""}};
        const std::uint64_t job = controller.start(s, request);
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() > 0, 5000);

        QElapsedTimer clock;
        clock.start();
        controller.stop();
        QTRY_VERIFY_WITH_TIMEOUT(finished.count() + failed.count() == 1, 1000);
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(!controller.isRunning());
        if (request.kind == JobKind::Recommend) {
            // A stopped search has no partial answer: it fails, saying it was stopped.
            QCOMPARE(failed.count(), 1);
            QCOMPARE(failed.at(0).at(0).value<std::uint64_t>(), job);
            QVERIFY(failed.at(0).at(1).toString().contains(QStringLiteral("stopped")));
            return;
        }
        // What finished is delivered, marked incomplete.
        QCOMPARE(finished.count(), 1);
        const OutcomePtr outcome = outcomeAt(finished, 0);
        QCOMPARE(outcome->job, job);
        QVERIFY(!outcome->complete);
        if (request.kind == JobKind::Run) {
            QVERIFY(outcome->base);
            QVERIFY(!outcome->base->complete);
            QVERIFY(!outcome->analytic);
        } else {
            QVERIFY(outcome->sweep);
            QVERIFY(!outcome->sweep->complete);
        }
    }

    void aJobThatCannotRunFails_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<bool>("withSlo");
        QTest::addColumn<QString>("message");
        QTest::newRow("sweep of nothing") << int(JobKind::Sweep) << true << QStringLiteral("sweep");
        QTest::newRow("recommend without slo") << int(JobKind::Recommend) << false << QStringLiteral("slo");
        QTest::newRow("run of a bad scenario")
            << int(JobKind::Run) << true << QStringLiteral("at least one value");
    }
    void aJobThatCannotRunFails()
    {
        QFETCH(int, kind);
        QFETCH(bool, withSlo);
        QFETCH(QString, message);
        RunController controller;
        QSignalSpy finished(&controller, &RunController::jobFinished);
        QSignalSpy failed(&controller, &RunController::jobFailed);
        models::Scenario s = scenario(kQuick);
        s.variants.clear();
        if (!withSlo)
            s.slo.clear();
        if (JobKind(kind) == JobKind::Run)
            s.workloads[0].hold = models::EmpiricalDist{}; // the loader would refuse it: no values
        JobRequest request;
        request.kind = JobKind(kind);
        const std::uint64_t job = controller.start(s, request);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10000);
        QCOMPARE(finished.count(), 0);
        QCOMPARE(failed.at(0).at(0).value<std::uint64_t>(), job);
        const QString text = failed.at(0).at(1).toString();
        QVERIFY2(text.contains(message, Qt::CaseInsensitive), qPrintable(text));
        QVERIFY(!controller.isRunning());
    }

    void sweepAndRecommendDeliver()
    {
        RunController controller;
        QSignalSpy finished(&controller, &RunController::jobFinished);
        QSignalSpy failed(&controller, &RunController::jobFailed);
        models::Scenario s = scenario(kQuick);
        s.variants.clear();
        s.horizon = models::SimTime::fromSeconds(20);
        JobRequest sweep;
        sweep.kind = JobKind::Sweep;
        sweep.replications = 2;
        sweep.sweep = {models::SweepParam{"pool.size", {"2", "4", "6"}, ""}};
        controller.start(s, sweep);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        const OutcomePtr swept = outcomeAt(finished, 0);
        QCOMPARE(swept->kind, JobKind::Sweep);
        QVERIFY(swept->sweep);
        QCOMPARE(swept->sweep->points.size(), std::size_t(3));
        QVERIFY(!swept->base);

        JobRequest recommend;
        recommend.kind = JobKind::Recommend;
        recommend.replications = 2;
        controller.start(s, recommend);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 15000);
        QCOMPARE(failed.count(), 0);
        const OutcomePtr recommended = outcomeAt(finished, 1);
        QCOMPARE(recommended->kind, JobKind::Recommend);
        QVERIFY(recommended->recommendation);
        QVERIFY(recommended->recommendation->found());
    }

    void destructionStopsAndJoins()
    {
        auto controller = std::make_unique<RunController>();
        QSignalSpy progress(controller.get(), &RunController::progress);
        controller->start(scenario(kLong), JobRequest{});
        QTRY_VERIFY_WITH_TIMEOUT(progress.count() > 0, 5000);
        QElapsedTimer clock;
        clock.start();
        controller.reset();
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        QTest::qWait(100); // nothing is delivered to the destroyed controller
    }
};

QTEST_GUILESS_MAIN(TstGuiRun)
#include "tst_gui_run.moc"
