#include "ui/core/scenario_document.h"

#include "models/scenario/atomic_file.h"
#include "models/scenario/scenario_planning.h"
#include "models/scenario/scenario_yaml.h"

#include <QCryptographicHash>
#include <QFileInfo>

#include <stdexcept>
#include <utility>

namespace poolsim::ui {

namespace {

/// What File > New opens: small, valid, and quick to run (one steady workload).
constexpr const char* kTemplateYaml = R"(poolsim: 1
name: New scenario
description: |
  One steady workload against a pool of 10 connections. Change the traffic, the hold time or
  the pool, then press Run (F5).
horizon: 10m
replications: 10
seed: 1
pool:
  size: 10
  timeout: 30s
workloads:
  - name: api
    description: Steady request traffic.
    arrivals: {poisson: 50/s}
    hold: {exponential: 100ms}
)";

std::string toLocalPath(const QString& path)
{
    return QFile::encodeName(path).toStdString();
}

/// Scenarios equal in content and in their saved text (operator== leaves out how some values
/// were written, "1s" or "1000ms", which the text keeps).
bool sameContent(const models::Scenario& a, const models::Scenario& b, const std::string& bText)
{
    return a == b && models::saveScenarioText(a) == bText;
}

} // namespace

ScenarioDocument::ScenarioDocument(QObject* parent) : QObject(parent)
{
    newScenario();
}

const std::string& ScenarioDocument::yamlText() const
{
    if (!m_yamlValid) {
        m_yaml = models::saveScenarioText(m_scenario);
        m_yamlValid = true;
    }
    return m_yaml;
}

QString ScenarioDocument::contentHash() const
{
    const QByteArray text = QByteArray::fromStdString(yamlText());
    return QString::fromLatin1(QCryptographicHash::hash(text, QCryptographicHash::Sha1).toHex().left(8));
}

std::string ScenarioDocument::displayName() const
{
    return m_filePath.isEmpty() ? std::string("untitled.yaml") : toLocalPath(m_filePath);
}

void ScenarioDocument::newScenario()
{
    models::Scenario s = models::loadScenarioText(kTemplateYaml, "untitled.yaml", std::string());
    s.sourcePath.clear();
    setFilePath(QString());
    replace(std::move(s), false, true);
}

void ScenarioDocument::open(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    // Everything is read before anything changes: a bad file leaves the document as it was.
    models::Scenario s = models::loadScenarioFile(toLocalPath(absolute));
    setFilePath(absolute);
    replace(std::move(s), false, true);
}

void ScenarioDocument::save()
{
    if (m_filePath.isEmpty())
        throw models::FileError("the scenario has no file yet: use Save As");
    saveAs(m_filePath);
}

void ScenarioDocument::saveAs(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    models::saveScenarioFile(m_scenario, toLocalPath(absolute)); // atomic; throws leaving us modified
    // dataDir stays: relative data files (traces, empirical values) keep resolving where they
    // were read from while this session edits the scenario.
    m_scenario.sourcePath = toLocalPath(absolute);
    setFilePath(absolute);
    setModified(false);
}

void ScenarioDocument::setValue(const std::string& path, const std::string& text)
{
    models::Scenario changed =
        models::applySettings(m_scenario, {models::SettingChange{path, text, {}, 0, 0}}, shortName());
    // applySettings makes a scenario without what-ifs of its own; this one keeps them.
    changed.variants = m_scenario.variants;
    changed.sweep = m_scenario.sweep;
    // The loader also checks every variant and sweep value against the rest of the file: a
    // renamed workload can break a variant's change.
    setScenario(changed);
}

void ScenarioDocument::setScenario(const models::Scenario& scenario)
{
    // Checked exactly as the loader checks a file: saved, then read back.
    models::Scenario checked =
        models::loadScenarioText(models::saveScenarioText(scenario), displayName(), m_scenario.dataDir);
    checked.sourcePath = m_scenario.sourcePath;
    replace(std::move(checked), true, false);
}

void ScenarioDocument::setYamlText(const std::string& text)
{
    models::Scenario loaded = models::loadScenarioText(text, displayName(), m_scenario.dataDir);
    loaded.sourcePath = m_scenario.sourcePath;
    replace(std::move(loaded), true, false);
}

std::string ScenarioDocument::shortName() const
{
    return m_filePath.isEmpty() ? std::string("untitled.yaml")
                                : toLocalPath(QFileInfo(m_filePath).fileName());
}

void ScenarioDocument::setFilePath(const QString& path)
{
    if (path == m_filePath)
        return;
    m_filePath = path;
    Q_EMIT filePathChanged(m_filePath);
}

void ScenarioDocument::setModified(bool modified)
{
    if (modified == m_modified)
        return;
    m_modified = modified;
    Q_EMIT modifiedChanged(m_modified);
}

void ScenarioDocument::replace(models::Scenario scenario, bool modified, bool always)
{
    // An edit that changes nothing (the same value typed again) is no change.
    if (!always && sameContent(scenario, m_scenario, yamlText()))
        return;
    m_scenario = std::move(scenario);
    m_yamlValid = false;
    setModified(modified);
    Q_EMIT changed();
}

} // namespace poolsim::ui
