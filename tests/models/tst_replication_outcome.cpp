// A replication's outcome as it travels between the processes of an MPI job: encoded and decoded
// it is bit for bit the outcome simulated, a run fed decoded outcomes (in any order) ends with
// the result of a run that simulated them itself, and damaged bytes are refused.
#ifndef Q_MOC_RUN
#include "models/results/result_json.h"
#include "models/simulation/simulation.h"
#endif

#include <QByteArray>
#include <QList>

#include "scenario_test_support.h"

#include <QList>
#include <QTest>

#include <atomic>

class TestReplicationOutcome : public QObject
{
    Q_OBJECT

private:
    static ReplicationOutcome simulate(ScenarioRun& run, std::size_t replication)
    {
        std::atomic<bool> stop{false};
        std::atomic<std::uint64_t> progress{0}, events{0};
        poolsim::engine::ReplicationContext context(stop, progress, events);
        return run.simulate(replication, context);
    }

    /// Everything a run's result holds: the JSON (but its engine block), the series bands, the
    /// wait distributions and the instances' down shares, which the JSON leaves out.
    static std::string resultText(ScenarioRun& run)
    {
        auto result = run.finish(true, 1, 0.0);
        auto j = toJson(*result);
        j.erase("engine");
        j["series_csv"] = seriesCsv(*result);
        j["wait_cdf"] = result->waitCdfS;
        j["workload_wait_cdf"] = result->workloadWaitCdfS;
        j["instance_down"] = result->instanceDownShare;
        return j.dump();
    }

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QString>("file");
        // Workloads, a database server, failures and their events, alerts.
        QTest::newRow("full") << QStringLiteral("full.yaml");
        QTest::newRow("database") << QStringLiteral("database-cores.yaml");
        QTest::newRow("failures") << QStringLiteral("failures.yaml");
    }

    void roundTrip()
    {
        QFETCH(QString, file);
        const Scenario scenario = loadScenarioFile(kDataDir + "/" + file.toStdString(), {"horizon=20m"});
        RunOptions options;
        options.replications = 3;
        ScenarioRun own(scenario, options), fed(scenario, options);
        std::vector<std::string> encoded;
        std::size_t failureEvents = 0;
        for (std::size_t r = 0; r < 3; ++r) {
            ReplicationOutcome outcome = simulate(own, r);
            encoded.push_back(outcome.encode());
            const ReplicationOutcome back = ReplicationOutcome::decode(encoded.back());
            // Nothing lost or changed on the way (bytes, since NaN bins compare unequal as numbers).
            QCOMPARE(back.encode(), encoded.back());
            QCOMPARE(back.events, outcome.events);
            QCOMPARE(back.instanceFailures, outcome.instanceFailures);
            failureEvents += outcome.instanceFailures.size();
            own.takeIn(r, std::move(outcome));
        }
        if (file == QLatin1String("failures.yaml"))
            QVERIFY(failureEvents > 0); // the events' own encoding was exercised
        // Another process takes them in as they come, not in order.
        for (const std::size_t r : {2u, 0u, 1u})
            fed.takeIn(r, ReplicationOutcome::decode(encoded[r]));
        QCOMPARE(resultText(fed), resultText(own));
    }

    void damagedBytesAreRefused()
    {
        const Scenario scenario = loadData("failures.yaml");
        RunOptions options;
        options.replications = 1;
        ScenarioRun run(scenario, options);
        const std::string bytes = simulate(run, 0).encode();
        for (const std::size_t cut :
             {std::size_t{0}, std::size_t{3}, std::size_t{40}, bytes.size() / 2, bytes.size() - 1})
            QVERIFY_THROWS_EXCEPTION(std::runtime_error, ReplicationOutcome::decode(bytes.substr(0, cut)));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, ReplicationOutcome::decode(bytes + "x"));
        std::string otherVersion = bytes;
        otherVersion[0] = 9;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, ReplicationOutcome::decode(otherVersion));
    }
};

QTEST_GUILESS_MAIN(TestReplicationOutcome)
#include "tst_replication_outcome.moc"
