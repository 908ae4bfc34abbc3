// Tests the knowledge result cache: LRU hits and evictions, what the optimized engine keys it by, the
// per-request bypass, and the settings that choose a cache.
#include "engines/knowledge/fact_generator.h"
#include "engines/knowledge/knowledge_optimized.h"
#include "engines/knowledge/lru_result_cache.h"

#include <catch2/catch.hpp>

#include <system_error>

using namespace perflab::engines;
using namespace perflab::engines::knowledge;

namespace {

// An LRU that counts what the engine asks of it.
class CountingCache final : public ResultCache {
public:
    std::string_view kind() const noexcept override { return "lru"; }
    std::optional<std::string> find(const std::string& key) override {
        std::optional<std::string> answer = m_lru.find(key);
        ++(answer ? hits : misses);
        return answer;
    }
    void store(const std::string& key, const std::string& answer) override {
        ++stores;
        m_lru.store(key, answer);
    }
    int hits = 0;
    int misses = 0;
    int stores = 0;

private:
    LruResultCache m_lru{8};
};

} // namespace

TEST_CASE("the LRU answers what it stored and evicts the least recently used entry when full") {
    LruResultCache cache(2);
    CHECK_FALSE(cache.find("a"));
    cache.store("a", "1");
    cache.store("b", "2");
    CHECK(cache.find("a") == "1"); // now b is the least recently used
    cache.store("c", "3");
    CHECK(cache.size() == 2);
    CHECK_FALSE(cache.find("b"));
    CHECK(cache.find("a") == "1");
    CHECK(cache.find("c") == "3");
    cache.store("a", "updated");
    CHECK(cache.find("a") == "updated");
    CHECK(cache.size() == 2);
    CHECK_THROWS_WITH(LruResultCache(0), Catch::Contains("at least 1 answer"));
}

TEST_CASE("a repeated query is answered from the cache even when written differently") {
    auto counting = std::make_unique<CountingCache>();
    CountingCache& cache = *counting;
    KnowledgeOptimized engine(generateFacts(5'000, 1), std::move(counting));
    const Response first = engine.execute(R"({"where":[["?p","livesIn","city:1"]],"limit":3})");
    CHECK(cache.misses == 1);
    CHECK(cache.stores == 1);
    const Response second = engine.execute(R"({ "limit": 3, "where": [ ["?p", "livesIn", "city:1"] ] })");
    CHECK(cache.hits == 1);
    CHECK(second.body == first.body);
    engine.execute(R"({"where":[["?p","livesIn","city:1"]],"limit":4})"); // another limit, another answer
    CHECK(cache.misses == 2);
}

TEST_CASE("\"cache\": false plans and runs the query without touching the cache") {
    auto counting = std::make_unique<CountingCache>();
    CountingCache& cache = *counting;
    KnowledgeOptimized engine(generateFacts(5'000, 1), std::move(counting));
    const std::string request = R"({"where":[["?p","livesIn","city:1"]],"cache":false})";
    CHECK(engine.execute(request).status == 200);
    CHECK(engine.execute(request).status == 200);
    CHECK(cache.hits + cache.misses + cache.stores == 0);
}

TEST_CASE("malformed requests are never cached") {
    auto counting = std::make_unique<CountingCache>();
    CountingCache& cache = *counting;
    KnowledgeOptimized engine(generateFacts(500, 1), std::move(counting));
    CHECK(engine.execute(R"({"where":[["?p"]]})").status == 400);
    CHECK(cache.stores == 0);
}

TEST_CASE("the cache setting chooses the LRU, none, or Redis, and a bad one is rejected") {
    CHECK(dynamic_cast<LruResultCache*>(makeResultCache("", nullptr).get()) != nullptr);
    CHECK(dynamic_cast<LruResultCache*>(makeResultCache("lru", nullptr).get()) != nullptr);
    CHECK(makeResultCache("off", nullptr) == nullptr);
    CHECK_THROWS_WITH(makeResultCache("memcached://h", nullptr), Catch::Contains("unknown result cache"));
    CHECK_THROWS_WITH(makeResultCache("redis://h:99999", nullptr), Catch::Contains("port must be a number"));
}

TEST_CASE("an unreachable Redis fails the engine's creation, naming the address") {
    const EngineOptions options{.facts = 100, .resultCache = "redis://127.0.0.1:1"};
    try {
        KnowledgeOptimized engine(options);
        FAIL("the engine started without its Redis");
    } catch (const std::system_error& error) {
        CHECK_THAT(error.what(), Catch::Contains("cannot use Redis at redis://127.0.0.1:1"));
        CHECK_THAT(error.what(), Catch::Contains("refused"));
    }
}
