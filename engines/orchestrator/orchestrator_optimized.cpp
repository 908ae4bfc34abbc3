// Best fit decreasing: sort the batch by CPU then memory, largest first, and place each pod on the
// index's best fit, adding a node when none fits.
#include "engines/orchestrator/orchestrator_optimized.h"

#include "collectors/zones/zone.h"

#include <algorithm>
#include <numeric>

namespace perflab::engines::orchestrator {

namespace {
constexpr ZoneSite kExecuteZone = PERFLAB_ZONE_SITE("orchestrator.optimized");
} // namespace

OrchestratorOptimized::OrchestratorOptimized(const EngineOptions& options)
    : OrchestratorOptimized(Cluster::generate(kNodes, options.seed), options.events) {}

OrchestratorOptimized::OrchestratorOptimized(Cluster cluster, EngineEvents* events)
    : OrchestratorEngine(std::move(cluster), events, kExecuteZone)
    , m_index(this->cluster())
    , m_indexCopies(m_index) {}

std::vector<std::uint32_t> OrchestratorOptimized::place(Cluster& cluster, std::span<const Pod> pods) const {
    std::vector<std::uint32_t> order(pods.size());
    {
        PERFLAB_ZONE("orchestrator.sort"); // largest first
        std::iota(order.begin(), order.end(), 0U);
        std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
            return pods[a].cpu != pods[b].cpu ? pods[a].cpu > pods[b].cpu : pods[a].memory > pods[b].memory;
        });
    }
    PERFLAB_ZONE("orchestrator.best_fit"); // each pod's best fit, on a copy of the index
    CopyPool<FreeCapacityIndex>::Lease copy = m_indexCopies.take();
    FreeCapacityIndex& index = copy.get();
    std::vector<std::uint32_t> placements(pods.size());
    for (const std::uint32_t i : order) {
        const std::int64_t fit = index.bestFit(cluster, pods[i]);
        const auto node = fit >= 0 ? static_cast<std::uint32_t>(fit) : cluster.addNode();
        cluster.place(node, pods[i]);
        index.update(cluster, node);
        placements[i] = node;
    }
    copy.giveBack([](FreeCapacityIndex& used, const FreeCapacityIndex&) { used.undo(); });
    return placements;
}

} // namespace perflab::engines::orchestrator
