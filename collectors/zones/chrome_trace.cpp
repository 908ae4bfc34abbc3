// Zone spans as Chrome trace JSON.
#include "collectors/zones/chrome_trace.h"

#include <nlohmann/json.hpp>

#include <string_view>
#include <unistd.h>

namespace perflab {

namespace {

std::string_view category(std::string_view name) {
    return name.substr(0, name.find('.'));
}

} // namespace

void writeChromeTrace(std::ostream& out, std::span<const ZoneSpan> spans,
                      const zone_clock::Calibration& clock, std::int64_t originSteadyNs) {
    const int pid = static_cast<int>(getpid());
    // One event at a time: 100,000 events as one JSON value would take about a hundred MB.
    out << "{\"traceEvents\":[";
    const char* separator = "\n";
    for (const ZoneSpan& span : spans) {
        // Whole nanoseconds on both ends, so a child's end never passes its parent's through rounding.
        const std::int64_t begin = clock.steadyNanos(span.beginTicks) - originSteadyNs;
        const std::int64_t end = clock.steadyNanos(span.endTicks) - originSteadyNs;
        out << separator
            << nlohmann::json{{"name", span.site->name},
                              {"cat", category(span.site->name)},
                              {"ph", "X"},
                              {"ts", static_cast<double>(begin) / 1e3},
                              {"dur", static_cast<double>(end - begin) / 1e3},
                              {"pid", pid},
                              {"tid", span.threadId}}
                   .dump();
        separator = ",\n";
    }
    out << "\n],\"displayTimeUnit\":\"ms\"}\n";
}

} // namespace perflab
