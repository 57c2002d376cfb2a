// The failure loop's validation (issue 11), instances side: liveness probes starved by a pool
// that a report holds, restarts that drop what was in flight and come back cold, a cascade over
// two instances behind the health-aware balancer, and overload (max_pending) rejecting or
// crashing. Every scenario is deterministic (constant holds, bursts at set instants, one request
// a second from `burst ... every`) and each expected figure is worked out by hand in the
// comment above its row; the simulation must match it exactly. Same-instant order
// (event_priorities.h): releases, then pool events and restarts, then deadlines (pool timeouts,
// probe deadlines, client timeouts), then arrivals, probes and retries.
#include "pool_test_support.h"

using models::InstanceFailureCause;
using models::InstanceFailureEvent;
using models::ModelPart;

namespace {

/// "31s instance 0 health_check; ...": failures as text, for readable comparisons.
QString describeFailures(const std::vector<InstanceFailureEvent>& events)
{
    QStringList out;
    for (const InstanceFailureEvent& e : events)
        out << QStringLiteral("%1s instance %2 %3")
                   .arg(e.atS, 0, 'g', 12)
                   .arg(e.instance)
                   .arg(e.cause == InstanceFailureCause::HealthCheck ? QStringLiteral("health_check")
                                                                     : QStringLiteral("overload"));
    return out.join(QStringLiteral("; "));
}

/// Every replication failed its instances exactly as `expected` says (they are deterministic).
void checkFailures(const models::RunResult& r, const std::vector<InstanceFailureEvent>& expected)
{
    QCOMPARE(r.replicationFailures.size(), std::size_t(r.replications));
    for (const auto& got : r.replicationFailures)
        QCOMPARE(describeFailures(got), describeFailures(expected));
}

/// Per bin of width `width` seconds: the share of the bin in [from, to) (an instance's downtime).
std::vector<double> downShare(std::size_t bins, double width, double from, double to)
{
    std::vector<double> share(bins, 0.0);
    for (std::size_t i = 0; i < bins; ++i) {
        const double start = double(i) * width, end = start + width;
        share[i] = std::max(0.0, std::min(end, to) - std::max(start, from)) / width;
    }
    return share;
}

/// The result says nothing of the failure loop: no part, no lanes, no failures.
void checkNoFailureLoop(const models::RunResult& r)
{
    QVERIFY(!r.parts.has(ModelPart::InstanceFailures));
    QVERIFY(r.instanceDownShare.empty());
    QVERIFY(r.replicationFailures.empty());
    QCOMPARE(mean(r, Metric::Crashes), 0.0);
    QCOMPARE(mean(r, Metric::Crashed), 0.0);
    QCOMPARE(mean(r, Metric::Availability), 1.0);
}

constexpr double kNone = -1; // no failure expected

} // namespace

Q_DECLARE_METATYPE(std::vector<double>)

class TestFailureLoop : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void probeStarvedByReport_data();
    void probeStarvedByReport();
    void probeFailureTimes_data();
    void probeFailureTimes();
    void timedOutProbesKeepTheirPlace_data();
    void timedOutProbesKeepTheirPlace();
    void probeOnABusyDatabaseServer();
    void probeFinishingAtItsDeadlineSucceeds_data();
    void probeFinishingAtItsDeadlineSucceeds();
    void restartDropsRequestsInFlight_data();
    void restartDropsRequestsInFlight();
    void cascadeOverTwoInstances();
    void overloadRejects_data();
    void overloadRejects();
    void overloadCrashes_data();
    void overloadCrashes();
    void withoutTheLoopNothingAppears();
};

// ---- 1. A probe starved by a report ----------------------------------------------------

void TestFailureLoop::probeStarvedByReport_data()
{
    QTest::addColumn<int>("failures");
    QTest::addColumn<QString>("restart");
    QTest::addColumn<double>("failedAt");
    QTest::addColumn<double>("restartedAt");
    QTest::addColumn<double>("probeFailures");
    // Pool of 2; at 5 s the report takes both connections for 30 s (until 35 s). Probes every
    // 10 s from the start (10, 20, 30 s ...) each queue behind the report and fail at their 1 s
    // deadline: failures at 11, 21 and 31 s. The timed-out probes stay queued.
    //
    // The third failure (31 s) fails the instance; the report's two requests are dropped
    // (crashed) and, with restart: none, it is down from 31 s to the horizon (60 s): 29 s.
    QTest::newRow("third failure, restart: none stays down")
        << 3 << QStringLiteral("none") << 31.0 << kNone << 3.0;
    // Back at 41 s with a fresh pool of 2 (connect_time 0); its next probe comes 10 s later,
    // at 51 s, and finds an idle connection: 10 s down.
    QTest::newRow("third failure, restart 10s") << 3 << QStringLiteral("10s") << 31.0 << 41.0 << 3.0;
    // failures: 2: the second failure, at 21 s; down 39 s.
    QTest::newRow("second failure with failures: 2") << 2 << QStringLiteral("none") << 21.0 << kNone << 2.0;
    // failures: 4: three in a row (11, 21, 31 s), then the report gives its connections back at
    // 35 s: the queued probes of 10 and 20 s take them at 35 s, the one of 30 s at 35.001 s (late
    // answers, ignored). The probe of 40 s finds a connection idle and succeeds: no failure,
    // and the report is served.
    QTest::newRow("failures: 4 survives") << 4 << QStringLiteral("none") << kNone << kNone << 3.0;
}

void TestFailureLoop::probeStarvedByReport()
{
    QFETCH(int, failures);
    QFETCH(QString, restart);
    QFETCH(double, failedAt);
    QFETCH(double, restartedAt);
    QFETCH(double, probeFailures);
    RUN(r, fill(R"(poolsim: 1
horizon: 60s
resolution: 1s
replications: 2
pool: {size: 2}
backend:
  health_check: {every: 10s, timeout: 1s, failures: %1}
  restart: %2
workloads:
  - name: report
    arrivals: {burst: {at: 5s, count: 2}}
    hold: 30s
)",
                {QString::number(failures), restart}));
    const bool fails = failedAt != kNone;
    const double horizon = 60;
    const double upAgain = restartedAt != kNone ? restartedAt : horizon;
    const double downtime = fails ? upAgain - failedAt : 0.0;
    QVERIFY(r->parts.has(ModelPart::InstanceFailures));
    QCOMPARE(mean(*r, Metric::ProbeFailures), probeFailures);
    QCOMPARE(mean(*r, Metric::Crashes), fails ? 1.0 : 0.0);
    QCOMPARE(mean(*r, Metric::CrashReplications), fails ? 1.0 : 0.0);
    QCOMPARE(mean(*r, Metric::FailedInstances), fails ? 1.0 : 0.0);
    if (fails)
        QCOMPARE(mean(*r, Metric::FirstCrashS), failedAt);
    else
        QVERIFY(std::isnan(mean(*r, Metric::FirstCrashS))); // no replication had a failure
    checkFailures(*r,
                  fails ? std::vector<InstanceFailureEvent>{{failedAt, 0, InstanceFailureCause::HealthCheck}}
                        : std::vector<InstanceFailureEvent>{});
    QCOMPARE(mean(*r, Metric::Crashed), fails ? 2.0 : 0.0);
    QCOMPARE(mean(*r, Metric::Served), fails ? 0.0 : 2.0);
    EXPECT_EXACT("downtime_s", mean(*r, Metric::DowntimeS), downtime);
    EXPECT_EXACT("availability", mean(*r, Metric::Availability), 1 - downtime / horizon);
    QCOMPARE(r->instanceDownShare.size(), std::size_t(1));
    QCOMPARE(r->instanceDownShare[0], downShare(60, 1, fails ? failedAt : horizon, upAgain));
    QCOMPARE(band(*r, Series::InstancesDown).mean, r->instanceDownShare[0]); // one instance
}

void TestFailureLoop::probeFailureTimes_data()
{
    QTest::addColumn<QString>("warmup");
    QTest::addColumn<double>("counted");
    // Case 1's probes fail at 11, 21 and 31 s: a failure counts when it comes at or after the
    // warm-up, so moving the warm-up across each instant drops one failure at a time.
    QTest::newRow("warm-up 11s") << QStringLiteral("11s") << 3.0;
    QTest::newRow("warm-up 11.001s") << QStringLiteral("11001ms") << 2.0;
    QTest::newRow("warm-up 21s") << QStringLiteral("21s") << 2.0;
    QTest::newRow("warm-up 21.001s") << QStringLiteral("21001ms") << 1.0;
    QTest::newRow("warm-up 31s") << QStringLiteral("31s") << 1.0;
    QTest::newRow("warm-up 31.001s") << QStringLiteral("31001ms") << 0.0;
}

void TestFailureLoop::probeFailureTimes()
{
    QFETCH(QString, warmup);
    QFETCH(double, counted);
    RUN(r, fill(R"(poolsim: 1
horizon: 60s
warmup: %1
replications: 1
pool: {size: 2}
backend:
  health_check: {every: 10s, timeout: 1s, failures: 3}
  restart: none
workloads:
  - name: report
    arrivals: {burst: {at: 5s, count: 2}}
    hold: 30s
)",
                {warmup}));
    QCOMPARE(mean(*r, Metric::ProbeFailures), counted);
    checkFailures(*r, {{31, 0, InstanceFailureCause::HealthCheck}}); // the timeline keeps warm-up's
}

void TestFailureLoop::timedOutProbesKeepTheirPlace_data()
{
    QTest::addColumn<QString>("hold");
    QTest::addColumn<double>("probeFailures");
    QTest::addColumn<double>("failedAt");
    // Pool of 2; the report holds both from 5 s to exactly 30 s. The probes of 10 and 20 s queue
    // and fail at 11 and 21 s, but keep their places: at 30 s the report's releases come first
    // and hand both connections to them (late answers, ignored), each for the probe's `hold`.
    // The probe of 30 s then waits for them until 30 s + hold and finishes at 30 s + 2 hold,
    // against its deadline at 31 s. (A probe withdrawn at its timeout would find a connection
    // idle at 30 s and always succeed.)
    QTest::newRow("hold 400ms: done at 30.8s") << QStringLiteral("400ms") << 2.0 << kNone;
    QTest::newRow("hold 500ms: done at 31s, in time") << QStringLiteral("500ms") << 2.0 << kNone;
    QTest::newRow("hold 600ms: 31.2s, the third failure") << QStringLiteral("600ms") << 3.0 << 31.0;
}

void TestFailureLoop::timedOutProbesKeepTheirPlace()
{
    QFETCH(QString, hold);
    QFETCH(double, probeFailures);
    QFETCH(double, failedAt);
    RUN(r, fill(R"(poolsim: 1
horizon: 40s
replications: 1
pool: {size: 2}
backend:
  health_check: {every: 10s, timeout: 1s, failures: 3, hold: %1}
  restart: none
workloads:
  - name: report
    arrivals: {burst: {at: 5s, count: 2}}
    hold: 25s
)",
                {hold}));
    QCOMPARE(mean(*r, Metric::ProbeFailures), probeFailures);
    checkFailures(*r, failedAt == kNone ? std::vector<InstanceFailureEvent>{}
                                        : std::vector<InstanceFailureEvent>{
                                              {failedAt, 0, InstanceFailureCause::HealthCheck}});
    QCOMPARE(mean(*r, Metric::Served), 2.0);
}

void TestFailureLoop::probeOnABusyDatabaseServer()
{
    // One core; the probe's query (hold 1 s) runs on it. A request arrives at 9.5 s with 2 s of
    // demand: alone until 10 s (0.5 s done). The probe of 10 s gets an idle connection but
    // shares the core: both at 1/2, the probe has its 1 s at 12 s, past its deadline (11 s):
    // one failure. The request then has 0.5 s left alone: done at 12.5 s, 3 s after it came.
    // The probes of 20 and 30 s run alone in 1 s. Slowdowns: 1.5 (the request), 2, 1, 1.
    RUN(r, text(R"(poolsim: 1
horizon: 35s
replications: 1
pool: {size: 2}
backend:
  health_check: {every: 10s, timeout: 1s, failures: 3, hold: 1s}
database:
  capacity: {cores: 1}
workloads:
  - name: api
    arrivals: {burst: {at: 9500ms, count: 1}}
    hold: 2s
)"));
    QCOMPARE(mean(*r, Metric::ProbeFailures), 1.0);
    QCOMPARE(mean(*r, Metric::Crashes), 0.0);
    QCOMPARE(mean(*r, Metric::Served), 1.0);
    EXPECT_EXACT("response_mean_s", mean(*r, Metric::ResponseMeanS), 3.0);
    EXPECT_EXACT("db_slowdown_mean", mean(*r, Metric::DbSlowdownMean), (1.5 + 2 + 1 + 1) / 4);
}

void TestFailureLoop::probeFinishingAtItsDeadlineSucceeds_data()
{
    QTest::addColumn<QString>("hold");
    QTest::addColumn<double>("probeFailures");
    QTest::addColumn<double>("failedAt");
    // An idle pool: each probe (10, 20, 30 s) gets a connection at once and holds it for `hold`
    // against a 1 s timeout. Its end is a release, before the deadline at the same instant.
    QTest::newRow("hold 999ms") << QStringLiteral("999ms") << 0.0 << kNone;
    QTest::newRow("hold = timeout: succeeds") << QStringLiteral("1s") << 0.0 << kNone;
    // One nanosecond too long: every probe fails at its deadline, 11, 21 and 31 s; the third
    // fails the instance.
    QTest::newRow("hold = timeout + 1ns: fails") << QStringLiteral("1000000001ns") << 3.0 << 31.0;
}

void TestFailureLoop::probeFinishingAtItsDeadlineSucceeds()
{
    QFETCH(QString, hold);
    QFETCH(double, probeFailures);
    QFETCH(double, failedAt);
    RUN(r, fill(R"(poolsim: 1
horizon: 40s
replications: 1
pool: {size: 1}
backend:
  health_check: {every: 10s, timeout: 1s, failures: 3, hold: %1}
  restart: none
workloads:
  - name: one
    arrivals: {burst: {at: 500ms, count: 1}}
    hold: 1ms
)",
                {hold}));
    QCOMPARE(mean(*r, Metric::ProbeFailures), probeFailures);
    checkFailures(*r, failedAt == kNone ? std::vector<InstanceFailureEvent>{}
                                        : std::vector<InstanceFailureEvent>{
                                              {failedAt, 0, InstanceFailureCause::HealthCheck}});
    QCOMPARE(mean(*r, Metric::Served), 1.0);
}

// ---- 2-3. A restart drops what was in flight; the pool comes back cold ---------------------

void TestFailureLoop::restartDropsRequestsInFlight_data()
{
    QTest::addColumn<QString>("connectTime");
    QTest::addColumn<double>("firstWait");
    QTest::addColumn<double>("apiWaitMax");
    // Pool of 3 (timeout none); `api` one request a second at 0.5, 1.5, ... 29.5 s holding
    // 200 ms; at 5 s the report takes all 3 connections for 30 s. api requests from 5.5 s on
    // queue: 5.5 ... 10.5 s, six of them. The probe of 10 s queues too and fails at 11 s
    // (failures: 1): the instance fails at 11 s with the 3 report requests and the 6 queued api
    // requests in flight: 9 crashed. Down 11-21 s: the 10 api requests of 11.5 ... 20.5 s find
    // no instance up: unavailable. Back at 21 s; api 21.5 ... 29.5 s (9) and 0.5 ... 4.5 s (5)
    // are served: 14. The next probe, at 31 s, is beyond the horizon.
    //
    // The restarted pool opens its 3 connections (min_idle) paying connect_time each, ready at
    // 21 s + connect_time (at the start they were open at once). `first`: 2 requests at 21.1 s
    // wait for them: max(0, 21 + connect_time - 21.1). With 1 s, ready at 22 s: api's 21.5 s
    // request (third in line, 3 connections) waits 0.5 s too.
    QTest::newRow("connect_time 0") << QStringLiteral("0") << 0.0 << 0.0;
    QTest::newRow("connect_time 250ms") << QStringLiteral("250ms") << 0.15 << 0.0;
    QTest::newRow("connect_time 1s") << QStringLiteral("1s") << 0.9 << 0.5;
}

void TestFailureLoop::restartDropsRequestsInFlight()
{
    QFETCH(QString, connectTime);
    QFETCH(double, firstWait);
    QFETCH(double, apiWaitMax);
    RUN(r, fill(R"(poolsim: 1
horizon: 30s
resolution: 1s
replications: 2
pool: {size: 3, timeout: none, connect_time: %1}
backend:
  health_check: {every: 10s, timeout: 1s, failures: 1}
  restart: 10s
workloads:
  - name: report
    arrivals: {burst: {at: 5s, count: 3}}
    hold: 30s
  - name: api
    arrivals: {burst: {at: 500ms, count: 1, every: 1s}}
    hold: 200ms
  - name: first
    arrivals: {burst: {at: 21100ms, count: 2}}
    hold: 100ms
)",
                {connectTime}));
    enum { report, api, first };
    checkFailures(*r, {{11, 0, InstanceFailureCause::HealthCheck}});
    QCOMPARE(mean(*r, Metric::ProbeFailures), 1.0);
    QCOMPARE(wmean(*r, report, Metric::Crashed), 3.0);
    QCOMPARE(wmean(*r, api, Metric::Crashed), 6.0);
    QCOMPARE(wmean(*r, api, Metric::Unavailable), 10.0);
    QCOMPARE(wmean(*r, api, Metric::Served), 14.0);
    QCOMPARE(wmean(*r, first, Metric::Served), 2.0);
    QCOMPARE(mean(*r, Metric::Crashed), 9.0);
    QCOMPARE(mean(*r, Metric::Unavailable), 10.0);
    QCOMPARE(mean(*r, Metric::Failures), 19.0);
    QCOMPARE(mean(*r, Metric::Unfinished), 0.0);
    EXPECT_EXACT("downtime_s", mean(*r, Metric::DowntimeS), 10.0);
    EXPECT_EXACT("availability", mean(*r, Metric::Availability), 1 - 10.0 / 30);
    QCOMPARE(r->instanceDownShare[0], downShare(30, 1, 11, 21));
    // The requests that waited and were dropped count no wait; the served ones before the
    // failure never waited.
    EXPECT_EXACT("first wait_max_s", wmean(*r, first, Metric::WaitMaxS), firstWait);
    EXPECT_EXACT("first wait_mean_s", wmean(*r, first, Metric::WaitMeanS), firstWait);
    EXPECT_EXACT("api wait_max_s", wmean(*r, api, Metric::WaitMaxS), apiWaitMax);
}

// ---- 4. A cascade over two instances ---------------------------------------------------------

void TestFailureLoop::cascadeOverTwoInstances()
{
    // Two instances with pools of 1 (timeout none), round robin, max_pending 1, on_overload
    // crash, restart none. `steady`: one request a second at 0.5 ... 24.5 s holding 1.5 s: round
    // robin alternates them (0.5 s -> 0, 1.5 s -> 1, ...), each instance gets one every 2 s and
    // never waits. At 10.2 s `spike` (the 11th request routed: instance 0, idle since 10 s)
    // holds instance 0's connection for 100 s, and shifts the alternation by one:
    //   10.5 s -> 1: busy until 11 s (9.5 s's request), waits; served 11-12.5 s.
    //   11.5 s -> 0: busy (spike), waits: 1 pending.
    //   12.5 s -> 1: 10.5 s's request gives its connection back at 12.5 s first: served.
    //   13.5 s -> 0: 1 already pending: instance 0 fails (overload) at 13.5 s, dropping
    //                spike, 11.5 s and 13.5 s (3 crashed).
    // Instance 1 now takes every request: one a second holding 1.5 s on one connection.
    //   14.5 s: idle since 14 s, served until 16 s.   15.5 s: waits, served 16-17.5 s.
    //   16.5 s: waits (0 pending), gets it at 17.5 s. 17.5 s: waits (0 pending after 17.5 s's
    //   handover), 1 pending. 18.5 s: 1 pending: instance 1 fails at 18.5 s, dropping 16.5,
    //   17.5 and 18.5 s (3 crashed).
    // 19.5 ... 24.5 s: both down: 6 unavailable. Served: 0.5 ... 9.5 s (10), 10.5, 12.5, 14.5
    // and 15.5 s: 14. Down 25 - 13.5 + 25 - 18.5 = 18 instance-seconds of 50.
    RUN(r, text(R"(poolsim: 1
horizon: 25s
resolution: 500ms
replications: 2
pool: {size: 1, timeout: none}
backend:
  instances: 2
  balancer: round_robin
  max_pending: 1
  on_overload: crash
  restart: none
workloads:
  - name: steady
    arrivals: {burst: {at: 500ms, count: 1, every: 1s}}
    hold: 1500ms
  - name: spike
    arrivals: {burst: {at: 10200ms, count: 1}}
    hold: 100s
)"));
    checkFailures(*r, {{13.5, 0, InstanceFailureCause::Overload}, {18.5, 1, InstanceFailureCause::Overload}});
    QCOMPARE(mean(*r, Metric::FirstCrashS), 13.5);
    QCOMPARE(mean(*r, Metric::Crashes), 2.0);
    QCOMPARE(mean(*r, Metric::FailedInstances), 2.0);
    QCOMPARE(wmean(*r, 0, Metric::Crashed), 5.0);
    QCOMPARE(wmean(*r, 1, Metric::Crashed), 1.0);
    QCOMPARE(mean(*r, Metric::Unavailable), 6.0);
    QCOMPARE(mean(*r, Metric::Served), 14.0);
    QCOMPARE(mean(*r, Metric::Arrivals), 26.0);
    EXPECT_EXACT("wait_max_s", mean(*r, Metric::WaitMaxS), 0.5);
    EXPECT_EXACT("downtime_s", mean(*r, Metric::DowntimeS), 18.0);
    EXPECT_EXACT("availability", mean(*r, Metric::Availability), 1 - 18.0 / 50);
    QCOMPARE(r->instanceDownShare.size(), std::size_t(2));
    QCOMPARE(r->instanceDownShare[0], downShare(50, 0.5, 13.5, 25));
    QCOMPARE(r->instanceDownShare[1], downShare(50, 0.5, 18.5, 25));
    QCOMPARE(mean(*r, Metric::ProbeFailures), 0.0);
}

// ---- 5. Overload: max_pending with on_overload reject or crash -------------------------------

void TestFailureLoop::overloadRejects_data()
{
    QTest::addColumn<int>("maxPending");
    QTest::addColumn<double>("served");
    QTest::addColumn<double>("waitMax");
    // Pool of 2, timeout none; 10 requests at 1 s holding 1 s. Two get a connection, up to
    // max_pending wait, the rest are rejected at once: 10 - 2 - max_pending. The waiters are
    // served in pairs at 2, 3, 4, 5 s: the last waited ceil(max_pending / 2) s.
    QTest::newRow("max_pending 0") << 0 << 2.0 << 0.0;
    QTest::newRow("max_pending 3") << 3 << 5.0 << 2.0;
    QTest::newRow("max_pending 8: none rejected") << 8 << 10.0 << 4.0;
    QTest::newRow("max_pending 20") << 20 << 10.0 << 4.0;
}

void TestFailureLoop::overloadRejects()
{
    QFETCH(int, maxPending);
    QFETCH(double, served);
    QFETCH(double, waitMax);
    RUN(r, fill(R"(poolsim: 1
horizon: 10s
replications: 2
pool: {size: 2, timeout: none}
backend: {max_pending: %1, on_overload: reject}
workloads:
  - name: burst
    arrivals: {burst: {at: 1s, count: 10}}
    hold: 1s
)",
                {QString::number(maxPending)}));
    QCOMPARE(mean(*r, Metric::Served), served);
    QCOMPARE(mean(*r, Metric::Rejected), 10 - served);
    QCOMPARE(mean(*r, Metric::Failures), 10 - served);
    QCOMPARE(mean(*r, Metric::WaitersMax), served - 2);
    EXPECT_EXACT("wait_max_s", mean(*r, Metric::WaitMaxS), waitMax);
    // Rejecting keeps the instance up: load shedding, no failure loop.
    QVERIFY(r->parts.has(ModelPart::LoadShedding));
    checkNoFailureLoop(*r);
}

void TestFailureLoop::overloadCrashes_data()
{
    QTest::addColumn<int>("maxPending");
    QTest::addColumn<std::vector<double>>("failures");
    QTest::addColumn<double>("crashed");
    QTest::addColumn<double>("downtime");
    // Pool of 2 (timeout none), one request a second at 0.5 ... 19.5 s holding 10 s,
    // restart 2 s. The first two get connections, the next max_pending wait, and the
    // (max_pending + 1)-th waiter, at 0.5 + 2 + max_pending s, fails the instance with the
    // 2 + max_pending + 1 requests there. The request of the next second finds it down
    // (unavailable); it is back 2 s after failing with a fresh pool (connect_time 0, open
    // before that instant's arrival), and the cycle repeats every 2 + max_pending + 2 s.
    //
    // max_pending 0: fails at 2.5, 6.5, 10.5, 14.5, 18.5 s, 3 crashed each (15), 5 unavailable;
    // down 2 s each but the last, cut at the horizon: 4 x 2 + 1.5 = 9.5 s.
    QTest::newRow("max_pending 0") << 0 << std::vector<double>{2.5, 6.5, 10.5, 14.5, 18.5} << 15.0 << 9.5;
    // max_pending 3: fails at 5.5, 12.5, 19.5 s, 6 crashed each (18), 2 unavailable (6.5 and
    // 13.5 s); down 2 + 2 + 0.5 = 4.5 s.
    QTest::newRow("max_pending 3") << 3 << std::vector<double>{5.5, 12.5, 19.5} << 18.0 << 4.5;
}

void TestFailureLoop::overloadCrashes()
{
    QFETCH(int, maxPending);
    QFETCH(std::vector<double>, failures);
    QFETCH(double, crashed);
    QFETCH(double, downtime);
    RUN(r, fill(R"(poolsim: 1
horizon: 20s
resolution: 500ms
replications: 2
pool: {size: 2, timeout: none}
backend: {max_pending: %1, on_overload: crash, restart: 2s}
workloads:
  - name: steady
    arrivals: {burst: {at: 500ms, count: 1, every: 1s}}
    hold: 10s
)",
                {QString::number(maxPending)}));
    std::vector<InstanceFailureEvent> expected;
    std::vector<double> down(40, 0.0);
    for (const double t : failures) {
        expected.push_back({t, 0, InstanceFailureCause::Overload});
        const std::vector<double> lane = downShare(40, 0.5, t, std::min(t + 2, 20.0));
        for (std::size_t i = 0; i < down.size(); ++i)
            down[i] += lane[i];
    }
    checkFailures(*r, expected);
    QVERIFY(!r->parts.has(ModelPart::LoadShedding));
    QCOMPARE(mean(*r, Metric::FirstCrashS), failures.front());
    QCOMPARE(mean(*r, Metric::Crashes), double(failures.size()));
    QCOMPARE(mean(*r, Metric::Crashed), crashed);
    QCOMPARE(crashed, double(failures.size()) * (2 + maxPending + 1));
    QCOMPARE(mean(*r, Metric::Unavailable), 20 - crashed);
    QCOMPARE(mean(*r, Metric::Served), 0.0);
    QCOMPARE(mean(*r, Metric::Rejected), 0.0);
    QCOMPARE(mean(*r, Metric::WaitersMax), double(maxPending));
    EXPECT_EXACT("downtime_s", mean(*r, Metric::DowntimeS), downtime);
    EXPECT_EXACT("availability", mean(*r, Metric::Availability), 1 - downtime / 20);
    QCOMPARE(r->instanceDownShare[0], down);
}

// ---- Without the loop --------------------------------------------------------------------------

void TestFailureLoop::withoutTheLoopNothingAppears()
{
    // The report of case 1 without health_check, restart or max_pending (restart alone cannot
    // fail anything): no part, no failure, no lane, and the report is served.
    for (const char* backend : {"", "backend: {instances: 2, restart: 5s}\n"}) {
        RUN(r, fill(R"(poolsim: 1
horizon: 60s
replications: 2
pool: {size: 2}
%1workloads:
  - name: report
    arrivals: {burst: {at: 5s, count: 2}}
    hold: 30s
)",
                    {QString::fromLatin1(backend)}));
        checkNoFailureLoop(*r);
        QVERIFY(!r->parts.has(ModelPart::LoadShedding));
        QVERIFY(!r->parts.has(ModelPart::ClientTimeouts));
        QCOMPARE(mean(*r, Metric::Served), 2.0);
        QCOMPARE(mean(*r, Metric::ProbeFailures), 0.0);
        QCOMPARE(mean(*r, Metric::DowntimeS), 0.0);
    }
}

QTEST_APPLESS_MAIN(TestFailureLoop)
#include "tst_failure_loop.moc"
