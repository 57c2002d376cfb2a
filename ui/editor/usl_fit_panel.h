#pragma once
// The Database tab's fit: a load test's throughput curve (rows `concurrency,throughput`, opened
// from a CSV file or pasted) fitted with the Universal Scalability Law at the cores chosen
// (models/fitting), drawn over the measured points, its parameters and R squared in text, and
// "Apply to scenario" writing the fit's cores, contention and coherency into database.capacity
// as one edit. Bad input is reported at its line, marked in the text, which is kept as typed.
#include <QWidget>

#ifndef Q_MOC_RUN
#include "models/fitting/usl_fit.h"
#include "models/scenario/scenario.h"
#endif

#include <optional>
#include <vector>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace poolsim::ui {

class ScenarioDocument;
class UslFitPlot;

class UslFitPanel : public QWidget
{
    Q_OBJECT
public:
    explicit UslFitPanel(ScenarioDocument* document, QWidget* parent = nullptr);

    /// Puts the file's text in the CSV field and fits it; false (the reason shown) when the
    /// file cannot be read.
    bool loadCsvFile(const QString& path);
    /// Fits the CSV field's text at the cores chosen; false (the error shown at its line, the
    /// last fit cleared) when the text or the fit fails.
    bool fit();
    /// Writes the fit into database.capacity (cores, contention, coherency) as one edit; false
    /// when there is no fit at a number of cores, or the document refuses it (shown).
    bool apply();

    /// The cores the scenario's server has (its capacity's, else database.cores), 0 for none:
    /// the cores chooser's default.
    static int scenarioCores(const models::Scenario& scenario);

    const std::optional<models::UslFit>& lastFit() const { return m_fit; }
    QPlainTextEdit* csvEdit() const { return m_csv; }
    QSpinBox* coresSpin() const { return m_cores; }
    UslFitPlot* plot() const { return m_plot; }
    QLabel* resultLabel() const { return m_result; }
    /// What Apply last wrote ("Applied: cores 8, ...").
    QLabel* appliedLabel() const { return m_applied; }
    /// The error shown (empty when there is none).
    QString errorText() const;
    QPushButton* applyButton() const { return m_apply; }

private:
    void showError(const QString& message, int line, int column);
    void clearError();
    void documentChanged();
    QString resultText() const;
    void updateApply();

    ScenarioDocument* m_document;
    QPlainTextEdit* m_csv;
    QSpinBox* m_cores;
    UslFitPlot* m_plot;
    QLabel* m_result;
    QLabel* m_error;
    QLabel* m_applied;
    QPushButton* m_apply;
    std::vector<models::UslPoint> m_points;
    std::optional<models::UslFit> m_fit;
    /// The reader chose the cores: they no longer follow the scenario's.
    bool m_coresChosen = false;
    bool m_settingCores = false;
};

} // namespace poolsim::ui
