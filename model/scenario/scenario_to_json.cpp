// toJson: a Scenario in the canonical file form of docs/cli.md, which parseScenario reads back unchanged.
#include "model/scenario/scenario.h"
#include "model/scenario/scenario_json_node.h"

#include <cmath>

namespace perflab {

using scenario_detail::Json;

namespace {

// Whole numbers are written without ".0" so saved files read like hand-written ones.
Json number(double value) {
    if (std::nearbyint(value) == value && std::fabs(value) < 1e15)
        return static_cast<std::int64_t>(value);
    return value;
}

Json requestJson(const HttpRequestSpec& request) {
    Json out = {{"url", request.url}, {"method", request.method}};
    if (!request.headers.empty()) {
        Json headers = Json::object();
        for (const auto& [name, value] : request.headers)
            headers[name] = value;
        out["headers"] = std::move(headers);
    }
    if (!request.body.empty())
        out["body"] = request.body;
    return out;
}

Json targetFormJson(const Target& target) {
    if (target.engine) {
        Json out = {{"engine", target.engine->engine},
                    {"variant", target.engine->variant},
                    {"via", target.engine->via == Via::Http ? "http" : "call"}};
        if (target.engine->requests == EngineRequests::Body)
            out["body"] = target.engine->body;
        else
            out["requests"] = target.engine->requests == EngineRequests::Mix ? "mix" : "sample";
        if (target.engine->leakKbPerRequest > 0)
            out["leak_kb_per_request"] = target.engine->leakKbPerRequest;
        if (!target.engine->cache.empty())
            out["cache"] = target.engine->cache;
        return out;
    }
    if (target.requests.size() == 1 && target.requests.front().weight == 1)
        return requestJson(target.requests.front());
    Json list = Json::array();
    for (const HttpRequestSpec& request : target.requests) {
        Json item = requestJson(request);
        item["weight"] = number(request.weight);
        list.push_back(std::move(item));
    }
    return {{"requests", std::move(list)}};
}

Json targetJson(const Target& target) {
    Json out = targetFormJson(target);
    if (target.timeout != Target{}.timeout)
        out["timeout"] = formatDuration(target.timeout);
    return out;
}

Json workloadJson(const Workload& workload) {
    Json stages = Json::array();
    for (const Stage& stage : workload.stages)
        stages.push_back({{"duration", formatDuration(stage.duration)}, {"target", number(stage.target)}});
    Json out = {
        {"model", toString(workload.model)}, {"stages", std::move(stages)}, {"max_vus", workload.maxVus}};
    if (workload.threads != 0)
        out["threads"] = workload.threads;
    if (workload.model == WorkloadModel::VirtualUsers && workload.thinkTime > Millis{0})
        out["think_time"] = formatDuration(workload.thinkTime);
    if (workload.model == WorkloadModel::VirtualUsers && workload.pacing > Millis{0})
        out["pacing"] = formatDuration(workload.pacing);
    if (workload.model == WorkloadModel::ArrivalRate)
        out["arrivals"] = workload.poisson ? "poisson" : "uniform";
    return out;
}

Json sloLimitsJson(const SloLimits& limits) {
    Json out = Json::object();
    auto put = [&](const char* key, const std::optional<double>& value) {
        if (value)
            out[key] = number(*value);
    };
    put("p95_ms", limits.p95Ms);
    put("min_rpm", limits.minRpm);
    put("max_error_rate", limits.maxErrorRate);
    put("min_availability", limits.minAvailability);
    put("max_cpu_percent", limits.maxCpuPercent);
    put("max_memory_percent", limits.maxMemoryPercent);
    put("max_degraded_rate", limits.maxDegradedRate);
    return out;
}

Json sloJson(const SloSpec& slo) {
    Json out = sloLimitsJson(slo);
    if (!slo.maxErrorRate) // dropped on purpose: without the null, parsing it back restores the default
        out["max_error_rate"] = nullptr;
    if (slo.minSuccessfulRequests != kDefaultMinSuccessfulRequests)
        out["min_successful_requests"] = slo.minSuccessfulRequests;
    if (!slo.windows.empty()) {
        Json windows = Json::array();
        for (const SloWindow& window : slo.windows) {
            Json item = {{"over", formatDuration(window.over)}};
            item.update(sloLimitsJson(window.limits));
            windows.push_back(std::move(item));
        }
        out["windows"] = std::move(windows);
    }
    if (slo.abortOnBreach) {
        out["abort_on_breach"] = true;
        out["grace"] = formatDuration(slo.grace);
    }
    return out;
}

Json faultsJson(const std::vector<Fault>& faults) {
    Json out = Json::array();
    for (const Fault& fault : faults) {
        Json item = {{"at", formatDuration(fault.at)},
                     {"duration", formatDuration(fault.duration)},
                     {"kind", toString(fault.kind)}};
        if (fault.value != 0)
            item["value"] = number(fault.value);
        out.push_back(std::move(item));
    }
    return out;
}

} // namespace

std::string toJson(const Scenario& scenario) {
    Json out = {{"name", scenario.name},
                {"kind", toString(scenario.kind)},
                {"target", targetJson(scenario.target)},
                {"workload", workloadJson(scenario.workload)},
                {"slo", sloJson(scenario.slo)}};
    if (!scenario.faults.empty())
        out["faults"] = faultsJson(scenario.faults);
    if (scenario.profile.enabled)
        out["profile"] = {{"hz", scenario.profile.hz}};
    else if (scenario.profile.hz != ProfileSpec{}.hz)
        out["profile"] = {{"enabled", false}, {"hz", scenario.profile.hz}};
    return out.dump(2) + "\n";
}

} // namespace perflab
