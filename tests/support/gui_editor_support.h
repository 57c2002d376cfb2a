#pragma once
// Shared by the editor's widget suites: the document and an editor on a shipped scenario, typing
// into a field as a person would, and the oracles of an edit (what --set makes of the same file,
// the loader's message for a bad value).
#ifndef Q_MOC_RUN
#include "models/scenario/scenario_error.h"
#include "models/scenario/scenario_planning.h"
#include "models/scenario/scenario_yaml.h"
#include "ui/core/scenario_document.h"
#include "ui/editor/distribution_editor.h"
#include "ui/editor/distribution_plot.h"
#include "ui/editor/editor_workloads.h"
#include "ui/editor/field_binding.h"
#include "ui/editor/scenario_editor.h"
#include "ui/editor/workload_panel.h"
#include "ui/editor/workloads_model.h"
#include "ui/editor/yaml_tab.h"
#endif

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTextBlock>
#include <QtTest>

#include <memory>
#include <string>
#include <variant>

using poolsim::ui::FieldBinding;
using poolsim::ui::ScenarioDocument;
using poolsim::ui::ScenarioEditor;
namespace models = poolsim::models;

namespace editor_test {

inline const QString kProductionDay = QStringLiteral(POOLSIM_SOURCE_DIR "/scenarios/production-day.yaml");

/// The document and an editor on it, shown (offscreen) so that layouts and visibility are real.
struct Fixture
{
    ScenarioDocument document;
    std::unique_ptr<ScenarioEditor> editor;

    explicit Fixture(const QString& path = kProductionDay)
    {
        document.open(path);
        editor = std::make_unique<ScenarioEditor>(&document);
        editor->resize(520, 900);
        editor->show();
    }

    template <class W> W* field(const QString& name) const
    {
        auto* w = editor->findChild<W*>(name);
        if (!w)
            qFatal("no field %s", qPrintable(name));
        return w;
    }
    FieldBinding* binding(const QString& name) const
    {
        // A binding is a child of its widget.
        auto* w = editor->findChild<QWidget*>(name);
        return w ? w->findChild<FieldBinding*>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
    }
};

/// Types `text` into a line edit as a person would, and presses Enter.
inline void typeInto(QLineEdit* edit, const QString& text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

/// What `poolsim --set PATH=VALUE` makes of the same file: the oracle of a form edit.
inline models::Scenario expectedAfterSet(const models::Scenario& base, const std::string& path,
                                         const std::string& value)
{
    models::Scenario s =
        models::applySettings(base, {models::SettingChange{path, value, {}, 0, 0}}, "expected");
    s.variants = base.variants;
    s.sweep = base.sweep;
    return s;
}

/// The loader's message for PATH=VALUE on the file (from a document of its own).
inline std::string loaderMessage(const std::string& path, const std::string& value)
{
    ScenarioDocument other;
    other.open(kProductionDay);
    try {
        other.setValue(path, value);
    } catch (const models::ScenarioError& e) {
        return e.detail();
    }
    return {};
}

inline std::vector<std::string> workloadNames(const models::Scenario& s)
{
    std::vector<std::string> names;
    for (const auto& w : s.workloads)
        names.push_back(w.name);
    return names;
}

} // namespace editor_test

using namespace editor_test;
