// Scenario files: saving that loads back equal and is canonical (round trips of scenarios and of
// any text), short saved forms, and atomic saves that leave nothing behind when they fail.
// moc (Qt 6.4) cannot parse the C++20 headers these include; it needs only the test class.
#ifndef Q_MOC_RUN
#include "models/scenario/scenario_error.h"
#include "models/scenario/scenario_yaml.h"
#include "models/scenario/units.h"
#endif

#include <QtTest>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "scenario_test_support.h"

namespace {

std::string readFile(const std::string& path)
{
    std::ifstream f(path, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

} // namespace

class TstScenarioSave : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QByteArray>("file");
        QTest::newRow("minimal") << QByteArray(kMinimal) << QByteArray();
        QTest::newRow("full fixture") << QByteArray() << QByteArray("full.yaml");
        QTest::newRow("odd durations")
            << QByteArray("poolsim: 1\nhorizon: 1234567.891s\nwarmup: 1ns\nresolution: 1.5m\n"
                          "workloads:\n  - name: x\n    arrivals: {poisson: 0.1/h}\n    hold: 0.000001s\n")
            << QByteArray();
        QTest::newRow("plain numbers")
            << QByteArray(
                   "poolsim: 1\nhorizon: 7200\nworkloads:\n  - name: '123'\n    arrivals: {poisson: 2.5}\n"
                   "    hold: 0.25\n")
            << QByteArray();
        QTest::newRow("timeouts none")
            << QByteArray("poolsim: 1\nhorizon: 1h\npool: {timeout: none, connect_timeout: none, "
                          "max_lifetime: none}\n"
                          "workloads:\n  - {name: a, arrivals: {poisson: 1/s}, hold: 1s}\n")
            << QByteArray();
        QTest::newRow("multi-line workload description")
            << QByteArray("poolsim: 1\nhorizon: 1h\nworkloads:\n  - name: a\n    description: |-\n      "
                          "one\n\n      "
                          "  indented\n      last\n    arrivals: {poisson: 1/s}\n    hold: 1s\n  - name: b\n"
                          "    description: \"x\\n\"\n    arrivals: {poisson: 1/s}\n    hold: 1s\n")
            << QByteArray();
        QTest::newRow("failure loop")
            << QByteArray(
                   "poolsim: 1\nhorizon: 1h\nbackend:\n  health_check: {every: 30s, failures: 5, hold: "
                   "{uniform: {min: 1ms, max: 3ms}}}\n  restart: none\n  max_pending: 0\n"
                   "  on_overload: crash\nworkloads:\n  - name: a\n    arrivals: {users: 5, think: 1s}\n"
                   "    hold: 1s\n    retry: {attempts: 2, on: [unavailable, crashed, refused, "
                   "connect_failure]}\n"
                   "  - {name: b, arrivals: {poisson: 1/s}, hold: 1s, client_timeout: 1500ms, "
                   "cancel_on_timeout: false, retry: {attempts: 3, on: [client_timeout]}}\n")
            << QByteArray();
        QTest::newRow("round trips")
            << QByteArray(
                   "poolsim: 1\nhorizon: 1h\ndatabase:\n  capacity: {cores: 4, round_trip: 800us}\n"
                   "workloads:\n  - {name: a, arrivals: {poisson: 1/s}, hold: 1s}\n"
                   "  - {name: b, arrivals: {poisson: 1/s}, hold: 1s, round_trip: {exponential: 3ms}}\n")
            << QByteArray();
        QTest::newRow("health check with defaults")
            << QByteArray(
                   "poolsim: 1\nhorizon: 1h\nbackend: {health_check: {}, restart: 0s}\n"
                   "workloads:\n  - {name: a, arrivals: {poisson: 1/s}, hold: 1s, client_timeout: none}\n")
            << QByteArray();
    }
    void roundTrip()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QByteArray, file);
        const Scenario first = file.isEmpty() ? loadScenarioText(yaml.toStdString(), "x.yaml", kDataDir)
                                              : loadData(file.toStdString());
        const std::string saved = saveScenarioText(first);
        const Scenario second = loadScenarioText(saved, "saved.yaml", kDataDir);
        if (!(second == first))
            QFAIL(qPrintable(QStringLiteral("not equal after save:\n") + QString::fromStdString(saved)));
        // Saving is canonical: the saved text saves to itself.
        QCOMPARE(QByteArray::fromStdString(saveScenarioText(second)), QByteArray::fromStdString(saved));
    }

    void savedFormsAreShort()
    {
        const std::string saved = saveScenarioText(loadData("full.yaml"));
        for (const char* expected :
             {"name: \"Everything: all keys\"\n", "description: |\n  A scenario that uses every key.\n",
              "  timeout: 0s\n", "  idle_timeout: none\n", "    hold: 250ms\n",
              "    arrivals: {trace: trace.csv, jitter: 50ms}\n",
              "    hold: {empirical: {file: holds.csv}}\n",
              "    arrivals: {profile: [[0s, 5/s], [10m, 40/m], [12m, 0.5/h]]}\n",
              "      - {query: 20ms, connections: 2}\n", "    retry: {attempts: 2}\n",
              "    arrivals: {burst: {at: 0s, count: 1}}\n", "    hold: 1s\n", "        - [4h, 5/s]\n",
              "    arrivals: {burst: {at: 8h, count: 20, within: 30s, every: 24h}}\n"})
            if (saved.find(expected) == std::string::npos)
                QFAIL(qPrintable(QStringLiteral("missing '%1' in:\n%2")
                                     .arg(QString::fromStdString(expected), QString::fromStdString(saved))));
    }

    void failureLoopSavedAsWritten_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        QTest::addColumn<QByteArray>("saved");
        const QByteArray head("poolsim: 1\nhorizon: 1h\n");
        const QByteArray api("workloads:\n  - name: api\n    arrivals: {poisson: 5/s}\n    hold: 1s\n");
        QTest::newRow("health check")
            << head +
                   "backend:\n  instances: 2\n  health_check: {hold: 2ms, failures: 1, every: 5s, timeout: "
                   "1s}\n" +
                   api
            << head +
                   "backend:\n  instances: 2\n  health_check:\n    every: 5s\n    timeout: 1s\n"
                   "    failures: 1\n    hold: 2ms\n" +
                   api;
        QTest::newRow("empty health check")
            << head + "backend:\n  health_check:\n" + api << head + "backend:\n  health_check: {}\n" + api;
        QTest::newRow("restart and overload")
            << head + "backend: {on_overload: reject, restart: 1.5m, max_pending: 200}\n" + api
            << head + "backend:\n  restart: 1.5m\n  max_pending: 200\n  on_overload: reject\n" + api;
        QTest::newRow("client timeout")
            << head + api +
                   "    retry: {on: [client_timeout, timeout], attempts: 2}\n    cancel_on_timeout: true\n"
                   "    client_timeout: 30s\n"
            << head + api +
                   "    client_timeout: 30s\n    cancel_on_timeout: true\n"
                   "    retry: {attempts: 2, on: [client_timeout, timeout]}\n";
        // none is no client timeout: nothing to save.
        QTest::newRow("client timeout none") << head + api + "    client_timeout: none\n" << head + api;
    }
    void failureLoopSavedAsWritten()
    {
        QFETCH(QByteArray, yaml);
        QFETCH(QByteArray, saved);
        QCOMPARE(
            QByteArray::fromStdString(saveScenarioText(loadScenarioText(yaml.toStdString(), "x.yaml", ""))),
            saved);
    }

    void textRoundTrip_data()
    {
        QTest::addColumn<QByteArray>("text");
        for (const char* t : {"plain",
                              "a\nb",
                              "a\nb\n",
                              "a\nb\n\n",
                              "a\n\n\nb",
                              "x: y\n# not a comment",
                              "  leading spaces",
                              "trailing  \nline",
                              "tab\there",
                              "quote \" and \\ backslash",
                              "unicode \xC3\xA9 \xE2\x82\xAC",
                              "null",
                              "~",
                              "true",
                              "- dash",
                              "[brackets]",
                              "{braces}",
                              "a: b",
                              "#hash",
                              "12",
                              "1s",
                              "'single'",
                              "\ttab first\nx",
                              "bell\x07",
                              "cr\r\nlf",
                              "ends with space ",
                              "multi\n  indented\n    more\nback",
                              "\nleading newline",
                              "percent %",
                              "@at",
                              "`backtick",
                              "a,b",
                              "*star",
                              "&amp",
                              "!bang",
                              "|pipe",
                              ">gt",
                              "?q",
                              "x\n\n"})
            QTest::newRow(QByteArray(t).replace('\n', "\\n").replace('\r', "\\r").constData())
                << QByteArray(t);
    }
    void textRoundTrip()
    {
        QFETCH(QByteArray, text);
        Scenario s = loadScenarioText(kMinimal, "minimal.yaml", "");
        s.description = text.toStdString();
        s.name = text.toStdString();
        s.workloads[0].description = text.toStdString();
        s.workloads[0].name = text.toStdString();
        const std::string saved = saveScenarioText(s);
        Scenario back;
        try {
            back = loadScenarioText(saved, "saved.yaml", "");
        } catch (const ScenarioError& e) {
            QFAIL(qPrintable(QString::fromStdString(std::string(e.what()) + "\nin:\n" + saved)));
        }
        QCOMPARE(back.description, s.description);
        QCOMPARE(back.name, s.name);
        QCOMPARE(back.workloads[0].description, s.workloads[0].description);
        QCOMPARE(back.workloads[0].name, s.workloads[0].name);
    }

    void atomicSave()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const std::string folder = dir.path().toStdString();
        const std::string path = folder + "/s.yaml";
        const auto listing = [&] {
            std::vector<std::string> names;
            for (const auto& e : std::filesystem::directory_iterator(folder))
                names.push_back(e.path().filename().string());
            std::sort(names.begin(), names.end());
            return names;
        };

        Scenario big = loadData("full.yaml");
        for (Workload& w : big.workloads) {
            // Saved elsewhere, the data files must come along: drop them for this test.
            if (auto* h = w.hold ? std::get_if<EmpiricalDist>(&*w.hold) : nullptr)
                h->file.clear();
            if (std::holds_alternative<TraceArrivals>(w.arrivals)) {
                w.arrivals = PoissonArrivals{Rate{1, 's'}};
                w.hold = ConstantDist{sec(1)};
            }
        }
        saveScenarioFile(big, path);
        QCOMPARE(readFile(path), saveScenarioText(big));
        QVERIFY(loadScenarioFile(path) == big);

        // Saving over it replaces the whole file, even with a shorter one.
        const Scenario small = loadScenarioText(kMinimal, "m.yaml", "");
        saveScenarioFile(small, path);
        QCOMPARE(readFile(path), std::string(kMinimal));
        QCOMPARE(listing(), std::vector<std::string>{"s.yaml"});

        // A save that cannot happen throws and leaves nothing behind.
        const std::string missing = folder + "/no/such/dir/s.yaml";
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, saveScenarioFile(big, missing));
        try {
            saveScenarioFile(big, missing);
        } catch (const std::runtime_error& e) {
            QVERIFY(std::string(e.what()).rfind("cannot save '" + missing + "': ", 0) == 0);
        }
        QVERIFY(!std::filesystem::exists(folder + "/no"));
        QCOMPARE(listing(), std::vector<std::string>{"s.yaml"});

        // Renaming over a folder fails after the temporary was written: it is removed again.
        std::filesystem::create_directory(folder + "/taken");
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, saveScenarioFile(big, folder + "/taken"));
        QCOMPARE(listing(), (std::vector<std::string>{"s.yaml", "taken"}));
        QVERIFY(std::filesystem::is_empty(folder + "/taken"));
        QCOMPARE(readFile(path), std::string(kMinimal));
    }
};

QTEST_APPLESS_MAIN(TstScenarioSave)
#include "tst_scenario_save.moc"
