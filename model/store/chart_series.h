// The figures a chart can draw over time, and chart reads: at most N buckets, each with the first, lowest,
// highest and last value of every figure, so a reduced line looks like the full one.
#pragma once

#include "model/metrics/interval.h"

#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace perflab {

enum class ChartFigure : std::uint8_t {
    LatencyP50,
    LatencyP95,
    LatencyP99,
    LatencyMax,
    Throughput,  // requests per second
    ErrorRate,   // errors per second
    ActiveUsers, //
    LateSends,   // per second
    DroppedSends,
    ProcessCpu,    // % of all cores
    SystemCpu,     // % of all cores
    ProcessRss,    // bytes
    ProcessMemory, // % of the limit
    SystemMemory,  // %
    Threads,
    OpenFds,
    GeneratorCpu, // % of all cores; the figures from here on may be absent (NaN)
    TargetCpu,    // % of all cores
    TargetRss,    // bytes; only of a target in a separate process
    DegradedRate, // answers served from a fallback per second; absent in rollups from before they were
                  // counted
};
inline constexpr std::size_t kChartFigureCount = 20;

// Figures a second may lack (not measured, or recorded before they were): NaN in rows, envelopes and charts
// (a gap in a line), NULL in the store.
constexpr bool mayBeAbsent(ChartFigure figure) noexcept {
    return figure >= ChartFigure::GeneratorCpu;
}

// Snake-case name, also the column prefix of the store's rollups ("lat_p95" -> lat_p95_min ...).
std::string_view columnName(ChartFigure figure) noexcept;
double figureOf(ChartFigure figure, const IntervalRow& row) noexcept;

struct Envelope {
    double first = 0, min = 0, max = 0, last = 0;
    // An envelope of absent values is all NaN; absent values leave an envelope as it was.
    bool isAbsent() const noexcept;
    // Extends this envelope by a later one (an empty or absent envelope takes it whole).
    void extend(const Envelope& later, bool wasEmpty) noexcept;
};

struct ChartBucket {
    std::int64_t startMs = 0;
    std::int64_t endMs = 0; // of the last second merged into it
    std::array<Envelope, kChartFigureCount> figures{};
    const Envelope& operator[](ChartFigure f) const { return figures[static_cast<std::size_t>(f)]; }
};

struct ChartSeries {
    std::int64_t bucketMs = 0; // width of every bucket
    std::int64_t sourceMs = 0; // resolution read: 1000 (per-second rows), 60000 or 3600000 (rollups)
    std::vector<ChartBucket> buckets;
};

// Places time-ordered pieces (seconds, or rollups of a tier) into buckets of bucketMs from originMs.
class ChartSeriesBuilder {
public:
    ChartSeriesBuilder(std::int64_t originMs, std::int64_t bucketMs, std::int64_t sourceMs);
    void add(std::int64_t startMs, std::int64_t endMs, std::span<const Envelope, kChartFigureCount> figures);
    void add(const IntervalRow& row);
    ChartSeries take() { return std::move(m_series); }

private:
    std::int64_t m_originMs;
    ChartSeries m_series;
};

} // namespace perflab
