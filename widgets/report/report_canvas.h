// One page of a PDF report as it is filled top to bottom: headings, wrapped text, tables whose cells elide,
// and chart widgets rendered as vectors into the page.
#pragma once

#include <QFont>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <vector>

class QPainter;
class QWidget;

namespace perflab {

class ReportCanvas {
public:
    // Paints into `content` (device units of a 96 dpi page, so widgets render 1:1).
    ReportCanvas(QPainter& painter, const QRectF& content);
    // The report's typeface (DejaVu Sans, embedded by QPdfWriter) at a size.
    static QFont font(double pointSize, bool bold = false);

    void heading(const QString& text);
    // Wrapped at the content width; long words break anywhere.
    void paragraph(const QString& text, double scale = 1, bool bold = false);
    // Columns take `widths` (fractions of the content width); text that does not fit is elided. The first
    // row is drawn as a header.
    void table(const std::vector<double>& widths, const std::vector<QStringList>& rows);
    // Renders the widget (laid out at the content width and `height`) into the page as vectors.
    void chart(QWidget& widget, double height);
    void space(double height);
    double remaining() const;
    double width() const { return m_content.width(); }

private:
    QPainter& m_painter;
    QRectF m_content;
    double m_y;
    QFont m_font;
};

} // namespace perflab
