// Shared chart look: fonts scaled from the widget's, light grid lines, 1.5 px lines with a dash pattern.
#include "widgets/charts/chart_style.h"

#include <QAbstractAxis>
#include <QChart>
#include <QEvent>
#include <QFont>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QLegend>
#include <QPainter>

#include <utility>

namespace perflab {
namespace {

class ActivationFilter : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        return event->type() == QEvent::WindowActivate || event->type() == QEvent::WindowDeactivate ||
               QObject::eventFilter(watched, event);
    }
};

QFont scaledFont(const QFont& base, double factor, bool bold) {
    QFont f = base;
    f.setPointSizeF(base.pointSizeF() * factor);
    f.setBold(bold);
    return f;
}

} // namespace

void styleChart(QChart& chart, const QString& title, const QFont& base) {
    chart.setTitle(title);
    chart.setTitleFont(scaledFont(base, 1.1, true));
    chart.setBackgroundRoundness(0);
    chart.setMargins(QMargins(4, 2, 4, 2));
    chart.layout()->setContentsMargins(0, 0, 0, 0);
    chart.legend()->setAlignment(Qt::AlignTop);
    chart.legend()->setFont(scaledFont(base, 0.9, false));
}

void styleAxis(QAbstractAxis& axis, const QFont& base) {
    axis.setLabelsFont(scaledFont(base, 0.85, false));
    axis.setTitleFont(scaledFont(base, 0.85, false));
    axis.setGridLineColor(QColor(0xe3, 0xe6, 0xea));
}

void stylePalette(QChart& chart, const QPalette& palette) {
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::WindowText);
    const auto mix = [&](double share) {
        return QColor::fromRgbF(base.redF() + (text.redF() - base.redF()) * share,
                                base.greenF() + (text.greenF() - base.greenF()) * share,
                                base.blueF() + (text.blueF() - base.blueF()) * share);
    };
    chart.setBackgroundBrush(base);
    chart.setBackgroundPen(QPen(mix(0.18), 1));
    chart.setTitleBrush(text);
    chart.legend()->setLabelColor(text);
    for (QAbstractAxis* axis : chart.axes()) {
        axis->setLabelsColor(mix(0.8));
        axis->setTitleBrush(mix(0.7));
        axis->setLinePenColor(mix(0.35));
        axis->setGridLineColor(mix(0.12));
    }
}

QPen seriesPen(const QColor& color, Qt::PenStyle style) {
    QPen pen(color);
    pen.setWidthF(style == Qt::SolidLine ? 1.5 : 1.8);
    pen.setStyle(style);
    return pen;
}

void paintEventMarker(QPainter& painter, const QColor& color, int lineAlpha, double x, double top,
                      double bottom, double headTop) {
    QColor line = color;
    line.setAlpha(lineAlpha);
    painter.setPen(QPen(line, 1, Qt::DashLine));
    painter.drawLine(QPointF(x, top), QPointF(x, bottom));
    painter.setPen(Qt::NoPen);
    painter.setBrush(color);
    const QPointF head[] = {{x - 4, headTop}, {x + 4, headTop}, {x, headTop + 6}};
    painter.drawPolygon(head, 3);
}

QColor eventColor(EventKind kind) {
    static const std::pair<EventKind, QRgb> kColors[] = {
        {EventKind::Stage, 0x546e7a},     {EventKind::Fault, 0xef6c00},
        {EventKind::SloBreach, 0xc62828}, {EventKind::BreakingPoint, 0x6a1b9a},
        {EventKind::ScaleOut, 0x00838f},  {EventKind::Breaker, 0xf9a825},
    };
    for (const auto& [colored, color] : kColors)
        if (kind == colored)
            return QColor::fromRgb(color);
    return QColor::fromRgb(0x78909c);
}

QColor statusColor(RunStatus status) {
    switch (status) {
    case RunStatus::Passed:
        return QColor::fromRgb(0x2e7d32);
    case RunStatus::Failed:
        return QColor::fromRgb(0xc62828);
    case RunStatus::Running:
        return QColor::fromRgb(0x1565c0);
    case RunStatus::Stopped: // asked for: neither a verdict nor a fault
        return QColor::fromRgb(0x607d8b);
    case RunStatus::Aborted:
    case RunStatus::Interrupted:
        break;
    }
    return QColor::fromRgb(0xef6c00);
}

void ignoreWindowActivation(QGraphicsView& view) {
    view.scene()->installEventFilter(new ActivationFilter(&view));
}

} // namespace perflab
