// Tests the knowledge request mix: seeded and shared by both variants, every shape drawn, Zipf-skewed
// towards popular entities, answerable, and answered alike by both variants.
#include "engines/knowledge/fact_generator.h"
#include "engines/knowledge/knowledge_baseline.h"
#include "engines/knowledge/knowledge_optimized.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>

using namespace perflab::engines;
using namespace perflab::engines::knowledge;
using nlohmann::json;

namespace {

constexpr std::size_t kFacts = 60'000;
constexpr unsigned kSeed = 3;

const KnowledgeOptimized& optimized() {
    static const KnowledgeOptimized engine(generateFacts(kFacts, kSeed), nullptr);
    return engine;
}

std::vector<std::string> bodies(const RequestMix& mix) {
    std::vector<std::string> out;
    for (const RequestMix::Request& request : mix.requests) {
        out.push_back(request.body);
    }
    return out;
}

} // namespace

TEST_CASE("both variants draw the same mix for a seed, and another seed draws another") {
    const KnowledgeBaseline baseline(generateFacts(kFacts, kSeed));
    const RequestMix fromOptimized = optimized().requestMix(4096, 42);
    const RequestMix fromBaseline = baseline.requestMix(4096, 42);
    CHECK(fromOptimized.shapes == fromBaseline.shapes);
    CHECK(bodies(fromOptimized) == bodies(fromBaseline));
    CHECK(bodies(optimized().requestMix(4096, 42)) == bodies(fromOptimized));
    CHECK(bodies(optimized().requestMix(4096, 43)) != bodies(fromOptimized));
    CHECK(optimized().requestMix(10, 42).requests.size() == 10);
}

TEST_CASE("a draw of 4096 has every shape, each about as often, named and well formed") {
    const RequestMix mix = optimized().requestMix(4096, 42);
    REQUIRE(mix.shapes.size() >= 3);
    std::vector<std::size_t> perShape(mix.shapes.size());
    for (const RequestMix::Request& request : mix.requests) {
        REQUIRE(request.shape < mix.shapes.size());
        ++perShape[request.shape];
        CHECK_NOTHROW(parsePatternQuery(request.body));
    }
    for (std::size_t shape = 0; shape < mix.shapes.size(); ++shape) {
        INFO(mix.shapes[shape]);
        CHECK(perShape[shape] > 4096 / mix.shapes.size() / 2);
    }
}

TEST_CASE("the mix asks about popular products far more often than about rare ones") {
    std::map<std::string, int> asked;
    for (const RequestMix::Request& request : optimized().requestMix(4096, 42).requests) {
        const std::string term = json::parse(request.body)["where"][0][2].get<std::string>();
        if (term.starts_with("product:")) {
            ++asked[term];
        }
    }
    // Zipf with exponent 1: the best seller is asked about ten times as often as the tenth.
    CHECK(asked["product:0"] > 5 * asked["product:9"]);
    CHECK(asked.size() > 100); // and the long tail is asked about too
}

TEST_CASE("most requests of every shape have answers, and both variants give the same ones") {
    KnowledgeBaseline baseline(generateFacts(kFacts, kSeed));
    KnowledgeOptimized engine(generateFacts(kFacts, kSeed), nullptr);
    const RequestMix mix = engine.requestMix(300, 7);
    std::vector<int> asked(mix.shapes.size());
    std::vector<int> answered(mix.shapes.size());
    for (const RequestMix::Request& request : mix.requests) {
        INFO(request.body);
        const Response expected = baseline.execute(request.body);
        REQUIRE(expected.status == 200);
        REQUIRE(engine.execute(request.body).body == expected.body);
        ++asked[request.shape];
        answered[request.shape] += json::parse(expected.body)["count"].get<int>() > 0 ? 1 : 0;
    }
    for (std::size_t shape = 0; shape < mix.shapes.size(); ++shape) {
        INFO(mix.shapes[shape] << ": " << answered[shape] << " of " << asked[shape] << " answered");
        CHECK(answered[shape] >= asked[shape] * 6 / 10);
    }
}

TEST_CASE("a store that names no product cannot draw the mix, and says what it lacks") {
    FactStore store;
    store.add("person:0", "livesIn", "city:0");
    const KnowledgeBaseline baseline(std::move(store));
    CHECK_THROWS_WITH(baseline.requestMix(10, 1), Catch::Contains("names at least one product"));
}
