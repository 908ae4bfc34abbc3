// Tests the optimized knowledge variant's planner on a skewed generated store: it starts from the most
// selective pattern whatever the written order, weighs whole join orders, picks the index whose leading keys
// are known, and hash joins when the partial answers outnumber a pattern's facts.
#include "engines/knowledge/fact_generator.h"
#include "engines/knowledge/knowledge_baseline.h"
#include "engines/knowledge/knowledge_optimized.h"

#include <catch2/catch.hpp>

using namespace perflab::engines;
using namespace perflab::engines::knowledge;

namespace {

constexpr std::size_t kFacts = 50'000;
constexpr unsigned kSeed = 11;

const KnowledgeOptimized& engine() {
    static const KnowledgeOptimized optimized(generateFacts(kFacts, kSeed), nullptr);
    return optimized;
}

std::vector<std::size_t> orderOf(const QueryPlan& plan) {
    std::vector<std::size_t> order;
    for (const PlanStep& step : plan.steps) {
        order.push_back(step.pattern);
    }
    return order;
}

} // namespace

TEST_CASE("the planner starts from a rare product's buyers, not from the largest city's residents") {
    // Written in the worst order: the largest city first, then a product bought by about 70 people.
    const std::string request = R"({"where":[["?p","livesIn","city:0"],["?p","bought","product:40"]]})";
    const QueryPlan plan = engine().plan(request);
    INFO(plan.describe());
    REQUIRE(orderOf(plan) == std::vector<std::size_t>{1, 0});
    CHECK(plan.steps[0].method == JoinMethod::IndexLookup);
    CHECK(plan.steps[0].index.order == Order::POS); // predicate and object known
    CHECK(plan.steps[0].index.prefixLength == 2);
    CHECK(plan.steps[0].estimatedRows < 200);
    CHECK(plan.steps[1].method == JoinMethod::IndexLookup); // a few lookups beat hashing a whole city
    CHECK(plan.steps[1].index.order == Order::SPO);
    CHECK(plan.steps[1].index.prefixLength == 3);
}

TEST_CASE("the planner hash joins the largest city's residents once thousands of partial answers wait") {
    const std::string request =
        R"({"where":[["?p","livesIn","city:0"],["?p","worksAt","?c"],["?c","locatedIn","city:0"]]})";
    const QueryPlan plan = engine().plan(request);
    INFO(plan.describe());
    REQUIRE(orderOf(plan) == std::vector<std::size_t>{2, 1, 0});
    CHECK(plan.steps[1].method == JoinMethod::IndexLookup);
    CHECK(plan.steps[1].index.order == Order::POS); // employees by employer: object and predicate known
    CHECK(plan.steps[2].method == JoinMethod::HashJoin);
    CHECK(plan.steps[2].estimatedRows > 100);
    CHECK(plan.describe().find("where[0] hash join POS(2)") != std::string::npos);
}

TEST_CASE("the planner weighs whole orders: a best seller's buyers first, not every company's city") {
    // Greedy, the smallest first step is every company's city (a few hundred facts), which then makes a
    // partial answer per employee of every company; starting from the buyers makes far fewer.
    const std::string request =
        R"({"where":[["?p","bought","product:0"],["?p","worksAt","?c"],["?c","locatedIn","?city"]]})";
    const QueryPlan plan = engine().plan(request);
    INFO(plan.describe());
    CHECK(orderOf(plan) == std::vector<std::size_t>{0, 1, 2});
}

TEST_CASE("the planned order and hash join give the same answer as the written order") {
    constexpr std::size_t kSmaller = 15'000;
    KnowledgeBaseline baseline(generateFacts(kSmaller, kSeed));
    KnowledgeOptimized optimized(generateFacts(kSmaller, kSeed), nullptr);
    for (
        const std::string request :
        {R"({"where":[["?p","livesIn","city:0"],["?p","worksAt","?c"],["?c","locatedIn","city:0"]],"limit":5})",
         R"({"where":[["?p","livesIn","city:0"],["?p","bought","product:40"]]})",
         R"({"where":[["?a","bought","product:90"],["?b","bought","product:91"]],"limit":3})"}) {
        INFO(request << "\n" << optimized.plan(request).describe());
        const Response expected = baseline.execute(request);
        CHECK(expected.status == 200);
        CHECK(optimized.execute(request).body == expected.body);
    }
    const std::string hashed = optimized
                                   .plan(R"({"where":[["?p","livesIn","city:0"],["?p","worksAt","?c"],)"
                                         R"(["?c","locatedIn","city:0"]]})")
                                   .describe();
    CHECK(hashed.find("hash join") != std::string::npos); // the first request above did exercise a hash join
}

TEST_CASE("a malformed request has no plan") {
    CHECK_THROWS_AS(engine().plan(R"({"where":"all"})"), RequestError);
}
