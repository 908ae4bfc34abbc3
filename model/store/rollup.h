// Tiers of a run folded as its seconds arrive: 10 s histogram windows, and minutes and hours with counts,
// chart envelopes and merged histograms, so long runs are read without touching every second.
#pragma once

#include "model/metrics/histogram.h"
#include "model/metrics/interval.h"
#include "model/store/chart_series.h"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace perflab {

inline constexpr std::int64_t kWindowTierMs = 10'000;
inline constexpr std::int64_t kMinuteTierMs = 60'000;
inline constexpr std::int64_t kHourTierMs = 3'600'000;

// Start of the tier bucket holding ms (floor, also before the epoch).
std::int64_t tierStart(std::int64_t ms, std::int64_t tierMs) noexcept;

struct Rollup {
    std::int64_t tierMs = 0;
    std::int64_t startMs = 0;
    std::int64_t endMs = 0;    // end of the last second folded in
    std::uint32_t seconds = 0; // per-second rows folded in
    RequestCounts counts{};
    std::array<Envelope, kChartFigureCount> figures{};
    // Windows and hours hold merged histograms; a minute has none (its histograms are its six windows), so
    // reading thousands of minutes allocates no histogram.
    std::optional<Histogram> latency = std::nullopt;
    std::optional<Histogram> serviceTime = std::nullopt;

    void addRow(const IntervalRow& row);
    void addHistograms(const Histogram& latencyPart, const Histogram& serviceTimePart);
    bool holdsHistograms() const noexcept { return tierMs != kMinuteTierMs; }
};

// Keeps the open bucket of each tier; hands a bucket on when data of a later one arrives. Input comes in
// time order: rows and histograms may arrive separately (a replay feeds 10 s windows and seconds).
class RollupBuilder {
public:
    using Emit = std::function<void(Rollup&&)>;
    // Called when a bucket opens: a stored bucket of the same run (a resumed or recovered run) to continue.
    using Seed = std::function<std::optional<Rollup>(std::int64_t tierMs, std::int64_t startMs)>;

    RollupBuilder(std::vector<std::int64_t> tiersMs, Emit emit, Seed seed = {});
    void addRow(const IntervalRow& row);
    void addHistograms(std::int64_t startMs, const Histogram& latency, const Histogram& serviceTime);
    // Every bucket still open, as it stands (written at flushes, so a crash loses little).
    std::vector<const Rollup*> openBuckets() const;
    // Hands on every open bucket and forgets them.
    void close();

private:
    Rollup& bucketFor(std::size_t tier, std::int64_t ms);

    std::vector<std::int64_t> m_tiers;
    std::vector<std::optional<Rollup>> m_open;
    Emit m_emit;
    Seed m_seed;
};

} // namespace perflab
