// The knowledge engine's optimized variant: SPO/POS/OSP indexes, a cost-based planner over cardinality
// statistics, and a result cache (in-process LRU, or Redis) keyed by the normalized query.
#pragma once

#include "engines/engine.h"
#include "engines/knowledge/cache_figures.h"
#include "engines/knowledge/cardinality_stats.h"
#include "engines/knowledge/fact_store.h"
#include "engines/knowledge/knowledge_mix.h"
#include "engines/knowledge/pattern_query.h"
#include "engines/knowledge/query_plan.h"
#include "engines/knowledge/result_cache.h"
#include "engines/knowledge/term_order.h"
#include "engines/knowledge/triple_index.h"

#include <chrono>
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
    RequestMix requestMix(std::size_t count, std::uint64_t seed) const override;

    // The plan execute() would run for this request (throws RequestError for a malformed one).
    QueryPlan plan(std::string_view request) const;
    ResultCache* cache() const noexcept { return m_cache.get(); }
    // The result cache's hit rate, hits, misses and hit and miss latency since the last call.
    std::vector<EngineFigure> takeFigures() override;

private:
    using Clock = std::chrono::steady_clock;
    // `started`: when the request arrived, so a cached request's latency counts its parsing too.
    std::string answer(const PatternQuery& query, Clock::time_point started);

    FactStore m_store;
    EntityCounts m_entities; // what the request mix draws from
    TermOrder m_order;
    TripleIndex m_index;
    CardinalityStats m_stats;
    std::unique_ptr<ResultCache> m_cache;
    CacheFigures m_cacheFigures;
    std::string m_keyPrefix; // names the fact store, so stores never share answers in one Redis
};

} // namespace perflab::engines::knowledge
