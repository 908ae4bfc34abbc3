// The look every Qt chart of the app shares (titles, legend, axes, lines), so screens and PDF reports match.
#pragma once

#include "model/results/run_event.h"
#include "model/results/run_status.h"

#include <QColor>
#include <QPalette>
#include <QPen>

class QAbstractAxis;
class QChart;
class QFont;
class QGraphicsView;
class QPainter;

namespace perflab {

// Title and legend fonts scaled from `base`, no margins wasted, legend on top.
void styleChart(QChart& chart, const QString& title, const QFont& base);
// Label and title fonts scaled from `base`, light grid.
void styleAxis(QAbstractAxis& axis, const QFont& base);
// Background, text, axis and grid colours from `palette` (light or dark).
void stylePalette(QChart& chart, const QPalette& palette);
// Series differ by dash pattern as well as colour, so printed grayscale reports stay readable.
QPen seriesPen(const QColor& color, Qt::PenStyle style);
// The colour of a run event's marker by its kind (stage, fault, slo-breach, breaker, scale-out, ...), the
// same on every view that shows events.
QColor eventColor(EventKind kind);
// The colour a run's status is written in (green passed, red failed, blue running, grey stopped, orange
// aborted or interrupted).
QColor statusColor(RunStatus status);
// A run event's marker: a dashed vertical line at x from `top` to `bottom` (its colour at `lineAlpha`) under
// a small downward triangle whose base lies at `headTop`.
void paintEventMarker(QPainter& painter, const QColor& color, int lineAlpha, double x, double top,
                      double bottom, double headTop);

// A chart's view ignores its window being activated or deactivated. Qt Charts repaints every chart item
// then, though nothing in a chart looks different: the view's scene is activated each time its page is
// shown or hidden, and a page switch painted every chart twice.
void ignoreWindowActivation(QGraphicsView& view);

} // namespace perflab
