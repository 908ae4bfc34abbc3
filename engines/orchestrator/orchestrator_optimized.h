// The orchestrator's optimized variant: best fit decreasing (largest pods first, each on the fitting
// node with the least room left) over a free-capacity index, O(log n) per pod instead of a scan.
#pragma once

#include "engines/orchestrator/orchestrator_copy_pool.h"
#include "engines/orchestrator/orchestrator_engine.h"
#include "engines/orchestrator/orchestrator_free_capacity_index.h"

namespace perflab::engines::orchestrator {

class OrchestratorOptimized final : public OrchestratorEngine {
public:
    explicit OrchestratorOptimized(const EngineOptions& options);
    OrchestratorOptimized(Cluster cluster, EngineEvents* events);

    std::string_view variant() const noexcept override { return "optimized"; }

private:
    std::vector<std::uint32_t> place(Cluster& cluster, std::span<const Pod> pods) const override;

    FreeCapacityIndex m_index;                         // of the engine's cluster
    mutable CopyPool<FreeCapacityIndex> m_indexCopies; // of m_index, for requests to place with
};

} // namespace perflab::engines::orchestrator
