#pragma once
// The editor's Database tab: the database server's capacity under concurrent queries
// (database.capacity: on or off, cores, contention, coherency, the round trip; fields bound to the scenario
// as on the Settings tab) and the fit that finds contention and coherency from a load test (UslFitPanel). The
// connection limits stay on the Settings tab's Database section.
#include <QWidget>

#ifndef Q_MOC_RUN
#include "models/scenario/scenario.h"
#endif

#include <optional>

namespace poolsim::ui {

class ScenarioDocument;
class UslFitPanel;

class DatabaseEditor : public QWidget
{
    Q_OBJECT
public:
    explicit DatabaseEditor(ScenarioDocument* document, QWidget* parent = nullptr);

    UslFitPanel* fitPanel() const { return m_fit; }

private:
    QWidget* capacitySection();

    ScenarioDocument* m_document;
    UslFitPanel* m_fit = nullptr;
    /// The capacity last seen in the scenario: turning the model off and on again brings its
    /// cores, contention and coherency back rather than asking for them anew.
    std::optional<models::DatabaseCapacity> m_lastCapacity;
};

} // namespace poolsim::ui
