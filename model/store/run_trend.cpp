// The implied memory limit, the summary's or the minute tier's leak verdict, and the trend line.
#include "model/store/run_trend.h"

#include "model/format/figure_format.h"
#include "model/results/summary.h"

#include <algorithm>
#include <vector>

namespace perflab {

std::uint64_t impliedMemoryLimit(std::span<const Rollup> buckets) {
    const Envelope* rss = nullptr;
    double percent = 0;
    for (const Rollup& bucket : buckets) {
        const Envelope& memory = bucket.figures[static_cast<std::size_t>(ChartFigure::ProcessMemory)];
        if (memory.last > percent) {
            percent = memory.last;
            rss = &bucket.figures[static_cast<std::size_t>(ChartFigure::ProcessRss)];
        }
    }
    return rss ? static_cast<std::uint64_t>(rss->last * 100 / percent) : 0;
}

std::optional<LeakReport> summaryLeak(const RunInfo& run) {
    if (run.summaryJson.empty() || run.summaryJson == "{}")
        return std::nullopt;
    return summaryFromJson(run.summaryJson).leak;
}

LeakReport judgeMinutes(std::span<const Rollup> minutes, std::uint64_t memoryLimitBytes) {
    RssTrend rss;
    for (const Rollup& minute : minutes) {
        const Envelope& e = minute.figures[static_cast<std::size_t>(ChartFigure::ProcessRss)];
        for (double bytes : {e.first, e.min, e.max, e.last})
            rss.add(minute.startMs, static_cast<std::uint64_t>(bytes));
    }
    return rss.analyse(memoryLimitBytes);
}

std::optional<TrendLine> rssTrendLine(const ChartSeries& series, double slopeMbPerHour) {
    if (series.buckets.empty())
        return std::nullopt;
    const double perMs = slopeMbPerHour * kBytesPerMiB / 3.6e6;
    std::vector<double> intercepts;
    intercepts.reserve(series.buckets.size());
    for (const ChartBucket& b : series.buckets)
        intercepts.push_back(b[ChartFigure::ProcessRss].last - perMs * static_cast<double>(b.endMs));
    const auto middle = intercepts.begin() + static_cast<long>(intercepts.size() / 2);
    std::nth_element(intercepts.begin(), middle, intercepts.end());
    const double intercept = *middle;
    const std::int64_t from = series.buckets.front().startMs, to = series.buckets.back().endMs;
    return TrendLine{.fromMs = from,
                     .toMs = to,
                     .fromBytes = intercept + perMs * static_cast<double>(from),
                     .toBytes = intercept + perMs * static_cast<double>(to)};
}

} // namespace perflab
