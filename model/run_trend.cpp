// judgeRunTrend: the summary's leak verdict or one judged from the minute tier; rssTrendLine.
#include "model/run_trend.h"

#include "model/summary.h"

#include <algorithm>
#include <vector>

namespace perflab {
namespace {

constexpr double kBytesPerMb = 1024.0 * 1024.0;

std::uint64_t impliedMemoryLimit(std::span<const Rollup> minutes) {
    const Envelope* rss = nullptr;
    double percent = 0;
    for (const Rollup& minute : minutes) {
        const Envelope& memory = minute.figures[static_cast<std::size_t>(ChartFigure::ProcessMemory)];
        if (memory.last > percent) {
            percent = memory.last;
            rss = &minute.figures[static_cast<std::size_t>(ChartFigure::ProcessRss)];
        }
    }
    return rss ? static_cast<std::uint64_t>(rss->last * 100 / percent) : 0;
}

} // namespace

RunTrend judgeRunTrend(const RunInfo& run, std::span<const Rollup> minutes) {
    RunTrend trend;
    trend.memoryLimitBytes = impliedMemoryLimit(minutes);
    if (!run.summaryJson.empty() && run.summaryJson != "{}") {
        if (const auto leak = summaryFromJson(run.summaryJson).leak) {
            trend.leak = *leak;
            trend.fromSummary = true;
            return trend;
        }
    }
    RssTrend rss;
    for (const Rollup& minute : minutes) {
        const Envelope& e = minute.figures[static_cast<std::size_t>(ChartFigure::ProcessRss)];
        for (double bytes : {e.first, e.min, e.max, e.last})
            rss.add(minute.startMs, static_cast<std::uint64_t>(bytes));
    }
    trend.leak = rss.analyse(trend.memoryLimitBytes);
    return trend;
}

std::optional<TrendLine> rssTrendLine(const ChartSeries& series, double slopeMbPerHour) {
    if (series.buckets.empty())
        return std::nullopt;
    const double perMs = slopeMbPerHour * kBytesPerMb / 3.6e6;
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
