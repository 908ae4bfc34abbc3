// Chart figures of a row and the bucketing of chart reads.
#include "model/store/chart_series.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace perflab {

namespace {

double orAbsent(const std::optional<double>& value) {
    return value.value_or(std::numeric_limits<double>::quiet_NaN());
}

double perSecond(std::uint64_t count, const IntervalRow& row) {
    return row.durationMs > 0 ? static_cast<double>(count) * 1000.0 / static_cast<double>(row.durationMs) : 0;
}

} // namespace

std::string_view columnName(ChartFigure figure) noexcept {
    constexpr std::array<std::string_view, kChartFigureCount> kNames = {
        "lat_p50",   "lat_p95",   "lat_p99", "lat_max",    "throughput", "error_rate",   "users",
        "late_rate", "drop_rate", "cpu",     "sys_cpu",    "rss",        "mem",          "sys_mem",
        "threads",   "open_fds",  "gen_cpu", "target_cpu", "target_rss", "degraded_rate"};
    return kNames[static_cast<std::size_t>(figure)];
}

double figureOf(ChartFigure figure, const IntervalRow& row) noexcept {
    const ResourceSample& r = row.resources;
    switch (figure) {
    case ChartFigure::LatencyP50:
        return row.latency.p50;
    case ChartFigure::LatencyP95:
        return row.latency.p95;
    case ChartFigure::LatencyP99:
        return row.latency.p99;
    case ChartFigure::LatencyMax:
        return row.latency.max;
    case ChartFigure::Throughput:
        return row.throughputRps();
    case ChartFigure::ErrorRate:
        return perSecond(row.counts.errors, row);
    case ChartFigure::ActiveUsers:
        return row.activeUsers;
    case ChartFigure::LateSends:
        return perSecond(row.counts.lateSends, row);
    case ChartFigure::DroppedSends:
        return perSecond(row.counts.droppedSends, row);
    case ChartFigure::ProcessCpu:
        return r.processCpuPercent;
    case ChartFigure::SystemCpu:
        return r.systemCpuPercent;
    case ChartFigure::ProcessRss:
        return static_cast<double>(r.processRssBytes);
    case ChartFigure::ProcessMemory:
        return r.processMemoryPercent;
    case ChartFigure::SystemMemory:
        return r.systemMemoryPercent;
    case ChartFigure::Threads:
        return r.threads;
    case ChartFigure::OpenFds:
        return r.openFds;
    case ChartFigure::GeneratorCpu:
        return orAbsent(r.generatorCpuPercent);
    case ChartFigure::TargetCpu:
        return orAbsent(r.targetCpuPercent);
    case ChartFigure::TargetRss:
        return orAbsent(r.targetRssBytes ? std::optional<double>(static_cast<double>(*r.targetRssBytes))
                                         : std::nullopt);
    case ChartFigure::DegradedRate:
        return perSecond(row.counts.degraded, row);
    }
    return 0;
}

bool Envelope::isAbsent() const noexcept {
    return std::isnan(first);
}

void Envelope::extend(const Envelope& later, bool wasEmpty) noexcept {
    if (wasEmpty || isAbsent()) {
        *this = later;
        return;
    }
    if (later.isAbsent())
        return;
    min = std::min(min, later.min);
    max = std::max(max, later.max);
    last = later.last;
}

ChartSeriesBuilder::ChartSeriesBuilder(std::int64_t originMs, std::int64_t bucketMs, std::int64_t sourceMs)
    : m_originMs(originMs) {
    m_series.bucketMs = bucketMs;
    m_series.sourceMs = sourceMs;
}

void ChartSeriesBuilder::add(std::int64_t startMs, std::int64_t endMs,
                             std::span<const Envelope, kChartFigureCount> figures) {
    const std::int64_t offset = startMs - m_originMs;
    const std::int64_t bucketStart =
        m_originMs +
        (offset >= 0 ? offset / m_series.bucketMs : (offset + 1) / m_series.bucketMs - 1) * m_series.bucketMs;
    auto& buckets = m_series.buckets;
    const bool opens = buckets.empty() || buckets.back().startMs != bucketStart;
    if (opens)
        buckets.push_back({.startMs = bucketStart});
    ChartBucket& bucket = buckets.back();
    bucket.endMs = std::max(bucket.endMs, endMs);
    for (std::size_t f = 0; f < kChartFigureCount; ++f)
        bucket.figures[f].extend(figures[f], opens);
}

void ChartSeriesBuilder::add(const IntervalRow& row) {
    std::array<Envelope, kChartFigureCount> figures;
    for (std::size_t f = 0; f < kChartFigureCount; ++f) {
        const double value = figureOf(static_cast<ChartFigure>(f), row);
        figures[f] = {value, value, value, value};
    }
    add(row.startMs, row.startMs + row.durationMs, figures);
}

} // namespace perflab
