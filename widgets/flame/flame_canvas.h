// The drawing surface of a flame view: paints a ready FlameScene, finds the frame under a point, shows
// tooltips and reports clicks. It never builds trees or layouts.
#pragma once

#include "widgets/flame/flame_layout_job.h"

#include <QWidget>

#include <memory>

namespace perflab {

class FlameCanvas : public QWidget {
    Q_OBJECT
public:
    static constexpr int kRowHeight = 18;

    explicit FlameCanvas(QWidget* parent = nullptr);

    void setScene(std::shared_ptr<const FlameScene> scene);
    const FlameScene* scene() const { return m_scene.get(); }
    // Icicle: the root's row on top; flame (the default): the root at the bottom.
    void setIcicle(bool icicle);
    bool isIcicle() const { return m_icicle; }

    // The frame (or merged block) drawn under `point`, or nullptr.
    const FlameRect* rectAt(QPoint point) const;
    // Where `rect` is drawn, in canvas coordinates.
    QRectF geometryOf(const FlameRect& rect) const;
    // Plain text: the frame, its total and self samples with their shares (and the change, in a diff).
    QString toolTipText(const FlameRect& rect) const;

signals:
    // The user clicked a frame to zoom into (a merged block zooms into its parent).
    void zoomRequested(perflab::NodeId node);
    // The canvas changed width: layouts are made for a pixel width.
    void widthChanged(int width);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    QColor fillOf(const FlameRect& rect) const;
    void paintRow(QPainter& painter, std::uint32_t row) const;
    int rowTop(std::uint32_t row) const;

    std::shared_ptr<const FlameScene> m_scene;
    bool m_icicle = false;
};

} // namespace perflab
