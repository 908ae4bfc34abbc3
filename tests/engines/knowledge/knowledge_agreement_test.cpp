// The two knowledge variants must give the same answers: hundreds of seeded random queries over a
// small generated store, compared byte for byte, with the result cache on and off.
#include "engines/knowledge/fact_generator.h"
#include "engines/knowledge/knowledge_baseline.h"
#include "engines/knowledge/knowledge_optimized.h"
#include "engines/knowledge/lru_result_cache.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <random>

using namespace perflab::engines;
using namespace perflab::engines::knowledge;
using nlohmann::json;

namespace {

constexpr std::size_t kFacts = 1'500;
constexpr unsigned kSeed = 7;

// Connected patterns built around real facts (so most queries have answers), with variables shared
// between them, the odd variable predicate, repeated variable or unknown constant.
class QueryGenerator {
public:
    QueryGenerator(const FactStore& store, unsigned seed)
        : m_store(store)
        , m_random(seed) {}

    std::string next() {
        json where = json::array();
        const std::size_t patterns = 1 + below(3);
        bool variablePredicate = false;
        for (std::size_t i = 0; i < patterns; ++i) {
            const Fact& fact = m_store.facts()[below(m_store.facts().size())];
            const std::string linked = i == 0 ? pickVariable() : m_used[below(m_used.size())];
            const bool linkSubject = chance(0.6);
            json pattern = json::array({linkSubject ? linked : term(fact.subject, 0.3),
                                        predicate(fact, variablePredicate),
                                        linkSubject ? term(fact.object, 0.4) : linked});
            where.push_back(std::move(pattern));
        }
        json request{{"where", std::move(where)}, {"limit", 1 + below(40)}};
        if (chance(0.4)) {
            request["select"] = json::array({m_used[below(m_used.size())]});
        }
        m_used.clear();
        return request.dump();
    }

private:
    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(m_random) < p; }
    std::size_t below(std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(m_random);
    }

    std::string pickVariable() {
        static const std::array<const char*, 4> kNames{"?a", "?b", "?c", "?d"};
        std::string name = kNames[below(kNames.size())];
        if (std::find(m_used.begin(), m_used.end(), name) == m_used.end()) {
            m_used.push_back(name);
        }
        return name;
    }

    // The fact's term, or (with probability `variable`) a variable; now and then a term no fact has.
    std::string term(TermId id, double variable) {
        if (chance(variable)) {
            return pickVariable();
        }
        return chance(0.03) ? "nobody:1" : m_store.terms().text(id);
    }

    // At most one variable predicate per query: two make the partial answers, and both variants, crawl.
    std::string predicate(const Fact& fact, bool& variablePredicate) {
        if (!variablePredicate && chance(0.1)) {
            variablePredicate = true;
            return "?p";
        }
        return m_store.terms().text(fact.predicate);
    }

    const FactStore& m_store;
    std::mt19937 m_random;
    std::vector<std::string> m_used;
};

// Every other engine answers `request` exactly as the baseline does, status and body; returns that answer.
Response requireAgreement(Engine& baseline, std::initializer_list<Engine*> others,
                          const std::string& request) {
    INFO("request: " << request);
    const Response expected = baseline.execute(request);
    for (Engine* other : others) {
        const Response actual = other->execute(request);
        REQUIRE(actual.status == expected.status);
        REQUIRE(actual.body == expected.body);
    }
    return expected;
}

} // namespace

TEST_CASE("baseline and optimized give identical answers to 300 seeded random queries") {
    const FactStore store = generateFacts(kFacts, kSeed);
    KnowledgeBaseline baseline(generateFacts(kFacts, kSeed));
    KnowledgeOptimized uncached(generateFacts(kFacts, kSeed), nullptr);
    KnowledgeOptimized cached(generateFacts(kFacts, kSeed), std::make_unique<LruResultCache>(64));
    QueryGenerator generator(store, 2024);
    std::size_t answered = 0;
    for (int i = 0; i < 300; ++i) {
        // cached twice: the second answer comes from the cache
        const Response expected = requireAgreement(baseline, {&uncached, &cached, &cached}, generator.next());
        REQUIRE(expected.status == 200);
        answered += json::parse(expected.body)["count"].get<std::size_t>() > 0 ? 1 : 0;
    }
    CHECK(answered > 110); // many comparisons were of real answers, not of two empty lists
}

TEST_CASE("both variants reject malformed requests with the same reason") {
    KnowledgeBaseline baseline(generateFacts(200, kSeed));
    KnowledgeOptimized optimized(generateFacts(200, kSeed), nullptr);
    for (const std::string request : {R"({"where":[["?a","knows"]]})", R"({"where":[]})", R"([1])",
                                      R"({"where)", R"({"where":[["?a","knows","?b"]],"select":["?c"]})"}) {
        CHECK(requireAgreement(baseline, {&optimized}, request).status == 400);
    }
}
