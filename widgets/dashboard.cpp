// Dashboard: turns interval rows into chart series and headline figures; charts reduce them to pixels.
#include "widgets/dashboard.h"

#include "model/chart_series.h"
#include "widgets/headline_strip.h"
#include "widgets/time_series_chart.h"

#include <QGridLayout>
#include <QLocale>
#include <QVBoxLayout>

namespace perflab {
namespace {

struct ChartSpec {
    DashboardChart chart;
    const char* title;
    const char* unit;
    double yCeiling = 0; // the axis stops there while the data fits (percentages); 0: none
};

constexpr ChartSpec kCharts[] = {
    {DashboardChart::Latency, "Latency", "ms"},          {DashboardChart::Throughput, "Throughput", "req/s"},
    {DashboardChart::Errors, "Errors", "errors/s"},      {DashboardChart::Users, "Active users", "users"},
    {DashboardChart::Cpu, "CPU", "% of all cores", 100}, {DashboardChart::Memory, "Memory (RSS)", "MiB"},
};

struct SeriesSpec {
    DashboardChart chart;
    const char* name;
    QRgb color;
    ChartFigure figure;
    Qt::PenStyle style = Qt::SolidLine; // lines of one chart differ in grayscale too
    double scale = 1;                   // from the figure's unit to the chart's
};

const SeriesSpec kSeries[] = {
    {DashboardChart::Latency, "p50", 0x2e7d32, ChartFigure::LatencyP50},
    {DashboardChart::Latency, "p95", 0xef6c00, ChartFigure::LatencyP95, Qt::DashLine},
    {DashboardChart::Latency, "p99", 0xc62828, ChartFigure::LatencyP99, Qt::DotLine},
    {DashboardChart::Throughput, "requests/s", 0x1565c0, ChartFigure::Throughput},
    {DashboardChart::Errors, "errors/s", 0xc62828, ChartFigure::ErrorRate},
    {DashboardChart::Users, "active users", 0x6a1b9a, ChartFigure::ActiveUsers},
    {DashboardChart::Users, "late sends/s", 0xf9a825, ChartFigure::LateSends, Qt::DashLine},
    {DashboardChart::Cpu, "process", 0x1565c0, ChartFigure::ProcessCpu},
    {DashboardChart::Cpu, "system", 0x78909c, ChartFigure::SystemCpu, Qt::DashLine},
    {DashboardChart::Memory, "RSS", 0x00838f, ChartFigure::ProcessRss, Qt::SolidLine,
     1.0 / (1024.0 * 1024.0)},
};

} // namespace

Dashboard::Dashboard(QWidget* parent)
    : QWidget(parent)
    , m_headline(new HeadlineStrip(this)) {
    auto* grid = new QGridLayout;
    grid->setSpacing(8);
    for (const ChartSpec& spec : kCharts) {
        const auto index = static_cast<int>(spec.chart);
        m_charts[static_cast<std::size_t>(index)] = makeChart(spec.chart, this);
        grid->addWidget(chart(spec.chart), index / 3, index % 3);
    }

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->setSpacing(8);
    layout->addWidget(m_headline);
    layout->addLayout(grid, 1);
    updateHeadline();

    m_redrawTimer.setSingleShot(true);
    m_redrawTimer.setInterval(33); // ~30 Hz at most
    connect(&m_redrawTimer, &QTimer::timeout, this, &Dashboard::redraw);
}

void Dashboard::setRows(std::vector<IntervalRow> rows) {
    m_rows = std::move(rows);
    m_redrawTimer.stop();
    redraw();
}

void Dashboard::appendRows(const std::vector<IntervalRow>& rows) {
    m_rows.insert(m_rows.end(), rows.begin(), rows.end());
    if (!m_redrawTimer.isActive())
        m_redrawTimer.start();
}

void Dashboard::clear() {
    setRows({});
}

TimeSeriesChart* Dashboard::chart(DashboardChart which) const {
    return m_charts[static_cast<std::size_t>(which)];
}

void Dashboard::redraw() {
    std::vector<double> xs(m_rows.size());
    for (std::size_t i = 0; i < m_rows.size(); ++i)
        xs[i] = static_cast<double>(m_rows[i].startMs);
    for (const SeriesSpec& s : kSeries) {
        std::vector<double> ys(m_rows.size());
        for (std::size_t i = 0; i < m_rows.size(); ++i)
            ys[i] = figureOf(s.figure, m_rows[i]) * s.scale;
        chart(s.chart)->setData(QString::fromLatin1(s.name), xs, std::move(ys));
    }
    updateHeadline();
}

TimeSeriesChart* Dashboard::makeChart(DashboardChart which, QWidget* parent) {
    const ChartSpec& spec = kCharts[static_cast<std::size_t>(which)];
    auto* chart = new TimeSeriesChart(tr(spec.title), tr(spec.unit), parent);
    if (spec.yCeiling > 0)
        chart->setYCeiling(spec.yCeiling);
    for (const SeriesSpec& s : kSeries)
        if (s.chart == which)
            chart->addSeries(QString::fromLatin1(s.name), QColor::fromRgb(s.color), s.style);
    return chart;
}

void Dashboard::showSeries(TimeSeriesChart& chart, DashboardChart which, const ChartSeries& series) {
    for (const SeriesSpec& s : kSeries)
        if (s.chart == which)
            chart.setEnvelopes(QString::fromLatin1(s.name), series, s.figure, s.scale);
}

void Dashboard::updateHeadline() {
    const QLocale locale(QLocale::English);
    std::uint64_t requests = 0, errors = 0;
    for (const IntervalRow& r : m_rows) {
        requests += r.requests;
        errors += r.errors;
    }
    const IntervalRow last = m_rows.empty() ? IntervalRow{} : m_rows.back();
    const double errorPercent =
        requests > 0 ? 100.0 * static_cast<double>(errors) / static_cast<double>(requests) : 0;
    m_headline->setFigure(QStringLiteral("requests"), tr("Requests"), locale.toString(qulonglong{requests}));
    m_headline->setFigure(QStringLiteral("throughput"), tr("Throughput (last second)"),
                          locale.toString(last.throughputRps(), 'f', 1) + QStringLiteral(" req/s"));
    m_headline->setFigure(QStringLiteral("p95"), tr("p95 latency (last second)"),
                          locale.toString(last.latency.p95, 'f', 2) + QStringLiteral(" ms"));
    m_headline->setFigure(QStringLiteral("errors"), tr("Errors"),
                          locale.toString(errorPercent, 'f', 2) + " %");
    m_headline->setFigure(QStringLiteral("cpu"), tr("CPU (process)"),
                          locale.toString(last.resources.processCpuPercent, 'f', 0) + " %");
    m_headline->setFigure(
        QStringLiteral("memory"), tr("Memory (RSS)"),
        locale.toString(static_cast<double>(last.resources.processRssBytes) / (1024.0 * 1024.0), 'f', 1) +
            " MiB");
}

} // namespace perflab
