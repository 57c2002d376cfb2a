// The fuzz targets' properties (tests/fuzz/fuzz_checks.h) on every input a fuzzer found
// (tests/fuzz/regressions/, one file each, named for what it found) and on the shipped
// scenarios: each loads or is refused with a located error, round-trips through save, and runs.
#ifndef Q_MOC_RUN
#include "fuzz_checks.h"
#endif

#include <QDir>
#include <QFile>
#include <QObject>
#include <QTest>

class TestFuzzRegressions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void properties_data();
    void properties();
};

void TestFuzzRegressions::properties_data()
{
    QTest::addColumn<QString>("path");
    const QString root = QStringLiteral(POOLSIM_SOURCE_DIR);
    int rows = 0;
    for (const QString& dir : {QStringLiteral("/tests/fuzz/regressions"), QStringLiteral("/scenarios")}) {
        const QDir d(root + dir);
        for (const QString& name : d.entryList(QDir::Files, QDir::Name)) {
            if (name == QStringLiteral("README.md"))
                continue;
            QTest::newRow(qPrintable(dir.mid(1) + QLatin1Char('/') + name)) << d.filePath(name);
            ++rows;
        }
    }
    QVERIFY(rows >= 8); // at least the shipped scenarios
}

void TestFuzzRegressions::properties()
{
    QFETCH(QString, path);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const std::string text = f.readAll().toStdString();
    const std::string loader = poolsim::fuzz::loaderRoundTrip(text);
    QVERIFY2(loader.empty(), loader.c_str());
    const std::string simulation = poolsim::fuzz::cappedSimulation(text);
    QVERIFY2(simulation.empty(), simulation.c_str());
}

QTEST_APPLESS_MAIN(TestFuzzRegressions)
#include "tst_fuzz_regressions.moc"
