// Utilization and fragmentation of a cluster after a placement, and the response JSON.
#include "engines/orchestrator/orchestrator_report.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace perflab::engines::orchestrator {

namespace {

double share(std::int64_t part, std::int64_t whole) {
    return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

std::int32_t upperMedian(std::vector<std::int32_t> values) {
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
    std::nth_element(values.begin(), middle, values.end());
    return *middle;
}

} // namespace

Pod medianPod(std::span<const Pod> pods) {
    std::vector<std::int32_t> cpu, memory;
    for (const Pod& pod : pods) {
        cpu.push_back(pod.cpu);
        memory.push_back(pod.memory);
    }
    return pods.empty() ? Pod{} : Pod{upperMedian(std::move(cpu)), upperMedian(std::move(memory))};
}

PlacementReport summarize(const Cluster& cluster, std::span<const Pod> pods,
                          std::vector<std::uint32_t> placements, std::size_t nodesAdded) {
    const Pod median = medianPod(pods);
    std::int64_t cpu = 0, memory = 0, freeCpu = 0, freeMemory = 0, strandedCpu = 0, strandedMemory = 0;
    PlacementReport report{std::move(placements), cluster.nodes.size(), 0, nodesAdded, {}, {}};
    for (const Node& node : cluster.nodes) {
        cpu += node.cpu;
        memory += node.memory;
        freeCpu += node.freeCpu;
        freeMemory += node.freeMemory;
        report.nodesUsed += node.isUsed() ? 1 : 0;
        if (!node.fits(median)) {
            strandedCpu += node.freeCpu;
            strandedMemory += node.freeMemory;
        }
    }
    report.utilization = {share(cpu - freeCpu, cpu), share(memory - freeMemory, memory)};
    report.fragmentation = {share(strandedCpu, freeCpu), share(strandedMemory, freeMemory)};
    return report;
}

std::string renderReport(const PlacementReport& report) {
    nlohmann::ordered_json response = nlohmann::ordered_json::object();
    response["placed"] = report.placements.size();
    response["placements"] = report.placements;
    response["nodes"] = report.nodes;
    response["nodes_used"] = report.nodesUsed;
    response["nodes_added"] = report.nodesAdded;
    response["utilization"] = {{"cpu", report.utilization.cpu}, {"memory", report.utilization.memory}};
    response["fragmentation"] = {{"cpu", report.fragmentation.cpu}, {"memory", report.fragmentation.memory}};
    return response.dump();
}

std::string renderError(std::string_view message) {
    return nlohmann::json{{"error", message}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace perflab::engines::orchestrator
