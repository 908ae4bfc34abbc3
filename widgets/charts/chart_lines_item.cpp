// ChartLinesItem: maps each line's points into the plot area and draws it as one polyline, clipped.
#include "widgets/charts/chart_lines_item.h"

#include <QPainter>

#include <cmath>

namespace perflab {

ChartLinesItem::ChartLinesItem(QGraphicsItem* parent)
    : QGraphicsItem(parent) {}

void ChartLinesItem::setFrame(const QRectF& plot, double x0, double x1, double y0, double y1) {
    if (plot != m_plot)
        prepareGeometryChange();
    m_plot = plot;
    m_x0 = x0;
    m_x1 = x1 > x0 ? x1 : x0 + 1;
    m_y0 = y0;
    m_y1 = y1 > y0 ? y1 : y0 + 1;
    update();
}

void ChartLinesItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    if (m_plot.isEmpty())
        return;
    painter->save();
    painter->setClipRect(m_plot);
    painter->setRenderHint(QPainter::Antialiasing, false);
    const double sx = m_plot.width() / (m_x1 - m_x0);
    const double sy = m_plot.height() / (m_y1 - m_y0);
    for (const Line& line : m_lines) {
        if (!line.visible || line.points.size() < 2)
            continue;
        painter->setPen(line.pen);
        // A NaN (a second whose figure was not measured) is a gap: each stretch between gaps is its own line.
        m_scratch.clear();
        for (qsizetype i = 0; i <= line.points.size(); ++i) {
            if (i < line.points.size() && !std::isnan(line.points[i].y())) {
                m_scratch.append(QPointF(m_plot.left() + (line.points[i].x() - m_x0) * sx,
                                         m_plot.bottom() - (line.points[i].y() - m_y0) * sy));
                continue;
            }
            if (m_scratch.size() == 1)
                painter->drawPoint(m_scratch.front());
            else if (m_scratch.size() > 1)
                painter->drawPolyline(m_scratch);
            m_scratch.clear();
        }
    }
    painter->restore();
}

} // namespace perflab
