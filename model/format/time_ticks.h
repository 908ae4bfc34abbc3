// Time-axis ticks for a visible span: round steps of elapsed run time, labelled in a format that suits the
// span (hours for days, mm:ss in the first hour, h:mm or h:mm:ss later), and the visible window zoomed and
// panned.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace perflab {

struct TimeTick {
    std::int64_t ms = 0; // unix epoch milliseconds
    std::string label;   // elapsed since the run's start: "48 h", "1:30", "12:40"
};

struct TimeAxis {
    std::vector<TimeTick> ticks;
    std::string title; // how to read the labels: "elapsed (h)", "elapsed (h:mm)", "elapsed (mm:ss)"
};

// Ticks at multiples of a round step (1 s ... 1 d) of time since originMs that fall in [fromMs, toMs], the
// smallest step that keeps at most maxTicks of them. Throws std::invalid_argument when toMs <= fromMs or
// maxTicks is 0.
TimeAxis elapsedTimeAxis(std::int64_t originMs, std::int64_t fromMs, std::int64_t toMs, std::size_t maxTicks);

// "3 d 04 h", "5 h 20 min", "12 min 05 s", "40 s": a span for people.
std::string formatSpan(std::int64_t ms);

// The visible part [fromMs, toMs) of a run's extent, never narrower than minimumSpanMs (or the extent).
struct TimeWindow {
    std::int64_t fromMs = 0;
    std::int64_t toMs = 0;

    std::int64_t span() const noexcept { return toMs - fromMs; }
    // Scales the span by `factor` (< 1 zooms in) keeping the time at `anchorMs` where it is on screen.
    TimeWindow zoomed(std::int64_t anchorMs, double factor, const TimeWindow& extent,
                      std::int64_t minimumSpanMs) const;
    // Moves the window by deltaMs, stopping at the extent's edges.
    TimeWindow panned(std::int64_t deltaMs, const TimeWindow& extent) const;
    bool operator==(const TimeWindow&) const = default;
};

} // namespace perflab
