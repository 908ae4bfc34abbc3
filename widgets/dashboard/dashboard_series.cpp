// The dashboard's charts and lines, and the colours of error kinds and event markers.
#include "widgets/dashboard/dashboard_series.h"

#include "model/format/figure_format.h"

#include <array>
#include <utility>

namespace perflab {
namespace {

template <ChartFigure F> double figure(const IntervalRow& row) {
    return figureOf(F, row);
}

double latencyP90(const IntervalRow& row) {
    return row.latency.p90;
}
double latencyP999(const IntervalRow& row) {
    return row.latency.p999;
}
double latencyMean(const IntervalRow& row) {
    return row.latency.mean;
}

constexpr DashboardChartSpec kCharts[kDashboardChartCount] = {
    {DashboardChart::Latency, "Latency", "ms"},
    {DashboardChart::Throughput, "Throughput", "req/s"},
    {DashboardChart::Errors, "Errors by kind, and degraded answers", "per second"},
    {DashboardChart::Users, "Active users and sends", "users · sends/s"},
    {DashboardChart::Cpu, "CPU of the generator and the process under test", "% of all cores", 100},
    {DashboardChart::Memory, "Memory (RSS)", "MiB"},
};

const DashboardSeriesSpec kSeries[] = {
    {DashboardChart::Latency, "p50", 0x2e7d32, figure<ChartFigure::LatencyP50>, ChartFigure::LatencyP50},
    {DashboardChart::Latency, "p95", 0xef6c00, figure<ChartFigure::LatencyP95>, ChartFigure::LatencyP95,
     Qt::DashLine},
    {DashboardChart::Latency, "p99", 0xc62828, figure<ChartFigure::LatencyP99>, ChartFigure::LatencyP99,
     Qt::DotLine},
    {DashboardChart::Latency, "max", 0x8d6e63, figure<ChartFigure::LatencyMax>, ChartFigure::LatencyMax,
     Qt::DashDotLine},
    {DashboardChart::Latency, "p90", 0x1565c0, latencyP90, std::nullopt, Qt::DashDotDotLine, 1, true},
    {DashboardChart::Latency, "p99.9", 0x6a1b9a, latencyP999, std::nullopt, Qt::DashLine, 1, true},
    {DashboardChart::Latency, "mean", 0x00838f, latencyMean, std::nullopt, Qt::SolidLine, 1, true},
    {DashboardChart::Throughput, "requests/s", 0x1565c0, figure<ChartFigure::Throughput>,
     ChartFigure::Throughput},
    {DashboardChart::Errors, "all errors/s", 0x78909c, figure<ChartFigure::ErrorRate>, ChartFigure::ErrorRate,
     Qt::DashLine},
    // Not an error: answers served from a fallback, drawn beside the errors they stand in for.
    {DashboardChart::Errors, "degraded/s", 0x00897b, figure<ChartFigure::DegradedRate>,
     ChartFigure::DegradedRate, Qt::DotLine},
    {DashboardChart::Users, "active users", 0x6a1b9a, figure<ChartFigure::ActiveUsers>,
     ChartFigure::ActiveUsers},
    {DashboardChart::Users, "late sends/s", 0xf9a825, figure<ChartFigure::LateSends>, ChartFigure::LateSends,
     Qt::DashLine},
    {DashboardChart::Users, "dropped sends/s", 0xc62828, figure<ChartFigure::DroppedSends>,
     ChartFigure::DroppedSends, Qt::DotLine},
    {DashboardChart::Cpu, kGeneratorLine, 0x1565c0, figure<ChartFigure::GeneratorCpu>,
     ChartFigure::GeneratorCpu},
    {DashboardChart::Cpu, kUnderTestLine, 0xef6c00, figure<ChartFigure::TargetCpu>, ChartFigure::TargetCpu,
     Qt::DashDotLine},
    {DashboardChart::Cpu, kRunProcessLine, 0x00838f, figure<ChartFigure::ProcessCpu>, ChartFigure::ProcessCpu,
     Qt::DotLine},
    {DashboardChart::Cpu, "whole machine", 0x78909c, figure<ChartFigure::SystemCpu>, ChartFigure::SystemCpu,
     Qt::DashLine},
    {DashboardChart::Memory, kRunProcessLine, 0x00838f, figure<ChartFigure::ProcessRss>,
     ChartFigure::ProcessRss, Qt::SolidLine, 1 / kBytesPerMiB},
    {DashboardChart::Memory, kUnderTestLine, 0xef6c00, figure<ChartFigure::TargetRss>, ChartFigure::TargetRss,
     Qt::DashDotLine, 1 / kBytesPerMiB},
};

} // namespace

std::span<const DashboardChartSpec, kDashboardChartCount> dashboardCharts() {
    return kCharts;
}

std::span<const DashboardSeriesSpec> dashboardSeries() {
    return kSeries;
}

double errorsPerSecond(const IntervalRow& row, ErrorKind kind) {
    const auto count = row.counts.errorsOf(kind);
    return row.durationMs > 0 ? static_cast<double>(count) * 1000.0 / static_cast<double>(row.durationMs) : 0;
}

QColor errorKindColor(ErrorKind kind) {
    constexpr std::array<QRgb, kErrorKindCount> kColors = {0x6a1b9a, 0xef6c00, 0x5d4037, 0xf9a825,
                                                           0xc62828, 0x1565c0, 0xad1457};
    return QColor::fromRgb(kColors[static_cast<std::size_t>(kind)]);
}

} // namespace perflab
