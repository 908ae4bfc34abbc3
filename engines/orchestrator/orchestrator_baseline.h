// The orchestrator's baseline: first fit, pods in arrival order, a linear scan over the nodes per pod.
#pragma once

#include "engines/orchestrator/orchestrator_engine.h"

namespace perflab::engines::orchestrator {

class OrchestratorBaseline final : public OrchestratorEngine {
public:
    explicit OrchestratorBaseline(const EngineOptions& options);
    OrchestratorBaseline(Cluster cluster, EngineEvents* events);

    std::string_view variant() const noexcept override { return "baseline"; }

private:
    std::vector<std::uint32_t> place(Cluster& cluster, std::span<const Pod> pods) const override;
};

} // namespace perflab::engines::orchestrator
