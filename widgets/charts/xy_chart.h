// A chart of y over a value x axis: lines or points, x linear or the percentile axis of HDR latency plots
// (percentile spectra, latency against throughput). Screens and PDF reports draw it alike.
#pragma once

#include <QColor>
#include <QList>
#include <QPointF>
#include <QString>
#include <QWidget>

#include <memory>
#include <vector>

namespace perflab {

class XyChart : public QWidget {
    Q_OBJECT
public:
    // Percentile: x values are percentiles in [0, 100), laid out on log10(1 / (1 - p)) with ticks at 0 %,
    // 90 %, 99 %, 99.9 %, ... as HdrHistogram plots them.
    enum class XAxis { Linear, Percentile };

    XyChart(const QString& title, const QString& xTitle, const QString& yTitle, XAxis xAxis,
            QWidget* parent = nullptr);
    ~XyChart() override;

    // Declares a line (or, with asPoints, a scatter of markers); the order of calls is the legend's.
    void addSeries(const QString& name, const QColor& color, Qt::PenStyle style = Qt::SolidLine,
                   bool asPoints = false);
    // Replaces a series' points (x in the axis's unit; any order for points, x order for lines); throws
    // std::invalid_argument for an undeclared name.
    void setData(const QString& name, const std::vector<QPointF>& points);

    // Renames the axes, e.g. when the x unit changes with the data's span.
    void setAxisTitles(const QString& xTitle, const QString& yTitle);

    QString title() const;
    // The points Qt Charts holds for the series, x as laid out (percentile axis: log10(1 / (1 - p))).
    QList<QPointF> drawnPoints(const QString& name) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace perflab
