// What the dashboard draws: its charts (title, unit) and their lines (name, colour, dash, figure of a row).
#pragma once

#include "model/metrics/interval.h"
#include "model/store/chart_series.h"

#include <QColor>
#include <QString>

#include <optional>
#include <span>

namespace perflab {

enum class DashboardChart { Latency, Throughput, Errors, Users, Cpu, Memory };
inline constexpr std::size_t kDashboardChartCount = 6;

struct DashboardChartSpec {
    DashboardChart chart;
    const char* title;
    const char* unit;
    double yCeiling = 0; // the axis stops there while the data fits (percentages); 0: none
};

struct DashboardSeriesSpec {
    DashboardChart chart;
    const char* name;
    QRgb color;
    double (*value)(const IntervalRow&); // in the figure's unit; times scale on the chart
    std::optional<ChartFigure> figure;   // the store's chart figure, when it keeps one (PDF reports)
    Qt::PenStyle style = Qt::SolidLine;  // lines of one chart differ in grayscale too
    double scale = 1;                    // from the figure's unit to the chart's
    bool pickable = false;               // hidden until the user picks it (extra latency percentiles)
};

// The CPU and memory charts' lines: the load generator, the process under test (apart from the generator,
// or a hosted engine split off the run process's CPU) and the run process as a whole (the one CPU SLOs
// judge).
inline constexpr const char* kGeneratorLine = "generator";
inline constexpr const char* kUnderTestLine = "under test";
inline constexpr const char* kRunProcessLine = "run process";

std::span<const DashboardChartSpec, kDashboardChartCount> dashboardCharts();
std::span<const DashboardSeriesSpec> dashboardSeries();

// Errors of one kind per second; their lines are named after the kind ("timeout") and added as kinds occur.
double errorsPerSecond(const IntervalRow& row, ErrorKind kind);
QColor errorKindColor(ErrorKind kind);

} // namespace perflab
