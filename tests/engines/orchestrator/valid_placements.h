// Replays an orchestrator answer's placements on the engine's cluster: no node may ever be asked for more
// than it has. Nodes added by scale-out are checked against the largest node type.
#pragma once

#include "engines/orchestrator/orchestrator_engine.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace perflab::engines::orchestrator::test {

inline std::string podsRequest(const std::vector<Pod>& pods) {
    nlohmann::json list = nlohmann::json::array();
    for (const Pod& pod : pods) {
        list.push_back({{"cpu", pod.cpu}, {"memory", pod.memory}});
    }
    return nlohmann::json{{"pods", list}}.dump();
}

inline void requireValidPlacements(const OrchestratorEngine& engine, const std::vector<Pod>& pods,
                                   const nlohmann::json& body) {
    Cluster cluster = engine.cluster();
    const auto& placements = body.at("placements");
    REQUIRE(placements.size() == pods.size());
    const std::size_t added = body.at("nodes_added").get<std::size_t>();
    REQUIRE(body.at("nodes").get<std::size_t>() == cluster.nodes.size() + added);
    const Pod largest = kNodeTypes.back();
    cluster.nodes.resize(cluster.nodes.size() + added,
                         {largest.cpu, largest.memory, largest.cpu, largest.memory});
    for (std::size_t i = 0; i < pods.size(); ++i) {
        const auto node = placements[i].get<std::size_t>();
        REQUIRE(node < cluster.nodes.size());
        INFO("pod " << i << " (" << pods[i].cpu << "m, " << pods[i].memory << " MiB) on node " << node);
        REQUIRE(cluster.nodes[node].fits(pods[i]));
        cluster.place(static_cast<std::uint32_t>(node), pods[i]);
    }
}

} // namespace perflab::engines::orchestrator::test
