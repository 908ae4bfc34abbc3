// A time-series line chart: the one widget that knows Qt Charts; it draws series reduced to its pixel width.
#pragma once

#include "model/store/chart_series.h"
#include "widgets/charts/chart_overlay.h"

#include <QColor>
#include <QList>
#include <QMargins>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace perflab {

// x values are unix epoch milliseconds (shown as clock time); y values are in the chart's unit.
// Every series is reduced (M4: first/min/max/last per two pixel columns) before it is drawn, and
// again when the plot is resized, so a 72-hour series costs a frame like a 1-minute one.
class TimeSeriesChart : public QWidget {
    Q_OBJECT
public:
    TimeSeriesChart(const QString& title, const QString& unit, QWidget* parent = nullptr);
    ~TimeSeriesChart() override;

    // Declares a named line; the order of calls is the legend's order. Lines of one chart should differ in
    // style as well as colour (grayscale prints).
    void addSeries(const QString& name, const QColor& color, Qt::PenStyle style = Qt::SolidLine);
    // Replaces the whole series (xs non-decreasing, same length as ys); throws std::invalid_argument
    // for an undeclared name or malformed data.
    void setData(const QString& name, std::vector<double> xs, std::vector<double> ys);
    // setData calls between beginUpdate() and endUpdate() fit the axes once, at the end (a dashboard tick
    // sets every series: fitting after each would relabel the axes and re-reduce the lines many times).
    void beginUpdate();
    void endUpdate();
    // Replaces the whole series with points already reduced by the caller (reduced again if too many).
    void setSeries(const QString& name, const std::vector<QPointF>& points);
    // Replaces the whole series with one figure of a chart read (RunStore::chartSeries): each bucket's
    // first, lowest, highest and last value, times `scale`, so long runs come from the store's tiers.
    void setEnvelopes(const QString& name, const ChartSeries& series, ChartFigure figure, double scale = 1);
    void clear();
    // The y axis stops at `ceiling` (100 for percentages) unless the data goes past it.
    void setYCeiling(double ceiling);
    // Lines one pixel wide whatever their style: several times cheaper to paint, for charts repainted live.
    void setThinLines();
    // A hidden series keeps its data but leaves the plot, the legend and the y range.
    void setSeriesVisible(const QString& name, bool visible);
    bool isSeriesVisible(const QString& name) const;
    bool hasSeries(const QString& name) const;

    // Vertical lines at moments of the run, each with a tooltip.
    void setMarkers(std::vector<ChartMarker> markers);
    const std::vector<ChartMarker>& markers() const;
    // The picked time range shown as a band (from a drag here or on a sibling chart); nullopt hides it.
    void setSelection(std::optional<std::pair<double, double>> rangeMs);
    std::optional<std::pair<double, double>> selection() const;
    // Where time `ms` is drawn, in this widget's x coordinates (the time axis is linear).
    double xToPixel(double ms) const;

    // A shaded band between a low and a high line (a min/max envelope), left out of the legend; declare it
    // before the lines it should lie under. Bands take points already reduced by the caller (one per chart
    // bucket); xs non-decreasing, all three the same length, else std::invalid_argument.
    void addBand(const QString& name, const QColor& color);
    void setBand(const QString& name, std::vector<double> xs, std::vector<double> lows,
                 std::vector<double> highs);
    // Fixes the time axis to [fromMs, toMs] whatever the data spans (charts sharing one time axis).
    void setTimeRange(double fromMs, double toMs);
    // The y axis starts at the data's lowest value instead of 0 (a slow drift of a large value stays
    // visible).
    void setYFromData(bool fromData);
    // Hides the title and legend (a caller that stacks charts labels them itself); call after adding series.
    void setHeaderVisible(bool visible);
    // Hides the time axis's labels, line and grid (a caller draws its own ticks across stacked charts).
    void setTimeAxisVisible(bool visible);
    // Places the plot area at these distances from the widget's edges, so stacked charts line up.
    void setPlotInsets(const QMargins& insets);
    // The plot area in this widget's coordinates.
    QRectF plotArea() const;

    QString title() const;
    QString unit() const;
    QStringList seriesNames() const;
    // The points currently drawn for that series (after reduction).
    QList<QPointF> drawnPoints(const QString& name) const;
    // Pixel columns the series are reduced to: the plot area's width once laid out, else the widget's.
    int pixelColumns() const;
    // The y axis's current range (minimum, maximum).
    std::pair<double, double> yRange() const;

signals:
    // A drag across the plot picked [fromMs, toMs]; a click or Escape cleared the pick.
    void rangePicked(double fromMs, double toMs);
    void selectionCleared();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateOverlay();

    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace perflab
