// The look every Qt chart of the app shares (titles, legend, axes, lines), so screens and PDF reports match.
#pragma once

#include <QColor>
#include <QPalette>
#include <QPen>

class QAbstractAxis;
class QChart;
class QFont;

namespace perflab {

// Title and legend fonts scaled from `base`, no margins wasted, legend on top.
void styleChart(QChart& chart, const QString& title, const QFont& base);
// Label and title fonts scaled from `base`, light grid.
void styleAxis(QAbstractAxis& axis, const QFont& base);
// Background, text, axis and grid colours from `palette` (light or dark).
void stylePalette(QChart& chart, const QPalette& palette);
// Series differ by dash pattern as well as colour, so printed grayscale reports stay readable.
QPen seriesPen(const QColor& color, Qt::PenStyle style);

} // namespace perflab
