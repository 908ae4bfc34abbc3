// What a time-series chart draws over its plot: event markers with tooltips and a picked time range, and the
// mouse and keys that pick (drag) or clear (click, Escape) that range.
#pragma once

#include <QColor>
#include <QRectF>
#include <QString>
#include <QWidget>

#include <optional>
#include <utility>
#include <vector>

namespace perflab {

// A vertical line at a moment of the run (stage change, fault, breach...), explained by its tooltip.
struct ChartMarker {
    double xMs = 0;
    QColor color;
    QString toolTip;
};

// Lies over the chart's viewport; maps time to x linearly over the plot area (the x axis is linear in time).
class ChartOverlay : public QWidget {
    Q_OBJECT
public:
    explicit ChartOverlay(QWidget* viewport);

    // The plot area in this widget's coordinates and the times at its left and right edges.
    void setFrame(const QRectF& plot, double fromMs, double toMs);
    void setMarkers(std::vector<ChartMarker> markers);
    const std::vector<ChartMarker>& markers() const noexcept { return m_markers; }
    void setSelection(std::optional<std::pair<double, double>> range);
    const std::optional<std::pair<double, double>>& selection() const noexcept { return m_selection; }

    double xOf(double ms) const;
    double msAt(double x) const;

signals:
    void rangePicked(double fromMs, double toMs);
    void selectionCleared();

protected:
    bool event(QEvent* event) override;
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void clearSelection();
    QString toolTipAt(double x) const;

    QRectF m_plot;
    double m_fromMs = 0, m_toMs = 1;
    std::vector<ChartMarker> m_markers;
    std::optional<std::pair<double, double>> m_selection; // ms
    std::optional<std::pair<double, double>> m_drag;      // x of press, x now
};

} // namespace perflab
