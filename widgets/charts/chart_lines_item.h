// The lines of a time-series chart, painted as one graphics item in the chart's scene (so PDF reports get
// them too): one polyline per series, mapped linearly into the plot area. Qt Charts' own line items rebuild
// a stroked hit-test shape on every update and stroke wide or dashed pens as paths, which alone overran the
// 16 ms frame with a dashboard's fifteen lines.
#pragma once

#include <QGraphicsItem>
#include <QList>
#include <QPen>
#include <QPointF>
#include <QRectF>

#include <vector>

namespace perflab {

class ChartLinesItem : public QGraphicsItem {
public:
    struct Line {
        QPen pen;
        bool visible = true;
        QList<QPointF> points; // data coordinates (x: epoch ms, y: the chart's unit), already reduced
    };

    explicit ChartLinesItem(QGraphicsItem* parent = nullptr);

    // The plot area (in the parent's coordinates) and the data range it shows.
    void setFrame(const QRectF& plot, double x0, double x1, double y0, double y1);
    std::vector<Line>& lines() { return m_lines; }
    void linesChanged() { update(); }

    QRectF boundingRect() const override { return m_plot; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    std::vector<Line> m_lines;
    QRectF m_plot;
    double m_x0 = 0, m_x1 = 1, m_y0 = 0, m_y1 = 1;
    QPolygonF m_scratch; // reused between paints
};

} // namespace perflab
