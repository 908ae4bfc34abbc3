// Endurance charts: which figures go where, in which colours, and the band/line split of chart buckets.
#include "widgets/endurance/endurance_charts.h"

#include "model/format/figure_format.h"
#include "widgets/charts/time_series_chart.h"

#include <QLabel>

#include <algorithm>
#include <vector>

namespace perflab {
namespace {

// Same left inset everywhere so the stacked plots share one time axis; room for "10000" and the unit.
const QMargins kInsets(64, 26, 14, 6);

struct Line {
    const char* name;
    ChartFigure figure;
    QColor color;
    double scale;
    bool band;
};

struct ChartSpec {
    const char* title;
    const char* unit;
    std::vector<Line> lines;
    const char* note;
};

const QColor kTrendColor(0x42, 0x42, 0x42);

const std::array<ChartSpec, kEnduranceChartCount>& specs() {
    static const std::array<ChartSpec, kEnduranceChartCount> kSpecs = {{
        {"Latency",
         "ms",
         {{"p50", ChartFigure::LatencyP50, QColor(0x2e, 0x7d, 0x32), 1, true},
          {"p95", ChartFigure::LatencyP95, QColor(0xef, 0x8f, 0x00), 1, true},
          {"p99", ChartFigure::LatencyP99, QColor(0xc6, 0x28, 0x28), 1, true}},
         "per-second percentiles; shaded: lowest to highest second in each bucket"},
        {"Throughput",
         "req/s",
         {{"requests/s", ChartFigure::Throughput, QColor(0x15, 0x65, 0xc0), 1, true}},
         ""},
        {"Errors",
         "per second",
         {{"errors/s", ChartFigure::ErrorRate, QColor(0xd3, 0x2f, 0x2f), 1, true},
          {"degraded/s", ChartFigure::DegradedRate, QColor(0x00, 0x89, 0x7b), 1, false}},
         "degraded: answered from a fallback"},
        {"Memory (RSS of the run process)",
         "MiB",
         {{"RSS", ChartFigure::ProcessRss, QColor(0x6a, 0x1b, 0x9a), 1 / kBytesPerMiB, true}},
         ""},
        {"CPU",
         "% of all cores",
         {{"process", ChartFigure::ProcessCpu, QColor(0x00, 0x83, 0x8f), 1, true},
          {"system", ChartFigure::SystemCpu, QColor(0x78, 0x90, 0x9c), 1, false}},
         ""},
    }};
    return kSpecs;
}

QString bandName(const Line& line) {
    return QString::fromLatin1(line.name) + QStringLiteral(" range");
}

const QString kTrend = QStringLiteral("RSS trend");

QString swatch(const QColor& color, const QString& name, bool dashed = false) {
    return QStringLiteral("&nbsp;&nbsp;&nbsp;<span style='color:%1'>%2</span>&nbsp;%3")
        .arg(color.name(), dashed ? QStringLiteral("╌╌") : QStringLiteral("━━"), name);
}

// Bold title, then a swatch per line; bands go unnamed (their line's colour, lighter).
QString headerText(const ChartSpec& spec) {
    QString text = QStringLiteral("<b>%1</b>").arg(QString::fromLatin1(spec.title));
    for (const Line& line : spec.lines)
        text += swatch(line.color, QString::fromLatin1(line.name));
    if (spec.lines.front().figure == ChartFigure::ProcessRss)
        text += swatch(kTrendColor, kTrend, true);
    return text + QStringLiteral("&nbsp;&nbsp;&nbsp;<span style='color:#78909c'>%1</span>")
                      .arg(QString::fromLatin1(spec.note));
}

} // namespace

EnduranceCharts makeEnduranceCharts(QWidget* parent) {
    EnduranceCharts charts{};
    for (std::size_t i = 0; i < kEnduranceChartCount; ++i) {
        const ChartSpec& spec = specs()[i];
        auto* chart =
            new TimeSeriesChart(QString::fromLatin1(spec.title), QString::fromLatin1(spec.unit), parent);
        for (const Line& line : spec.lines)
            if (line.band)
                chart->addBand(bandName(line), line.color);
        for (const Line& line : spec.lines)
            chart->addSeries(QString::fromLatin1(line.name), line.color);
        chart->setTimeAxisVisible(false);
        auto* header = new QLabel(headerText(spec), chart);
        header->setTextFormat(Qt::RichText);
        header->move(kInsets.left(), 4);
        header->adjustSize();
        chart->setPlotInsets(kInsets);
        charts[i] = chart;
    }
    TimeSeriesChart& memory = *charts[static_cast<std::size_t>(EnduranceChart::Memory)];
    memory.addSeries(kTrend, kTrendColor, Qt::DashLine);
    memory.setYFromData(true); // a leak of a few MiB/h on hundreds of MiB
    charts[static_cast<std::size_t>(EnduranceChart::Cpu)]->setYCeiling(100);
    for (TimeSeriesChart* chart : charts)
        chart->setHeaderVisible(false);
    return charts;
}

void drawSlice(const EnduranceCharts& charts, const EnduranceSlice& slice,
               const std::optional<TrendLine>& trend) {
    const ChartSeries& series = slice.series;
    std::vector<double> xs;
    xs.reserve(series.buckets.size());
    for (const ChartBucket& b : series.buckets)
        xs.push_back(static_cast<double>(b.startMs) +
                     static_cast<double>(std::clamp(b.endMs - b.startMs, std::int64_t{0}, series.bucketMs)) /
                         2);
    for (TimeSeriesChart* chart : charts)
        chart->beginUpdate();
    setTimeRange(charts, slice.window);
    for (std::size_t i = 0; i < kEnduranceChartCount; ++i) {
        for (const Line& line : specs()[i].lines) {
            std::vector<double> middle, lows, highs;
            middle.reserve(xs.size());
            for (const ChartBucket& b : series.buckets) {
                const Envelope& e = b[line.figure];
                middle.push_back((e.first + e.last) / 2 * line.scale);
                lows.push_back(e.min * line.scale);
                highs.push_back(e.max * line.scale);
            }
            if (line.band)
                charts[i]->setBand(bandName(line), xs, std::move(lows), std::move(highs));
            charts[i]->setData(QString::fromLatin1(line.name), xs, std::move(middle));
        }
    }
    TimeSeriesChart& memory = *charts[static_cast<std::size_t>(EnduranceChart::Memory)];
    if (trend)
        memory.setData(kTrend, {static_cast<double>(trend->fromMs), static_cast<double>(trend->toMs)},
                       {trend->fromBytes / kBytesPerMiB, trend->toBytes / kBytesPerMiB});
    else
        memory.setData(kTrend, {}, {});
    for (TimeSeriesChart* chart : charts)
        chart->endUpdate();
}

void setTimeRange(const EnduranceCharts& charts, const TimeWindow& window) {
    for (TimeSeriesChart* chart : charts)
        chart->setTimeRange(static_cast<double>(window.fromMs), static_cast<double>(window.toMs));
}

} // namespace perflab
