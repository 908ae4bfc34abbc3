// Optimized knowledge queries: normalize, look the answer up in the cache, else plan, run, render and
// remember it.
#include "engines/knowledge/knowledge_optimized.h"

#include "collectors/zones/zone.h"
#include "engines/knowledge/fact_generator.h"
#include "engines/knowledge/knowledge_baseline.h"
#include "engines/knowledge/plan_executor.h"
#include "engines/knowledge/query_answer.h"
#include "engines/knowledge/query_planner.h"

namespace perflab::engines::knowledge {

KnowledgeOptimized::KnowledgeOptimized(const EngineOptions& options)
    : KnowledgeOptimized(generateFacts(options.facts, options.seed),
                         makeResultCache(options.resultCache, options.events)) {}

KnowledgeOptimized::KnowledgeOptimized(FactStore store, std::unique_ptr<ResultCache> cache)
    : m_store(std::move(store))
    , m_entities(countEntities(m_store.terms()))
    , m_order(m_store.terms())
    , m_index(m_store.facts())
    , m_stats(m_index)
    , m_cache(std::move(cache))
    , m_keyPrefix("perflab:knowledge:" + std::to_string(m_store.fingerprint()) + ":") {}

Response KnowledgeOptimized::execute(std::string_view request) {
    PERFLAB_ZONE("knowledge.optimized");
    const Clock::time_point started = Clock::now();
    try {
        return {200, answer(parsePatternQuery(request), started)};
    } catch (const RequestError& error) {
        return {400, renderError(error.what())};
    }
}

std::string KnowledgeOptimized::answer(const PatternQuery& query, Clock::time_point started) {
    const bool cached = m_cache && query.useCache;
    const std::string key = cached ? m_keyPrefix + query.normalized() : std::string();
    if (cached) {
        PERFLAB_ZONE("knowledge.cache_lookup");
        if (std::optional<std::string> hit = m_cache->find(key)) {
            m_cacheFigures.record(true, Clock::now() - started);
            return std::move(*hit);
        }
    }
    const EncodedQuery encoded = encode(query, m_store.terms());
    const QueryPlan plan = [&] {
        PERFLAB_ZONE("knowledge.plan"); // cardinalities, index choice, join order
        return QueryPlanner(m_index, m_stats).plan(encoded);
    }();
    std::vector<TermId> answers;
    {
        PERFLAB_ZONE("knowledge.join");
        answers = executePlan(plan, query, encoded, m_index);
    }
    std::string rendered = renderAnswer(query, m_store.terms(), m_order, answers);
    if (cached) {
        PERFLAB_ZONE("knowledge.cache_store");
        m_cache->store(key, rendered);
        m_cacheFigures.record(false, Clock::now() - started);
    }
    return rendered;
}

QueryPlan KnowledgeOptimized::plan(std::string_view request) const {
    return QueryPlanner(m_index, m_stats).plan(encode(parsePatternQuery(request), m_store.terms()));
}

std::string KnowledgeOptimized::sampleRequest() const {
    return knowledgeSampleRequest();
}

RequestMix KnowledgeOptimized::requestMix(std::size_t count, std::uint64_t seed) const {
    return drawKnowledgeMix(m_entities, count, seed);
}

std::vector<EngineFigure> KnowledgeOptimized::takeFigures() {
    return m_cache ? m_cacheFigures.take(m_cache->kind()) : std::vector<EngineFigure>{};
}

} // namespace perflab::engines::knowledge
