// The failure loop in the editor, on the shipped production day (no failure loop of its own):
// the Settings tab's probe switched on and off with its fields, restart, max_pending and
// on_overload; a workload's client timeout, cancel_on_timeout and the outcomes its retry lists.
// Each edit is checked against what --set makes of the same file, and what the editor wrote
// reads back from YAML as the same scenario.
#include "gui_editor_support.h"

#ifndef Q_MOC_RUN
#include "models/metrics/metrics.h"
#include "ui/editor/caller_editor.h"
#include "ui/editor/editor_failures.h"
#endif

namespace {

using models::FailureKind;

models::SimTime seconds(double s)
{
    return models::SimTime::fromSeconds(s);
}

/// What the editor made, saved and loaded again, is what it holds.
void checkRoundTrip(const models::Scenario& s)
{
    const std::string text = models::saveScenarioText(s);
    const models::Scenario back = models::loadScenarioText(text, "round-trip.yaml", "");
    QVERIFY2(back == s, text.c_str());
}

// A shipped scenario without the failure loop (production-day, the editor tests' usual file, has
// liveness probes).
const QString kWithoutTheLoop = QStringLiteral(POOLSIM_SOURCE_DIR "/scenarios/month-end-reporting.yaml");

} // namespace

class TstGuiEditorFailures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void probeOnAndOff()
    {
        Fixture f(kWithoutTheLoop);
        auto* check = f.field<QCheckBox>(QStringLiteral("backend.health_check"));
        auto* section = f.editor->findChild<poolsim::ui::FailureLoopEditor*>();
        QVERIFY(section);
        QVERIFY(!check->isChecked());
        QVERIFY(section->healthCheckFields()->isHidden());
        const models::Scenario before = f.document.scenario();
        QVERIFY(!before.backend.healthCheck);

        check->click(); // on, with Kubernetes' defaults
        QVERIFY(f.document.scenario().backend.healthCheck == models::HealthCheck{});
        QVERIFY(!section->healthCheckFields()->isHidden());
        QVERIFY(f.document.scenario().parts().has(models::ModelPart::InstanceFailures));
        QCOMPARE(f.field<QLineEdit>(QStringLiteral("backend.health_check.every"))->placeholderText(),
                 QStringLiteral("10s (default)"));

        typeInto(f.field<QLineEdit>(QStringLiteral("backend.health_check.every")), QStringLiteral("30s"));
        typeInto(f.field<QLineEdit>(QStringLiteral("backend.health_check.timeout")), QStringLiteral("2s"));
        typeInto(f.field<QLineEdit>(QStringLiteral("backend.health_check.failures")), QStringLiteral("5"));
        const models::HealthCheck& probe = *f.document.scenario().backend.healthCheck;
        QCOMPARE(probe.every, std::optional(seconds(30)));
        QCOMPARE(probe.timeout, std::optional(seconds(2)));
        QCOMPARE(probe.failures, std::optional<std::int64_t>(5));
        // As --set writes the same values into the file.
        models::Scenario expected = expectedAfterSet(before, "backend.health_check.every", "30s");
        expected = expectedAfterSet(expected, "backend.health_check.timeout", "2s");
        expected = expectedAfterSet(expected, "backend.health_check.failures", "5");
        QVERIFY(f.document.scenario() == expected);
        checkRoundTrip(f.document.scenario());

        // A bad value is marked with the loader's message and changes nothing.
        typeInto(f.field<QLineEdit>(QStringLiteral("backend.health_check.failures")), QStringLiteral("0"));
        QVERIFY(f.binding(QStringLiteral("backend.health_check.failures"))->isMarked());
        QCOMPARE(f.document.scenario().backend.healthCheck->failures, std::optional<std::int64_t>(5));
        // Emptied: the default again.
        typeInto(f.field<QLineEdit>(QStringLiteral("backend.health_check.failures")), QString());
        QVERIFY(!f.document.scenario().backend.healthCheck->failures);
        typeInto(f.field<QLineEdit>(QStringLiteral("backend.health_check.every")), QString());
        QVERIFY(!f.document.scenario().backend.healthCheck->every);

        check->click(); // off: no probe at all
        QVERIFY(!f.document.scenario().backend.healthCheck);
        QVERIFY(section->healthCheckFields()->isHidden());
        QVERIFY(!f.document.scenario().parts().has(models::ModelPart::InstanceFailures));
    }

    void restartAndOverload()
    {
        Fixture f(kWithoutTheLoop);
        auto* section = f.editor->findChild<poolsim::ui::FailureLoopEditor*>();
        auto* restart = f.field<QLineEdit>(QStringLiteral("backend.restart"));
        QCOMPARE(restart->placeholderText(), QStringLiteral("10s (default)"));
        typeInto(restart, QStringLiteral("none"));
        QVERIFY(f.document.scenario().backend.restart == models::Timeout{});
        QVERIFY(!f.document.scenario().backend.effectiveRestart());
        QCOMPARE(restart->text(), QStringLiteral("none"));
        typeInto(restart, QStringLiteral("45s"));
        QCOMPARE(f.document.scenario().backend.effectiveRestart(), std::optional(seconds(45)));
        typeInto(restart, QString());
        QVERIFY(!f.document.scenario().backend.restart);

        // on_overload needs max_pending: off until there is one.
        QVERIFY(!section->onOverloadCombo()->isEnabled());
        const models::Scenario before = f.document.scenario();
        typeInto(f.field<QLineEdit>(QStringLiteral("backend.max_pending")), QStringLiteral("200"));
        QCOMPARE(f.document.scenario().backend.maxPending, std::optional<std::int64_t>(200));
        QVERIFY(f.document.scenario() == expectedAfterSet(before, "backend.max_pending", "200"));
        QVERIFY(section->onOverloadCombo()->isEnabled());
        // The default is a crash: instances can fail.
        QVERIFY(f.document.scenario().parts().has(models::ModelPart::InstanceFailures));
        QComboBox* overload = section->onOverloadCombo();
        overload->setCurrentIndex(overload->findData(QStringLiteral("reject")));
        Q_EMIT overload->activated(overload->currentIndex());
        QCOMPARE(f.document.scenario().backend.onOverload, std::optional(models::OverloadAction::Reject));
        const models::ModelParts parts = f.document.scenario().parts();
        QVERIFY(parts.has(models::ModelPart::LoadShedding) &&
                !parts.has(models::ModelPart::InstanceFailures));
        checkRoundTrip(f.document.scenario());
        // Without max_pending, on_overload goes too (the loader refuses one without the other).
        typeInto(f.field<QLineEdit>(QStringLiteral("backend.max_pending")), QString());
        QVERIFY(!f.document.scenario().backend.maxPending);
        QVERIFY(!f.document.scenario().backend.onOverload);
        QVERIFY(!overload->isEnabled());
    }

    void callerAndRetries()
    {
        Fixture f(kWithoutTheLoop);
        f.editor->tabs()->setCurrentWidget(f.editor->workloads());
        f.editor->workloads()->selectWorkload(0);
        const auto workload = [&f] { return f.document.scenario().workloads[0]; };
        auto* cancel = f.field<QCheckBox>(QStringLiteral("workload.cancel_on_timeout"));
        auto* timeout = f.field<QLineEdit>(QStringLiteral("workload.client_timeout"));
        QCOMPARE(timeout->placeholderText(), QStringLiteral("none (default)"));
        QVERIFY(!cancel->isEnabled()); // only with a client timeout
        QVERIFY(!workload().clientTimeout);

        const models::Scenario before = f.document.scenario();
        typeInto(timeout, QStringLiteral("2s"));
        QCOMPARE(workload().clientTimeout, std::optional(seconds(2)));
        QVERIFY(f.document.scenario() == expectedAfterSet(before, "workloads[0].client_timeout", "2s"));
        QVERIFY(f.document.scenario().parts().has(models::ModelPart::ClientTimeouts));
        QVERIFY(cancel->isEnabled());
        cancel->click();
        QCOMPARE(workload().cancelOnTimeout, std::optional(true));
        cancel->click();
        QVERIFY(!workload().cancelOnTimeout); // false is the default: not written
        cancel->click();

        // Retries: a pool timeout by default; tick what else is tried again.
        f.field<QCheckBox>(QStringLiteral("workload.retry"))->click();
        QVERIFY(workload().retry);
        auto* onTimeout = f.field<QCheckBox>(QStringLiteral("workload.retry.on.timeout"));
        auto* onClient = f.field<QCheckBox>(QStringLiteral("workload.retry.on.client_timeout"));
        auto* onCrashed = f.field<QCheckBox>(QStringLiteral("workload.retry.on.crashed"));
        QVERIFY(onTimeout->isChecked() && !onClient->isChecked());
        QVERIFY(!workload().retry->on); // the default as the default
        onCrashed->click();
        onClient->click();
        QVERIFY(workload().retry->on ==
                (std::vector{FailureKind::Timeout, FailureKind::ClientTimeout, FailureKind::Crashed}));
        onTimeout->click();
        QVERIFY(workload().retry->on == (std::vector{FailureKind::ClientTimeout, FailureKind::Crashed}));
        QVERIFY(!onTimeout->isChecked() && onClient->isChecked() && onCrashed->isChecked());
        checkRoundTrip(f.document.scenario());

        // An empty list is the loader's to refuse, at the box.
        onCrashed->click();
        onClient->click();
        QVERIFY(f.binding(QStringLiteral("workload.retry.on.client_timeout"))->isMarked());
        QVERIFY(workload().retry->on == (std::vector{FailureKind::ClientTimeout}));

        // Without a client timeout, cancel_on_timeout and retrying client timeouts go with it.
        typeInto(timeout, QString());
        QVERIFY(!workload().clientTimeout);
        QVERIFY(!workload().cancelOnTimeout);
        QVERIFY(!workload().retry->on);
        QVERIFY(!cancel->isEnabled());
        QVERIFY(onTimeout->isChecked() && !onClient->isChecked());
        checkRoundTrip(f.document.scenario());

        // The next workload shows its own (none).
        f.editor->workloads()->selectWorkload(1);
        QVERIFY(timeout->text().isEmpty());
        QVERIFY(!cancel->isChecked());
    }
};

QTEST_MAIN(TstGuiEditorFailures)
#include "tst_gui_editor_failures.moc"
