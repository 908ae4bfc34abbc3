// Round elapsed-time steps, their labels, and zoom/pan arithmetic of the visible window.
#include "model/format/time_ticks.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace perflab {
namespace {

constexpr std::int64_t kSecond = 1000, kMinute = 60 * kSecond, kHour = 60 * kMinute, kDay = 24 * kHour;
constexpr std::array<std::int64_t, 19> kSteps = {
    kSecond,     2 * kSecond, 5 * kSecond,  10 * kSecond, 15 * kSecond, 30 * kSecond, kMinute,
    2 * kMinute, 5 * kMinute, 10 * kMinute, 15 * kMinute, 30 * kMinute, kHour,        2 * kHour,
    3 * kHour,   6 * kHour,   12 * kHour,   kDay,         2 * kDay};

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    return a / b - (a % b != 0 && (a < 0) != (b < 0) ? 1 : 0);
}

std::string printed(const char* format, long long a, long long b = 0, long long c = 0) {
    char text[48];
    std::snprintf(text, sizeof text, format, a, b, c);
    return text;
}

enum class Format { Hours, HoursMinutes, MinutesSeconds, HoursMinutesSeconds };

std::string unsignedLabel(long long ms, Format format) {
    const long long h = ms / kHour, m = ms % kHour / kMinute, s = ms % kMinute / kSecond;
    switch (format) {
    case Format::Hours:
        return printed("%lld h", h);
    case Format::HoursMinutes:
        return printed("%lld:%02lld", h, m);
    case Format::MinutesSeconds:
        return printed("%02lld:%02lld", h * 60 + m, s);
    case Format::HoursMinutesSeconds:
        break;
    }
    return printed("%lld:%02lld:%02lld", h, m, s);
}

std::string label(std::int64_t elapsedMs, Format format) {
    std::string text = unsignedLabel(std::llabs(elapsedMs), format);
    if (elapsedMs < 0)
        text.insert(0, 1, '-');
    return text;
}

} // namespace

TimeAxis elapsedTimeAxis(std::int64_t originMs, std::int64_t fromMs, std::int64_t toMs,
                         std::size_t maxTicks) {
    if (toMs <= fromMs || maxTicks == 0)
        throw std::invalid_argument("time axis: the span must be positive and hold at least one tick");
    const std::int64_t span = toMs - fromMs;
    const auto ticks = static_cast<std::int64_t>(maxTicks);
    // Past the longest round step: whole days.
    std::int64_t step = std::max(kDay, (span / ticks + kDay - 1) / kDay * kDay);
    for (std::int64_t candidate : kSteps) {
        if (span / candidate + 1 <= ticks) {
            step = candidate;
            break;
        }
    }
    const std::int64_t furthest = std::max(std::llabs(fromMs - originMs), std::llabs(toMs - originMs));
    const Format format = step >= kHour      ? Format::Hours
                          : furthest < kHour ? Format::MinutesSeconds
                          : step >= kMinute  ? Format::HoursMinutes
                                             : Format::HoursMinutesSeconds;
    TimeAxis axis;
    axis.title = format == Format::Hours            ? "elapsed (h)"
                 : format == Format::HoursMinutes   ? "elapsed (h:mm)"
                 : format == Format::MinutesSeconds ? "elapsed (mm:ss)"
                                                    : "elapsed (h:mm:ss)";
    for (std::int64_t k = floorDiv(fromMs - originMs + step - 1, step); originMs + k * step <= toMs; ++k)
        axis.ticks.push_back({originMs + k * step, label(k * step, format)});
    return axis;
}

std::string formatSpan(std::int64_t ms) {
    const long long d = ms / kDay, h = ms % kDay / kHour, m = ms % kHour / kMinute,
                    s = ms % kMinute / kSecond;
    if (d > 0)
        return printed("%lld d %02lld h", d, h);
    if (h > 0)
        return printed("%lld h %02lld min", h, m);
    if (m > 0)
        return printed("%lld min %02lld s", m, s);
    return printed("%lld s", s);
}

TimeWindow TimeWindow::zoomed(std::int64_t anchorMs, double factor, const TimeWindow& extent,
                              std::int64_t minimumSpanMs) const {
    const std::int64_t wanted = std::llround(static_cast<double>(span()) * factor);
    const std::int64_t newSpan = std::clamp(wanted, std::min(minimumSpanMs, extent.span()), extent.span());
    const double anchorShare =
        span() > 0
            ? std::clamp(static_cast<double>(anchorMs - fromMs) / static_cast<double>(span()), 0.0, 1.0)
            : 0.5;
    const std::int64_t from = anchorMs - std::llround(anchorShare * static_cast<double>(newSpan));
    const std::int64_t clamped = std::clamp(from, extent.fromMs, extent.toMs - newSpan);
    return {clamped, clamped + newSpan};
}

TimeWindow TimeWindow::panned(std::int64_t deltaMs, const TimeWindow& extent) const {
    const std::int64_t from =
        std::clamp(fromMs + deltaMs, extent.fromMs, std::max(extent.fromMs, extent.toMs - span()));
    return {from, from + span()};
}

} // namespace perflab
