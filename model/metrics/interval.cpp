// Per-second figures derived from an Interval: the one place percentiles become numbers for rows and charts.
#include "model/metrics/interval.h"

#include <chrono>
#include <iterator>

namespace perflab {

std::string_view toString(StatusClass statusClass) noexcept {
    static constexpr std::string_view names[kStatusClassCount] = {"2xx", "3xx", "4xx", "5xx", "no answer"};
    return names[static_cast<std::size_t>(statusClass)];
}

namespace {
constexpr std::string_view kPlacementNames[] = {"unknown", "separate-process", "same-process", "remote"};
} // namespace

std::string_view toString(TargetPlacement placement) noexcept {
    return kPlacementNames[static_cast<std::size_t>(placement)];
}

TargetPlacement targetPlacementFrom(std::string_view name) noexcept {
    for (std::size_t i = 0; i < std::size(kPlacementNames); ++i)
        if (kPlacementNames[i] == name)
            return static_cast<TargetPlacement>(i);
    return TargetPlacement::Unknown;
}

StatusClass statusClassOf(int status) noexcept {
    if (status >= 200 && status < 600 && status / 100 != 1)
        return static_cast<StatusClass>(status / 100 - 2);
    return StatusClass::NoAnswer; // no status, an interim 1xx that never ended, or no HTTP status at all
}

void mergeParts(const std::vector<LatencyPart>& from, std::vector<LatencyPart>& into) {
    if (into.size() < from.size())
        into.resize(from.size());
    for (std::size_t i = 0; i < from.size(); ++i) {
        into[i].requests += from[i].requests;
        into[i].errors += from[i].errors;
        into[i].degraded += from[i].degraded;
        into[i].latency.merge(from[i].latency);
        into[i].failureTime.merge(from[i].failureTime);
    }
}

std::int64_t epochMsNow() noexcept {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

LatencyFigures latencyFigures(const Histogram& h) {
    auto ms = [](std::int64_t us) { return static_cast<double>(us) / 1000.0; };
    if (h.empty())
        return {};
    return {.mean = h.mean() / 1000.0,
            .p50 = ms(h.percentile(50)),
            .p90 = ms(h.percentile(90)),
            .p95 = ms(h.percentile(95)),
            .p99 = ms(h.percentile(99)),
            .p999 = ms(h.percentile(99.9)),
            .max = ms(h.max())};
}

StaleAgeFigures staleAgeFigures(const Histogram& staleAge) {
    if (staleAge.empty())
        return {};
    return {.mean = staleAge.mean() / 1000.0,
            .p95 = static_cast<double>(staleAge.percentile(95)) / 1000.0,
            .max = static_cast<double>(staleAge.max()) / 1000.0};
}

IntervalRow toRow(const Interval& interval) {
    return {.startMs = interval.startMs,
            .durationMs = interval.durationMs,
            .counts = interval.counts,
            .activeUsers = interval.activeUsers,
            .latency = latencyFigures(interval.latency),
            .serviceTime = latencyFigures(interval.serviceTime),
            .staleAge = staleAgeFigures(interval.staleAge),
            .resources = interval.resources};
}

} // namespace perflab
