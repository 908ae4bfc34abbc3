// Number formatting for reports: grouping, decimals and units per figure.
#include "model/format/figure_format.h"

#include <cmath>
#include <cstdio>
#include <utility>

namespace perflab {

namespace {

std::string grouped(const std::string& digits) {
    std::string out;
    const std::size_t lead = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
    out.append(digits, 0, lead);
    for (std::size_t i = lead; i < digits.size(); i += 3)
        out.append(",").append(digits, i, 3);
    return out;
}

struct SloUnit {
    double scale;
    int decimals;
    const char* unit;
};

SloUnit unitOf(const std::string& name) {
    if (name == "p95_ms")
        return {1, 2, " ms"};
    if (name == "min_rpm")
        return {1, 0, " req/min"};
    if (name == "max_error_rate")
        return {100, 3, " %"};
    if (name == "min_availability" || name == "max_degraded_rate")
        return {100, 3, " %"};
    return {1, 1, " %"}; // CPU and memory percentages
}

} // namespace

std::string formatFixed(double value, int decimals) {
    if (!std::isfinite(value))
        return "n/a";
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, std::abs(value));
    std::string body = text;
    const auto dot = body.find('.');
    std::string integer = body.substr(0, dot);
    const std::string fraction = dot == std::string::npos ? "" : body.substr(dot);
    const bool negative = value < 0 && body.find_first_not_of("0.") != std::string::npos;
    std::string out = negative ? "-" : "";
    out += grouped(integer);
    out += fraction;
    return out;
}

std::string formatCount(std::uint64_t count) {
    return grouped(std::to_string(count));
}

std::string formatMs(double ms) {
    return formatFixed(ms, 2);
}

std::string formatRatePercent(double fraction) {
    return formatFixed(100.0 * fraction, 3);
}

std::string formatDurationS(double seconds) {
    const auto total = static_cast<long long>(std::llround(seconds));
    char text[64];
    if (total >= 3600)
        std::snprintf(text, sizeof text, "%lld h %02lld min %02lld s", total / 3600, total / 60 % 60,
                      total % 60);
    else if (total >= 60)
        std::snprintf(text, sizeof text, "%lld min %02lld s", total / 60, total % 60);
    else
        std::snprintf(text, sizeof text, "%.1f s", seconds);
    return text;
}

std::string formatChangePercent(double percent) {
    std::string out = percent >= 0 ? "+" : "";
    out += formatFixed(percent, 1);
    out += " %";
    return out;
}

std::string formatSignificant(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    return text;
}

std::vector<HeadlineFigure> headlineFigures(const Summary& s) {
    std::vector<HeadlineFigure> figures = {
        {"requests", formatCount(s.counts.requests), ""},
        {"throughput (succeeded)", formatFixed(s.throughputRps, 1), "req/s"},
        {"throughput (succeeded)", formatFixed(s.throughputRpm, 0), "req/min"},
        {"attempted", formatFixed(s.attemptedRps, 1), "req/s"},
        {"error rate", formatRatePercent(s.errorRate), "%"},
        {"mean latency", formatMs(s.latency.mean), "ms"},
        {"p50 latency", formatMs(s.latency.p50), "ms"},
        {"p95 latency", formatMs(s.latency.p95), "ms"},
        {"p99 latency", formatMs(s.latency.p99), "ms"},
        {"max latency", formatMs(s.latency.max), "ms"}};
    if (s.counts.errors > 0) // apart from the latencies: a refused connect is no latency of the service
        figures.push_back({"p95 time to failure", formatMs(s.failureTime.p95), "ms"});
    if (s.counts.degraded > 0) {
        figures.push_back({"degraded rate", formatRatePercent(s.degradedRate), "%"});
        figures.push_back(
            {"stale age mean / p95 / max",
             formatMs(s.staleAge.mean) + " / " + formatMs(s.staleAge.p95) + " / " + formatMs(s.staleAge.max),
             "ms"});
    }
    for (const EngineFigure& f : s.engineFigures) { // what the hosted engine said of its own work
        if (f.unit == "count")
            figures.push_back({f.name, formatCount(static_cast<std::uint64_t>(std::llround(f.value))), ""});
        else if (f.unit == "ratio")
            figures.push_back({f.name, formatFixed(100 * f.value, 1), "%"});
        else
            figures.push_back({f.name, formatSignificant(f.value), f.unit});
    }
    return figures;
}

SloRow sloRow(const SloResult& r) {
    const SloUnit u = unitOf(r.name);
    const bool floor = isFloor(r);
    const double room =
        r.threshold != 0 ? (floor ? r.value - r.threshold : r.threshold - r.value) / r.threshold : 0;
    std::string threshold = floor ? ">= " : "< ";
    threshold += formatFixed(r.threshold * u.scale, u.decimals);
    threshold += u.unit;
    return {.name = label(r),
            .threshold = std::move(threshold),
            .value = formatFixed(r.value * u.scale, u.decimals) + u.unit,
            .verdict = r.pass ? "pass" : "fail",
            .margin = formatChangePercent(100.0 * room)};
}

} // namespace perflab
