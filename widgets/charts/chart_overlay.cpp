// ChartOverlay: markers and the picked range painted over the plot, the drag that picks it.
#include "widgets/charts/chart_overlay.h"

#include "widgets/charts/chart_style.h"

#include <QHelpEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace perflab {
namespace {

constexpr double kMinDragPx = 4;   // shorter drags are clicks
constexpr double kMarkerHitPx = 4; // a marker's tooltip shows this close to it

} // namespace

ChartOverlay::ChartOverlay(QWidget* viewport)
    : QWidget(viewport) {
    setAttribute(Qt::WA_NoSystemBackground);
    setFocusPolicy(Qt::ClickFocus);
    setCursor(Qt::CrossCursor);
}

void ChartOverlay::setFrame(const QRectF& plot, double fromMs, double toMs) {
    if (plot == m_plot && fromMs == m_fromMs && toMs == m_toMs)
        return;
    m_plot = plot;
    m_fromMs = fromMs;
    m_toMs = toMs > fromMs ? toMs : fromMs + 1;
    update();
}

void ChartOverlay::setMarkers(std::vector<ChartMarker> markers) {
    m_markers = std::move(markers);
    update();
}

void ChartOverlay::setSelection(std::optional<std::pair<double, double>> range) {
    m_selection = range;
    update();
}

double ChartOverlay::xOf(double ms) const {
    return m_plot.left() + (ms - m_fromMs) / (m_toMs - m_fromMs) * m_plot.width();
}

double ChartOverlay::msAt(double x) const {
    const double clamped = std::clamp(x, m_plot.left(), m_plot.right());
    return m_fromMs + (clamped - m_plot.left()) / std::max(1.0, m_plot.width()) * (m_toMs - m_fromMs);
}

void ChartOverlay::paintEvent(QPaintEvent*) {
    if (m_plot.isEmpty())
        return;
    QPainter painter(this);
    painter.setClipRect(m_plot);
    std::optional<std::pair<double, double>> span;
    if (m_drag)
        span = std::minmax(m_drag->first, m_drag->second);
    else if (m_selection)
        span = std::pair{xOf(m_selection->first), xOf(m_selection->second)};
    if (span) {
        QColor fill = palette().color(QPalette::Highlight);
        fill.setAlpha(48);
        const QRectF band(QPointF(span->first, m_plot.top()), QPointF(span->second, m_plot.bottom()));
        painter.fillRect(band, fill);
        fill.setAlpha(160);
        painter.setPen(QPen(fill, 1));
        painter.drawLine(QPointF(band.left(), band.top()), QPointF(band.left(), band.bottom()));
        painter.drawLine(QPointF(band.right(), band.top()), QPointF(band.right(), band.bottom()));
    }
    for (const ChartMarker& marker : m_markers) {
        const double x = std::round(xOf(marker.xMs)) + 0.5;
        if (x < m_plot.left() || x > m_plot.right())
            continue;
        paintEventMarker(painter, marker.color, 170, x, m_plot.top(), m_plot.bottom(), m_plot.top());
    }
}

QString ChartOverlay::toolTipAt(double x) const {
    QStringList lines;
    for (const ChartMarker& marker : m_markers)
        if (std::abs(xOf(marker.xMs) - x) <= kMarkerHitPx)
            lines.append(marker.toolTip);
    return lines.join(QLatin1Char('\n'));
}

bool ChartOverlay::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = m_plot.contains(help->pos()) ? toolTipAt(help->pos().x()) : QString();
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

void ChartOverlay::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton || !m_plot.contains(event->position())) {
        QWidget::mousePressEvent(event);
        return;
    }
    const double x = std::clamp(event->position().x(), m_plot.left(), m_plot.right());
    m_drag = std::pair{x, x};
}

void ChartOverlay::mouseMoveEvent(QMouseEvent* event) {
    if (!m_drag)
        return;
    m_drag->second = std::clamp(event->position().x(), m_plot.left(), m_plot.right());
    update();
}

void ChartOverlay::mouseReleaseEvent(QMouseEvent* event) {
    if (!m_drag || event->button() != Qt::LeftButton)
        return;
    const auto [from, to] = std::minmax(m_drag->first, m_drag->second);
    m_drag.reset();
    if (to - from < kMinDragPx) {
        clearSelection();
        return;
    }
    m_selection = std::pair{msAt(from), msAt(to)};
    update();
    emit rangePicked(m_selection->first, m_selection->second);
}

void ChartOverlay::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Escape && m_selection) {
        clearSelection();
        return;
    }
    QWidget::keyPressEvent(event);
}

void ChartOverlay::clearSelection() {
    const bool had = m_selection.has_value();
    m_selection.reset();
    update();
    if (had)
        emit selectionCleared();
}

} // namespace perflab
