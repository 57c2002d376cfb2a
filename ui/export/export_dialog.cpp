#include "ui/export/export_dialog.h"

#include "ui/core/app_settings.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace poolsim::ui {

namespace {

/// Not (yet) in AppSettings: kept beside its keys, in the same store.
const QString kFormatsKey = QStringLiteral("export/formats");

QSettings settingsStore()
{
    return QSettings(QStringLiteral("PoolSim"), QStringLiteral("poolsim-gui"));
}

QSpinBox* sideBox(const QString& tip, QWidget* parent)
{
    auto* box = new QSpinBox(parent);
    box->setRange(kMinChartSide, kMaxChartSide);
    box->setSingleStep(10);
    box->setSuffix(QStringLiteral(" px"));
    box->setToolTip(tip);
    return box;
}

} // namespace

ExportDialog::ExportDialog(QWidget* parent) : QDialog(parent)
{
    setWindowTitle(tr("Export charts"));
    setObjectName(QStringLiteral("exportDialog"));

    m_folder = new QLineEdit(this);
    m_folder->setObjectName(QStringLiteral("exportFolder"));
    m_folder->setToolTip(tr("The folder the charts are written to (created when missing)."));
    auto* browse = new QPushButton(tr("Choose..."), this);
    auto* folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);

    m_png = new QCheckBox(QStringLiteral("PNG"), this);
    m_png->setToolTip(tr("A picture at the chosen size times the scale, for slides and chat."));
    m_svg = new QCheckBox(QStringLiteral("SVG"), this);
    m_svg->setToolTip(tr("Vector drawing, sharp at any size; opens in browsers and Inkscape."));
    m_pdf = new QCheckBox(QStringLiteral("PDF"), this);
    m_pdf->setToolTip(tr("Vector drawing on one page of the chart's size, for documents and print."));
    auto* formatRow = new QHBoxLayout;
    formatRow->addWidget(m_png);
    formatRow->addWidget(m_svg);
    formatRow->addWidget(m_pdf);
    formatRow->addStretch(1);

    const QString sizeTip = tr("The chart is laid out at this size in logical pixels: larger gives more "
                               "room, text keeps its size.");
    m_width = sideBox(sizeTip, this);
    m_height = sideBox(sizeTip, this);
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel(QStringLiteral("x"), this));
    sizeRow->addWidget(m_height);
    sizeRow->addStretch(1);

    m_scale = new QDoubleSpinBox(this);
    m_scale->setRange(0.5, kMaxChartScale);
    m_scale->setSingleStep(0.5);
    m_scale->setDecimals(1);
    m_scale->setSuffix(QStringLiteral(" x"));
    m_scale->setToolTip(tr("PNG pixels per logical pixel: 2 x gives a sharp picture on a slide or a "
                           "high-density screen. SVG and PDF are vectors and need none."));

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setMinimumHeight(m_status->fontMetrics().lineSpacing() * 3);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    auto* form = new QFormLayout;
    form->addRow(tr("Folder:"), folderRow);
    form->addRow(tr("Formats:"), formatRow);
    form->addRow(tr("Size:"), sizeRow);
    auto* scaleRow = new QHBoxLayout;
    scaleRow->addWidget(m_scale);
    scaleRow->addStretch(1);
    form->addRow(tr("PNG scale:"), scaleRow);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(m_buttons);
    setMinimumWidth(520);

    m_chooseFolder = [](QWidget* p, const QString& current) {
        return QFileDialog::getExistingDirectory(p, tr("Export charts to"), current);
    };
    connect(browse, &QPushButton::clicked, this, &ExportDialog::chooseFolder);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    connect(m_folder, &QLineEdit::textChanged, this, [this] {
        m_folderError.clear();
        refresh();
    });
    for (QCheckBox* box : {m_png, m_svg, m_pdf})
        connect(box, &QCheckBox::toggled, this, &ExportDialog::refresh);
    connect(m_scale, &QDoubleSpinBox::valueChanged, this, &ExportDialog::refresh);
    connect(m_width, &QSpinBox::valueChanged, this, &ExportDialog::refresh);
    connect(m_height, &QSpinBox::valueChanged, this, &ExportDialog::refresh);

    setChoice({QString(), {ChartFormat::Png}, ChartSize{}});
}

void ExportDialog::setNaming(const QString& stem, const QString& hash, qsizetype chartCount)
{
    m_stem = stem;
    m_hash = hash;
    m_chartCount = chartCount;
    refresh();
}

QCheckBox* ExportDialog::formatBox(ChartFormat format) const
{
    switch (format) {
    case ChartFormat::Png:
        return m_png;
    case ChartFormat::Svg:
        return m_svg;
    case ChartFormat::Pdf:
        return m_pdf;
    }
    return nullptr;
}

ChartExportChoice ExportDialog::choice() const
{
    ChartExportChoice c;
    c.folder = m_folder->text().trimmed();
    for (ChartFormat f : {ChartFormat::Png, ChartFormat::Svg, ChartFormat::Pdf})
        if (formatBox(f)->isChecked())
            c.formats.append(f);
    c.size = {m_width->value(), m_height->value(), m_scale->value()};
    return c;
}

void ExportDialog::setChoice(const ChartExportChoice& c)
{
    m_folder->setText(c.folder);
    for (ChartFormat f : {ChartFormat::Png, ChartFormat::Svg, ChartFormat::Pdf})
        formatBox(f)->setChecked(c.formats.contains(f));
    m_width->setValue(c.size.width);
    m_height->setValue(c.size.height);
    m_scale->setValue(c.size.scale);
    refresh();
}

void ExportDialog::loadSettings(const AppSettings& settings)
{
    ChartExportChoice c;
    c.folder = settings.exportFolder();
    const QSize size = settings.exportSize();
    c.size = {size.width(), size.height(), settings.exportScale()};
    try {
        c.formats =
            parseChartFormats(settingsStore().value(kFormatsKey, QStringLiteral("png")).toStringList());
    } catch (const ExportError&) {
        c.formats = {ChartFormat::Png}; // a setting from another version: start over
    }
    setChoice(c);
}

void ExportDialog::saveSettings(AppSettings& settings) const
{
    const ChartExportChoice c = choice();
    settings.setExportFolder(c.folder);
    settings.setExportSize(QSize(c.size.width, c.size.height));
    settings.setExportScale(c.size.scale);
    QStringList names;
    for (ChartFormat f : c.formats)
        names << chartFormatName(f);
    settingsStore().setValue(kFormatsKey, names);
}

QString ExportDialog::problem() const
{
    const ChartExportChoice c = choice();
    if (c.folder.isEmpty())
        return tr("Choose the folder to export to.");
    if (c.formats.isEmpty())
        return tr("Choose at least one format.");
    if (m_chartCount == 0)
        return tr("There are no charts to export yet: run the scenario first (F5).");
    return m_folderError;
}

void ExportDialog::accept()
{
    if (!problem().isEmpty())
        return;
    try {
        prepareExportFolder(choice().folder);
    } catch (const ExportError& e) {
        m_folderError = QString::fromStdString(e.what());
        refresh();
        return;
    }
    QDialog::accept();
}

void ExportDialog::chooseFolder()
{
    const QString folder = m_chooseFolder(this, m_folder->text());
    if (!folder.isEmpty())
        m_folder->setText(folder);
}

void ExportDialog::refresh()
{
    const QString why = problem();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty() || why == m_folderError);
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText,
                     why.isEmpty() ? this->palette().color(QPalette::WindowText) : QColor(0xb0, 0x20, 0x20));
    m_status->setPalette(palette);
    if (!why.isEmpty()) {
        m_status->setText(why);
        return;
    }
    const ChartExportChoice c = choice();
    const qsizetype files = m_chartCount * c.formats.size();
    QString text = (files == 1 ? tr("1 file") : tr("%1 files").arg(files)) +
                   tr(", named like %1")
                       .arg(chartFileName(m_stem, m_hash, QStringLiteral("timeline"), c.formats.front()));
    if (c.formats.contains(ChartFormat::Png))
        text += tr("; PNG pictures of %1 x %2 pixels")
                    .arg(qRound(c.size.width * c.size.scale))
                    .arg(qRound(c.size.height * c.size.scale));
    m_status->setText(text + QLatin1Char('.'));
}

} // namespace poolsim::ui
