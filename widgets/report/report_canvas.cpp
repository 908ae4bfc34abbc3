// ReportCanvas: text through QPainter (selectable, fonts embedded by QPdfWriter), charts through
// QWidget::render, which paints a Qt chart's scene with the page's vector painter.
#include "widgets/report/report_canvas.h"
#include "widgets/charts/chart_overlay.h"

#include <QCoreApplication>
#include <QFontMetricsF>
#include <QGraphicsView>
#include <QPainter>
#include <QPicture>
#include <QTextOption>
#include <QWidget>

#include <algorithm>

namespace perflab {
namespace {

constexpr double kRowPadding = 3;
const QColor kInk(0x1f, 0x29, 0x33);
const QColor kRule(0xc5, 0xcb, 0xd3);
const QColor kHeaderFill(0xee, 0xf1, 0xf4);

} // namespace

ReportCanvas::ReportCanvas(QPainter& painter, const QRectF& content)
    : m_painter(painter)
    , m_content(content)
    , m_y(content.top())
    , m_font(font(9.5)) {}

QFont ReportCanvas::font(double pointSize, bool bold) {
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(pointSize);
    f.setBold(bold);
    // Latin text needs no shaping; without it "fl" stays two letters that a text search finds in the PDF.
    f.setStyleStrategy(QFont::PreferNoShaping);
    return f;
}

void ReportCanvas::heading(const QString& text) {
    QFont font = m_font;
    font.setPointSizeF(m_font.pointSizeF() * 1.45);
    font.setBold(true);
    m_painter.setFont(font);
    m_painter.setPen(kInk);
    const QFontMetricsF metrics(font, m_painter.device());
    const QString shown = metrics.elidedText(text, Qt::ElideRight, m_content.width());
    m_painter.drawText(QPointF(m_content.left(), m_y + metrics.ascent()), shown);
    m_y += metrics.height() + 4;
    m_painter.setPen(QPen(kRule, 1));
    m_painter.drawLine(QPointF(m_content.left(), m_y), QPointF(m_content.right(), m_y));
    m_y += 8;
}

void ReportCanvas::paragraph(const QString& text, double scale, bool bold) {
    QFont font = m_font;
    font.setPointSizeF(m_font.pointSizeF() * scale);
    font.setBold(bold);
    m_painter.setFont(font);
    m_painter.setPen(kInk);
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    const QRectF area(m_content.left(), m_y, m_content.width(), m_content.bottom() - m_y);
    const QFontMetricsF metrics(font, m_painter.device());
    const QRectF needed = metrics.boundingRect(area, Qt::TextWrapAnywhere | Qt::TextWordWrap, text);
    m_painter.drawText(area, text, option);
    m_y += needed.height() + 6;
}

void ReportCanvas::table(const std::vector<double>& widths, const std::vector<QStringList>& rows) {
    const QFontMetricsF metrics(m_font, m_painter.device());
    const double rowHeight = metrics.height() + 2 * kRowPadding;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        QFont font = m_font;
        font.setBold(r == 0);
        m_painter.setFont(font);
        const QFontMetricsF cellMetrics(font, m_painter.device());
        if (r == 0)
            m_painter.fillRect(QRectF(m_content.left(), m_y, m_content.width(), rowHeight), kHeaderFill);
        double x = m_content.left();
        for (int c = 0; c < rows[r].size() && static_cast<std::size_t>(c) < widths.size(); ++c) {
            const double w = widths[static_cast<std::size_t>(c)] * m_content.width();
            const QString shown = cellMetrics.elidedText(rows[r][c], Qt::ElideMiddle, w - 2 * kRowPadding);
            m_painter.setPen(kInk);
            m_painter.drawText(QPointF(x + kRowPadding, m_y + kRowPadding + cellMetrics.ascent()), shown);
            x += w;
        }
        m_y += rowHeight;
        m_painter.setPen(QPen(kRule, 0.6));
        m_painter.drawLine(QPointF(m_content.left(), m_y), QPointF(m_content.right(), m_y));
    }
    m_y += 10;
}

void ReportCanvas::chart(QWidget& widget, double height) {
    const QSize size(static_cast<int>(m_content.width()), static_cast<int>(height));
    widget.resize(size);
    {
        // Rendering lays a hidden widget out at its size (pending resize events, layouts); a picture
        // takes that pass cheaply. The chart's queued layout requests (legend, axes) follow.
        QPicture layoutPass;
        QPainter painter(&layoutPass);
        widget.render(&painter);
    }
    for (int pass = 0; pass < 3; ++pass) // a chart's layout requests post further ones
        QCoreApplication::sendPostedEvents();
    const QRectF target(m_content.left(), m_y, size.width(), size.height());
    // A chart is a graphics view: its scene renders straight into the page's painter (QWidget::render
    // would clip the legend's items against the widget's offset).
    if (auto* view = widget.findChild<QGraphicsView*>()) {
        view->render(&m_painter, target, view->viewport()->rect());
        // What the chart draws over its plot (event markers) is a widget of its own.
        if (auto* overlay = widget.findChild<ChartOverlay*>())
            overlay->render(&m_painter, target.topLeft().toPoint() + overlay->mapTo(&widget, QPoint(0, 0)),
                            QRegion(), QWidget::DrawChildren);
    } else
        widget.render(&m_painter, target.topLeft().toPoint(), QRegion(), QWidget::DrawChildren);
    m_y += height + 10;
}

void ReportCanvas::space(double height) {
    m_y += height;
}

double ReportCanvas::remaining() const {
    return std::max(0.0, m_content.bottom() - m_y);
}

} // namespace perflab
