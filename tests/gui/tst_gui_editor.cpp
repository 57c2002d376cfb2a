// The scenario editor's fields, driven through their widgets as a person would: a field edit
// reaches the document exactly as the same --set would; an invalid value is marked at its
// field with the loader's message and leaves the document unchanged; fields follow the
// document without overwriting what the user is typing; the YAML tab both ways and its error
// line; and an edit saved and reopened.
// moc (Qt 6.4) cannot parse the C++20 headers the support header includes.
#ifndef Q_MOC_RUN
#include "gui_editor_support.h"
#endif

class TestGuiEditor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lineFieldEditIsTheSetValue_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("text");
        QTest::newRow("horizon") << "horizon"
                                 << "12h";
        QTest::newRow("warmup") << "warmup"
                                << "30m";
        QTest::newRow("seed") << "seed"
                              << "7";
        QTest::newRow("resolution") << "resolution"
                                    << "5m";
        QTest::newRow("hold_scale") << "hold_scale"
                                    << "1";
        QTest::newRow("pool timeout") << "pool.timeout"
                                      << "2s";
        QTest::newRow("max_lifetime none") << "pool.max_lifetime"
                                           << "none";
        QTest::newRow("min_idle") << "pool.min_idle"
                                  << "4";
        QTest::newRow("connect_timeout") << "pool.connect_timeout"
                                         << "10s";
        QTest::newRow("idle_timeout") << "pool.idle_timeout"
                                      << "2m";
        QTest::newRow("users") << "backend.users"
                               << "80";
        QTest::newRow("max_connections") << "database.max_connections"
                                         << "500";
        QTest::newRow("cores") << "database.cores"
                               << "8";
    }
    void lineFieldEditIsTheSetValue()
    {
        QFETCH(QString, field);
        QFETCH(QString, text);
        Fixture f;
        const models::Scenario expected =
            expectedAfterSet(f.document.scenario(), field.toStdString(), text.toStdString());
        QSignalSpy changed(&f.document, &ScenarioDocument::changed);
        typeInto(f.field<QLineEdit>(field), text);
        QCOMPARE(changed.count(), 1);
        QVERIFY(f.document.scenario() == expected);
        QVERIFY(f.document.isModified());
        QVERIFY(!f.binding(field)->isMarked());
    }

    void spinBoxEditChangesTheDocument()
    {
        Fixture f;
        auto* size = f.field<QSpinBox>(QStringLiteral("pool.size"));
        QCOMPARE(size->value(), 10);
        size->setValue(25); // as an arrow step does: committed at once
        QCOMPARE(f.document.scenario().pool.size, std::optional<std::int64_t>(25));
        // Typed: committed on Enter (editingFinished).
        auto* replications = f.field<QSpinBox>(QStringLiteral("replications"));
        replications->selectAll();
        QTest::keyClicks(replications, QStringLiteral("3"));
        QCOMPARE(f.document.scenario().replications, std::optional<std::int64_t>(4)); // not yet
        QTest::keyClick(replications, Qt::Key_Return);
        QCOMPARE(f.document.scenario().replications, std::optional<std::int64_t>(3));
    }

    void invalidValueIsMarkedWithTheLoadersMessage_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("text");
        QTest::newRow("not a duration") << "horizon"
                                        << "24x";
        QTest::newRow("negative timeout") << "pool.timeout"
                                          << "-1s";
        QTest::newRow("warmup past horizon") << "warmup"
                                             << "30h";
        QTest::newRow("min_idle above size") << "pool.min_idle"
                                             << "11";
        QTest::newRow("zero idle timeout") << "pool.idle_timeout"
                                           << "0";
        QTest::newRow("reserved above max") << "database.reserved_connections"
                                            << "400";
        QTest::newRow("hold_scale zero") << "hold_scale"
                                         << "0";
    }
    void invalidValueIsMarkedWithTheLoadersMessage()
    {
        QFETCH(QString, field);
        QFETCH(QString, text);
        Fixture f;
        const std::string message = loaderMessage(field.toStdString(), text.toStdString());
        QVERIFY2(!message.empty(), "the row must be an invalid value");
        const models::Scenario before = f.document.scenario();
        QSignalSpy changed(&f.document, &ScenarioDocument::changed);
        auto* edit = f.field<QLineEdit>(field);
        typeInto(edit, text);

        QCOMPARE(changed.count(), 0);
        QVERIFY(f.document.scenario() == before);
        QVERIFY(!f.document.isModified());
        FieldBinding* binding = f.binding(field);
        QVERIFY(binding->isMarked());
        QVERIFY2(binding->errorText().startsWith(QString::fromStdString(message)),
                 qPrintable(binding->errorText()));
        QCOMPARE(edit->text(), text); // the typed text stays
        QVERIFY(edit->toolTip().contains(QString::fromStdString(message)));
        QVERIFY(edit->styleSheet().contains(QStringLiteral("border")));
        QVERIFY(!binding->errorLabel()->isHidden());
        QVERIFY(binding->errorLabel()->text().contains(QString::fromStdString(message)));

        // Another field's edit leaves the rejected text alone...
        f.field<QSpinBox>(QStringLiteral("backend.instances"))->setValue(3);
        QCOMPARE(edit->text(), text);
        QVERIFY(binding->isMarked());
        // ...and correcting it clears the mark.
        const QString valid = QString::fromStdString(field == QLatin1String("horizon")             ? "24h"
                                                     : field == QLatin1String("pool.timeout")      ? "2s"
                                                     : field == QLatin1String("warmup")            ? "10m"
                                                     : field == QLatin1String("pool.min_idle")     ? "5"
                                                     : field == QLatin1String("pool.idle_timeout") ? "5m"
                                                     : field == QLatin1String("hold_scale")        ? "1.2"
                                                                                                   : "5");
        typeInto(edit, valid);
        QVERIFY2(!binding->isMarked(), qPrintable(binding->errorText()));
        QVERIFY(binding->errorLabel()->isHidden());
        QVERIFY(edit->styleSheet().isEmpty());
    }

    void spinBoxRejectedByAnotherKeyIsMarked()
    {
        // The reports need 2 connections: a pool of 1 is rejected, reported at the workload.
        Fixture f;
        const std::string message = loaderMessage("pool.size", "1");
        QVERIFY(!message.empty());
        const models::Scenario before = f.document.scenario();
        auto* size = f.field<QSpinBox>(QStringLiteral("pool.size"));
        size->setValue(1);
        QVERIFY(f.document.scenario() == before);
        FieldBinding* binding = f.binding(QStringLiteral("pool.size"));
        QVERIFY(binding->isMarked());
        QVERIFY2(binding->errorText().contains(QString::fromStdString(message)),
                 qPrintable(binding->errorText()));
        QCOMPARE(size->value(), 1);
        size->setValue(12);
        QVERIFY(!binding->isMarked());
        QCOMPARE(f.document.scenario().pool.size, std::optional<std::int64_t>(12));
    }

    void fieldsFollowTheDocument()
    {
        Fixture f;
        f.document.setValue("pool.size", "33");
        QCOMPARE(f.field<QSpinBox>(QStringLiteral("pool.size"))->value(), 33);
        f.document.setValue("pool.timeout", "1500ms");
        QCOMPARE(f.field<QLineEdit>(QStringLiteral("pool.timeout"))->text(), QStringLiteral("1.5s"));
        // A rejected text gives way when the value it was meant for changes elsewhere.
        auto* horizon = f.field<QLineEdit>(QStringLiteral("horizon"));
        typeInto(horizon, QStringLiteral("soon"));
        QVERIFY(f.binding(QStringLiteral("horizon"))->isMarked());
        f.document.setValue("horizon", "6h");
        QCOMPARE(horizon->text(), QStringLiteral("6h"));
        QVERIFY(!f.binding(QStringLiteral("horizon"))->isMarked());
        // An emptied optional field unsets its key.
        typeInto(f.field<QLineEdit>(QStringLiteral("pool.timeout")), QString());
        QVERIFY(!f.document.scenario().pool.timeout);
        QCOMPARE(f.field<QLineEdit>(QStringLiteral("pool.timeout"))->placeholderText(),
                 QStringLiteral("30s (default)"));
    }

    void typingIsNotOverwritten()
    {
        // A change from elsewhere (live mode, the YAML tab) does not replace what the user is
        // typing in a field; the field follows the document once the text is committed.
        Fixture f;
        QApplication::setActiveWindow(f.editor.get());
        auto* timeout = f.field<QLineEdit>(QStringLiteral("pool.timeout"));
        timeout->setFocus();
        QTRY_VERIFY(timeout->hasFocus());
        timeout->selectAll();
        QTest::keyClicks(timeout, QStringLiteral("750m"));
        f.document.setValue("pool.timeout", "3s");
        QCOMPARE(timeout->text(), QStringLiteral("750m"));
        QCOMPARE(timeout->cursorPosition(), 4);
        QTest::keyClicks(timeout, QStringLiteral("s"));
        QTest::keyClick(timeout, Qt::Key_Return);
        QCOMPARE(f.document.scenario().pool.timeout->value,
                 std::optional(models::SimTime::fromSeconds(0.75)));
        QCOMPARE(timeout->text(), QStringLiteral("750ms"));
        // Not being edited: it follows.
        f.document.setValue("pool.timeout", "3s");
        QCOMPARE(timeout->text(), QStringLiteral("3s"));
    }

    void freeTextIsTakenAsTyped()
    {
        Fixture f;
        typeInto(f.field<QLineEdit>(QStringLiteral("name")), QStringLiteral("Peak: 2x"));
        QCOMPARE(f.document.scenario().name, std::string("Peak: 2x"));
        // Leaving a field without changing it changes nothing (a block description keeps its
        // final newline).
        auto* description = f.field<QPlainTextEdit>(QStringLiteral("description"));
        QFocusEvent out(QEvent::FocusOut);
        const models::Scenario named = f.document.scenario();
        QApplication::sendEvent(description, &out);
        QVERIFY(f.document.scenario() == named);
        description->setPlainText(QStringLiteral("Two lines:\nsecond"));
        QApplication::sendEvent(description, &out); // applied when the field loses focus
        QCOMPARE(f.document.scenario().description, std::string("Two lines:\nsecond"));
        auto* balancer = f.field<QComboBox>(QStringLiteral("backend.balancer"));
        balancer->setCurrentIndex(balancer->findData(QStringLiteral("least_busy")));
        Q_EMIT balancer->activated(balancer->currentIndex());
        QCOMPARE(f.document.scenario().backend.balancer, std::optional(models::Balancer::LeastBusy));
    }

    void yamlTabRoundTrip()
    {
        Fixture f;
        poolsim::ui::YamlTab* yaml = f.editor->yaml();
        QPlainTextEdit* text = yaml->editor();
        QCOMPARE(text->toPlainText().toStdString(), f.document.yamlText());

        // Text -> document.
        QString edited = text->toPlainText();
        edited.replace(QStringLiteral("  size: 10\n"), QStringLiteral("  size: 40\n"));
        text->setPlainText(edited);
        QVERIFY(yaml->hasUnappliedEdits());
        QTest::mouseClick(f.field<QPushButton>(QStringLiteral("yaml.apply")), Qt::LeftButton);
        QCOMPARE(f.document.scenario().pool.size, std::optional<std::int64_t>(40));
        QCOMPARE(f.field<QSpinBox>(QStringLiteral("pool.size"))->value(), 40);
        QVERIFY(!yaml->hasUnappliedEdits());

        // Form -> text.
        f.field<QSpinBox>(QStringLiteral("pool.size"))->setValue(44);
        QVERIFY(text->toPlainText().contains(QStringLiteral("  size: 44\n")));
        QCOMPARE(text->toPlainText().toStdString(), f.document.yamlText());

        // Unapplied edits are not overwritten: the tab offers to reload instead.
        text->setPlainText(text->toPlainText() + QStringLiteral("# mine\n"));
        f.field<QSpinBox>(QStringLiteral("pool.size"))->setValue(45);
        QVERIFY(yaml->reloadOffered());
        QVERIFY(text->toPlainText().endsWith(QStringLiteral("# mine\n")));
        QTest::mouseClick(f.field<QPushButton>(QStringLiteral("yaml.reload")), Qt::LeftButton);
        QVERIFY(!yaml->reloadOffered());
        QVERIFY(text->toPlainText().contains(QStringLiteral("  size: 45\n")));
    }

    void yamlErrorMarksItsLine()
    {
        Fixture f;
        poolsim::ui::YamlTab* yaml = f.editor->yaml();
        QPlainTextEdit* text = yaml->editor();
        const models::Scenario before = f.document.scenario();
        QStringList lines = text->toPlainText().split(QLatin1Char('\n'));
        const qsizetype horizonLine = lines.indexOf(QStringLiteral("horizon: 24h"));
        QVERIFY(horizonLine > 0);
        lines[horizonLine] = QStringLiteral("horizon: 24x");
        const QString bad = lines.join(QLatin1Char('\n'));
        text->setPlainText(bad);
        QVERIFY(!yaml->apply());
        QVERIFY(f.document.scenario() == before);
        QCOMPARE(text->toPlainText(), bad); // the typed text stays
        QCOMPARE(yaml->errorLine(), static_cast<int>(horizonLine) + 1);
        QVERIFY2(yaml->errorText().startsWith(
                     QStringLiteral("Line %1, column 10: horizon: ").arg(horizonLine + 1)),
                 qPrintable(yaml->errorText()));
        const auto marks = text->extraSelections();
        QVERIFY(!marks.isEmpty());
        QCOMPARE(marks.first().cursor.block().blockNumber(), static_cast<int>(horizonLine));

        // Fixed and applied: the mark goes.
        lines[horizonLine] = QStringLiteral("horizon: 20h");
        text->setPlainText(lines.join(QLatin1Char('\n')));
        QVERIFY(yaml->apply());
        QVERIFY(yaml->errorText().isEmpty());
        QVERIFY(text->extraSelections().isEmpty());
        QCOMPARE(f.document.scenario().horizon, models::SimTime::fromSeconds(20 * 3600));
    }

    void editSaveReopen()
    {
        QTemporaryDir dir;
        Fixture f;
        f.field<QSpinBox>(QStringLiteral("pool.size"))->setValue(30);
        typeInto(f.field<QLineEdit>(QStringLiteral("pool.timeout")), QStringLiteral("5s"));
        f.editor->workloads()->selectWorkload(0);
        typeInto(f.field<QLineEdit>(QStringLiteral("workload.hold.param1")), QStringLiteral("90ms"));
        const models::Scenario edited = f.document.scenario();
        const QString path = dir.filePath(QStringLiteral("edited.yaml"));
        f.document.saveAs(path);
        QVERIFY(!f.document.isModified());

        ScenarioDocument reopened;
        reopened.open(path);
        QVERIFY(reopened.scenario() == edited);
        QCOMPARE(reopened.scenario().pool.size, std::optional<std::int64_t>(30));
        const auto& hold = std::get<models::LognormalDist>(*reopened.scenario().workloads[0].hold);
        QCOMPARE(hold.center, models::SimTime::fromSeconds(0.09));
    }
};

QTEST_MAIN(TestGuiEditor)
#include "tst_gui_editor.moc"
