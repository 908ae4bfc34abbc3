// FlameCanvas: rows outside the exposed area are skipped, labels are drawn only where they fit.
#include "widgets/flame/flame_canvas.h"

#include "widgets/flame/flame_palette.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QResizeEvent>
#include <QToolTip>

#include <algorithm>

namespace perflab {

namespace {

constexpr double kMinLabelWidth = 24;
constexpr double kLabelPadding = 3;

QString name(const CallTree& tree, NodeId node) {
    const std::string_view n = tree.name(node);
    return QString::fromUtf8(n.data(), static_cast<qsizetype>(n.size()));
}

QString percent(double share) {
    return QLocale().toString(100 * share, 'f', 2) + QStringLiteral(" %");
}

QString signedPoints(double change) {
    return (change >= 0 ? QStringLiteral("+") : QString()) + QLocale().toString(100 * change, 'f', 2) +
           QStringLiteral(" pp");
}

QString samplesLine(const QString& what, std::uint64_t samples, std::uint64_t total) {
    const double share = total == 0 ? 0.0 : static_cast<double>(samples) / static_cast<double>(total);
    return QStringLiteral("%1: %2 samples (%3)")
        .arg(what, QLocale().toString(static_cast<qulonglong>(samples)), percent(share));
}

} // namespace

FlameCanvas::FlameCanvas(QWidget* parent)
    : QWidget(parent) {
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void FlameCanvas::setScene(std::shared_ptr<const FlameScene> scene) {
    m_scene = std::move(scene);
    setMinimumHeight(m_scene ? static_cast<int>(m_scene->layout.rowCount()) * kRowHeight : 0);
    update();
}

void FlameCanvas::setIcicle(bool icicle) {
    m_icicle = icicle;
    update();
}

int FlameCanvas::rowTop(std::uint32_t row) const {
    const int offset = static_cast<int>(row) * kRowHeight;
    return m_icicle ? offset : height() - offset - kRowHeight;
}

QRectF FlameCanvas::geometryOf(const FlameRect& rect) const {
    return QRectF(rect.x, rowTop(rect.row), rect.width, kRowHeight);
}

const FlameRect* FlameCanvas::rectAt(QPoint point) const {
    if (!m_scene)
        return nullptr;
    const int fromRoot = m_icicle ? point.y() : height() - 1 - point.y();
    if (fromRoot < 0)
        return nullptr;
    return m_scene->layout.at(point.x(), static_cast<std::uint32_t>(fromRoot / kRowHeight));
}

QColor FlameCanvas::fillOf(const FlameRect& rect) const {
    if (rect.merged > 0)
        return flame_palette::merged();
    if (rect.row < m_scene->layout.ancestorRows())
        return flame_palette::ancestor();
    if (m_scene->search.matches(rect.node))
        return flame_palette::match();
    const QColor base = m_scene->diff ? flame_palette::change(m_scene->diff->at(rect.node).selfDelta,
                                                              m_scene->diff->largestSelfChange())
                                      : flame_palette::frame(m_scene->tree->name(rect.node));
    return m_scene->search.isActive() ? flame_palette::unmatched(base) : base;
}

void FlameCanvas::paintRow(QPainter& painter, std::uint32_t row) const {
    const QFontMetricsF metrics(font());
    for (const FlameRect& rect : m_scene->layout.row(row)) {
        // One pixel of gap between frames keeps neighbours apart without costing narrow frames their body.
        const QRectF box = geometryOf(rect).adjusted(0, 0, rect.width >= 3 ? -1 : 0, -1);
        painter.fillRect(box, fillOf(rect));
        if (rect.width < kMinLabelWidth)
            continue;
        const QString label =
            rect.merged > 0 ? tr("(%1 merged)").arg(rect.merged) : name(*m_scene->tree, rect.node);
        const QString shown = metrics.elidedText(label, Qt::ElideRight, box.width() - 2 * kLabelPadding);
        if (shown.size() > 1)
            painter.drawText(box.adjusted(kLabelPadding, 0, -kLabelPadding, 0),
                             Qt::AlignLeft | Qt::AlignVCenter, shown);
    }
}

void FlameCanvas::paintEvent(QPaintEvent* event) {
    QPainter painter(this);
    painter.fillRect(event->rect(), palette().base());
    if (!m_scene)
        return;
    painter.setPen(flame_palette::text());
    const QRect exposed = event->rect();
    for (std::uint32_t row = 0; row < m_scene->layout.rowCount(); ++row) {
        const int top = rowTop(row);
        if (top + kRowHeight > exposed.top() && top <= exposed.bottom())
            paintRow(painter, row);
    }
}

QString FlameCanvas::toolTipText(const FlameRect& rect) const {
    const CallTree& tree = *m_scene->tree;
    const std::uint64_t all = tree.totalSamples();
    if (rect.merged > 0)
        return tr("%1 frames too narrow to draw, merged\n%2")
            .arg(rect.merged)
            .arg(samplesLine(tr("Total"), rect.samples, all));
    const CallTree::Node& node = tree.node(rect.node);
    QString text = name(tree, rect.node) + '\n' + samplesLine(tr("Total"), node.total, all) + '\n' +
                   samplesLine(tr("Self"), node.self, all);
    if (m_scene->diff) {
        const NodeDiff d = m_scene->diff->at(rect.node);
        text += '\n' +
                tr("Baseline: %1 total, %2 self").arg(percent(d.baselineShare), percent(d.baselineSelfShare));
        text += '\n' + tr("Change: %1 total, %2 self").arg(signedPoints(d.delta), signedPoints(d.selfDelta));
    }
    return text;
}

bool FlameCanvas::event(QEvent* event) {
    if (event->type() != QEvent::ToolTip)
        return QWidget::event(event);
    auto* help = static_cast<QHelpEvent*>(event);
    if (const FlameRect* rect = rectAt(help->pos()))
        QToolTip::showText(help->globalPos(),
                           toolTipText(*rect).toHtmlEscaped().replace('\n', QStringLiteral("<br>")), this,
                           geometryOf(*rect).toAlignedRect());
    else
        QToolTip::hideText();
    return true;
}

void FlameCanvas::resizeEvent(QResizeEvent* event) {
    if (event->size().width() != event->oldSize().width())
        emit widthChanged(event->size().width());
}

void FlameCanvas::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton)
        return QWidget::mouseReleaseEvent(event);
    const FlameRect* rect = rectAt(event->position().toPoint());
    if (!rect)
        return;
    const NodeId target = rect->merged > 0 ? m_scene->tree->node(rect->node).parent : rect->node;
    if (target != m_scene->layout.zoom())
        emit zoomRequested(target);
}

} // namespace perflab
