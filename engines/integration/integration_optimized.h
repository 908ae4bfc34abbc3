// The integration engine's optimized variant: items fetched within a freshness bound come from a cache; the
// others of a request go to the upstream in one batch call over a pooled keep-alive connection, with a
// timeout, jittered retries, a circuit breaker and a fallback to the last good answers.
#pragma once

#include "engines/integration/integration_engine.h"

#include <chrono>
#include <memory>

namespace perflab::engines::integration {

class Upstream;

struct ResiliencePolicy {
    std::chrono::milliseconds callTimeout{50}; // some 50x the upstream's usual service time
    unsigned attempts = 3;                     // per batch: the first call and two retries
    // An item fetched less than this ago is answered from the cache without a call: prices and stock a
    // second old are what a shop page shows anyway. Older answers remain the fallback.
    std::chrono::milliseconds freshFor{1000};
};

class IntegrationOptimized final : public IntegrationEngine {
public:
    // Breaker changes go to options.events as "breaker" events.
    IntegrationOptimized(const Upstream& upstream, const EngineOptions& options,
                         const ResiliencePolicy& policy = {});
    ~IntegrationOptimized() override;
    std::string_view variant() const noexcept override { return "optimized"; }
    // Where the items asked for came from (the cache, the upstream, the fallback, nowhere) and the cache's
    // freshness bound.
    std::vector<EngineFigure> takeFigures() override;

private:
    // Items fetched within the freshness bound come from the cache. When the upstream fails an item, answers
    // from its last good answer with "stale": true and staleAgeMs (the oldest such item's age); 503 only when
    // an item never had a good answer.
    Response answer(const std::vector<std::uint32_t>& ids) override;

    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace perflab::engines::integration
