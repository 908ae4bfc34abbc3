// Tests the knowledge engine on a hand-made store (answers worked out by hand), its error messages,
// the generated store and the engine factory.
#include "engines/engine.h"
#include "engines/knowledge/fact_generator.h"
#include "engines/knowledge/knowledge_baseline.h"
#include "engines/knowledge/knowledge_optimized.h"
#include "engines/knowledge/lru_result_cache.h"
#include "tests/engines/refused_request.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace perflab::engines;
using namespace perflab::engines::knowledge;
using nlohmann::json;
using perflab::engines::test::errorOf;

namespace {

FactStore handStore() {
    FactStore store;
    for (const auto& [s, p, o] : std::vector<std::array<const char*, 3>>{{"ann", "type", "Person"},
                                                                         {"bob", "type", "Person"},
                                                                         {"cid", "type", "Person"},
                                                                         {"ann", "worksAt", "acme"},
                                                                         {"bob", "worksAt", "acme"},
                                                                         {"cid", "worksAt", "globex"},
                                                                         {"acme", "locatedIn", "oslo"},
                                                                         {"globex", "locatedIn", "rome"},
                                                                         {"ann", "knows", "bob"},
                                                                         {"bob", "knows", "ann"},
                                                                         {"cid", "knows", "cid"},
                                                                         {"ann", "livesIn", "oslo"}}) {
        store.add(s, p, o);
    }
    return store;
}

std::vector<std::unique_ptr<Engine>> bothVariants() {
    std::vector<std::unique_ptr<Engine>> engines;
    engines.push_back(std::make_unique<KnowledgeBaseline>(handStore()));
    engines.push_back(std::make_unique<KnowledgeOptimized>(handStore(), std::make_unique<LruResultCache>()));
    return engines;
}

} // namespace

TEST_CASE("a join across employer and city answers who works in which city, sorted by name") {
    const std::string request =
        R"({"where":[["?p","worksAt","?c"],["?c","locatedIn","?city"],["?p","type","Person"]],"select":["?p","?city"]})";
    const std::string expected =
        R"({"columns":["?p","?city"],"rows":[["ann","oslo"],["bob","oslo"],["cid","rome"]],"count":3})";
    for (const auto& engine : bothVariants()) {
        INFO(engine->variant());
        const Response response = engine->execute(request);
        CHECK(response.status == 200);
        CHECK(response.body == expected);
    }
}

TEST_CASE("selected rows are distinct, the count is of all of them and the limit cuts the list") {
    // Two people work at acme: the city column alone has one distinct row per company.
    const std::string cities =
        R"({"where":[["?p","worksAt","?c"],["?c","locatedIn","?city"]],"select":["?city"]})";
    const std::string limited = R"({"where":[["?p","type","Person"]],"limit":2})";
    for (const auto& engine : bothVariants()) {
        INFO(engine->variant());
        CHECK(engine->execute(cities).body ==
              R"({"columns":["?city"],"rows":[["oslo"],["rome"]],"count":2})");
        CHECK(engine->execute(limited).body == R"({"columns":["?p"],"rows":[["ann"],["bob"]],"count":3})");
    }
}

TEST_CASE("a variable used twice in one pattern matches only facts with the same term there") {
    const std::string selfAware = R"({"where":[["?x","knows","?x"]]})";
    const std::string mutual = R"({"where":[["?x","knows","?y"],["?y","knows","?x"]],"select":["?x"]})";
    for (const auto& engine : bothVariants()) {
        INFO(engine->variant());
        CHECK(engine->execute(selfAware).body == R"({"columns":["?x"],"rows":[["cid"]],"count":1})");
        CHECK(engine->execute(mutual).body ==
              R"({"columns":["?x"],"rows":[["ann"],["bob"],["cid"]],"count":3})");
    }
}

TEST_CASE("a constant no fact uses gives an empty answer, not an error") {
    for (const auto& engine : bothVariants()) {
        INFO(engine->variant());
        const Response response = engine->execute(R"({"where":[["?p","worksAt","initech"]]})");
        CHECK(response.status == 200);
        CHECK(response.body == R"({"columns":["?p"],"rows":[],"count":0})");
    }
}

TEST_CASE("malformed requests get status 400 with the reason") {
    for (const auto& engine : bothVariants()) {
        INFO(engine->variant());
        CHECK_THAT(errorOf(*engine, "{"), Catch::Contains("not valid JSON"));
        CHECK_THAT(errorOf(*engine, R"({"where":[["?p","type","Person"]],"order":1})"),
                   Catch::Contains("unknown key \"order\""));
        CHECK_THAT(errorOf(*engine, R"({"select":["?p"]})"), Catch::Contains("\"where\" must be a list"));
        CHECK_THAT(errorOf(*engine, R"({"where":[["?p","type"]]})"),
                   Catch::Contains("where[0] must be a [subject"));
        CHECK_THAT(errorOf(*engine, R"({"where":[["?p","type",7]]})"), Catch::Contains("where[0] object"));
        CHECK_THAT(errorOf(*engine, R"({"where":[["?","type","Person"]]})"),
                   Catch::Contains("not a variable name"));
        CHECK_THAT(errorOf(*engine, R"({"where":[["ann","type","Person"]]})"),
                   Catch::Contains("at least one variable"));
        CHECK_THAT(errorOf(*engine, R"({"where":[["?p","type","Person"]],"select":["?q"]})"),
                   Catch::Contains("\"?q\", which is not a variable"));
        CHECK_THAT(errorOf(*engine, R"({"where":[["?p","type","Person"]],"limit":0})"),
                   Catch::Contains("\"limit\" must be a whole number from 1 to 10000"));
        CHECK_THAT(errorOf(*engine, R"({"where":[["?p","type","Person"]],"cache":"no"})"),
                   Catch::Contains("\"cache\" must be true or false"));
    }
}

TEST_CASE("a query too broad to hold in memory gets status 400 saying so, and is not cached") {
    KnowledgeOptimized engine(generateFacts(1'500, 1), std::make_unique<LruResultCache>());
    const std::string everyPair = R"({"where":[["?a","?b","?c"],["?d","?e","?f"]]})"; // 1,500 x 1,500 rows
    CHECK_THAT(errorOf(engine, everyPair), Catch::Contains("too broad: more than 2000000 partial answers"));
    CHECK(dynamic_cast<LruResultCache*>(engine.cache())->size() == 0);
}

TEST_CASE("the generated store has the requested size, depends only on the seed and is skewed") {
    const FactStore a = generateFacts(20'000, 3);
    CHECK(a.facts().size() == 20'000);
    CHECK(a.fingerprint() == generateFacts(20'000, 3).fingerprint());
    CHECK(a.fingerprint() != generateFacts(20'000, 4).fingerprint());
    KnowledgeOptimized engine(generateFacts(20'000, 3), nullptr);
    const auto residents = [&](const std::string& city) {
        const std::string request = R"({"where":[["?p","livesIn",")" + city + R"("]],"limit":1})";
        return json::parse(engine.execute(request).body)["count"].get<int>();
    };
    CHECK(residents("city:0") > 4 * residents("city:4")); // Zipf: the largest city dwarfs the fifth
}

TEST_CASE("the factory makes both knowledge variants, which agree on their sample request") {
    const EngineOptions options{.facts = 30'000, .seed = 5};
    const std::string sample = makeEngine("knowledge", "baseline", options)->sampleRequest();
    std::string answers[2];
    for (int i = 0; i < 2; ++i) {
        const auto engine = makeEngine("knowledge", i == 0 ? "baseline" : "optimized", options);
        CHECK(engine->name() == "knowledge");
        const Response response = engine->execute(sample);
        CHECK(response.status == 200);
        answers[i] = response.body;
    }
    CHECK(answers[0] == answers[1]);
    CHECK_THROWS_WITH(makeEngine("knowledge", "fast", options), Catch::Contains("unknown variant \"fast\""));
}
