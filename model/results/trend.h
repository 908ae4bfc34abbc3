// Leak verdict for soaks (FIELD-NOTES "Leak verdicts for soaks"): a robust RSS trend over per-minute medians,
// with a confidence interval that holds under autocorrelated memory noise.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace perflab {

enum class LeakVerdict { Leak, NoLeak, Inconclusive };
std::string_view toString(LeakVerdict verdict) noexcept; // "leak", "no-leak", "inconclusive"
std::optional<LeakVerdict> leakVerdictFromString(std::string_view text) noexcept;

struct LeakReport {
    LeakVerdict verdict = LeakVerdict::Inconclusive;
    double slopeMbPerHour = 0; // MB = 2^20 bytes; Theil–Sen slope of the per-minute medians after the warm-up
    double ciLowMbPerHour = 0; // 95 % interval, Newey–West (Bartlett kernel, Andrews AR(1) bandwidth)
    double ciHighMbPerHour = 0;
    std::uint32_t rssNewHighs = 0; // minutes after the warm-up in which the RSS high-water mark rose
    std::optional<double> hoursToMemoryLimit; // at the slope, from the trend's last level; leaks only
};

struct TrendOptions {
    std::chrono::minutes warmUp{60};         // at most a quarter of the run
    std::chrono::minutes minimumSpan{120};   // analysed span below which the verdict is inconclusive
    std::size_t minimumPoints = 10;          // minute medians below which the verdict is inconclusive
    double minimumSlopeMbPerHour = 0.25;     // a leak must also grow faster than this ...
    double minimumSlopePercentPerHour = 0.1; // ... and than this share of the median RSS per hour
};

struct MinutePoint {
    std::int64_t minuteMs = 0; // start of the minute, unix epoch milliseconds
    double medianBytes = 0;
    double maxBytes = 0;
};

// Streams (time, RSS) samples into per-minute medians: memory grows by one point per minute (72 h: ~100 KB).
// Samples must come in time order.
class RssTrend {
public:
    void add(std::int64_t timeMs, std::uint64_t rssBytes);
    // memoryLimitBytes 0 = unknown (no projection).
    LeakReport analyse(std::uint64_t memoryLimitBytes, const TrendOptions& options = {}) const;

private:
    MinutePoint currentPoint() const;
    std::vector<MinutePoint> m_minutes;
    std::vector<std::uint64_t> m_current; // samples of the minute being filled
    std::int64_t m_currentMinuteMs = 0;
};

// The Theil–Sen slope (median of pairwise slopes) of y over x, x strictly increasing; O(n log n) per
// bisection step, so a 72 h series of 4,320 minutes needs no 9 M-element pair array.
double theilSenSlope(std::span<const double> x, std::span<const double> y);

} // namespace perflab
