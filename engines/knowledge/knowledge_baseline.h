// The knowledge engine's baseline, what a competent engineer writes without the optimized variant's
// techniques: the patterns joined in the order written (no planner), each by one scan of the fact list (no
// index) hash-joined to the partial answers so far, and every request computed afresh (no result cache).
#pragma once

#include "engines/engine.h"
#include "engines/knowledge/fact_store.h"
#include "engines/knowledge/knowledge_mix.h"
#include "engines/knowledge/term_order.h"

namespace perflab::engines::knowledge {

class KnowledgeBaseline final : public Engine {
public:
    explicit KnowledgeBaseline(const EngineOptions& options);
    explicit KnowledgeBaseline(FactStore store);

    std::string_view name() const noexcept override { return "knowledge"; }
    std::string_view variant() const noexcept override { return "baseline"; }
    Response execute(std::string_view request) override;
    std::string sampleRequest() const override;
    RequestMix requestMix(std::size_t count, std::uint64_t seed) const override;

private:
    FactStore m_store;
    EntityCounts m_entities; // what the request mix draws from
    TermOrder m_order;
};

// The request both variants offer as their sample: where the buyers of a niche product work and in which
// city (7 buyers in the default store: the baseline scans the facts three times, once per pattern).
std::string knowledgeSampleRequest();

} // namespace perflab::engines::knowledge
