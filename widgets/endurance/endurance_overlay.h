// The layer over the endurance view's stacked charts: the shared time grid and its labels, run events as
// vertical markers with tooltips and a hover line; it turns the wheel, drags and double-clicks into zoom,
// pan and reset requests.
#pragma once

#include "model/format/time_ticks.h"
#include "model/store/run_store.h"

#include <QColor>
#include <QWidget>

#include <cstdint>
#include <optional>
#include <vector>

namespace perflab {

class TimeSeriesChart;

class EnduranceOverlay : public QWidget {
    Q_OBJECT
public:
    // The charts are stacked in `parent`, top to bottom, with aligned plot areas; the overlay covers parent.
    EnduranceOverlay(std::vector<TimeSeriesChart*> charts, QWidget* parent);

    void setWindow(const TimeWindow& window, std::int64_t originMs);
    void setEvents(std::vector<RunEvent> events);

    struct Marker {
        double x = 0; // in this widget
        QColor color;
        QString toolTip;
    };
    // The events inside the visible window, where they are drawn.
    std::vector<Marker> markers() const;
    // The markers' text near x (within a few pixels), empty when none.
    QString toolTipAt(const QPoint& position) const;
    // From the first chart's plot top to the last one's bottom, across the plot width.
    QRectF plotSpan() const;
    double xOf(std::int64_t ms) const;
    std::int64_t timeAt(double x) const;

signals:
    void zoomRequested(std::int64_t anchorMs, double factor);
    void panRequested(std::int64_t deltaMs);
    void resetRequested();

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    QRectF plotOf(const TimeSeriesChart& chart) const;
    QString elapsedText(std::int64_t ms) const; // "+36 h 05 min"
    void paintTimeAxis(QPainter& painter, const QRectF& span) const;
    void paintHover(QPainter& painter, const QRectF& span) const;

    std::vector<TimeSeriesChart*> m_charts;
    TimeWindow m_window;
    std::int64_t m_originMs = 0;
    std::vector<RunEvent> m_events;
    std::optional<double> m_hoverX;
    std::optional<double> m_dragX;
};

} // namespace perflab
