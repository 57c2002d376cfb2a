// The format documentation's examples are real: every ```yaml block in docs/scenario-format.md
// loads as a complete scenario, saves to a file that loads back equal, and runs (one
// replication of at most its first 30 minutes, to stay quick).
// moc (Qt 6.4) cannot parse the C++20 headers these include; it needs only the test class.
#ifndef Q_MOC_RUN
#include "models/scenario/scenario_error.h"
#include "models/scenario/scenario_yaml.h"
#include "models/simulation/simulation.h"
#endif

#include <QtTest>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace poolsim::models;

namespace {

const std::string kDocsDir = POOLSIM_SOURCE_DIR "/docs";
const std::string kDocument = kDocsDir + "/scenario-format.md";

struct Example
{
    int line = 0; // of the opening fence
    std::string text;
};

std::vector<Example> yamlExamples()
{
    std::ifstream in(kDocument);
    std::vector<Example> examples;
    std::string line;
    int number = 0;
    bool inside = false;
    while (std::getline(in, line)) {
        ++number;
        if (!inside && line == "```yaml") {
            inside = true;
            examples.push_back({number, {}});
        } else if (inside && line.rfind("```", 0) == 0) {
            inside = false;
        } else if (inside) {
            examples.back().text += line + "\n";
        }
    }
    return examples;
}

} // namespace

class TstScenarioDocs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void documentHasExamples()
    {
        QVERIFY2(std::ifstream(kDocument).good(), kDocument.c_str());
        QVERIFY2(yamlExamples().size() >= 10,
                 "docs/scenario-format.md should have at least 10 yaml examples");
    }

    void exampleLoadsAndRoundTrips_data()
    {
        QTest::addColumn<QByteArray>("yaml");
        for (const Example& e : yamlExamples())
            QTest::newRow(qPrintable(QStringLiteral("line %1").arg(e.line)))
                << QByteArray::fromStdString(e.text);
    }
    void exampleLoadsAndRoundTrips()
    {
        QFETCH(QByteArray, yaml);
        const std::string name = std::string("scenario-format.md ") + QTest::currentDataTag();
        try {
            const Scenario loaded = loadScenarioText(yaml.toStdString(), name, kDocsDir);
            const std::string saved = saveScenarioText(loaded);
            const Scenario back = loadScenarioText(saved, name + " (saved)", kDocsDir);
            if (!(back == loaded))
                QFAIL(qPrintable(QStringLiteral("not equal after save:\n") + QString::fromStdString(saved)));

            Scenario quick = loaded;
            quick.horizon = std::min(quick.horizon, SimTime::fromSeconds(1800));
            if (quick.effectiveWarmup() >= quick.horizon)
                quick.warmup.reset();
            if (quick.resolution && *quick.resolution > quick.horizon)
                quick.resolution.reset();
            RunOptions options;
            options.replications = 1;
            const auto result = runScenario(quick, options);
            QCOMPARE(result->replications, std::int64_t{1});
            QVERIFY(result->complete);
            QVERIFY(result->events > 0);
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TstScenarioDocs)
#include "tst_scenario_docs.moc"
