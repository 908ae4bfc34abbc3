// Per-minute RSS medians, their Theil–Sen slope with a Newey–West interval, and the leak rule on top.
#include "model/results/trend.h"

#include "model/format/figure_format.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace perflab {

namespace {

constexpr double kMsPerHour = 3'600'000.0;
constexpr std::int64_t kMsPerMinute = 60'000;
constexpr double kZ95 = 1.959964;

std::int64_t toMs(std::chrono::minutes minutes) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(minutes).count();
}

// Pairs i < j with z[j] < z[i] in [begin, end), counted while merge-sorting them (via scratch). Raw pointers:
// this loop is the whole cost of a verdict, and checked iterators slow sanitizer builds tenfold.
std::uint64_t countInversions(double* begin, double* end, double* scratch) {
    const std::size_t n = static_cast<std::size_t>(end - begin);
    if (n < 2)
        return 0;
    double* mid = begin + n / 2;
    std::uint64_t count = countInversions(begin, mid, scratch) + countInversions(mid, end, scratch);
    double *left = begin, *right = mid, *out = scratch;
    while (left < mid && right < end) {
        if (*right < *left) {
            count += static_cast<std::uint64_t>(mid - left);
            *out++ = *right++;
        } else {
            *out++ = *left++;
        }
    }
    out = std::copy(left, mid, out);
    std::copy(right, end, out);
    std::copy(scratch, scratch + n, begin);
    return count;
}

double median(std::vector<double> values) {
    const auto mid = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), mid, values.end());
    if (values.size() % 2 == 1)
        return *mid;
    return (*mid + *std::max_element(values.begin(), mid)) / 2;
}

// Newey–West standard error of a slope fitted to (x, residuals), Bartlett kernel, bandwidth from Andrews'
// AR(1) plug-in on the score series so that slowly wandering memory noise widens the interval.
double neweyWestSlopeError(std::span<const double> x, std::span<const double> residuals) {
    const std::size_t n = x.size();
    const double xMean = std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(n);
    std::vector<double> score(n);
    double sxx = 0;
    for (std::size_t i = 0; i < n; ++i) {
        sxx += (x[i] - xMean) * (x[i] - xMean);
        score[i] = (x[i] - xMean) * residuals[i];
    }
    auto autocovariance = [&](std::size_t lag) {
        double sum = 0;
        for (std::size_t i = lag; i < n; ++i)
            sum += score[i] * score[i - lag];
        return sum;
    };
    const double variance = autocovariance(0);
    if (variance <= 0 || sxx <= 0)
        return 0;
    const double rho = std::clamp(autocovariance(1) / variance, -0.99, 0.99);
    const double alpha = 4 * rho * rho / ((1 - rho) * (1 - rho) * (1 + rho) * (1 + rho));
    const auto bandwidth = std::clamp<std::size_t>(
        static_cast<std::size_t>(std::ceil(1.1447 * std::cbrt(alpha * static_cast<double>(n)))), 1, n / 2);
    double longRun = variance;
    for (std::size_t lag = 1; lag <= bandwidth; ++lag)
        longRun +=
            2 * (1 - static_cast<double>(lag) / static_cast<double>(bandwidth + 1)) * autocovariance(lag);
    return std::sqrt(std::max(longRun, 0.0)) / sxx;
}

// The rule applied to the analysed minutes (after the warm-up).
void judge(LeakReport& report, std::span<const double> hours, std::span<const double> mb,
           std::uint64_t memoryLimitBytes, const TrendOptions& options) {
    report.slopeMbPerHour = theilSenSlope(hours, mb);
    std::vector<double> offsets(mb.size());
    for (std::size_t i = 0; i < mb.size(); ++i)
        offsets[i] = mb[i] - report.slopeMbPerHour * hours[i];
    const double intercept = median(offsets);
    std::vector<double> residuals(mb.size());
    for (std::size_t i = 0; i < mb.size(); ++i)
        residuals[i] = offsets[i] - intercept;
    const double error = neweyWestSlopeError(hours, residuals);
    report.ciLowMbPerHour = report.slopeMbPerHour - kZ95 * error;
    report.ciHighMbPerHour = report.slopeMbPerHour + kZ95 * error;

    const double floor = std::max(options.minimumSlopeMbPerHour,
                                  options.minimumSlopePercentPerHour / 100 * median({mb.begin(), mb.end()}));
    const bool leak = report.ciLowMbPerHour > 0 && report.slopeMbPerHour > floor;
    report.verdict = leak ? LeakVerdict::Leak : LeakVerdict::NoLeak;
    if (leak && memoryLimitBytes > 0) {
        const double level = intercept + report.slopeMbPerHour * hours.back();
        report.hoursToMemoryLimit = std::max(
            0.0, (static_cast<double>(memoryLimitBytes) / kBytesPerMiB - level) / report.slopeMbPerHour);
    }
}

} // namespace

std::string_view toString(LeakVerdict verdict) noexcept {
    switch (verdict) {
    case LeakVerdict::Leak:
        return "leak";
    case LeakVerdict::NoLeak:
        return "no-leak";
    case LeakVerdict::Inconclusive:
        break;
    }
    return "inconclusive";
}

std::optional<LeakVerdict> leakVerdictFromString(std::string_view text) noexcept {
    for (const auto verdict : {LeakVerdict::Leak, LeakVerdict::NoLeak, LeakVerdict::Inconclusive})
        if (toString(verdict) == text)
            return verdict;
    return std::nullopt;
}

double theilSenSlope(std::span<const double> x, std::span<const double> y) {
    const std::size_t n = x.size();
    if (n < 2)
        return 0;
    // Every pairwise slope is a weighted mean of neighbour slopes, so these bound the search.
    double low = INFINITY, high = -INFINITY;
    for (std::size_t i = 1; i < n; ++i) {
        const double slope = (y[i] - y[i - 1]) / (x[i] - x[i - 1]);
        low = std::min(low, slope);
        high = std::max(high, slope);
    }
    // The lower median pair slope s_k: bisect on "fewer than k + 1 pairs have a slope below s".
    const std::uint64_t k = (static_cast<std::uint64_t>(n) * (n - 1) / 2 - 1) / 2;
    std::vector<double> z(n), scratch(n);
    const double tolerance = 1e-9 * std::max(1.0, high - low);
    while (high - low > tolerance) {
        const double mid = low + (high - low) / 2;
        if (mid <= low || mid >= high)
            break;
        for (std::size_t i = 0; i < n; ++i)
            z[i] = y[i] - mid * x[i];
        if (countInversions(z.data(), z.data() + n, scratch.data()) <= k)
            low = mid;
        else
            high = mid;
    }
    return low + (high - low) / 2;
}

void RssTrend::add(std::int64_t timeMs, std::uint64_t rssBytes) {
    const std::int64_t minuteMs = timeMs - timeMs % kMsPerMinute;
    if (!m_current.empty() && minuteMs != m_currentMinuteMs) {
        m_minutes.push_back(currentPoint());
        m_current.clear();
    }
    m_currentMinuteMs = minuteMs;
    m_current.push_back(rssBytes);
}

MinutePoint RssTrend::currentPoint() const {
    std::vector<double> values(m_current.begin(), m_current.end());
    return {.minuteMs = m_currentMinuteMs,
            .medianBytes = median(values),
            .maxBytes = *std::max_element(values.begin(), values.end())};
}

LeakReport RssTrend::analyse(std::uint64_t memoryLimitBytes, const TrendOptions& options) const {
    std::vector<MinutePoint> points = m_minutes;
    if (!m_current.empty())
        points.push_back(currentPoint());
    LeakReport report;
    if (points.size() < 2)
        return report;
    const std::int64_t span = points.back().minuteMs - points.front().minuteMs;
    const std::int64_t analysedFrom =
        points.front().minuteMs + std::min<std::int64_t>(toMs(options.warmUp), span / 4);

    std::vector<double> hours, mb;
    double highWater = 0;
    for (const MinutePoint& point : points) {
        if (point.minuteMs >= analysedFrom) {
            hours.push_back(static_cast<double>(point.minuteMs - analysedFrom) / kMsPerHour);
            mb.push_back(point.medianBytes / kBytesPerMiB);
            report.rssNewHighs += point.maxBytes > highWater ? 1 : 0;
        }
        highWater = std::max(highWater, point.maxBytes);
    }
    const bool longEnough = mb.size() >= options.minimumPoints &&
                            hours.back() * kMsPerHour >= static_cast<double>(toMs(options.minimumSpan));
    if (mb.size() >= 3)
        judge(report, hours, mb, memoryLimitBytes, options);
    if (!longEnough) {
        report.verdict = LeakVerdict::Inconclusive;
        report.hoursToMemoryLimit.reset();
    }
    return report;
}

} // namespace perflab
