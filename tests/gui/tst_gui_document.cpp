// The GUI's scenario document: opening every shipped scenario, a bad file leaving the document
// untouched with a located error, one-value edits checked as the loader checks them (same
// message), the YAML text, saving and reopening, the modified flag and its signals, and the
// content hash that names exported files.
// moc (Qt 6.4) cannot parse the C++20 headers these include; it needs only the test class.
#ifndef Q_MOC_RUN
#include "models/scenario/scenario_error.h"
#include "models/scenario/scenario_yaml.h"
#include "models/simulation/simulation.h"
#include "ui/core/scenario_document.h"
#endif

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <string>
#include <variant>

using poolsim::ui::ScenarioDocument;
namespace models = poolsim::models;

namespace {

const QString kScenarioDir = QStringLiteral(POOLSIM_SOURCE_DIR "/scenarios");

/// Two workloads, a variant that names one of them, and a sweep: the what-ifs an edit must keep.
const char* const kWithWhatIfs = R"(poolsim: 1
name: Edit me
horizon: 1m
replications: 2
seed: 3
pool:
  size: 5
workloads:
  - name: api
    arrivals: {poisson: 10/s}
    hold: {exponential: 50ms}
  - name: reports
    arrivals: {burst: {at: 10s, count: 3, within: 1s}}
    hold: 2s
variants:
  - name: slower-api
    set: {workloads.api.hold.exponential: 80ms}
sweep:
  pool.size: 5:10:5
)";

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(content);
    return path;
}

/// The message of the ScenarioError `f` throws, or a note that it threw none / another kind.
template <typename F> models::ScenarioError scenarioErrorOf(F&& f)
{
    try {
        f();
    } catch (const models::ScenarioError& e) {
        return e;
    } catch (const std::exception& e) {
        return models::ScenarioError({}, {}, std::string("not a ScenarioError: ") + e.what());
    }
    return models::ScenarioError({}, {}, "(no error)");
}

} // namespace

class TstGuiDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startsWithARunnableTemplate()
    {
        ScenarioDocument doc;
        QVERIFY(doc.filePath().isEmpty());
        QVERIFY(!doc.isModified());
        const models::Scenario& s = doc.scenario();
        QCOMPARE(s.workloads.size(), std::size_t(1));
        QVERIFY(std::holds_alternative<models::PoissonArrivals>(s.workloads[0].arrivals));
        // It loads back from its own text, and runs.
        QVERIFY(models::loadScenarioText(doc.yamlText(), "t.yaml", "") == s);
        models::RunOptions options;
        options.replications = 1;
        QVERIFY(models::runScenario(s, options)->requests > 0);
    }

    void opensEveryShippedScenario_data()
    {
        QTest::addColumn<QString>("path");
        const QStringList files =
            QDir(kScenarioDir).entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 6);
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << QDir(kScenarioDir).filePath(f);
    }
    void opensEveryShippedScenario()
    {
        QFETCH(QString, path);
        ScenarioDocument doc;
        doc.setValue("pool.size", "17"); // modified before: opening clears it
        QSignalSpy changed(&doc, &ScenarioDocument::changed);
        QSignalSpy modified(&doc, &ScenarioDocument::modifiedChanged);
        QSignalSpy pathChanged(&doc, &ScenarioDocument::filePathChanged);
        doc.open(path);
        QCOMPARE(doc.filePath(), QFileInfo(path).absoluteFilePath());
        QVERIFY(!doc.isModified());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(modified.count(), 1);
        QCOMPARE(pathChanged.count(), 1);
        QVERIFY(doc.scenario() == models::loadScenarioFile(path.toStdString()));
        QCOMPARE(doc.yamlText(), models::saveScenarioText(doc.scenario()));
    }

    void badFileLeavesDocumentUntouched_data()
    {
        QTest::addColumn<QByteArray>("content"); // empty: no file at all
        QTest::addColumn<QString>("location");   // after the path: ":line:col" or ""
        QTest::addColumn<QString>("message");    // a part of the message
        const QByteArray head("poolsim: 1\nhorizon: 1m\n");
        const QByteArray api("workloads:\n  - name: api\n    arrivals: {poisson: 10/s}\n    hold: 50ms\n");
        QTest::newRow("missing file") << QByteArray() << QString() << QStringLiteral("cannot open the file");
        QTest::newRow("unknown key") << QByteArray(head + "horizn: 2m\n" + api) << QStringLiteral(":3:1")
                                     << QStringLiteral("unknown key 'horizn'");
        QTest::newRow("bad value") << QByteArray(head + "pool:\n  size: many\n" + api)
                                   << QStringLiteral(":4:9")
                                   << QStringLiteral("pool.size: expected an integer");
        QTest::newRow("bad distribution")
            << QByteArray(head +
                          "workloads:\n  - name: api\n    arrivals: {poisson: 10/s}\n    hold: {expo: 1s}\n")
            << QStringLiteral(":6:12") << QStringLiteral("workloads[0].hold: unknown distribution");
        QTest::newRow("not yaml") << QByteArray("poolsim: 1\nhorizon: [1m\n") << QStringLiteral(":")
                                  << QString();
    }
    void badFileLeavesDocumentUntouched()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, location);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString bad = content.isEmpty() ? dir.filePath(QStringLiteral("absent.yaml"))
                                              : writeFile(dir, QStringLiteral("bad.yaml"), content);
        ScenarioDocument doc;
        const QString good = QDir(kScenarioDir).filePath(QStringLiteral("incident-pool-10.yaml"));
        doc.open(good);
        doc.setValue("pool.size", "12");
        const models::Scenario before = doc.scenario();
        const std::string textBefore = doc.yamlText();
        QSignalSpy changed(&doc, &ScenarioDocument::changed);
        QSignalSpy pathChanged(&doc, &ScenarioDocument::filePathChanged);

        const models::ScenarioError e = scenarioErrorOf([&] { doc.open(bad); });
        const QString what = QString::fromStdString(e.what());
        QVERIFY2(what.startsWith(bad + location), qPrintable(what));
        QVERIFY2(what.contains(message), qPrintable(what));
        QVERIFY(doc.scenario() == before);
        QCOMPARE(doc.yamlText(), textBefore);
        QCOMPARE(doc.filePath(), QFileInfo(good).absoluteFilePath());
        QVERIFY(doc.isModified());
        QCOMPARE(changed.count(), 0);
        QCOMPARE(pathChanged.count(), 0);
    }

    void setValue_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("valid");
        QTest::newRow("pool size") << QStringLiteral("pool.size") << QStringLiteral("25") << true;
        QTest::newRow("pool timeout") << QStringLiteral("pool.timeout") << QStringLiteral("5s") << true;
        QTest::newRow("rate by name")
            << QStringLiteral("workloads.api.arrivals.poisson") << QStringLiteral("60/s") << true;
        QTest::newRow("hold by index") << QStringLiteral("workloads[1].hold") << QStringLiteral("3s") << true;
        QTest::newRow("description") << QStringLiteral("description")
                                     << QStringLiteral("Peak hour, twice the traffic") << true;
        QTest::newRow("size not a number") << QStringLiteral("pool.size") << QStringLiteral("abc") << false;
        QTest::newRow("size zero") << QStringLiteral("pool.size") << QStringLiteral("0") << false;
        QTest::newRow("unknown key") << QStringLiteral("pool.sise") << QStringLiteral("5") << false;
        QTest::newRow("bad duration") << QStringLiteral("horizon") << QStringLiteral("10 parsecs") << false;
        QTest::newRow("unknown workload")
            << QStringLiteral("workloads.web.hold") << QStringLiteral("1s") << false;
        QTest::newRow("bad rate") << QStringLiteral("workloads.api.arrivals.poisson")
                                  << QStringLiteral("-3/s") << false;
    }
    void setValue()
    {
        QFETCH(QString, path);
        QFETCH(QString, value);
        QFETCH(bool, valid);
        QTemporaryDir dir;
        const QString file = writeFile(dir, QStringLiteral("edit.yaml"), kWithWhatIfs);
        ScenarioDocument doc;
        doc.open(file);
        const models::Scenario before = doc.scenario();
        QSignalSpy changed(&doc, &ScenarioDocument::changed);
        QSignalSpy modified(&doc, &ScenarioDocument::modifiedChanged);

        // What the loader makes of the same change given as --set.
        const std::string option = path.toStdString() + "=" + value.toStdString();
        const models::ScenarioError loaderError =
            scenarioErrorOf([&] { models::loadScenarioFile(file.toStdString(), {option}); });

        if (valid) {
            QCOMPARE(QString::fromStdString(loaderError.detail()), QStringLiteral("(no error)"));
            doc.setValue(path.toStdString(), value.toStdString());
            const models::Scenario expected = models::loadScenarioFile(file.toStdString(), {option});
            QVERIFY(doc.scenario() == expected); // variants and sweep kept
            QCOMPARE(doc.scenario().variants.size(), std::size_t(1));
            QCOMPARE(doc.scenario().sweep.size(), std::size_t(1));
            QCOMPARE(doc.scenario().sourcePath, before.sourcePath);
            QCOMPARE(doc.scenario().dataDir, before.dataDir);
            QVERIFY(doc.isModified());
            QCOMPARE(changed.count(), 1);
            QCOMPARE(modified.count(), 1);
            QCOMPARE(modified.at(0).at(0).toBool(), true);
        } else {
            const models::ScenarioError e =
                scenarioErrorOf([&] { doc.setValue(path.toStdString(), value.toStdString()); });
            QVERIFY2(e.detail() != "(no error)", "accepted an invalid value");
            QVERIFY2(e.location().file == "edit.yaml", e.what()); // named after the file
            QVERIFY2(loaderError.detail() != "(no error)", "the loader accepts it");
            // The loader's message, word for word, at the same key path; only where the change
            // came from differs: the file's name instead of --set.
            const QString change = QStringLiteral("%1=%2)").arg(path, value);
            const QString mine = QString::fromStdString(e.detail());
            const QString loaders = QString::fromStdString(loaderError.detail());
            QVERIFY2(mine.endsWith(QStringLiteral(" (from edit.yaml ") + change), qPrintable(mine));
            QVERIFY2(loaders.endsWith(QStringLiteral(" (from --set ") + change), qPrintable(loaders));
            QCOMPARE(mine.left(mine.lastIndexOf(QStringLiteral(" (from "))),
                     loaders.left(loaders.lastIndexOf(QStringLiteral(" (from "))));
            QCOMPARE(QString::fromStdString(e.keyPath()), QString::fromStdString(loaderError.keyPath()));
            QVERIFY(doc.scenario() == before);
            QVERIFY(!doc.isModified());
            QCOMPARE(changed.count(), 0);
        }
    }

    void setValueThatBreaksAVariantIsRefused()
    {
        QTemporaryDir dir;
        ScenarioDocument doc;
        doc.open(writeFile(dir, QStringLiteral("edit.yaml"), kWithWhatIfs));
        const models::Scenario before = doc.scenario();
        // The variant changes workloads.api: renaming api leaves it pointing at nothing.
        const models::ScenarioError e = scenarioErrorOf([&] { doc.setValue("workloads[0].name", "web"); });
        QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("slower-api")), e.what());
        QVERIFY(doc.scenario() == before);
        QVERIFY(!doc.isModified());
    }

    void sameValueAgainIsNoChange()
    {
        QTemporaryDir dir;
        ScenarioDocument doc;
        doc.open(writeFile(dir, QStringLiteral("edit.yaml"), kWithWhatIfs));
        QSignalSpy changed(&doc, &ScenarioDocument::changed);
        doc.setValue("pool.size", "5");
        QCOMPARE(changed.count(), 0);
        QVERIFY(!doc.isModified());
        doc.setValue("pool.size", "6");
        doc.setValue("pool.size", "6");
        QCOMPARE(changed.count(), 1);
    }

    void setYamlText()
    {
        ScenarioDocument doc;
        QSignalSpy changed(&doc, &ScenarioDocument::changed);
        doc.setYamlText(kWithWhatIfs);
        QCOMPARE(changed.count(), 1);
        QVERIFY(doc.isModified());
        QCOMPARE(doc.scenario().name, std::string("Edit me"));
        QCOMPARE(doc.scenario().variants.size(), std::size_t(1));

        // An error is located in the text given (line 7: size), and changes nothing.
        std::string bad = kWithWhatIfs;
        bad.replace(bad.find("size: 5"), 7, "size: -1");
        const models::Scenario before = doc.scenario();
        const models::ScenarioError e = scenarioErrorOf([&] { doc.setYamlText(bad); });
        QCOMPARE(e.location().line, 7);
        QCOMPARE(e.location().column, 9);
        QCOMPARE(QString::fromStdString(e.keyPath()), QStringLiteral("pool.size"));
        QVERIFY(doc.scenario() == before);
        QCOMPARE(changed.count(), 1);
    }

    void setScenarioChecksAsTheLoader()
    {
        ScenarioDocument doc;
        doc.setYamlText(kWithWhatIfs);
        models::Scenario s = doc.scenario();
        s.workloads.push_back(s.workloads[0]); // a second "api"
        const models::ScenarioError e = scenarioErrorOf([&] { doc.setScenario(s); });
        QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("duplicate workload name 'api'")),
                 e.what());
        QCOMPARE(doc.scenario().workloads.size(), std::size_t(2));

        s.workloads.back().name = "api-copy";
        QSignalSpy changed(&doc, &ScenarioDocument::changed);
        doc.setScenario(s);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(doc.scenario().workloads.size(), std::size_t(3));
        QCOMPARE(doc.scenario().workloads[2].name, std::string("api-copy"));
    }

    void saveAndReopenGivesTheSameScenario()
    {
        QTemporaryDir dir;
        ScenarioDocument doc;
        doc.open(writeFile(dir, QStringLiteral("a.yaml"), kWithWhatIfs));
        doc.setValue("pool.size", "9");
        doc.setValue("workloads.reports.hold", "4s");
        QSignalSpy modified(&doc, &ScenarioDocument::modifiedChanged);
        doc.save();
        QVERIFY(!doc.isModified());
        QCOMPARE(modified.count(), 1);

        ScenarioDocument reopened;
        reopened.open(doc.filePath());
        QVERIFY(reopened.scenario() == doc.scenario());
        QCOMPARE(reopened.scenario().pool.effectiveSize(), std::int64_t(9));
        QCOMPARE(reopened.yamlText(), doc.yamlText());

        // Save As moves the document to the new file.
        QSignalSpy pathChanged(&doc, &ScenarioDocument::filePathChanged);
        doc.setValue("pool.size", "11");
        const QString other = dir.filePath(QStringLiteral("b.yaml"));
        doc.saveAs(other);
        QCOMPARE(doc.filePath(), other);
        QCOMPARE(pathChanged.count(), 1);
        QVERIFY(!doc.isModified());
        QVERIFY(models::loadScenarioFile(other.toStdString()) == doc.scenario());
        QCOMPARE(models::loadScenarioFile(dir.filePath(QStringLiteral("a.yaml")).toStdString())
                     .pool.effectiveSize(),
                 std::int64_t(9));
    }

    void saveFailureKeepsModified()
    {
        QTemporaryDir dir;
        ScenarioDocument doc;
        const QString file = writeFile(dir, QStringLiteral("a.yaml"), kWithWhatIfs);
        doc.open(file);
        doc.setValue("pool.size", "9");
        QSignalSpy modified(&doc, &ScenarioDocument::modifiedChanged);
        QSignalSpy pathChanged(&doc, &ScenarioDocument::filePathChanged);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 doc.saveAs(dir.filePath(QStringLiteral("no/such/folder/b.yaml"))));
        QVERIFY(doc.isModified());
        QCOMPARE(doc.filePath(), file);
        QCOMPARE(modified.count(), 0);
        QCOMPARE(pathChanged.count(), 0);

        // A new scenario has no file: Save says so and keeps it modified.
        ScenarioDocument fresh;
        fresh.setValue("pool.size", "3");
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, fresh.save());
        QVERIFY(fresh.isModified());
    }

    void newScenarioResets()
    {
        QTemporaryDir dir;
        ScenarioDocument doc;
        doc.open(writeFile(dir, QStringLiteral("a.yaml"), kWithWhatIfs));
        doc.setValue("pool.size", "9");
        QSignalSpy changed(&doc, &ScenarioDocument::changed);
        QSignalSpy pathChanged(&doc, &ScenarioDocument::filePathChanged);
        doc.newScenario();
        QVERIFY(doc.filePath().isEmpty());
        QVERIFY(!doc.isModified());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(pathChanged.count(), 1);
        QVERIFY(doc.scenario() == ScenarioDocument().scenario());
    }

    void contentHashFollowsTheText()
    {
        ScenarioDocument doc;
        const QString first = doc.contentHash();
        QVERIFY(QRegularExpression(QStringLiteral("^[0-9a-f]{8}$")).match(first).hasMatch());
        const QByteArray sha1 =
            QCryptographicHash::hash(QByteArray::fromStdString(doc.yamlText()), QCryptographicHash::Sha1)
                .toHex();
        QCOMPARE(first, QString::fromLatin1(sha1.left(8)));
        QCOMPARE(doc.contentHash(), first); // stable

        doc.setValue("pool.size", "11");
        QVERIFY(doc.contentHash() != first);
        doc.setValue("pool.size", "10");
        QCOMPARE(doc.contentHash(), first); // the same text, the same hash
    }
};

QTEST_GUILESS_MAIN(TstGuiDocument)
#include "tst_gui_document.moc"
