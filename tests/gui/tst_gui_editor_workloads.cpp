// The scenario editor's Workloads tab, driven through its widgets: add, duplicate, remove and
// reorder; the selected workload's arrivals, hold distribution (with its plot), request shape
// and retry; files (a trace, a values file) that wait for their path; and, on request, the
// editor's tabs rendered to PNG for a person to look at.
// moc (Qt 6.4) cannot parse the C++20 headers the support header includes.
#ifndef Q_MOC_RUN
#include "gui_editor_support.h"
#endif

class TestGuiEditorWorkloads : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void workloadListButtons()
    {
        Fixture f;
        auto* workloads = f.editor->workloads();
        const auto click = [&](const char* name) {
            QTest::mouseClick(f.field<QPushButton>(QString::fromLatin1(name)), Qt::LeftButton);
        };
        const std::vector<std::string> original = workloadNames(f.document.scenario());
        QCOMPARE(original.size(), std::size_t(6));

        workloads->selectWorkload(1); // shift-change
        click("workloads.duplicate");
        auto names = workloadNames(f.document.scenario());
        QCOMPARE(names.size(), std::size_t(7));
        QCOMPARE(names[2], std::string("shift-change copy"));
        QCOMPARE(workloads->currentWorkload(), 2);
        models::Workload copy = f.document.scenario().workloads[2];
        copy.name = "shift-change";
        QVERIFY(copy == f.document.scenario().workloads[1]);

        click("workloads.up");
        names = workloadNames(f.document.scenario());
        QCOMPARE(names[1], std::string("shift-change copy"));
        QCOMPARE(names[2], std::string("shift-change"));
        QCOMPARE(workloads->currentWorkload(), 1);
        click("workloads.down");
        click("workloads.down");
        names = workloadNames(f.document.scenario());
        QCOMPARE(names[3], std::string("shift-change copy"));
        QCOMPARE(workloads->currentWorkload(), 3);

        click("workloads.remove");
        QVERIFY(workloadNames(f.document.scenario()) == original);

        workloads->selectWorkload(5);
        click("workloads.add");
        names = workloadNames(f.document.scenario());
        QCOMPARE(names.size(), std::size_t(7));
        QCOMPARE(names[6], std::string("workload 7"));
        QCOMPARE(workloads->currentWorkload(), 6);
        QCOMPARE(workloads->model()->rowCount(), 7);
        QCOMPARE(workloads->table()->currentIndex().row(), 6);
        QCOMPARE(f.field<QLineEdit>(QStringLiteral("workload.name"))->text(), QStringLiteral("workload 7"));
    }

    void removingAWorkloadAServiceLevelNamesIsRejected()
    {
        const QByteArray yaml = "poolsim: 1\nhorizon: 1m\nworkloads:\n"
                                "  - {name: api, arrivals: {poisson: 5/s}, hold: 10ms}\n"
                                "  - {name: reports, arrivals: {poisson: 1/s}, hold: 1s}\n"
                                "slo:\n  workloads:\n    reports: {wait_p95: 1s}\n";
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("two.yaml")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(yaml);
        file.close();
        Fixture f(file.fileName());
        f.editor->workloads()->selectWorkload(1);
        QTest::mouseClick(f.field<QPushButton>(QStringLiteral("workloads.remove")), Qt::LeftButton);
        QCOMPARE(f.document.scenario().workloads.size(), std::size_t(2));
        QVERIFY2(f.editor->workloads()->errorText().contains(QStringLiteral("reports")),
                 qPrintable(f.editor->workloads()->errorText()));
    }

    void roundTripOnlyWithADatabaseServer()
    {
        // A workload's own round trip is shown only when the scenario models the server, whose
        // round trip it replaces (the loader refuses one without it).
        const QByteArray yaml = "poolsim: 1\nhorizon: 1m\nworkloads:\n"
                                "  - {name: api, arrivals: {poisson: 5/s}, hold: 10ms}\n";
        QTemporaryDir dir;
        QFile file(dir.filePath(QStringLiteral("rt.yaml")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(yaml);
        file.close();
        Fixture f(file.fileName());
        f.editor->tabs()->setCurrentWidget(f.editor->workloads());
        f.editor->workloads()->selectWorkload(0);
        auto* form = f.field<QComboBox>(QStringLiteral("workload.round_trip.form"));
        QVERIFY(!form->isVisible());

        f.document.setValue("database.capacity.cores", "4"); // the server, modelled
        QVERIFY(form->isVisible());
        form->setCurrentIndex(form->findData(QStringLiteral("constant")));
        Q_EMIT form->activated(form->currentIndex());
        typeInto(f.field<QLineEdit>(QStringLiteral("workload.round_trip.param1")), QStringLiteral("9ms"));
        const auto& rt = f.document.scenario().workloads[0].roundTrip;
        QVERIFY(rt && std::holds_alternative<models::ConstantDist>(*rt));
        QCOMPARE(std::get<models::ConstantDist>(*rt).value, models::SimTime::fromSeconds(0.009));
        // The default entry takes the key out: the server's round trip again.
        form->setCurrentIndex(0);
        Q_EMIT form->activated(form->currentIndex());
        QVERIFY(!f.document.scenario().workloads[0].roundTrip);
    }

    void workloadPanelEdits()
    {
        Fixture f;
        f.editor->tabs()->setCurrentWidget(f.editor->workloads());
        f.editor->workloads()->selectWorkload(5); // measurement-system: poisson 3/s, lognormal hold
        auto* rate = f.field<QLineEdit>(QStringLiteral("workload.arrivals.poisson"));
        QCOMPARE(rate->text(), QStringLiteral("3/s"));
        QVERIFY(rate->isVisible());
        models::Scenario expected =
            expectedAfterSet(f.document.scenario(), "workloads[5].arrivals.poisson", "6/s");
        typeInto(rate, QStringLiteral("6/s"));
        QVERIFY(f.document.scenario() == expected);

        auto* mean = f.field<QLineEdit>(QStringLiteral("workload.hold.param1"));
        auto* p95 = f.field<QLineEdit>(QStringLiteral("workload.hold.param2"));
        QCOMPARE(mean->text(), QStringLiteral("20ms"));
        QCOMPARE(p95->text(), QStringLiteral("50ms"));
        expected = expectedAfterSet(f.document.scenario(), "workloads[5].hold.lognormal.p95", "70ms");
        typeInto(p95, QStringLiteral("70ms"));
        QVERIFY(f.document.scenario() == expected);
        // p95 / mean must stay below 3.87: the loader's message at the field.
        typeInto(p95, QStringLiteral("500ms"));
        QVERIFY(f.document.scenario() == expected);
        QVERIFY(f.binding(QStringLiteral("workload.hold.param2"))->isMarked());
        QCOMPARE(f.binding(QStringLiteral("workload.hold.param2"))->errorText().toStdString().substr(0, 20),
                 loaderMessage("workloads[5].hold.lognormal.p95", "500ms").substr(0, 20));

        // Another form keeps about the same mean.
        auto* form = f.field<QComboBox>(QStringLiteral("workload.hold.form"));
        form->setCurrentIndex(form->findData(QStringLiteral("exponential")));
        Q_EMIT form->activated(form->currentIndex());
        const auto& hold = f.document.scenario().workloads[5].hold;
        QVERIFY(hold && std::holds_alternative<models::ExponentialDist>(*hold));
        QCOMPARE(std::get<models::ExponentialDist>(*hold).mean, models::SimTime::fromSeconds(0.02));
        QVERIFY(f.editor->findChild<poolsim::ui::DistributionPlot*>(QStringLiteral("workload.hold.plot"))
                    ->hasCurve());
        QVERIFY(f.field<QLabel>(QStringLiteral("workload.hold.summary"))
                    ->text()
                    .startsWith(QStringLiteral("mean 20ms (dashed)")));

        // Another arrival kind replaces the pattern with a valid one of that kind.
        auto* kind = f.field<QComboBox>(QStringLiteral("workload.arrivals.kind"));
        kind->setCurrentIndex(kind->findData(QStringLiteral("burst")));
        Q_EMIT kind->activated(kind->currentIndex());
        QVERIFY(std::holds_alternative<models::BurstArrivals>(f.document.scenario().workloads[5].arrivals));
        auto* count = f.field<QSpinBox>(QStringLiteral("workload.arrivals.burst.count"));
        QVERIFY(count->isVisible());
        count->setValue(40);
        QCOMPARE(std::get<models::BurstArrivals>(f.document.scenario().workloads[5].arrivals).count,
                 std::int64_t(40));

        // The request as steps, then a retry.
        auto* shape = f.field<QComboBox>(QStringLiteral("workload.shape"));
        shape->setCurrentIndex(shape->findData(QStringLiteral("steps")));
        Q_EMIT shape->activated(shape->currentIndex());
        QCOMPARE(f.document.scenario().workloads[5].steps.size(), std::size_t(1));
        QTest::mouseClick(f.field<QPushButton>(QStringLiteral("workload.steps.addWork")), Qt::LeftButton);
        const auto& steps = f.document.scenario().workloads[5].steps;
        QCOMPARE(steps.size(), std::size_t(2));
        QVERIFY(steps[1].isWork);
        auto* retry = f.field<QCheckBox>(QStringLiteral("workload.retry"));
        retry->click(); // below the scroll area's view: a click on its position would miss it
        QVERIFY(f.document.scenario().workloads[5].retry);
        f.field<QSpinBox>(QStringLiteral("workload.retry.attempts"))->setValue(3);
        QCOMPARE(f.document.scenario().workloads[5].retry->attempts, std::int64_t(3));
    }

    void filesWaitForTheirPath()
    {
        // A trace or a values file cannot be made up: the kind is chosen, then the path typed.
        Fixture f;
        f.editor->tabs()->setCurrentWidget(f.editor->workloads());
        f.editor->workloads()->selectWorkload(4);
        const models::Scenario before = f.document.scenario();
        auto* kind = f.field<QComboBox>(QStringLiteral("workload.arrivals.kind"));
        kind->setCurrentIndex(kind->findData(QStringLiteral("trace")));
        Q_EMIT kind->activated(kind->currentIndex());
        QVERIFY(f.document.scenario() == before);
        auto* file = f.field<QLineEdit>(QStringLiteral("workload.arrivals.trace"));
        QVERIFY(file->isVisible());
        typeInto(file, QStringLiteral("no-such.csv"));
        QVERIFY(f.document.scenario() == before);
        QVERIFY(f.binding(QStringLiteral("workload.arrivals.trace"))->isMarked());
        typeInto(file, QStringLiteral("../docs/examples/requests.csv"));
        const models::Workload& traced = f.document.scenario().workloads[4];
        QVERIFY(std::holds_alternative<models::TraceArrivals>(traced.arrivals));
        QCOMPARE(std::get<models::TraceArrivals>(traced.arrivals).records.size(), std::size_t(6));
        QVERIFY(!traced.hold); // the trace gives the holds
        QVERIFY(f.field<QWidget>(QStringLiteral("workload.hold"))->isHidden() ||
                !f.field<QWidget>(QStringLiteral("workload.hold"))->isVisible());
        // Back to Poisson: a hold again.
        kind->setCurrentIndex(kind->findData(QStringLiteral("poisson")));
        Q_EMIT kind->activated(kind->currentIndex());
        QVERIFY(std::holds_alternative<models::PoissonArrivals>(f.document.scenario().workloads[4].arrivals));
        QVERIFY(f.document.scenario().workloads[4].hold);

        auto* form = f.field<QComboBox>(QStringLiteral("workload.hold.form"));
        form->setCurrentIndex(form->findData(QStringLiteral("empirical-file")));
        Q_EMIT form->activated(form->currentIndex());
        typeInto(f.field<QLineEdit>(QStringLiteral("workload.hold.param1")),
                 QStringLiteral("../docs/examples/holds.csv"));
        const auto& hold = *f.document.scenario().workloads[4].hold;
        QVERIFY(std::holds_alternative<models::EmpiricalDist>(hold));
        QCOMPARE(std::get<models::EmpiricalDist>(hold).file, std::string("../docs/examples/holds.csv"));
        QVERIFY(!std::get<models::EmpiricalDist>(hold).values.empty());
    }

    void screenshots()
    {
        // Pictures for a person to look at: POOLSIM_EDITOR_SHOTS=DIR writes each tab there.
        const QString dir = qEnvironmentVariable("POOLSIM_EDITOR_SHOTS");
        if (dir.isEmpty())
            QSKIP("set POOLSIM_EDITOR_SHOTS=DIR to write the editor's tabs as PNG");
        Fixture f;
        f.editor->resize(560, 1000);
        f.editor->workloads()->selectWorkload(0);
        QTabWidget* tabs = f.editor->tabs();
        const QStringList names = {QStringLiteral("settings"), QStringLiteral("workloads"),
                                   QStringLiteral("variants"), QStringLiteral("slo-alerts"),
                                   QStringLiteral("database"), QStringLiteral("yaml")};
        for (int i = 0; i < tabs->count(); ++i) {
            tabs->setCurrentIndex(i);
            QTest::qWait(50); // let the layouts settle
            QVERIFY(f.editor->grab().save(QDir(dir).filePath(QStringLiteral("editor-%1.png").arg(names[i]))));
        }
        // A rejected value, marked.
        tabs->setCurrentIndex(0);
        typeInto(f.field<QLineEdit>(QStringLiteral("pool.min_idle")), QStringLiteral("12"));
        QTest::qWait(50);
        QVERIFY(f.editor->grab().save(QDir(dir).filePath(QStringLiteral("editor-error.png"))));
        tabs->setCurrentWidget(f.editor->yaml());
        QString bad = f.editor->yaml()->editor()->toPlainText();
        bad.replace(QStringLiteral("horizon: 24h"), QStringLiteral("horizon: 24x"));
        f.editor->yaml()->editor()->setPlainText(bad);
        f.editor->yaml()->apply();
        QTest::qWait(50);
        QVERIFY(f.editor->grab().save(QDir(dir).filePath(QStringLiteral("editor-yaml-error.png"))));
        tabs->setCurrentIndex(1);
        f.editor->workloads()->selectWorkload(1);
        QTest::qWait(50);
        QVERIFY(f.editor->grab().save(QDir(dir).filePath(QStringLiteral("editor-workload-burst.png"))));
        // Steps, a closed population, a retry.
        f.document.setYamlText(R"(poolsim: 1
name: Checkout in steps
horizon: 10m
workloads:
  - name: checkout
    arrivals: {poisson: 600/m}
    steps:
      - {query: 10ms}
      - {work: {exponential: 60ms}}
      - {query: {lognormal: {mean: 25ms, p95: 70ms}}, connections: 2}
    transaction: true
    retry: {attempts: 2, backoff: {uniform: {min: 100ms, max: 500ms}}}
  - name: clerks
    arrivals: {users: 40, think: {exponential: 20s}}
    hold: {normal: {mean: 400ms, sd: 150ms}}
)");
        f.editor->workloads()->selectWorkload(0);
        QTest::qWait(50);
        QVERIFY(f.editor->grab().save(QDir(dir).filePath(QStringLiteral("editor-workload-steps.png"))));
        f.editor->workloads()->selectWorkload(1);
        QTest::qWait(50);
        QVERIFY(f.editor->grab().save(QDir(dir).filePath(QStringLiteral("editor-workload-users.png"))));
    }
};

QTEST_MAIN(TestGuiEditorWorkloads)
#include "tst_gui_editor_workloads.moc"
