#pragma once
// The editor's Settings tab: the scenario's top-level values (General) and its pool, backend
// (with its failure loop, editor_failures.h) and database sections, one field per key of
// docs/scenario-format.md, each with its unit, its default as placeholder and the
// documentation's wording as tooltip. Object names are the fields' --set paths ("pool.size"),
// so tests and tools can find them.
#include <QWidget>

namespace poolsim::ui {

class DistributionEditor;
class ScenarioDocument;

class SettingsEditor : public QWidget
{
    Q_OBJECT
public:
    explicit SettingsEditor(ScenarioDocument* document, QWidget* parent = nullptr);

private:
    QWidget* generalSection();
    QWidget* poolSection();
    QWidget* backendSection();
    QWidget* databaseSection();

    ScenarioDocument* m_document;
};

} // namespace poolsim::ui
