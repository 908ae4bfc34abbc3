// Best fit decreasing: sort the batch by CPU then memory, largest first, and place each pod on the
// index's best fit, adding a node when none fits.
#include "engines/orchestrator/orchestrator_optimized.h"

#include "collectors/zones/zone.h"
#include "engines/orchestrator/orchestrator_request.h"

#include <algorithm>

namespace perflab::engines::orchestrator {

namespace {
constexpr ZoneSite kExecuteZone = PERFLAB_ZONE_SITE("orchestrator.optimized");
// Sort keys pack (largest - cpu, largest - memory, index) in 18, 22 and 24 bits.
constexpr std::int32_t kLargestField = (1 << 18) - 1;
static_assert(kNodeTypes.back().cpu <= kLargestField && kNodeTypes.back().memory <= kLargestField &&
              kMaxPods < (1 << 24));
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
        PERFLAB_ZONE("orchestrator.sort"); // largest CPU first, then largest memory, then request order
        std::vector<std::uint64_t> keys(pods.size());
        for (std::uint32_t i = 0; i < pods.size(); ++i) { // fields wider than every valid request
            keys[i] = static_cast<std::uint64_t>(kLargestField - pods[i].cpu) << 46 |
                      static_cast<std::uint64_t>(kLargestField - pods[i].memory) << 24 | i;
        }
        std::sort(keys.begin(), keys.end());
        std::transform(keys.begin(), keys.end(), order.begin(),
                       [](std::uint64_t key) { return static_cast<std::uint32_t>(key & 0xFF'FFFF); });
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
