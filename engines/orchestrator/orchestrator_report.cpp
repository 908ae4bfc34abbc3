// Utilization and fragmentation of a cluster after a placement, and the response JSON.
#include "engines/orchestrator/orchestrator_report.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <charconv>

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

// The nodes named in `placements`, each once, in order: marks in a bitmap of the cluster, cheaper than a
// sort.
std::vector<std::uint32_t> distinctNodes(std::span<const std::uint32_t> placements, std::size_t nodes) {
    std::vector<std::uint64_t> marked((nodes + 63) / 64);
    for (const std::uint32_t node : placements) {
        marked[node / 64] |= std::uint64_t{1} << (node % 64);
    }
    std::vector<std::uint32_t> distinct;
    for (std::size_t word = 0; word < marked.size(); ++word) {
        for (std::uint64_t bits = marked[word]; bits != 0; bits &= bits - 1) {
            distinct.push_back(
                static_cast<std::uint32_t>(64 * word + static_cast<std::size_t>(std::countr_zero(bits))));
        }
    }
    return distinct;
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

PlacementReport summarize(const ClusterTotals& before, const Cluster& after, std::span<const Pod> pods,
                          std::vector<std::uint32_t> placements, std::size_t nodesAdded) {
    const std::vector<std::uint32_t> changed = distinctNodes(placements, after.nodes.size());
    const Totals totals = before.after(after, changed, medianPod(pods));
    return {std::move(placements),
            after.nodes.size(),
            static_cast<std::size_t>(totals.nodesUsed),
            nodesAdded,
            {share(totals.cpu - totals.freeCpu, totals.cpu),
             share(totals.memory - totals.freeMemory, totals.memory)},
            {share(totals.strandedCpu, totals.freeCpu), share(totals.strandedMemory, totals.freeMemory)}};
}

std::string renderReport(const PlacementReport& report) {
    // Written directly: a tree of one JSON value per placement would cost more than placing the pods.
    std::string response;
    response.reserve(160 + 6 * report.placements.size());
    const auto number = [&](auto value) {
        std::array<char, 32> digits;
        response.append(digits.data(), std::to_chars(digits.begin(), digits.end(), value).ptr);
    };
    const auto pair = [&](const char* key, const Shares& shares) {
        response += key;
        number(shares.cpu);
        response += ",\"memory\":";
        number(shares.memory);
        response += '}';
    };
    response += "{\"placed\":";
    number(report.placements.size());
    response += ",\"placements\":[";
    for (std::size_t i = 0; i < report.placements.size(); ++i) {
        if (i > 0) {
            response += ',';
        }
        number(report.placements[i]);
    }
    response += "],\"nodes\":";
    number(report.nodes);
    response += ",\"nodes_used\":";
    number(report.nodesUsed);
    response += ",\"nodes_added\":";
    number(report.nodesAdded);
    pair(",\"utilization\":{\"cpu\":", report.utilization);
    pair(",\"fragmentation\":{\"cpu\":", report.fragmentation);
    response += '}';
    return response;
}

std::string renderError(std::string_view message) {
    return nlohmann::json{{"error", message}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace perflab::engines::orchestrator
