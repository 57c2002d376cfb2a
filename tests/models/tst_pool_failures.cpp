// How requests fail, and that failing never hides a problem: database refusals wait like
// HikariCP's callers do, failed openings fail a waiter whoever started them, a deadlock shows as
// unfinished requests, and a batch of instant failures does not nest calls (stack depth).
#include "pool_test_support.h"

class TestPoolFailures : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void refusedOpeningKeepsWaiting_data()
    {
        QTest::addColumn<QString>("timeout");
        QTest::addColumn<double>("served");
        QTest::addColumn<double>("refused");
        QTest::addColumn<double>("waitMax");
        // Budget 2 (max 5, 3 reserved), both open from the start: the third request is refused an
        // opening at 1 s and
        // waits (unless it may not); the first gives its connection back at 2 s.
        QTest::newRow("waits for a released connection") << QStringLiteral("5s") << 3.0 << 0.0 << 1.0;
        QTest::newRow("times out: counted as refused") << QStringLiteral("500ms") << 2.0 << 1.0 << 0.0;
        QTest::newRow("timeout 0: refused at once") << QStringLiteral("0") << 2.0 << 1.0 << 0.0;
    }
    void refusedOpeningKeepsWaiting()
    {
        QFETCH(QString, timeout);
        QFETCH(double, served);
        QFETCH(double, refused);
        QFETCH(double, waitMax);
        RUN(r, fill(R"(poolsim: 1
horizon: 10s
replications: 2
pool: {size: 4, min_idle: 2, timeout: %1}
database: {max_connections: 5}
workloads:
  - name: three
    arrivals: {burst: {at: 1s, count: 3}}
    hold: 1s
)",
                    {timeout}));
        QCOMPARE(mean(*r, Metric::Served), served);
        QCOMPARE(mean(*r, Metric::Refused), refused);
        QCOMPARE(mean(*r, Metric::Failures), refused);
        QCOMPARE(mean(*r, Metric::Timeouts), 0.0);
        EXPECT_EXACT("wait_max_s", mean(*r, Metric::WaitMaxS), waitMax);
        QVERIFY(seriesMax(band(*r, Series::OpenMean).max) <= 2.0);
    }

    void failedRefillFailsTheOldestWaiter()
    {
        // The pool's only connection retires at 9.75-10 s (max_lifetime, up to 2.5% early); the
        // refill opening, started by the pool and not by a request, takes 2 s against a 1 s
        // connect_timeout. The request waiting since 10.5 s is the one it fails.
        RUN(r, text(R"(poolsim: 1
horizon: 20s
replications: 3
pool: {size: 1, timeout: none, connect_time: 2s, connect_timeout: 1s, max_lifetime: 10s}
workloads:
  - name: late
    arrivals: {burst: {at: 10500ms, count: 1}}
    hold: 100ms
)"));
        QCOMPARE(mean(*r, Metric::ConnectFailures), 1.0);
        QCOMPARE(mean(*r, Metric::Served), 0.0);
        QCOMPARE(mean(*r, Metric::Timeouts), 0.0);
        QCOMPARE(mean(*r, Metric::Unfinished), 0.0);
    }

    void deadlockShowsAsUnfinished_data()
    {
        QTest::addColumn<QString>("acquire");
        QTest::addColumn<double>("unfinished");
        QTest::newRow("one_by_one deadlocks") << QStringLiteral("one_by_one") << 2.0;
        QTest::newRow("together does not") << QStringLiteral("together") << 0.0;
    }
    void deadlockShowsAsUnfinished()
    {
        // Two requests each need 2 of the pool's 2 connections, with no pool timeout: one by one,
        // each takes one and waits for ever for the other.
        QFETCH(QString, acquire);
        QFETCH(double, unfinished);
        RUN(r, fill(R"(poolsim: 1
horizon: 60s
replications: 2
pool: {size: 2, timeout: none}
workloads:
  - name: nested
    arrivals: {burst: {at: 1s, count: 2}}
    hold: 1s
    connections: 2
    acquire: %1
)",
                    {acquire}));
        QCOMPARE(mean(*r, Metric::Arrivals), 2.0);
        QCOMPARE(mean(*r, Metric::Unfinished), unfinished);
        QCOMPARE(mean(*r, Metric::Served), 2.0 - unfinished);
        QCOMPARE(mean(*r, Metric::Timeouts), 0.0);
    }

    void batchOfInstantFailuresDoesNotNest()
    {
        // Every item fails at once (the only connection is held for the whole run, timeout 0):
        // 300,000 failures in a row at one instant, which once nested a call per item.
        RUN(r, text(R"(poolsim: 1
horizon: 10s
replications: 1
pool: {size: 1, timeout: 0}
workloads:
  - name: hog
    arrivals: {burst: {at: 0s, count: 1}}
    hold: 1h
  - name: items
    arrivals: {batch: {at: 1s, items: 300000, concurrency: 1}}
    hold: 10ms
)"));
        QCOMPARE(wmean(*r, 1, Metric::Timeouts), 300000.0);
        QCOMPARE(wmean(*r, 1, Metric::Served), 0.0);
    }
};

QTEST_APPLESS_MAIN(TestPoolFailures)
#include "tst_pool_failures.moc"
