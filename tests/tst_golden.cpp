// One golden-output test per shipped scenario: each file in scenarios/ runs (with fewer
// replications, to stay quick) and its results must match tests/golden/<name>.json. A change
// to the model that moves any number shows up here; regenerate deliberately with
// POOLSIM_UPDATE_GOLDEN=1 and review the diff. A new scenario without a golden file fails.
#include "models/result_json.h"
#include "models/scenario_yaml.h"
#include "models/simulation.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <cmath>

using namespace poolsim;
using Json = nlohmann::ordered_json;

namespace {
constexpr std::int64_t kReplications = 3;

const QString kSourceDir = QStringLiteral(POOLSIM_SOURCE_DIR);

Json resultsOf(const QString& file)
{
    const auto scenario = models::loadScenarioFile(file.toStdString());
    models::RunOptions options;
    options.replications = std::min(kReplications, scenario.effectiveReplications());
    options.threads = 2;
    const auto result = models::runScenario(scenario, options);
    Json j = models::toJson(*result);
    j.erase("engine"); // wall-clock figures
    // The time series pinned by their sums: any change to a bin moves one of these.
    for (std::size_t s = 0; s < models::kSeriesCount; ++s) {
        double sum = 0;
        for (const double v : result->series[s].mean)
            if (!std::isnan(v)) // bins with no waits have no wait percentiles
                sum += v;
        j["series_sums"][std::string(models::kSeriesNames[s])] = sum;
    }
    return j;
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
            diffs << QStringLiteral("%1: got %2, golden %3").arg(QString::fromStdString(path)).arg(a, 0, 'g', 12).arg(b, 0, 'g', 12);
        return;
    }
    if (got.type() != want.type()) {
        diffs << QStringLiteral("%1: type differs").arg(QString::fromStdString(path));
        return;
    }
    if (got.is_object()) {
        for (auto it = want.begin(); it != want.end(); ++it) {
            if (!got.contains(it.key()))
                diffs << QStringLiteral("%1.%2: missing").arg(QString::fromStdString(path), QString::fromStdString(it.key()));
            else
                compare(got[it.key()], it.value(), path + "." + it.key(), diffs);
        }
        for (auto it = got.begin(); it != got.end(); ++it)
            if (!want.contains(it.key()))
                diffs << QStringLiteral("%1.%2: not in golden file").arg(QString::fromStdString(path), QString::fromStdString(it.key()));
    } else if (got != want) {
        diffs << QStringLiteral("%1: %2 vs %3").arg(QString::fromStdString(path), QString::fromStdString(got.dump()), QString::fromStdString(want.dump()));
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
        const QStringList files = QDir(kSourceDir + QStringLiteral("/scenarios")).entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
        QVERIFY(!files.isEmpty());
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << f.chopped(5);
    }
    void shippedScenario()
    {
        QFETCH(QString, name);
        const Json got = resultsOf(kSourceDir + QStringLiteral("/scenarios/") + name + QStringLiteral(".yaml"));
        const QString goldenPath = kSourceDir + QStringLiteral("/tests/golden/") + name + QStringLiteral(".json");
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
};

QTEST_APPLESS_MAIN(TestGolden)
#include "tst_golden.moc"
