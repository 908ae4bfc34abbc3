// The knowledge engine's optimized variant: SPO/POS/OSP indexes, a cost-based planner over cardinality
// statistics, and a result cache (in-process LRU, or Redis) keyed by the normalized query.
#pragma once

#include "engines/engine.h"
#include "engines/knowledge/cardinality_stats.h"
#include "engines/knowledge/fact_store.h"
#include "engines/knowledge/pattern_query.h"
#include "engines/knowledge/query_plan.h"
#include "engines/knowledge/result_cache.h"
#include "engines/knowledge/triple_index.h"

#include <memory>

namespace perflab::engines::knowledge {

class KnowledgeOptimized final : public Engine {
public:
    explicit KnowledgeOptimized(const EngineOptions& options);
    // cache may be null: every request is then planned and run.
    KnowledgeOptimized(FactStore store, std::unique_ptr<ResultCache> cache);

    std::string_view name() const noexcept override { return "knowledge"; }
    std::string_view variant() const noexcept override { return "optimized"; }
    Response execute(std::string_view request) override;
    std::string sampleRequest() const override;
    RequestMix requestMix(std::size_t count, std::uint64_t) const override {
        RequestMix mix{.shapes = {"sample"}, .requests = {}};
        mix.requests.assign(count, {.shape = 0, .body = sampleRequest()});
        return mix;
    }

    // The plan execute() would run for this request (throws RequestError for a malformed one).
    QueryPlan plan(std::string_view request) const;
    ResultCache* cache() const noexcept { return m_cache.get(); }

private:
    std::string answer(const PatternQuery& query);

    FactStore m_store;
    TripleIndex m_index;
    CardinalityStats m_stats;
    std::unique_ptr<ResultCache> m_cache;
    std::string m_keyPrefix; // names the fact store, so stores never share answers in one Redis
};

} // namespace perflab::engines::knowledge
