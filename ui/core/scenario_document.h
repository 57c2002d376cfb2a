#pragma once
// The open scenario: the models::Scenario being edited, the file it belongs to, and whether it
// has unsaved changes. Every edit goes through here, checked exactly as the loader checks a
// file, so an invalid value never enters the document and its message is the loader's.
#include <QObject>
#include <QString>

#ifndef Q_MOC_RUN
#include "models/scenario/scenario.h"
#include "models/scenario/scenario_error.h"
#endif

#include <string>
#include <vector>

namespace poolsim::ui {

class ScenarioDocument : public QObject
{
    Q_OBJECT
public:
    /// Starts with the template scenario (as newScenario()).
    explicit ScenarioDocument(QObject* parent = nullptr);

    const models::Scenario& scenario() const { return m_scenario; }
    /// The file it was opened from or saved to; empty for a new scenario.
    QString filePath() const { return m_filePath; }
    bool isModified() const { return m_modified; }
    /// The scenario as YAML (saveScenarioText), cached.
    const std::string& yamlText() const;
    /// Short hash (8 hex digits) of yamlText(): names exported files so a chart can be traced
    /// to the text that made it.
    QString contentHash() const;

    /// A new scenario from the built-in template (not modified, no file).
    void newScenario();
    /// Opens `path`. On error throws models::ScenarioError (located) and leaves everything as
    /// it was.
    void open(const QString& path);
    /// Saves atomically to filePath() / `path` (then the new filePath). Throws
    /// models::FileError / std::runtime_error (also save() without a file), leaving the
    /// document modified. Relative data files keep resolving against the folder they were read
    /// from for the rest of the session.
    void save();
    void saveAs(const QString& path);

    /// Sets one value by its path (as --set: "pool.size", "workloads[1].hold"), from text.
    /// Throws models::ScenarioError with the loader's message when the value is invalid (named
    /// after the file: "(from FILE.yaml pool.size=abc)" where --set says "(from --set ...)"),
    /// or when it breaks a variant or sweep value; the document is then unchanged. Setting the
    /// value it already has changes nothing (no signals).
    void setValue(const std::string& path, const std::string& text);
    /// Replaces the whole scenario (list edits: add/remove/reorder workloads, variants, SLO,
    /// alerts), after checking it as the loader would (throws ScenarioError, unchanged then).
    void setScenario(const models::Scenario& scenario);
    /// Replaces it from YAML text (the YAML tab). Throws ScenarioError located in that text.
    void setYamlText(const std::string& text);

Q_SIGNALS:
    /// The scenario changed (an edit, open, new); the pages and editor refresh from it.
    void changed();
    void modifiedChanged(bool modified);
    void filePathChanged(const QString& path);

private:
    /// Takes `scenario` as the document's; unless `always`, an edit that changes nothing is
    /// ignored (no signals, not modified).
    void replace(models::Scenario scenario, bool modified, bool always);
    void setFilePath(const QString& path);
    void setModified(bool modified);
    /// The name errors in edited text carry: the file's path, or "untitled.yaml".
    std::string displayName() const;
    /// The file name alone, for errors about one value (as --set's are named).
    std::string shortName() const;

    models::Scenario m_scenario;
    QString m_filePath;
    bool m_modified = false;
    mutable std::string m_yaml;
    mutable bool m_yamlValid = false;
};

} // namespace poolsim::ui
