#pragma once
// Internal to the report writer: the pages of the PDF as the report draws them. Each page gets
// the running header, a section heading, and the footer with the scenario file, its hash and
// the page number; text and tables are laid out top to bottom in the page's body.
#include <QColor>
#include <QFont>
#include <QList>
#include <QPageLayout>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <vector>

class QCPPainter;
class QPdfWriter;

namespace poolsim::ui::report {

/// A table column: its heading, its share of the width, and whether its values are numbers
/// (right-aligned, so that digits line up).
struct Column
{
    QString heading;
    double weight = 1;
    bool numeric = false;
};

class Canvas
{
public:
    /// `footer` names the file and hash; `runningTitle` heads every page after the first.
    Canvas(QPdfWriter& writer, QCPPainter& painter, int totalPages, QString footer, QString runningTitle);

    /// Starts the next page (the first call draws on the page the writer opened) in the given
    /// orientation, draws its header, heading (when not empty) and footer, and returns the body.
    QRectF startPage(QPageLayout::Orientation orientation, const QString& heading);
    int pageNumber() const { return m_page; }

    QCPPainter& painter() { return m_painter; }
    /// The report's sans-serif font at `points`.
    QFont font(double points, bool bold = false) const;
    /// The monospace font (the appendix) sized so that `columns` characters fill `width` and a
    /// line fits in `lineHeight`.
    QFont monospaceFont(double width, int columns, double lineHeight) const;

    /// Draws `text` word-wrapped from `y` within `area` (clipped at its bottom); returns the y
    /// below it, with a small gap.
    double paragraph(const QRectF& area, double y, const QString& text, const QFont& font,
                     const QColor& colour = Qt::black);
    /// Draws a table from `y`: a shaded heading row, then the rows (alternate rows shaded, for
    /// print in greyscale). Columns take their widest text's width and share the rest by weight;
    /// when the texts do not fit, the widest columns elide. Returns the y below it.
    double table(const QRectF& area, double y, const QList<Column>& columns, const QList<QStringList>& rows);
    /// Label/value pairs in two columns (the title page's settings). Returns the y below them.
    double keyValues(const QRectF& area, double y, const QList<QPair<QString, QString>>& pairs);

private:
    void drawFrame(const QString& heading);
    std::vector<double> columnWidths(double width, const QList<Column>& columns,
                                     const QList<QStringList>& rows, const QFont& headingFont,
                                     const QFont& bodyFont, double pad) const;

    QPdfWriter& m_writer;
    QCPPainter& m_painter;
    int m_totalPages = 0;
    int m_page = 0;
    QString m_footer, m_runningTitle;
    QString m_sansFamily;
};

} // namespace poolsim::ui::report
