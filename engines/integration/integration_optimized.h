// The integration engine's optimized variant: the item calls of a request run concurrently over pooled
// keep-alive connections, with per-call timeouts, jittered retries, a circuit breaker and a fallback.
#pragma once

#include "engines/integration/integration_engine.h"

#include <chrono>
#include <memory>

namespace perflab::engines::integration {

class Upstream;

struct ResiliencePolicy {
    std::chrono::milliseconds callTimeout{50}; // some 50x the upstream's usual service time
    unsigned attempts = 3;                     // per item: the first call and two retries
};

class IntegrationOptimized final : public IntegrationEngine {
public:
    // Breaker changes go to options.events as "breaker" events.
    IntegrationOptimized(const Upstream& upstream, const EngineOptions& options);
    ~IntegrationOptimized() override;
    std::string_view variant() const noexcept override { return "optimized"; }

private:
    // When the upstream fails an item, answers from the last good answer with "stale": true; 503 only when
    // an item never had a good answer.
    Response answer(const std::vector<std::uint32_t>& ids) override;

    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace perflab::engines::integration
