#pragma once
// Shared by the export suites: a small plot of known content, checks on exported files (a PNG
// that is not blank, the pages of a PDF), a Run outcome made with models/ directly, and stderr
// captured around a call.
#include "models/analytic/analytic_check.h"
#include "models/planning/comparison.h"
#include "models/scenario/scenario_yaml.h"
#include "ui/core/qcustomplot_include.h"
#include "ui/core/run_jobs.h"
#include "ui/core/run_outcome.h"

#include <QByteArray>
#include <QColor>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QRegularExpression>
#include <QString>
#include <QTemporaryDir>

#include <cmath>
#include <cstdio>
#include <memory>
#include <unistd.h>

namespace poolsim::test {

/// The shipped scenario the export suites run: small and quick (10 min, 10 replications).
inline QString shippedScenario()
{
    return QStringLiteral(POOLSIM_SOURCE_DIR "/scenarios/shift-change.yaml");
}

/// Where a suite writes: $POOLSIM_KEEP_EXPORTS/<suite> when set (to look at the files), else a
/// temporary folder removed at the end.
class ExportFolder
{
public:
    explicit ExportFolder(const QString& suite)
    {
        const QString keep = qEnvironmentVariable("POOLSIM_KEEP_EXPORTS");
        if (!keep.isEmpty()) {
            m_path = QDir(keep).filePath(suite);
            QDir(m_path).removeRecursively();
            QDir().mkpath(m_path);
        } else {
            m_path = m_temp.path();
        }
    }
    QString path() const { return m_path; }
    QString file(const QString& name) const { return QDir(m_path).filePath(name); }

private:
    QTemporaryDir m_temp;
    QString m_path;
};

/// A plot with two labelled axes, a sine and a cosine, and a legend.
inline QCustomPlot* makeTinyPlot(QWidget* parent = nullptr)
{
    auto* plot = new QCustomPlot(parent);
    QVector<double> x, s, c;
    for (int i = 0; i <= 200; ++i) {
        x << i * 0.05;
        s << std::sin(i * 0.05);
        c << std::cos(i * 0.05);
    }
    plot->addGraph();
    plot->graph(0)->setData(x, s);
    plot->graph(0)->setName(QStringLiteral("sine"));
    plot->graph(0)->setPen(QPen(QColor(0x1f, 0x77, 0xb4), 2));
    plot->addGraph();
    plot->graph(1)->setData(x, c);
    plot->graph(1)->setName(QStringLiteral("cosine"));
    plot->graph(1)->setPen(QPen(QColor(0xd6, 0x27, 0x28), 2));
    plot->xAxis->setLabel(QStringLiteral("time (s)"));
    plot->yAxis->setLabel(QStringLiteral("value"));
    plot->xAxis->setRange(0, 10);
    plot->yAxis->setRange(-1.2, 1.2);
    plot->legend->setVisible(true);
    plot->resize(600, 400);
    plot->replot();
    return plot;
}

/// Not one colour: at least 1% of the pixels differ from the top-left one.
inline bool isNonBlank(const QImage& image)
{
    if (image.isNull())
        return false;
    const QRgb background = image.pixel(0, 0);
    qint64 different = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            different += image.pixel(x, y) != background ? 1 : 0;
    const qint64 sampled = qint64(image.width() / 2) * (image.height() / 2);
    return different * 100 >= sampled;
}

/// The page objects of a PDF ("/Type /Page", not "/Type /Pages").
inline int pdfPageCount(const QByteArray& pdf)
{
    static const QRegularExpression page(QStringLiteral("/Type\\s*/Page(?![A-Za-z])"));
    return static_cast<int>(QString::fromLatin1(pdf).count(page));
}

inline QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// A Run outcome as the window's Run makes it (base, variants, analytic check), made here
/// directly with models/ (the test thread is no GUI thread to keep free).
inline ui::OutcomePtr runOutcome(const models::Scenario& scenario, std::int64_t replications)
{
    auto out = std::make_shared<ui::RunOutcome>();
    out->job = 1;
    out->kind = ui::JobKind::Run;
    out->scenario = scenario;
    models::RunOptions options;
    options.replications = replications;
    std::vector<models::VariantRun> runs = models::runVariants(scenario, ui::runNames(scenario), options);
    out->base = runs.front().result;
    out->variants.assign(runs.begin() + 1, runs.end());
    try {
        out->analytic = std::make_shared<models::AnalyticCheck>(models::runAnalyticCheck(scenario, options));
    } catch (const std::exception&) {
    }
    return out;
}

/// What a call writes to stderr (file descriptor 2, where fprintf(stderr) goes).
class StderrCapture
{
public:
    StderrCapture()
    {
        std::fflush(stderr);
        m_saved = dup(2);
        m_file = std::tmpfile();
        dup2(fileno(m_file), 2);
    }
    ~StderrCapture() { restore(); }
    StderrCapture(const StderrCapture&) = delete;
    StderrCapture& operator=(const StderrCapture&) = delete;

    QString text()
    {
        restore();
        return m_text;
    }

private:
    void restore()
    {
        if (m_saved < 0)
            return;
        std::fflush(stderr);
        dup2(m_saved, 2);
        close(m_saved);
        m_saved = -1;
        std::rewind(m_file);
        QByteArray bytes;
        char buf[512];
        for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, m_file)) > 0;)
            bytes.append(buf, static_cast<qsizetype>(n));
        std::fclose(m_file);
        m_text = QString::fromLocal8Bit(bytes);
    }

    int m_saved = -1;
    std::FILE* m_file = nullptr;
    QString m_text;
};

} // namespace poolsim::test
