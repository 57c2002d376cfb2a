#pragma once
// The Sweep page's form: which parameter to sweep over which values (and optionally a second,
// for a grid), whether to stop at the first point meeting the service levels, and the buttons
// that ask for the sweep or for a pool-size recommendation. Values are checked as the command
// line checks --param (models::parseSweepParam) and against the scenario before anything is
// asked; an error is shown at its field.
#include <QString>
#include <QWidget>

#ifndef Q_MOC_RUN
#include "models/scenario/scenario.h"
#endif

#include <optional>
#include <vector>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace poolsim::ui {

class SweepForm : public QWidget
{
    Q_OBJECT
public:
    explicit SweepForm(QWidget* parent = nullptr);

    /// Fills the defaults from the scenario's sweep: (else pool.size over 5:60:5) unless the
    /// reader changed them, and enables "until SLO" and Recommend only with service levels.
    void setScenario(const models::Scenario& scenario);

    /// The parameters as written in the form, checked; nullopt after showing the error at its
    /// field.
    std::optional<std::vector<models::SweepParam>> params();
    bool untilSlo() const;
    /// The error shown (empty when none) and the field it is at.
    QString error() const;
    QLineEdit* errorField() const { return m_errorField; }

    QLineEdit* pathField() const { return m_path; }
    QLineEdit* valuesField() const { return m_values; }
    QLineEdit* secondPathField() const { return m_path2; }
    QLineEdit* secondValuesField() const { return m_values2; }
    QCheckBox* untilSloBox() const { return m_untilSlo; }
    QPushButton* runButton() const { return m_run; }
    QPushButton* recommendButton() const { return m_recommend; }

Q_SIGNALS:
    void runRequested(const std::vector<poolsim::models::SweepParam>& params, bool untilSlo);
    void recommendRequested();

private:
    void showError(QLineEdit* field, const QString& message);
    void clearError();
    std::optional<models::SweepParam> parseOne(QLineEdit* path, QLineEdit* values);

    QLineEdit* m_path = nullptr;
    QLineEdit* m_values = nullptr;
    QLineEdit* m_path2 = nullptr;
    QLineEdit* m_values2 = nullptr;
    QCheckBox* m_untilSlo = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_recommend = nullptr;
    QLabel* m_error = nullptr;
    QLineEdit* m_errorField = nullptr;

    models::Scenario m_scenario;
    bool m_hasScenario = false;
    // The defaults last filled in: a field still showing its default follows the scenario.
    QString m_defaultPath, m_defaultValues, m_defaultPath2, m_defaultValues2;
};

} // namespace poolsim::ui
