// TimeSeriesChart: keeps each series' full data and draws its M4 reduction to the plot width; Qt Charts draws
// the axes, grid, title and legend.
#include "widgets/charts/time_series_chart.h"

#include "model/metrics/decimate.h"
#include "widgets/charts/chart_lines_item.h"
#include "widgets/charts/chart_style.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsScene>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <tuple>

namespace perflab {
namespace {

// One pixel wide: the raster engine draws it (dashes too) without stroking a path.
QPen thinPen(QPen pen) {
    pen.setWidthF(1);
    pen.setCosmetic(true);
    return pen;
}

struct SeriesData {
    QString name;
    QLineSeries* line = nullptr; // owned by the chart; empty, it gives the legend its entry
    std::vector<double> xs, ys;
};

struct BandData {
    QString name;
    QAreaSeries* area = nullptr; // owned by the chart; parent of its two lines
    std::vector<double> xs, lows, highs;
};

// The time span rounded up to a step of at least a twentieth of it: a live run's axis then keeps its range
// (and labels) for many seconds, at the price of at most ~5 % blank on the right.
double roundedSpan(double spanMs) {
    constexpr double kSteps[] = {1e3,   2e3,   5e3,   10e3,  15e3,  30e3,   60e3,   120e3, 300e3,
                                 600e3, 900e3, 1.8e6, 3.6e6, 7.2e6, 21.6e6, 43.2e6, 86.4e6};
    double step = kSteps[0];
    for (double s : kSteps)
        if (s <= spanMs / 20)
            step = s;
    return std::ceil(spanMs / step) * step;
}

} // namespace

struct TimeSeriesChart::Impl {
    QChart* chart = nullptr;
    ChartOverlay* overlay = nullptr;
    ChartLinesItem* lines = nullptr; // owned by the chart
    QChartView* view = nullptr;
    QDateTimeAxis* xAxis = nullptr;
    QValueAxis* yAxis = nullptr;
    QString title, unit;
    std::vector<SeriesData> series;
    std::vector<BandData> bands;
    int reducedColumns = 0;
    std::optional<double> yCeiling;
    bool thinLines = false;
    bool updating = false; // between beginUpdate and endUpdate
    std::optional<std::pair<double, double>> timeRange;
    std::optional<QMargins> plotInsets;
    bool yFromData = false;

    SeriesData& find(const QString& name) {
        auto it =
            std::find_if(series.begin(), series.end(), [&](const SeriesData& s) { return s.name == name; });
        if (it == series.end())
            throw std::invalid_argument("chart '" + title.toStdString() + "' has no series named '" +
                                        name.toStdString() + "'");
        return *it;
    }

    ChartLinesItem::Line& lineOf(const SeriesData& s) {
        return lines->lines()[static_cast<std::size_t>(&s - series.data())];
    }

    void reduce(SeriesData& s, int columns) {
        QList<QPointF> points;
        if (!s.xs.empty()) {
            // M4 over two-pixel buckets: at most two points per pixel column, every extreme kept.
            const auto kept = m4Indices(s.xs, s.ys, static_cast<std::size_t>(std::max(1, columns / 2)));
            points.reserve(static_cast<qsizetype>(kept.size()));
            for (std::size_t i : kept)
                points.append(QPointF(s.xs[i], s.ys[i]));
        }
        lineOf(s).points = std::move(points);
        lines->linesChanged();
    }

    void updateAxes() {
        double x0 = std::numeric_limits<double>::infinity(), x1 = -x0, y1 = 0, y0 = 0, lowest = x0;
        const auto extend = [&](const std::vector<double>& xs, const std::vector<double>& ys) {
            if (xs.empty())
                return;
            x0 = std::min(x0, xs.front());
            x1 = std::max(x1, xs.back());
            for (double y : ys) {
                if (std::isfinite(y)) {
                    y0 = std::min(y0, y);
                    y1 = std::max(y1, y);
                    lowest = std::min(lowest, y);
                }
            }
        };
        for (const SeriesData& s : series)
            if (lineOf(s).visible)
                extend(s.xs, s.ys);
        for (const BandData& b : bands) {
            extend(b.xs, b.lows);
            extend(b.xs, b.highs);
        }
        if (timeRange)
            std::tie(x0, x1) = *timeRange;
        if (!std::isfinite(x0))
            return;
        x1 = timeRange ? std::max(x1, x0 + 1000) : x0 + roundedSpan(std::max(x1 - x0, 1000.0));
        xAxis->setRange(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(x0)),
                        QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(x1)));
        // A day or more of clock times is ambiguous without the date.
        xAxis->setFormat(x1 - x0 >= 86'400'000 ? QStringLiteral("dd.MM HH:mm") : QStringLiteral("HH:mm:ss"));
        if (yFromData && std::isfinite(lowest) && lowest < y1) {
            const double margin = (y1 - lowest) * 0.1;
            yAxis->setRange(std::max(0.0, lowest - margin), y1 + margin);
            yAxis->applyNiceNumbers();
            return;
        }
        if (yCeiling && y1 <= *yCeiling) {
            yAxis->setRange(y0, *yCeiling);
            return;
        }
        const double top = y1 > y0 ? y1 * 1.05 : y0 + 1;
        // Kept while the data fits and fills it well: relabelling the axis is most of a live tick's cost.
        if (yAxis->min() == y0 && yAxis->max() >= top && yAxis->max() <= 1.6 * top)
            return;
        yAxis->setRange(y0, top);
        yAxis->applyNiceNumbers();
    }

    void placePlotArea() {
        if (plotInsets)
            chart->setPlotArea(QRectF(QPointF(0, 0), chart->size()).marginsRemoved(QMarginsF(*plotInsets)));
    }
};

TimeSeriesChart::TimeSeriesChart(const QString& title, const QString& unit, QWidget* parent)
    : QWidget(parent)
    , m_impl(std::make_unique<Impl>()) {
    Impl& d = *m_impl;
    d.title = title;
    d.unit = unit;
    d.chart = new QChart;
    styleChart(*d.chart, title, font());

    d.xAxis = new QDateTimeAxis;
    d.xAxis->setFormat(QStringLiteral("HH:mm:ss"));
    d.xAxis->setTickCount(5);
    d.yAxis = new QValueAxis;
    d.yAxis->setTitleText(unit);
    d.yAxis->setLabelFormat(QStringLiteral("%.6g")); // 20000, not 2e+04
    d.yAxis->setTickCount(5);
    styleAxis(*d.xAxis, font());
    styleAxis(*d.yAxis, font());
    d.chart->addAxis(d.xAxis, Qt::AlignBottom);
    d.chart->addAxis(d.yAxis, Qt::AlignLeft);

    d.view = new QChartView(d.chart, this); // the view owns the chart
    d.view->scene()->setItemIndexMethod(
        QGraphicsScene::NoIndex);                         // items move every tick: no index to rebuild
    d.view->setRenderHint(QPainter::Antialiasing, false); // dense lines: crisp and several times faster
    d.view->setFrameShape(QFrame::NoFrame);
    ignoreWindowActivation(*d.view);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d.view);
    stylePalette(*d.chart, palette());

    connect(d.chart, &QChart::geometryChanged, this, [this] { m_impl->placePlotArea(); });
    d.lines = new ChartLinesItem(d.chart);
    d.lines->setZValue(50); // above the grid and axes
    d.overlay = new ChartOverlay(d.view->viewport());
    d.view->viewport()->installEventFilter(this);
    connect(d.overlay, &ChartOverlay::rangePicked, this, &TimeSeriesChart::rangePicked);
    connect(d.overlay, &ChartOverlay::selectionCleared, this, &TimeSeriesChart::selectionCleared);
    connect(d.xAxis, &QDateTimeAxis::rangeChanged, this, &TimeSeriesChart::updateOverlay);
    connect(d.yAxis, &QValueAxis::rangeChanged, this, &TimeSeriesChart::updateOverlay);
    connect(d.chart, &QChart::plotAreaChanged, this, [this] {
        updateOverlay();
        if (pixelColumns() == m_impl->reducedColumns)
            return;
        m_impl->reducedColumns = pixelColumns();
        for (SeriesData& s : m_impl->series)
            m_impl->reduce(s, m_impl->reducedColumns);
    });
}

bool TimeSeriesChart::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_impl->view->viewport() && event->type() == QEvent::Resize) {
        updateOverlay();
        // The view fits its scene to the new size after this event: map the plot again once it has.
        QMetaObject::invokeMethod(this, &TimeSeriesChart::updateOverlay, Qt::QueuedConnection);
    }
    return QWidget::eventFilter(watched, event);
}

void TimeSeriesChart::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange)
        stylePalette(*m_impl->chart, palette());
    QWidget::changeEvent(event);
}

void TimeSeriesChart::updateOverlay() {
    Impl& d = *m_impl;
    const auto x0 = static_cast<double>(d.xAxis->min().toMSecsSinceEpoch());
    const auto x1 = static_cast<double>(d.xAxis->max().toMSecsSinceEpoch());
    d.lines->setFrame(d.chart->plotArea(), x0, x1, d.yAxis->min(), d.yAxis->max());
    d.overlay->setGeometry(d.view->viewport()->rect());
    const QRectF plot = d.view->viewportTransform().mapRect(d.chart->mapRectToScene(d.chart->plotArea()));
    d.overlay->setFrame(plot, x0, x1);
}

void TimeSeriesChart::setThinLines() {
    m_impl->thinLines = true;
    for (ChartLinesItem::Line& line : m_impl->lines->lines())
        line.pen = thinPen(line.pen);
    m_impl->lines->linesChanged();
}

TimeSeriesChart::~TimeSeriesChart() = default;

void TimeSeriesChart::addSeries(const QString& name, const QColor& color, Qt::PenStyle style) {
    auto* line = new QLineSeries;
    line->setName(name);
    line->setUseOpenGL(false); // OpenGL series vanish from grabs and PDFs and crash offscreen
    const QPen pen = seriesPen(color, style);
    line->setPen(pen);
    m_impl->chart->addSeries(line);
    line->attachAxis(m_impl->xAxis);
    line->attachAxis(m_impl->yAxis);
    m_impl->series.push_back({name, line, {}, {}});
    m_impl->lines->lines().push_back({m_impl->thinLines ? thinPen(pen) : pen, true, {}});
}

void TimeSeriesChart::setData(const QString& name, std::vector<double> xs, std::vector<double> ys) {
    SeriesData& s = m_impl->find(name);
    if (xs.size() != ys.size())
        throw std::invalid_argument("chart '" + m_impl->title.toStdString() + "', series '" +
                                    name.toStdString() + "': x and y differ in length");
    s.xs = std::move(xs);
    s.ys = std::move(ys);
    m_impl->reducedColumns = pixelColumns();
    m_impl->reduce(s, m_impl->reducedColumns);
    if (!m_impl->updating)
        m_impl->updateAxes();
}

void TimeSeriesChart::beginUpdate() {
    m_impl->updating = true;
}

void TimeSeriesChart::endUpdate() {
    m_impl->updating = false;
    m_impl->updateAxes();
}

void TimeSeriesChart::setSeries(const QString& name, const std::vector<QPointF>& points) {
    std::vector<double> xs(points.size()), ys(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        xs[i] = points[i].x();
        ys[i] = points[i].y();
    }
    setData(name, std::move(xs), std::move(ys));
}

void TimeSeriesChart::setEnvelopes(const QString& name, const ChartSeries& series, ChartFigure figure,
                                   double scale) {
    std::vector<double> xs, ys;
    xs.reserve(series.buckets.size() * 4);
    ys.reserve(series.buckets.size() * 4);
    for (const ChartBucket& bucket : series.buckets) {
        const Envelope& e = bucket[figure];
        const auto start = static_cast<double>(bucket.startMs);
        // A second wider than the bucket ends past the next bucket's start: stop at the bucket's edge so the
        // line never runs back in time.
        const double end = std::clamp(static_cast<double>(bucket.endMs), start,
                                      static_cast<double>(bucket.startMs + series.bucketMs));
        const double mid = (start + end) / 2;
        // Where in the bucket the extremes fell is not kept: drawing them mid-bucket keeps them visible.
        for (const auto& [x, y] : {std::pair{start, e.first}, std::pair{mid, e.min}, std::pair{mid, e.max},
                                   std::pair{end, e.last}}) {
            xs.push_back(x);
            ys.push_back(y * scale);
        }
    }
    setData(name, std::move(xs), std::move(ys));
}

void TimeSeriesChart::clear() {
    for (SeriesData& s : m_impl->series) {
        s.xs.clear();
        s.ys.clear();
        m_impl->lineOf(s).points.clear();
    }
    for (BandData& b : m_impl->bands) {
        b.xs.clear();
        b.lows.clear();
        b.highs.clear();
        b.area->lowerSeries()->clear();
        b.area->upperSeries()->clear();
    }
    m_impl->lines->linesChanged();
}

void TimeSeriesChart::setYCeiling(double ceiling) {
    m_impl->yCeiling = ceiling;
    m_impl->updateAxes();
}

void TimeSeriesChart::setSeriesVisible(const QString& name, bool visible) {
    SeriesData& s = m_impl->find(name);
    if (m_impl->lineOf(s).visible == visible)
        return;
    s.line->setVisible(visible); // its legend entry
    m_impl->lineOf(s).visible = visible;
    m_impl->lines->linesChanged();
    m_impl->updateAxes();
}

bool TimeSeriesChart::isSeriesVisible(const QString& name) const {
    return m_impl->lineOf(m_impl->find(name)).visible;
}

bool TimeSeriesChart::hasSeries(const QString& name) const {
    return std::any_of(m_impl->series.begin(), m_impl->series.end(),
                       [&](const SeriesData& s) { return s.name == name; });
}

void TimeSeriesChart::setMarkers(std::vector<ChartMarker> markers) {
    m_impl->overlay->setMarkers(std::move(markers));
}

const std::vector<ChartMarker>& TimeSeriesChart::markers() const {
    return m_impl->overlay->markers();
}

void TimeSeriesChart::setSelection(std::optional<std::pair<double, double>> rangeMs) {
    m_impl->overlay->setSelection(rangeMs);
}

std::optional<std::pair<double, double>> TimeSeriesChart::selection() const {
    return m_impl->overlay->selection();
}

double TimeSeriesChart::xToPixel(double ms) const {
    return m_impl->overlay->xOf(ms) + m_impl->overlay->mapTo(this, QPoint(0, 0)).x();
}

void TimeSeriesChart::addBand(const QString& name, const QColor& color) {
    auto* upper = new QLineSeries;
    auto* lower = new QLineSeries;
    auto* area = new QAreaSeries(upper, lower);
    upper->setParent(area); // an area series does not own its lines
    lower->setParent(area);
    area->setName(name);
    QColor fill = color;
    fill.setAlpha(56);
    area->setBrush(fill);
    area->setPen(Qt::NoPen);
    m_impl->chart->addSeries(area);
    area->attachAxis(m_impl->xAxis);
    area->attachAxis(m_impl->yAxis);
    for (QLegendMarker* marker : m_impl->chart->legend()->markers(area))
        marker->setVisible(false);
    m_impl->bands.push_back({name, area, {}, {}, {}});
}

void TimeSeriesChart::setBand(const QString& name, std::vector<double> xs, std::vector<double> lows,
                              std::vector<double> highs) {
    auto it = std::find_if(m_impl->bands.begin(), m_impl->bands.end(),
                           [&](const BandData& b) { return b.name == name; });
    if (it == m_impl->bands.end())
        throw std::invalid_argument("chart '" + m_impl->title.toStdString() + "' has no band named '" +
                                    name.toStdString() + "'");
    if (xs.size() != lows.size() || xs.size() != highs.size())
        throw std::invalid_argument("chart '" + m_impl->title.toStdString() + "', band '" +
                                    name.toStdString() + "': x, low and high differ in length");
    QList<QPointF> low, high;
    low.reserve(static_cast<qsizetype>(xs.size()));
    high.reserve(static_cast<qsizetype>(xs.size()));
    for (std::size_t i = 0; i < xs.size(); ++i) {
        low.append(QPointF(xs[i], lows[i]));
        high.append(QPointF(xs[i], highs[i]));
    }
    it->area->lowerSeries()->replace(low);
    it->area->upperSeries()->replace(high);
    it->xs = std::move(xs);
    it->lows = std::move(lows);
    it->highs = std::move(highs);
    m_impl->updateAxes();
}

void TimeSeriesChart::setTimeRange(double fromMs, double toMs) {
    m_impl->timeRange = std::pair{fromMs, toMs};
    m_impl->updateAxes();
}

void TimeSeriesChart::setYFromData(bool fromData) {
    m_impl->yFromData = fromData;
    m_impl->updateAxes();
}

void TimeSeriesChart::setHeaderVisible(bool visible) {
    m_impl->chart->setTitle(visible ? m_impl->title : QString());
    // Hiding the legend itself would drop the y axis from a chart with a fixed plot area (Qt Charts 6.4).
    for (QLegendMarker* marker : m_impl->chart->legend()->markers())
        marker->setVisible(visible);
}

void TimeSeriesChart::setTimeAxisVisible(bool visible) {
    m_impl->xAxis->setVisible(visible);
}

void TimeSeriesChart::setPlotInsets(const QMargins& insets) {
    m_impl->plotInsets = insets;
    m_impl->placePlotArea();
}

QRectF TimeSeriesChart::plotArea() const {
    const Impl& d = *m_impl;
    const QRect inView = d.view->mapFromScene(d.chart->mapRectToScene(d.chart->plotArea())).boundingRect();
    return QRectF(inView.translated(d.view->viewport()->mapTo(this, QPoint(0, 0))));
}

QString TimeSeriesChart::title() const {
    return m_impl->title;
}

QString TimeSeriesChart::unit() const {
    return m_impl->unit;
}

QStringList TimeSeriesChart::seriesNames() const {
    QStringList names;
    for (const SeriesData& s : m_impl->series)
        names.append(s.name);
    return names;
}

QList<QPointF> TimeSeriesChart::drawnPoints(const QString& name) const {
    return m_impl->lineOf(m_impl->find(name)).points;
}

int TimeSeriesChart::pixelColumns() const {
    const int plotWidth = static_cast<int>(m_impl->chart->plotArea().width());
    return std::max(1, plotWidth > 0 ? plotWidth : width());
}

std::pair<double, double> TimeSeriesChart::yRange() const {
    return {m_impl->yAxis->min(), m_impl->yAxis->max()};
}

} // namespace perflab
