#include "ui/export/report_canvas.h"

#include <QFontDatabase>
#include <QFontMetricsF>
#include <QPdfWriter>

#include "ui/core/qcustomplot_include.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace poolsim::ui::report {

namespace {

const QColor kGrey(0x60, 0x60, 0x60);
const QColor kRule(0xa0, 0xa0, 0xa0);
const QColor kHeadingFill(0xe2, 0xe2, 0xe2);
const QColor kZebraFill(0xf4, 0xf4, 0xf4);

} // namespace

Canvas::Canvas(QPdfWriter& writer, QCPPainter& painter, int totalPages, QString footer, QString runningTitle)
    : m_writer(writer), m_painter(painter), m_totalPages(totalPages), m_footer(std::move(footer)),
      m_runningTitle(std::move(runningTitle)),
      m_sansFamily(QFontDatabase::systemFont(QFontDatabase::GeneralFont).family())
{
}

QFont Canvas::font(double points, bool bold) const
{
    QFont f(m_sansFamily);
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

QFont Canvas::monospaceFont(double width, int columns, double lineHeight) const
{
    QFont f = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    f.setStyleHint(QFont::Monospace);
    // The largest size (device units, in tenths) whose line of `columns` characters fits the width.
    double size = lineHeight * 0.85;
    for (; size > 4; size -= 0.1) {
        f.setPointSizeF(size * 72.0 / m_writer.resolution());
        const QFontMetricsF metrics(f, &m_writer);
        if (metrics.horizontalAdvance(QString(columns, QLatin1Char('M'))) <= width &&
            metrics.height() <= lineHeight)
            break;
    }
    return f;
}

QRectF Canvas::startPage(QPageLayout::Orientation orientation, const QString& heading)
{
    if (m_page > 0) {
        m_writer.setPageOrientation(orientation);
        m_writer.newPage();
    }
    ++m_page;
    drawFrame(heading);
    const double dpi = m_writer.resolution();
    const double margin = 0.55 * dpi;
    const double top = margin + (heading.isEmpty() ? 0.0 : 0.55 * dpi);
    return QRectF(margin, top, m_writer.width() - 2 * margin, m_writer.height() - top - margin - 0.2 * dpi);
}

void Canvas::drawFrame(const QString& heading)
{
    const double dpi = m_writer.resolution();
    const double margin = 0.55 * dpi;
    const double width = m_writer.width(), height = m_writer.height();
    m_painter.save();
    // Running header (not on the title page), section heading, footer rule and text.
    if (m_page > 1) {
        m_painter.setFont(font(7.5));
        m_painter.setPen(kGrey);
        m_painter.drawText(QRectF(margin, margin - 0.3 * dpi, width - 2 * margin, 0.25 * dpi),
                           Qt::AlignLeft | Qt::AlignVCenter, m_runningTitle);
    }
    if (!heading.isEmpty()) {
        m_painter.setFont(font(15, true));
        m_painter.setPen(Qt::black);
        m_painter.drawText(QRectF(margin, margin, width - 2 * margin, 0.4 * dpi),
                           Qt::AlignLeft | Qt::AlignVCenter, heading);
    }
    const double footerTop = height - margin + 0.05 * dpi;
    m_painter.setPen(QPen(kRule, 0));
    m_painter.drawLine(QPointF(margin, footerTop), QPointF(width - margin, footerTop));
    m_painter.setFont(font(7.5));
    m_painter.setPen(kGrey);
    const QRectF footerRect(margin, footerTop + 0.04 * dpi, width - 2 * margin, 0.22 * dpi);
    const QString pageText = QStringLiteral("page %1 of %2").arg(m_page).arg(m_totalPages);
    const QFontMetricsF metrics(m_painter.font(), &m_writer);
    const double pageTextWidth = metrics.horizontalAdvance(pageText) + 0.2 * dpi;
    m_painter.drawText(footerRect.adjusted(0, 0, -pageTextWidth, 0), Qt::AlignLeft | Qt::AlignVCenter,
                       metrics.elidedText(m_footer, Qt::ElideMiddle, footerRect.width() - pageTextWidth));
    m_painter.drawText(footerRect, Qt::AlignRight | Qt::AlignVCenter, pageText);
    m_painter.restore();
}

double Canvas::paragraph(const QRectF& area, double y, const QString& text, const QFont& f,
                         const QColor& colour)
{
    if (text.isEmpty() || y >= area.bottom())
        return y;
    m_painter.save();
    m_painter.setFont(f);
    m_painter.setPen(colour);
    const QRectF box(area.left(), y, area.width(), area.bottom() - y);
    QRectF used;
    m_painter.drawText(box, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, text, &used);
    m_painter.restore();
    const QFontMetricsF metrics(f, &m_writer);
    return std::min(area.bottom(), used.bottom() + metrics.height() * 0.45);
}

std::vector<double> Canvas::columnWidths(double width, const QList<Column>& columns,
                                         const QList<QStringList>& rows, const QFont& headingFont,
                                         const QFont& bodyFont, double pad) const
{
    // Each column's natural width is its widest text. When all fit, the room left is shared by
    // weight; otherwise the columns narrower than their share by weight keep their natural
    // width and the others share what remains by weight (and elide).
    const QFontMetricsF headingMetrics(headingFont, &m_writer), bodyMetrics(bodyFont, &m_writer);
    const std::size_t n = static_cast<std::size_t>(columns.size());
    std::vector<double> natural(n);
    double totalWeight = 0, totalNatural = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const qsizetype c = static_cast<qsizetype>(i);
        double w = headingMetrics.horizontalAdvance(columns[c].heading);
        for (const QStringList& row : rows)
            if (c < row.size())
                w = std::max(w, bodyMetrics.horizontalAdvance(row[c]));
        natural[i] = w + 2 * pad;
        totalWeight += columns[c].weight;
        totalNatural += natural[i];
    }
    std::vector<double> widths(n);
    if (totalNatural <= width) {
        for (std::size_t i = 0; i < n; ++i)
            widths[i] =
                natural[i] + (width - totalNatural) * columns[static_cast<qsizetype>(i)].weight / totalWeight;
        return widths;
    }
    double fixedWidth = 0, elasticWeight = 0;
    std::vector<bool> fits(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double weight = columns[static_cast<qsizetype>(i)].weight;
        fits[i] = natural[i] <= width * weight / totalWeight;
        if (fits[i])
            fixedWidth += natural[i];
        else
            elasticWeight += weight;
    }
    for (std::size_t i = 0; i < n; ++i)
        widths[i] = fits[i]
                        ? natural[i]
                        : (width - fixedWidth) * columns[static_cast<qsizetype>(i)].weight / elasticWeight;
    return widths;
}

double Canvas::table(const QRectF& area, double y, const QList<Column>& columns,
                     const QList<QStringList>& rows)
{
    const QFont bodyFont = font(8.5), headingFont = font(8.5, true);
    const QFontMetricsF metrics(bodyFont, &m_writer);
    const double rowHeight = metrics.height() * 1.55;
    const double pad = metrics.averageCharWidth() * 0.8;
    const std::vector<double> widths = columnWidths(area.width(), columns, rows, headingFont, bodyFont, pad);

    const auto drawRow = [&](const QStringList& cells, const QFont& f, const QColor& fill) {
        if (fill.isValid())
            m_painter.fillRect(QRectF(area.left(), y, area.width(), rowHeight), fill);
        m_painter.setFont(f);
        const QFontMetricsF rowMetrics(f, &m_writer);
        double x = area.left();
        for (qsizetype i = 0; i < columns.size(); ++i) {
            const double w = widths[static_cast<std::size_t>(i)];
            const QRectF cell(x + pad, y, w - 2 * pad, rowHeight);
            const QString text = i < cells.size() ? cells[i] : QString();
            const Qt::Alignment align =
                (columns[i].numeric ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter;
            m_painter.drawText(cell, static_cast<int>(align),
                               rowMetrics.elidedText(text, Qt::ElideRight, cell.width()));
            x += w;
        }
        y += rowHeight;
    };

    m_painter.save();
    m_painter.setPen(Qt::black);
    QStringList headings;
    for (const Column& c : columns)
        headings << c.heading;
    drawRow(headings, headingFont, kHeadingFill);
    for (qsizetype r = 0; r < rows.size() && y + rowHeight <= area.bottom(); ++r)
        drawRow(rows[r], bodyFont, r % 2 == 1 ? kZebraFill : QColor());
    m_painter.setPen(QPen(kRule, 0));
    m_painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y));
    m_painter.restore();
    return y + rowHeight * 0.6;
}

double Canvas::keyValues(const QRectF& area, double y, const QList<QPair<QString, QString>>& pairs)
{
    const QFont labelFont = font(9.5, true), valueFont = font(9.5);
    const QFontMetricsF metrics(valueFont, &m_writer);
    const double labelWidth = area.width() * 0.22;
    m_painter.save();
    m_painter.setPen(Qt::black);
    for (const auto& [label, value] : pairs) {
        if (y + metrics.height() > area.bottom())
            break;
        m_painter.setFont(labelFont);
        m_painter.drawText(QRectF(area.left(), y, labelWidth, metrics.height()), Qt::AlignLeft | Qt::AlignTop,
                           label);
        m_painter.setFont(valueFont);
        QRectF used;
        m_painter.drawText(QRectF(area.left() + labelWidth, y, area.width() - labelWidth, area.bottom() - y),
                           Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, value, &used);
        y = std::max(y + metrics.height(), used.bottom()) + metrics.height() * 0.3;
    }
    m_painter.restore();
    return y + metrics.height() * 0.4;
}

} // namespace poolsim::ui::report
