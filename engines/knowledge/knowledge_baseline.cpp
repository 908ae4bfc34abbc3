// Baseline knowledge queries: depth-first nested loops, one full scan of the facts per pattern per
// partial answer, the way a first, straightforward implementation would join.
#include "engines/knowledge/knowledge_baseline.h"

#include "collectors/zones/zone.h"
#include "engines/knowledge/encoded_query.h"
#include "engines/knowledge/fact_generator.h"
#include "engines/knowledge/query_answer.h"

namespace perflab::engines::knowledge {

namespace {

class NestedLoops {
public:
    NestedLoops(const PatternQuery& query, const EncodedQuery& encoded, const std::vector<Fact>& facts)
        : m_query(query)
        , m_encoded(encoded)
        , m_facts(facts)
        , m_rows(encoded.patterns.size() + 1, std::vector<TermId>(encoded.variableCount, kUnbound)) {}

    std::vector<TermId> run() {
        join(0);
        return std::move(m_answers);
    }

private:
    // m_rows[depth] holds the bindings of patterns before `depth`.
    void join(std::size_t depth) {
        if (depth == m_encoded.patterns.size()) {
            project(m_query, m_rows[depth], m_answers);
            return;
        }
        for (const Fact& fact : m_facts) {
            if (extend(m_encoded.patterns[depth], fact, m_rows[depth], m_rows[depth + 1])) {
                join(depth + 1);
            }
        }
    }

    const PatternQuery& m_query;
    const EncodedQuery& m_encoded;
    const std::vector<Fact>& m_facts;
    std::vector<std::vector<TermId>> m_rows;
    std::vector<TermId> m_answers;
};

} // namespace

KnowledgeBaseline::KnowledgeBaseline(const EngineOptions& options)
    : m_store(generateFacts(options.facts, options.seed)) {}

KnowledgeBaseline::KnowledgeBaseline(FactStore store)
    : m_store(std::move(store)) {}

Response KnowledgeBaseline::execute(std::string_view request) {
    PERFLAB_ZONE("knowledge.baseline");
    PatternQuery query;
    try {
        query = parsePatternQuery(request);
    } catch (const RequestError& error) {
        return {400, renderError(error.what())};
    }
    const EncodedQuery encoded = encode(query, m_store.terms());
    std::vector<TermId> answers;
    {
        PERFLAB_ZONE("knowledge.join"); // nested loops in written order
        answers = NestedLoops(query, encoded, m_store.facts()).run();
    }
    return {200, renderAnswer(query, m_store.terms(), std::move(answers))};
}

std::string KnowledgeBaseline::sampleRequest() const {
    return knowledgeSampleRequest();
}

std::string knowledgeSampleRequest() {
    return R"json({"where":[["?p","bought","product:3000"],["?p","worksAt","?c"],["?c","locatedIn","?city"]],)json"
           R"json("select":["?p","?c","?city"],"limit":100})json";
}

} // namespace perflab::engines::knowledge
