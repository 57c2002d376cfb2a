// One golden-output test per shipped scenario: each file in scenarios/ runs (with fewer
// replications, to stay quick), and so does each of its variants, and the results must match
// tests/golden/<name>.json. A change to the model that moves any number shows up here;
// regenerate deliberately with POOLSIM_UPDATE_GOLDEN=1 and review the diff. A new scenario
// without a golden file fails. libraryAnswers then states what the scenario library answers
// (its before and after variants), read from the golden files the first test keeps current.
#include "models/metrics/metric_catalogue.h"
#include "models/results/result_json.h"
#include "models/scenario/scenario_planning.h"
#include "models/scenario/scenario_yaml.h"
#include "models/simulation/simulation.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <cmath>

using namespace poolsim;
using Json = nlohmann::ordered_json;

namespace {
constexpr std::int64_t kReplications = 3;

const QString kSourceDir = QStringLiteral(POOLSIM_SOURCE_DIR);

Json runJson(const models::Scenario& scenario)
{
    models::RunOptions options;
    options.replications = std::min(kReplications, scenario.effectiveReplications());
    options.threads = 2;
    const auto result = models::runScenario(scenario, options);
    Json j = models::toJson(*result);
    j.erase("engine"); // wall-clock figures
    // The time series pinned by their sums: any change to a bin moves one of these.
    for (std::size_t s = 0; s < models::kSeriesCount; ++s) {
        if (!models::applies(static_cast<models::Series>(s), result->parts))
            continue;
        double sum = 0;
        for (const double v : result->series[s].mean)
            if (!std::isnan(v)) // bins with no waits have no wait percentiles
                sum += v;
        j["series_sums"][std::string(models::kSeriesNames[s])] = sum;
    }
    return j;
}

/// True when the variant changes nothing the scenario has (the library's `before` variants
/// spell out the file's own settings): its results are the scenario's and are pinned once.
bool sameSettings(models::Scenario variant, const models::Scenario& base)
{
    variant.name = base.name;
    variant.variants = base.variants;
    variant.sweep = base.sweep;
    return variant == base;
}

Json resultsOf(const QString& file)
{
    const auto scenario = models::loadScenarioFile(file.toStdString());
    Json j = runJson(scenario);
    for (const models::Variant& v : scenario.variants) {
        const models::Scenario changed = models::scenarioVariant(scenario, v);
        j["variants"][v.name] =
            sameSettings(changed, scenario) ? Json("the scenario as written") : runJson(changed);
    }
    return j;
}

Json goldenOf(const QString& name)
{
    QFile in(kSourceDir + QStringLiteral("/tests/golden/") + name + QStringLiteral(".json"));
    if (!in.open(QIODevice::ReadOnly))
        return Json();
    return Json::parse(in.readAll().toStdString());
}

/// Structure exactly, numbers to 1e-9 relative (the same binary gives the same bits; this
/// leaves room for another compiler's last-digit rounding, not for a model change).
void compare(const Json& got, const Json& want, const std::string& path, QStringList& diffs)
{
    if (diffs.size() > 10)
        return;
    if (got.is_number() && want.is_number()) {
        const double a = got.get<double>(), b = want.get<double>();
        if (std::fabs(a - b) > 1e-9 * std::max(1.0, std::fabs(b)))
            diffs << QStringLiteral("%1: got %2, golden %3")
                         .arg(QString::fromStdString(path))
                         .arg(a, 0, 'g', 12)
                         .arg(b, 0, 'g', 12);
        return;
    }
    if (got.type() != want.type()) {
        diffs << QStringLiteral("%1: type differs").arg(QString::fromStdString(path));
        return;
    }
    if (got.is_object()) {
        for (auto it = want.begin(); it != want.end(); ++it) {
            if (!got.contains(it.key()))
                diffs << QStringLiteral("%1.%2: missing")
                             .arg(QString::fromStdString(path), QString::fromStdString(it.key()));
            else
                compare(got[it.key()], it.value(), path + "." + it.key(), diffs);
        }
        for (auto it = got.begin(); it != got.end(); ++it)
            if (!want.contains(it.key()))
                diffs << QStringLiteral("%1.%2: not in golden file")
                             .arg(QString::fromStdString(path), QString::fromStdString(it.key()));
    } else if (got != want) {
        diffs << QStringLiteral("%1: %2 vs %3")
                     .arg(QString::fromStdString(path), QString::fromStdString(got.dump()),
                          QString::fromStdString(want.dump()));
    }
}
} // namespace

class TestGolden : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void shippedScenario_data()
    {
        QTest::addColumn<QString>("name");
        const QStringList files = QDir(kSourceDir + QStringLiteral("/scenarios"))
                                      .entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << f.chopped(5);
    }
    void shippedScenario()
    {
        QFETCH(QString, name);
        const Json got =
            resultsOf(kSourceDir + QStringLiteral("/scenarios/") + name + QStringLiteral(".yaml"));
        const QString goldenPath =
            kSourceDir + QStringLiteral("/tests/golden/") + name + QStringLiteral(".json");
        if (qEnvironmentVariableIsSet("POOLSIM_UPDATE_GOLDEN")) {
            QDir().mkpath(kSourceDir + QStringLiteral("/tests/golden"));
            QFile out(goldenPath);
            QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
            out.write(QByteArray::fromStdString(got.dump(1) + "\n"));
            QSKIP("golden file written");
        }
        QFile in(goldenPath);
        QVERIFY2(in.open(QIODevice::ReadOnly), qPrintable(QStringLiteral("no golden file ") + goldenPath));
        const Json want = Json::parse(in.readAll().toStdString());
        QStringList diffs;
        compare(got, want, "", diffs);
        QVERIFY2(diffs.isEmpty(), qPrintable(diffs.join(QLatin1Char('\n'))));
    }

    /// What each library scenario says, as its description and the README claim: whether the
    /// variant meets the file's service levels, and one figure that shows why.
    void libraryAnswers_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("variant");
        QTest::addColumn<bool>("sloMet");
        QTest::addColumn<QString>("metric");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        const auto row = [](const char* name, const char* variant, bool met, const char* metric, double low,
                            double high) {
            QTest::addRow("%s/%s", name, variant) << QString::fromLatin1(name) << QString::fromLatin1(variant)
                                                  << met << QString::fromLatin1(metric) << low << high;
        };
        // Five reports take the whole pool of 10 for 13 s: API requests queue behind them.
        row("month-end-reporting", "before", false, "wait_max_s", 8, 20);
        row("month-end-reporting", "after", true, "wait_max_s", 0, 0);
        // Twenty 4 s logins at once: about 50 requests queue, p99 wait over a second.
        row("shift-change", "before", false, "wait_p99_s", 1, 10);
        row("shift-change", "after", true, "wait_max_s", 0, 0);
        // The report's 3 and 8 lock-waiting clock-ins exceed 10 connections.
        row("quality-audit", "before", false, "wait_p99_s", 1, 10);
        row("quality-audit", "after", true, "wait_max_s", 0, 0);
        // On its own the cycle count is absorbed by a pool of 10: waits stay under half a second.
        row("bulk-cycle-count", "before", true, "wait_max_s", 0.1, 0.6);
        row("bulk-cycle-count", "after", true, "wait_max_s", 0, 0);
        // 30 test callers saturate 10 connections; 25 are enough, 15 (development) are not.
        row("e2e-test-load", "before", false, "wait_p95_s", 0.8, 1.5);
        row("e2e-test-load", "after", true, "wait_p95_s", 0, 0.05);
        row("e2e-test-load", "development", false, "wait_p95_s", 0.3, 0.7);
        // The day is quiet but for the shift changes, which the 16-core database server runs
        // slower: with 4 x 10 connections a couple of hundred requests queue in the application...
        row("production-day", "before", false, "waiters_max", 150, 350);
        // ... and with 4 x 50 they run on the server at once, each a little slower, none waiting.
        row("production-day", "after", true, "db_slowdown_mean", 1.05, 1.2);
        // 100 connections on 8 cores: the server completes fewer queries than arrive.
        row("pool-too-big", "large", false, "timeout_ratio", 0.5, 1);
        // 16: no timeouts, but the queries beside each other stretch the p99 beyond 75 ms.
        row("pool-too-big", "medium", false, "response_p99_s", 0.08, 0.13);
        // 8, one per core: the fastest (the exact chain's mean response is 12.85 ms).
        row("pool-too-big", "small", true, "response_mean_s", 0.0125, 0.0132);
    }
    void libraryAnswers()
    {
        QFETCH(QString, name);
        QFETCH(QString, variant);
        QFETCH(bool, sloMet);
        QFETCH(QString, metric);
        QFETCH(double, low);
        QFETCH(double, high);
        const Json golden = goldenOf(name);
        QVERIFY2(golden.is_object(), qPrintable(QStringLiteral("no golden file for ") + name));
        QVERIFY(golden.contains("variants") && golden["variants"].contains(variant.toStdString()));
        Json run = golden["variants"][variant.toStdString()];
        if (run.is_string()) // the variant spells out the file's own settings
            run = golden;
        QCOMPARE(run["slo"]["met"].get<bool>(), sloMet);
        const double value = run["metrics"][metric.toStdString()]["mean"].get<double>();
        QVERIFY2(
            value >= low && value <= high,
            qPrintable(QStringLiteral("%1 = %2, expected %3..%4").arg(metric).arg(value).arg(low).arg(high)));
    }
};

QTEST_APPLESS_MAIN(TestGolden)
#include "tst_golden.moc"
