// The RSS trend of a stored run as the endurance view and the PDF soak page show it: the leak verdict, the
// memory limit the run's resources imply, and the trend line through the RSS.
#pragma once

#include "model/results/trend.h"
#include "model/store/chart_series.h"
#include "model/store/rollup.h"
#include "model/store/run_store.h"

#include <cstdint>
#include <optional>
#include <span>

namespace perflab {

struct RunTrend {
    LeakReport leak;
    std::uint64_t memoryLimitBytes = 0; // 0: unknown (no resource samples)
    bool fromSummary = false;           // the finished run's own verdict, else judged from its minute tier
};

// The memory limit the buckets' resources imply: RSS / memory % (of the cgroup limit, else of physical
// memory) of the bucket with the highest memory %, where that ratio is most precise; 0 when no bucket has
// one.
std::uint64_t impliedMemoryLimit(std::span<const Rollup> buckets);
// A finished run's own verdict (judged from every second), when its summary has one.
std::optional<LeakReport> summaryLeak(const RunInfo& run);
// model/trend's verdict over a minute tier (RunStore::rollups with kMinuteTierMs, in time order), each
// minute's first, lowest, highest and last RSS standing for its seconds: for a run still going, or a kind
// whose summary has none.
LeakReport judgeMinutes(std::span<const Rollup> minutes, std::uint64_t memoryLimitBytes);

struct TrendLine {
    std::int64_t fromMs = 0, toMs = 0;
    double fromBytes = 0, toBytes = 0;
};

// A straight line at the leak verdict's slope through the series' RSS (intercept: the median of rss -
// slope*t, as Theil–Sen takes it), from the first to the last bucket; none for an empty series.
std::optional<TrendLine> rssTrendLine(const ChartSeries& series, double slopeMbPerHour);

} // namespace perflab
