// EnduranceOverlay: paints over the charts (which draw no time axis of their own) and maps pixels to times.
#include "widgets/endurance/endurance_overlay.h"

#include "widgets/charts/chart_style.h"
#include "widgets/charts/time_series_chart.h"

#include <QDateTime>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

namespace perflab {
namespace {

constexpr double kMarkerReach = 4; // pixels either side of a marker that show its tooltip
constexpr double kTickSpacing = 110;

QString clockTime(std::int64_t ms) {
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

} // namespace

EnduranceOverlay::EnduranceOverlay(std::vector<TimeSeriesChart*> charts, QWidget* parent)
    : QWidget(parent)
    , m_charts(std::move(charts)) {
    setMouseTracking(true);
    setCursor(Qt::OpenHandCursor);
}

void EnduranceOverlay::setWindow(const TimeWindow& window, std::int64_t originMs) {
    m_window = window;
    m_originMs = originMs;
    update();
}

void EnduranceOverlay::setEvents(std::vector<RunEvent> events) {
    m_events = std::move(events);
    update();
}

QRectF EnduranceOverlay::plotOf(const TimeSeriesChart& chart) const {
    const QRectF plot = chart.plotArea();
    return plot.translated(QPointF(chart.mapTo(parentWidget(), QPoint(0, 0)) - pos()));
}

QRectF EnduranceOverlay::plotSpan() const {
    if (m_charts.empty())
        return {};
    const QRectF top = plotOf(*m_charts.front()), bottom = plotOf(*m_charts.back());
    return QRectF(QPointF(top.left(), top.top()), QPointF(top.right(), bottom.bottom()));
}

double EnduranceOverlay::xOf(std::int64_t ms) const {
    const QRectF span = plotSpan();
    if (m_window.span() <= 0)
        return span.left();
    return span.left() +
           span.width() * static_cast<double>(ms - m_window.fromMs) / static_cast<double>(m_window.span());
}

std::int64_t EnduranceOverlay::timeAt(double x) const {
    const QRectF span = plotSpan();
    if (span.width() <= 0)
        return m_window.fromMs;
    return m_window.fromMs +
           std::llround((x - span.left()) / span.width() * static_cast<double>(m_window.span()));
}

std::vector<EnduranceOverlay::Marker> EnduranceOverlay::markers() const {
    std::vector<Marker> shown;
    for (const RunEvent& e : m_events) {
        if (e.tsMs < m_window.fromMs || e.tsMs > m_window.toMs)
            continue;
        shown.push_back({xOf(e.tsMs), eventColor(e.kind),
                         QStringLiteral("%1 at %2 (%3)\n%4")
                             .arg(QString::fromUtf8(toString(e.kind)), elapsedText(e.tsMs), clockTime(e.tsMs),
                                  QString::fromStdString(e.message))});
    }
    return shown;
}

QString EnduranceOverlay::toolTipAt(const QPoint& position) const {
    QStringList lines;
    for (const Marker& m : markers())
        if (std::abs(m.x - position.x()) <= kMarkerReach)
            lines.append(m.toolTip);
    return lines.join(QStringLiteral("\n\n"));
}

bool EnduranceOverlay::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

QString EnduranceOverlay::elapsedText(std::int64_t ms) const {
    return QStringLiteral("+") +
           QString::fromStdString(formatSpan(std::max<std::int64_t>(0, ms - m_originMs)));
}

void EnduranceOverlay::paintEvent(QPaintEvent*) {
    const QRectF span = plotSpan();
    if (span.width() <= 0 || m_window.span() <= 0)
        return;
    QPainter painter(this);
    paintTimeAxis(painter, span);
    for (const Marker& m : markers()) // heads above the plot, where the charts leave room for them
        paintEventMarker(painter, m.color, 140, m.x, span.top(), span.bottom(), span.top() - 6);
    paintHover(painter, span);
}

void EnduranceOverlay::paintTimeAxis(QPainter& painter, const QRectF& span) const {
    const auto maxTicks = static_cast<std::size_t>(std::max(2.0, span.width() / kTickSpacing));
    const TimeAxis axis = elapsedTimeAxis(m_originMs, m_window.fromMs, m_window.toMs, maxTicks);
    const QFontMetricsF metrics(font());
    const double labelTop = span.bottom() + 4;
    for (const TimeTick& tick : axis.ticks) {
        const double x = std::round(xOf(tick.ms)) + 0.5;
        painter.setPen(QPen(QColor(0, 0, 0, 28), 1));
        for (const TimeSeriesChart* chart : m_charts) {
            const QRectF plot = plotOf(*chart);
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        }
        painter.setPen(palette().color(QPalette::WindowText));
        const QString label = QString::fromStdString(tick.label);
        const double width = metrics.horizontalAdvance(label);
        const double left = std::clamp(x - width / 2, 0.0, this->width() - width - 2);
        painter.drawText(QPointF(left, labelTop + metrics.ascent()), label);
    }
    painter.setPen(palette().color(QPalette::PlaceholderText));
    const QString title = QString::fromStdString(axis.title);
    painter.drawText(QPointF(span.right() - metrics.horizontalAdvance(title),
                             labelTop + metrics.height() + 2 + metrics.ascent()),
                     title);
}

void EnduranceOverlay::paintHover(QPainter& painter, const QRectF& span) const {
    if (!m_hoverX || *m_hoverX < span.left() || *m_hoverX > span.right())
        return;
    painter.setPen(QPen(QColor(0x37, 0x47, 0x4f, 150), 1));
    painter.drawLine(QPointF(*m_hoverX, span.top()), QPointF(*m_hoverX, span.bottom()));
    const std::int64_t at = timeAt(*m_hoverX);
    const QString text = QStringLiteral("%1  ·  %2").arg(elapsedText(at), clockTime(at));
    const QFontMetricsF metrics(font());
    QRectF box(0, 0, metrics.horizontalAdvance(text) + 12, metrics.height() + 6);
    box.moveTop(span.bottom() + 2);
    box.moveLeft(std::clamp(*m_hoverX - box.width() / 2, 0.0, width() - box.width()));
    painter.setPen(Qt::NoPen);
    painter.setBrush(QColor(0x26, 0x32, 0x38));
    painter.drawRoundedRect(box, 3, 3);
    painter.setPen(Qt::white);
    painter.drawText(box, Qt::AlignCenter, text);
}

void EnduranceOverlay::wheelEvent(QWheelEvent* event) {
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0)
        return event->ignore();
    emit zoomRequested(timeAt(event->position().x()), std::pow(0.8, notches));
    event->accept();
}

void EnduranceOverlay::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    m_dragX = event->position().x();
    setCursor(Qt::ClosedHandCursor);
}

void EnduranceOverlay::mouseMoveEvent(QMouseEvent* event) {
    const double x = event->position().x();
    if (m_dragX) {
        const QRectF span = plotSpan();
        if (span.width() > 0) {
            const double moved = x - *m_dragX;
            emit panRequested(-std::llround(moved / span.width() * static_cast<double>(m_window.span())));
        }
        m_dragX = x;
    }
    m_hoverX = x;
    update();
}

void EnduranceOverlay::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton) {
        m_dragX.reset();
        setCursor(Qt::OpenHandCursor);
    }
}

void EnduranceOverlay::mouseDoubleClickEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton)
        emit resetRequested();
}

void EnduranceOverlay::leaveEvent(QEvent*) {
    m_hoverX.reset();
    update();
}

} // namespace perflab
