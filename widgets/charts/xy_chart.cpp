// XyChart: Qt Charts value axes (or a category axis labelled in percentiles) around line and scatter series.
#include "widgets/charts/xy_chart.h"

#include "model/metrics/percentile_spectrum.h"
#include "widgets/charts/chart_style.h"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace perflab {

struct XyChart::Impl {
    QChart* chart = nullptr;
    QAbstractAxis* xAxis = nullptr;
    QValueAxis* yAxis = nullptr;
    XAxis xKind = XAxis::Linear;
    QString title;
    std::vector<QXYSeries*> series; // owned by the chart

    QXYSeries* find(const QString& name) const {
        auto it = std::find_if(series.begin(), series.end(), [&](QXYSeries* s) { return s->name() == name; });
        if (it == series.end())
            throw std::invalid_argument("chart '" + title.toStdString() + "' has no series named '" +
                                        name.toStdString() + "'");
        return *it;
    }

    // Ticks at 0 %, 90 %, 99 %, ... up to the first nine-count past the data.
    void setPercentileTicks(double maxPosition) {
        auto* axis = static_cast<QCategoryAxis*>(xAxis);
        for (const QString& label : axis->categoriesLabels())
            axis->remove(label);
        const int nines = std::max(2, static_cast<int>(std::ceil(maxPosition - 1e-9)));
        axis->append(QStringLiteral("0%"), 0);
        for (int n = 1; n <= nines; ++n) // 90%, 99%, 99.9%, ...
            axis->append(QString::number(100.0 - std::pow(10.0, 2 - n), 'f', std::max(0, n - 2)) +
                             QLatin1Char('%'),
                         n);
        axis->setRange(0, nines);
    }

    void updateAxes() {
        double x0 = std::numeric_limits<double>::infinity(), x1 = -x0, y1 = 0;
        for (const QXYSeries* s : series) {
            for (const QPointF& p : s->points()) {
                x0 = std::min(x0, p.x());
                x1 = std::max(x1, p.x());
                y1 = std::max(y1, p.y());
            }
        }
        if (!std::isfinite(x0))
            return;
        if (xKind == XAxis::Percentile) {
            setPercentileTicks(x1);
        } else {
            auto* axis = static_cast<QValueAxis*>(xAxis);
            axis->setRange(std::min(0.0, x0), x1 > x0 ? x1 * 1.05 : x0 + 1);
            axis->applyNiceNumbers();
        }
        yAxis->setRange(0, y1 > 0 ? y1 * 1.05 : 1);
        yAxis->applyNiceNumbers();
    }
};

XyChart::XyChart(const QString& title, const QString& xTitle, const QString& yTitle, XAxis xAxis,
                 QWidget* parent)
    : QWidget(parent)
    , m_impl(std::make_unique<Impl>()) {
    Impl& d = *m_impl;
    d.title = title;
    d.xKind = xAxis;
    d.chart = new QChart;
    styleChart(*d.chart, title, font());
    d.chart->setMargins(QMargins(4, 2, 28, 2)); // room for the last percentile label, centred on the edge
    if (xAxis == XAxis::Percentile) {
        auto* axis = new QCategoryAxis;
        axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        d.xAxis = axis;
    } else {
        auto* axis = new QValueAxis;
        axis->setLabelFormat(QStringLiteral("%.4g"));
        d.xAxis = axis;
    }
    d.xAxis->setTitleText(xTitle);
    d.yAxis = new QValueAxis;
    d.yAxis->setTitleText(yTitle);
    d.yAxis->setLabelFormat(QStringLiteral("%.4g"));
    d.yAxis->setTickCount(5);
    styleAxis(*d.xAxis, font());
    styleAxis(*d.yAxis, font());
    d.chart->addAxis(d.xAxis, Qt::AlignBottom);
    d.chart->addAxis(d.yAxis, Qt::AlignLeft);

    auto* view = new QChartView(d.chart, this); // the view owns the chart
    view->setRenderHint(QPainter::Antialiasing, true);
    ignoreWindowActivation(*view);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(view);
}

XyChart::~XyChart() = default;

void XyChart::addSeries(const QString& name, const QColor& color, Qt::PenStyle style, bool asPoints) {
    QXYSeries* series = nullptr;
    if (asPoints) {
        auto* scatter = new QScatterSeries;
        scatter->setMarkerSize(5);
        scatter->setColor(color);
        scatter->setBorderColor(color.darker(140));
        series = scatter;
    } else {
        series = new QLineSeries;
        series->setPen(seriesPen(color, style));
    }
    series->setName(name);
    series->setUseOpenGL(false); // OpenGL series vanish from PDFs and crash offscreen
    m_impl->chart->addSeries(series);
    series->attachAxis(m_impl->xAxis);
    series->attachAxis(m_impl->yAxis);
    m_impl->series.push_back(series);
}

void XyChart::setData(const QString& name, const std::vector<QPointF>& points) {
    QXYSeries* series = m_impl->find(name);
    QList<QPointF> laidOut;
    laidOut.reserve(static_cast<qsizetype>(points.size()));
    for (const QPointF& p : points)
        laidOut.append(m_impl->xKind == XAxis::Percentile ? QPointF(spectrumPosition(p.x()), p.y()) : p);
    series->replace(laidOut);
    m_impl->updateAxes();
}

void XyChart::setAxisTitles(const QString& xTitle, const QString& yTitle) {
    m_impl->xAxis->setTitleText(xTitle);
    m_impl->yAxis->setTitleText(yTitle);
}

QString XyChart::title() const {
    return m_impl->title;
}

QList<QPointF> XyChart::drawnPoints(const QString& name) const {
    return m_impl->find(name)->points();
}

} // namespace perflab
