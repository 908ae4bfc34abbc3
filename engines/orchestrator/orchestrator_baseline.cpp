// First fit: each pod goes to the lowest-numbered node with room, found by scanning from node 0.
#include "engines/orchestrator/orchestrator_baseline.h"

#include "collectors/zones/zone.h"

namespace perflab::engines::orchestrator {

namespace {
constexpr ZoneSite kExecuteZone = PERFLAB_ZONE_SITE("orchestrator.baseline");
} // namespace

OrchestratorBaseline::OrchestratorBaseline(const EngineOptions& options)
    : OrchestratorEngine(Cluster::generate(kNodes, options.seed), options.events, kExecuteZone) {}

OrchestratorBaseline::OrchestratorBaseline(Cluster cluster, EngineEvents* events)
    : OrchestratorEngine(std::move(cluster), events, kExecuteZone) {}

std::vector<std::uint32_t> OrchestratorBaseline::place(Cluster& cluster, std::span<const Pod> pods) const {
    std::vector<std::uint32_t> placements;
    for (const Pod& pod : pods) {
        std::uint32_t node = 0;
        while (node < cluster.nodes.size() && !cluster.nodes[node].fits(pod)) {
            ++node;
        }
        if (node == cluster.nodes.size()) {
            node = cluster.addNode();
        }
        cluster.place(node, pod);
        placements.push_back(node);
    }
    return placements;
}

} // namespace perflab::engines::orchestrator
