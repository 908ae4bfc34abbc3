// Per-second figures derived from an Interval: the one place percentiles become numbers for rows and charts.
#include "model/interval.h"

#include <chrono>

namespace perflab {

std::string_view toString(ErrorKind kind) noexcept {
    switch (kind) {
    case ErrorKind::Connect:
        return "connect";
    case ErrorKind::Timeout:
        return "timeout";
    case ErrorKind::Io:
        return "io";
    case ErrorKind::Status4xx:
        return "http_4xx";
    case ErrorKind::Status5xx:
        return "http_5xx";
    case ErrorKind::Protocol:
        return "protocol";
    case ErrorKind::Engine:
        return "engine";
    }
    return "unknown";
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

IntervalRow toRow(const Interval& interval) {
    return {.startMs = interval.startMs,
            .durationMs = interval.durationMs,
            .requests = interval.requests,
            .errors = interval.errors,
            .errorsByKind = interval.errorsByKind,
            .lateSends = interval.lateSends,
            .droppedSends = interval.droppedSends,
            .activeUsers = interval.activeUsers,
            .latency = latencyFigures(interval.latency),
            .serviceTime = latencyFigures(interval.serviceTime),
            .resources = interval.resources};
}

} // namespace perflab
