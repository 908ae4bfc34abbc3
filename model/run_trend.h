// The RSS trend of a stored run as the endurance view and the PDF soak page show it: the leak verdict, the
// memory limit the run's resources imply, and the trend line through the RSS.
#pragma once

#include "model/chart_series.h"
#include "model/rollup.h"
#include "model/run_store.h"
#include "model/trend.h"

#include <cstdint>
#include <optional>
#include <span>

namespace perflab {

struct RunTrend {
    LeakReport leak;
    std::uint64_t memoryLimitBytes = 0; // 0: unknown (no resource samples)
    bool fromSummary = false;           // the finished run's own verdict, else judged from its minute tier
};

// A finished run's summary verdict when it has one (judged from every second); otherwise, as for a run still
// going or a kind without one, model/trend's verdict over the minute tier (each minute's first, lowest,
// highest and last RSS). The memory limit is RSS / memory % (the cgroup limit, else physical memory) of the
// minute with the highest memory %, where that ratio is most precise.
// `minutes`: the run's minute tier (RunStore::rollups with kMinuteTierMs), in time order.
RunTrend judgeRunTrend(const RunInfo& run, std::span<const Rollup> minutes);

struct TrendLine {
    std::int64_t fromMs = 0, toMs = 0;
    double fromBytes = 0, toBytes = 0;
};

// A straight line at the leak verdict's slope through the series' RSS (intercept: the median of rss -
// slope*t, as Theil–Sen takes it), from the first to the last bucket; none for an empty series.
std::optional<TrendLine> rssTrendLine(const ChartSeries& series, double slopeMbPerHour);

} // namespace perflab
