// Baseline knowledge queries: the patterns joined in the order written, each by one scan of the fact list
// whose matches are joined to the partial answers so far through a hash table on their shared variables.
#include "engines/knowledge/knowledge_baseline.h"

#include "collectors/zones/zone.h"
#include "engines/knowledge/encoded_query.h"
#include "engines/knowledge/fact_generator.h"
#include "engines/knowledge/join_table.h"
#include "engines/knowledge/plan_executor.h"
#include "engines/knowledge/query_answer.h"

namespace perflab::engines::knowledge {

namespace {

class ScanJoin {
public:
    ScanJoin(const EncodedQuery& encoded, const std::vector<Fact>& facts)
        : m_encoded(encoded)
        , m_facts(facts)
        , m_width(encoded.variableCount)
        , m_bound(encoded.variableCount, false)
        , m_rows(m_width, kUnbound)
        , m_scratch(m_width) {}

    // Complete rows of bindings, variableCount ids each.
    const std::vector<TermId>& run() {
        for (const EncodedPattern& pattern : m_encoded.patterns) {
            if (m_rows.empty()) {
                break;
            }
            m_rows = join(pattern);
            for (const PatternSlot& slot : pattern.slots) {
                if (slot.isVariable) {
                    m_bound[slot.value] = true;
                }
            }
        }
        return m_rows;
    }

    std::size_t width() const noexcept { return m_width; }

private:
    std::size_t rowCount() const { return m_rows.size() / m_width; }
    std::span<const TermId> row(std::size_t i) const {
        return std::span(m_rows).subspan(i * m_width, m_width);
    }

    // Keyed on up to two positions whose variables earlier patterns bound; extend() checks a third.
    template <class ValueAt> std::uint64_t joinKey(const EncodedPattern& pattern, ValueAt valueAt) const {
        std::uint64_t key = 0;
        int used = 0;
        for (std::size_t position = 0; position < 3 && used < 2; ++position) {
            const PatternSlot& slot = pattern.slots[position];
            if (slot.isVariable && m_bound[slot.value]) {
                key = (key << 32) | valueAt(position, slot);
                ++used;
            }
        }
        return key;
    }

    bool matchesConstants(const EncodedPattern& pattern, const Fact& fact) const {
        for (std::size_t position = 0; position < 3; ++position) {
            const PatternSlot& slot = pattern.slots[position];
            if (!slot.isVariable && slot.value != positionOf(fact, position)) {
                return false;
            }
        }
        return true;
    }

    // The partial answers hashed by their shared variables, then one pass over the facts probing them.
    std::vector<TermId> join(const EncodedPattern& pattern) {
        JoinTable partial(rowCount());
        for (std::size_t i = 0; i < rowCount(); ++i) {
            partial.insert(
                joinKey(pattern, [&](std::size_t, const PatternSlot& slot) { return row(i)[slot.value]; }),
                static_cast<std::uint32_t>(i));
        }
        std::vector<TermId> next;
        for (const Fact& fact : m_facts) {
            if (!matchesConstants(pattern, fact)) {
                continue;
            }
            const std::uint64_t key = joinKey(pattern, [&](std::size_t position, const PatternSlot&) {
                return positionOf(fact, position);
            });
            partial.forEach(key, [&](std::uint32_t i) {
                if (extend(pattern, fact, row(i), m_scratch)) {
                    if (next.size() >= kMaxPartialAnswers * m_width) {
                        throw tooBroadError();
                    }
                    next.insert(next.end(), m_scratch.begin(), m_scratch.end());
                }
            });
        }
        return next;
    }

    const EncodedQuery& m_encoded;
    const std::vector<Fact>& m_facts;
    std::size_t m_width;
    std::vector<bool> m_bound;
    std::vector<TermId> m_rows;
    std::vector<TermId> m_scratch;
};

} // namespace

KnowledgeBaseline::KnowledgeBaseline(const EngineOptions& options)
    : KnowledgeBaseline(generateFacts(options.facts, options.seed)) {}

KnowledgeBaseline::KnowledgeBaseline(FactStore store)
    : m_store(std::move(store))
    , m_entities(countEntities(m_store.terms()))
    , m_order(m_store.terms()) {}

Response KnowledgeBaseline::execute(std::string_view request) {
    PERFLAB_ZONE("knowledge.baseline");
    try {
        const PatternQuery query = parsePatternQuery(request);
        const EncodedQuery encoded = encode(query, m_store.terms());
        std::vector<TermId> answers;
        {
            PERFLAB_ZONE("knowledge.join"); // a scan and a hash join per pattern, in written order
            ScanJoin join(encoded, m_store.facts());
            const std::vector<TermId>& rows = join.run();
            for (std::size_t i = 0; i < rows.size(); i += join.width()) {
                project(query, std::span(rows).subspan(i, join.width()), answers);
            }
        }
        return {200, renderAnswer(query, m_store.terms(), m_order, answers)};
    } catch (const RequestError& error) {
        return {400, renderError(error.what())};
    }
}

std::string KnowledgeBaseline::sampleRequest() const {
    return knowledgeSampleRequest();
}

RequestMix KnowledgeBaseline::requestMix(std::size_t count, std::uint64_t seed) const {
    return drawKnowledgeMix(m_entities, count, seed);
}

std::string knowledgeSampleRequest() {
    return R"json({"where":[["?p","bought","product:3000"],["?p","worksAt","?c"],["?c","locatedIn","?city"]],)json"
           R"json("select":["?p","?c","?city"],"limit":100})json";
}

} // namespace perflab::engines::knowledge
