// The summary's JSON form (docs/cli.md "The summary JSON"): written at the end of a run, read back by every
// reader of the store; keys added later are optional when read, so older summaries still load.
#include "model/results/summary.h"

#include <nlohmann/json.hpp>

namespace perflab {

using nlohmann::json;

namespace {

json latencyJson(const LatencyFigures& f) {
    return {{"mean", f.mean}, {"p50", f.p50},   {"p90", f.p90}, {"p95", f.p95},
            {"p99", f.p99},   {"p999", f.p999}, {"max", f.max}};
}

LatencyFigures latencyFromJson(const json& j) {
    return {.mean = j.at("mean"),
            .p50 = j.at("p50"),
            .p90 = j.at("p90"),
            .p95 = j.at("p95"),
            .p99 = j.at("p99"),
            .p999 = j.at("p999"),
            .max = j.at("max")};
}

// Whole-run entries keep the four keys of docs/cli.md; windowed ones add their span and first breach.
json sloJson(const SloResult& r) {
    json out = {{"name", r.name}, {"threshold", r.threshold}, {"value", r.value}, {"pass", r.pass}};
    if (r.windowS > 0)
        out["window_s"] = r.windowS;
    if (r.breachedAtS)
        out["breached_at_s"] = *r.breachedAtS;
    return out;
}

SloResult sloFromJson(const json& j) {
    SloResult r{
        .name = j.at("name"), .threshold = j.at("threshold"), .value = j.at("value"), .pass = j.at("pass")};
    r.windowS = j.value("window_s", 0.0);
    if (j.contains("breached_at_s"))
        r.breachedAtS = j.at("breached_at_s").get<double>();
    return r;
}

json optionalJson(const std::optional<double>& value) {
    return value ? json(*value) : json(nullptr);
}

std::optional<double> optionalFromJson(const json& j) {
    return j.is_null() ? std::nullopt : std::optional(j.get<double>());
}

json leakJson(const LeakReport& r) {
    return {
        {"verdict", toString(r.verdict)},      {"slope_mb_per_h", r.slopeMbPerHour},
        {"ci_low_mb_per_h", r.ciLowMbPerHour}, {"ci_high_mb_per_h", r.ciHighMbPerHour},
        {"rss_new_highs", r.rssNewHighs},      {"hours_to_memory_limit", optionalJson(r.hoursToMemoryLimit)}};
}

LeakReport leakFromJson(const json& j) {
    const auto verdict = leakVerdictFromString(j.at("verdict").get<std::string>());
    if (!verdict)
        throw std::invalid_argument("unknown leak verdict " + j.at("verdict").dump());
    LeakReport r{.verdict = *verdict,
                 .slopeMbPerHour = j.at("slope_mb_per_h"),
                 .ciLowMbPerHour = j.at("ci_low_mb_per_h"),
                 .ciHighMbPerHour = j.at("ci_high_mb_per_h"),
                 .rssNewHighs = j.at("rss_new_highs"),
                 .hoursToMemoryLimit = optionalFromJson(j.at("hours_to_memory_limit"))};
    return r;
}

json partsJson(const std::vector<PartSummary>& parts) {
    json out = json::array();
    for (const PartSummary& part : parts) {
        json item = {{"name", part.name},
                     {"requests", part.requests},
                     {"errors", part.errors},
                     {"latency_ms", latencyJson(part.latency)}};
        if (part.degraded > 0)
            item["degraded"] = part.degraded;
        if (part.errors > 0)
            item["failure_time_ms"] = latencyJson(part.failureTime);
        out.push_back(std::move(item));
    }
    return out;
}

std::vector<PartSummary> partsFromJson(const json& j) {
    std::vector<PartSummary> parts;
    for (const json& part : j)
        parts.push_back({.name = part.at("name"),
                         .requests = part.at("requests"),
                         .errors = part.at("errors"),
                         .degraded = part.value("degraded", std::uint64_t{0}),
                         .latency = latencyFromJson(part.at("latency_ms")),
                         .failureTime = part.contains("failure_time_ms")
                                            ? latencyFromJson(part.at("failure_time_ms"))
                                            : LatencyFigures{}});
    return parts;
}

json stressJson(const StressResult& r) {
    return {{"unit", r.unit},
            {"breaking_point", optionalJson(r.breakingPoint)},
            {"breaking_reason", r.breakingReason},
            {"last_sustainable", optionalJson(r.lastSustainable)},
            {"knee", optionalJson(r.knee)}};
}

StressResult stressFromJson(const json& j) {
    return {.unit = j.at("unit"),
            .breakingPoint = optionalFromJson(j.at("breaking_point")),
            .breakingReason = j.at("breaking_reason"),
            .lastSustainable = optionalFromJson(j.at("last_sustainable")),
            .knee = optionalFromJson(j.at("knee"))};
}

json zonesJson(const std::vector<EngineZones>& engines) {
    json out = json::object();
    for (const EngineZones& engine : engines) {
        json zones = json::array();
        for (const ZoneFigures& zone : engine.zones)
            zones.push_back({{"name", zone.name},
                             {"count", zone.count},
                             {"inclusive_ms", zone.inclusiveMs},
                             {"self_ms", zone.selfMs}});
        out[engine.engine] = zones;
    }
    return out;
}

std::vector<EngineZones> zonesFromJson(const json& j) {
    std::vector<EngineZones> engines;
    for (const auto& [engine, zones] : j.items()) {
        EngineZones figures{.engine = engine, .zones = {}};
        for (const json& zone : zones)
            figures.zones.push_back({.name = zone.at("name"),
                                     .count = zone.at("count"),
                                     .inclusiveMs = zone.at("inclusive_ms"),
                                     .selfMs = zone.at("self_ms")});
        engines.push_back(std::move(figures));
    }
    return engines;
}

// The generator's and the target's figures only when measured: readers of older summaries see no new key.
json resourcesJson(const Summary& s) {
    json j = {{"cpu_percent_max", s.cpuPercentMax},
              {"memory_percent_max", s.memoryPercentMax},
              {"rss_bytes_max", s.rssBytesMax}};
    if (s.target != TargetPlacement::Unknown)
        j["target"] = std::string(toString(s.target));
    if (s.generatorCpuPercentMax)
        j["generator_cpu_percent_max"] = *s.generatorCpuPercentMax;
    if (s.targetCpuPercentMax)
        j["target_cpu_percent_max"] = *s.targetCpuPercentMax;
    if (s.targetRssBytesMax)
        j["target_rss_bytes_max"] = *s.targetRssBytesMax;
    return j;
}

void readResources(const json& j, Summary& s) {
    s.cpuPercentMax = j.at("cpu_percent_max");
    s.memoryPercentMax = j.at("memory_percent_max");
    s.rssBytesMax = j.at("rss_bytes_max");
    s.target = targetPlacementFrom(j.value("target", ""));
    if (j.contains("generator_cpu_percent_max"))
        s.generatorCpuPercentMax = j.at("generator_cpu_percent_max").get<double>();
    if (j.contains("target_cpu_percent_max"))
        s.targetCpuPercentMax = j.at("target_cpu_percent_max").get<double>();
    if (j.contains("target_rss_bytes_max"))
        s.targetRssBytesMax = j.at("target_rss_bytes_max").get<std::uint64_t>();
}

// Summaries from before degraded answers were counted have none.
void readDegraded(const json& j, Summary& s) {
    s.counts.degraded = j.value("degraded", std::uint64_t{0});
    s.degradedRate = j.value("degraded_rate", 0.0);
    if (j.contains("stale_age_ms")) {
        const json& age = j.at("stale_age_ms");
        s.staleAge = {.mean = age.at("mean"), .p95 = age.at("p95"), .max = age.at("max")};
    }
}

} // namespace

std::string toJson(const Summary& s) {
    json errorsByKind = json::object();
    for (std::size_t k = 0; k < kErrorKindCount; ++k)
        if (s.counts.errorsByKind[k] > 0)
            errorsByKind[std::string(toString(static_cast<ErrorKind>(k)))] = s.counts.errorsByKind[k];
    json slos = json::array();
    for (const auto& r : s.slos)
        slos.push_back(sloJson(r));
    json j = {{"run_id", s.runId},
              {"name", s.name},
              {"kind", toString(s.kind)},
              {"comparison_target", s.comparisonTarget},
              {"status", toString(s.status)},
              {"duration_s", s.durationS},
              {"requests", s.counts.requests},
              {"errors", s.counts.errors},
              {"errors_by_kind", errorsByKind},
              {"error_rate", s.errorRate},
              {"degraded", s.counts.degraded},
              {"degraded_rate", s.degradedRate},
              {"stale_age_ms", {{"mean", s.staleAge.mean}, {"p95", s.staleAge.p95}, {"max", s.staleAge.max}}},
              {"throughput_rps", s.throughputRps},
              {"throughput_rpm", s.throughputRpm},
              {"attempted_rps", s.attemptedRps},
              {"latency_ms", latencyJson(s.latency)},
              {"latency_uncorrected_ms", latencyJson(s.latencyUncorrected)},
              {"failure_time_ms", latencyJson(s.failureTime)},
              {"latency_basis", s.latencyBasis},
              {"late_sends", s.counts.lateSends},
              {"dropped_sends", s.counts.droppedSends},
              {"resources", resourcesJson(s)},
              {"slos", slos},
              {"passed", s.passed}};
    if (!s.verdictReason.empty())
        j["verdict_reason"] = s.verdictReason;
    if (!s.abortReason.empty())
        j["abort_reason"] = s.abortReason;
    if (s.leak)
        j["leak"] = leakJson(*s.leak);
    if (!s.host.empty())
        j["host"] = s.host;
    if (!s.perflabVersion.empty())
        j["perflab_version"] = s.perflabVersion;
    if (!s.endpoints.empty())
        j["endpoints"] = partsJson(s.endpoints);
    if (!s.statusClasses.empty())
        j["status_classes"] = partsJson(s.statusClasses);
    if (s.stress)
        j["stress"] = stressJson(*s.stress);
    if (s.spike)
        j["spike"] = {{"recovered", s.spike->recoveryS.has_value()},
                      {"recovery_s", optionalJson(s.spike->recoveryS)}};
    if (!s.zones.empty())
        j["zones"] = zonesJson(s.zones);
    if (!s.engineFigures.empty()) {
        json figures = json::array();
        for (const EngineFigure& figure : s.engineFigures)
            figures.push_back({{"name", figure.name}, {"value", figure.value}, {"unit", figure.unit}});
        j["engine_figures"] = figures;
    }
    return j.dump(2);
}

Summary summaryFromJson(const std::string& text) {
    try {
        const json j = json::parse(text);
        Summary s;
        s.runId = j.at("run_id");
        s.name = j.at("name");
        s.kind = parseName<TestKind>(j.at("kind").get<std::string>());
        s.comparisonTarget = j.value("comparison_target", "");
        s.status = parseName<RunStatus>(j.at("status").get<std::string>());
        s.durationS = j.at("duration_s");
        s.counts.requests = j.at("requests");
        s.counts.errors = j.at("errors");
        for (std::size_t k = 0; k < kErrorKindCount; ++k)
            s.counts.errorsByKind[k] =
                j.at("errors_by_kind").value(std::string(toString(static_cast<ErrorKind>(k))), 0ULL);
        s.errorRate = j.at("error_rate");
        readDegraded(j, s);
        s.throughputRps = j.at("throughput_rps");
        s.throughputRpm = j.at("throughput_rpm");
        s.attemptedRps = j.value("attempted_rps", s.throughputRps); // older summaries counted every request
        s.latency = latencyFromJson(j.at("latency_ms"));
        s.latencyUncorrected = latencyFromJson(j.at("latency_uncorrected_ms"));
        if (j.contains("failure_time_ms"))
            s.failureTime = latencyFromJson(j.at("failure_time_ms"));
        s.latencyBasis = j.value("latency_basis", "");
        s.counts.lateSends = j.at("late_sends");
        s.counts.droppedSends = j.at("dropped_sends");
        readResources(j.at("resources"), s);
        for (const auto& r : j.at("slos"))
            s.slos.push_back(sloFromJson(r));
        s.passed = j.at("passed");
        s.verdictReason = j.value("verdict_reason", "");
        s.abortReason = j.value("abort_reason", "");
        if (j.contains("leak"))
            s.leak = leakFromJson(j.at("leak"));
        s.host = j.value("host", "");
        s.perflabVersion = j.value("perflab_version", "");
        if (j.contains("endpoints"))
            s.endpoints = partsFromJson(j.at("endpoints"));
        if (j.contains("status_classes"))
            s.statusClasses = partsFromJson(j.at("status_classes"));
        if (j.contains("stress"))
            s.stress = stressFromJson(j.at("stress"));
        if (j.contains("spike"))
            s.spike = SpikeResult{.recoveryS = optionalFromJson(j.at("spike").at("recovery_s"))};
        if (j.contains("zones"))
            s.zones = zonesFromJson(j.at("zones"));
        for (const json& figure : j.value("engine_figures", json::array()))
            s.engineFigures.push_back(
                {.name = figure.at("name"), .value = figure.at("value"), .unit = figure.at("unit")});
        return s;
    } catch (const json::exception& e) {
        throw std::invalid_argument(std::string("summary JSON: ") + e.what());
    } catch (const std::invalid_argument& e) { // an unknown name: a kind, a status, a verdict
        throw std::invalid_argument(std::string("summary JSON: ") + e.what());
    }
}

} // namespace perflab
