// Tests the analytics engine on a hand-made table (answers worked out by hand), its error messages,
// the engine factory and the registry.
#include "engines/analytics/analytics_baseline.h"
#include "engines/analytics/analytics_optimized.h"
#include "engines/analytics/analytics_plan_cache.h"
#include "engines/engine.h"
#include "tests/engines/refused_request.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>

using namespace perflab::engines;
using namespace perflab::engines::analytics;
using nlohmann::json;
using perflab::engines::test::errorOf;

namespace {

// region, product, channel, quantity, price, discount
std::vector<SalesRow> handTable() {
    return {{1, 10, 0, 2, 10.0, 0.1},
            {1, 11, 1, 6, 20.0, 0.0},
            {2, 10, 0, 10, 5.0, 0.25},
            {2, 12, 2, 8, 40.0, 0.1},
            {3, 13, 3, 1, 100.0, 0.3}};
}

std::vector<std::unique_ptr<Engine>> bothVariants(const std::vector<SalesRow>& rows) {
    std::vector<std::unique_ptr<Engine>> engines;
    engines.push_back(std::make_unique<AnalyticsBaseline>(rows));
    engines.push_back(std::make_unique<AnalyticsOptimized>(rows));
    return engines;
}

} // namespace

TEST_CASE("grouped aggregates over a filtered hand-made table match the hand-computed answer") {
    const std::string request =
        R"j({"group_by":"region","aggregates":["sum(price*quantity)","mean(price)","min(price)","max(price)",)j"
        R"j("count()","p50(price)"],"filter":"quantity > 1"})j";
    const std::string expected =
        R"j({"groups":[{"key":1,"sum(price*quantity)":140.0,"mean(price)":15.0,"min(price)":10.0,"max(price)":20.0,)j"
        R"j("count()":2,"p50(price)":10.0},{"key":2,"sum(price*quantity)":370.0,"mean(price)":22.5,)j"
        R"j("min(price)":5.0,"max(price)":40.0,"count()":2,"p50(price)":5.0}],"rows_scanned":5,"rows_matched":4})j";
    for (const auto& engine : bothVariants(handTable())) {
        INFO(engine->variant());
        const Response response = engine->execute(request);
        CHECK(response.status == 200);
        CHECK(response.body == expected);
    }
}

TEST_CASE("or, and and parentheses select the rows a person would pick") {
    const std::string request =
        R"j({"aggregates":["count()","sum(price)","p95(price)","mean(price - 2 * discount)"],)j"
        R"j("filter":"(region == 3 or discount == 0) and price >= 20"})j";
    for (const auto& engine : bothVariants(handTable())) {
        INFO(engine->variant());
        const json body = json::parse(engine->execute(request).body);
        REQUIRE(body["groups"].size() == 1);
        const json& group = body["groups"][0];
        CHECK_FALSE(group.contains("key"));
        CHECK(group["count()"] == 2);
        CHECK(group["sum(price)"] == 120.0);
        CHECK(group["p95(price)"] == 100.0); // nearest rank: ceil(0.95 * 2) = 2nd of {20, 100}
        CHECK(group["mean(price - 2 * discount)"].get<double>() == Approx((20.0 + 100.0 - 0.6) / 2));
        CHECK(body["rows_matched"] == 2);
    }
}

TEST_CASE("a filter matching nothing gives one empty group without group_by and no groups with it") {
    for (const auto& engine : bothVariants(handTable())) {
        INFO(engine->variant());
        const json single = json::parse(
            engine
                ->execute(
                    R"j({"aggregates":["count()","sum(price)","mean(price)"],"filter":"price > 1000"})j")
                .body);
        CHECK(single["groups"] == json::parse(R"j([{"count()":0,"sum(price)":0.0,"mean(price)":null}])j"));
        CHECK(single["rows_matched"] == 0);
        const json grouped = json::parse(
            engine->execute(R"j({"group_by":"channel","aggregates":["count()"],"filter":"price > 1000"})j")
                .body);
        CHECK(grouped["groups"].empty());
        CHECK(grouped["rows_scanned"] == 5);
    }
}

TEST_CASE("an empty table answers percentiles with no groups when grouped and null otherwise") {
    for (const auto& engine : bothVariants({})) {
        INFO(engine->variant());
        const json grouped = json::parse(
            engine->execute(R"j({"group_by":"region","aggregates":["p50(price)","max(price)"]})j").body);
        CHECK(grouped["groups"].empty());
        const json single = json::parse(engine->execute(R"j({"aggregates":["p50(price)","count()"]})j").body);
        CHECK(single["groups"] == json::parse(R"j([{"p50(price)":null,"count()":0}])j"));
    }
}

TEST_CASE("percentiles are exact nearest-rank values per group") {
    std::vector<SalesRow> rows;
    for (int i = 1; i <= 100; ++i) {
        rows.push_back({i % 2, 0, 0, 1, static_cast<double>(101 - i), 0});
    }
    for (const auto& engine : bothVariants(rows)) {
        INFO(engine->variant());
        const json body = json::parse(
            engine->execute(R"j({"aggregates":["p50(price)","p95(price)","p99(price)","p100(price)"]})j")
                .body);
        CHECK(body["groups"][0] == json::parse(R"j({"p50(price)":50.0,"p95(price)":95.0,"p99(price)":99.0,)j"
                                               R"j("p100(price)":100.0})j"));
        const json grouped = json::parse(
            engine->execute(R"j({"group_by":"region","aggregates":["p50(price)","count()"]})j").body);
        CHECK(grouped["groups"] == json::parse(R"j([{"key":0,"p50(price)":49.0,"count()":50},)j"
                                               R"j({"key":1,"p50(price)":50.0,"count()":50}])j"));
    }
}

TEST_CASE("bad requests answer 400 with a message naming the problem") {
    for (const auto& engine : bothVariants(handTable())) {
        INFO(engine->variant());
        CHECK_THAT(errorOf(*engine, R"j({"aggregates":["count()"],"filter":"qty > 5"})j"),
                   Catch::Contains("unknown column \"qty\" in filter at position 1"));
        CHECK_THAT(errorOf(*engine, R"j({"aggregates":["count()"],"filter":"quantity > > 5"})j"),
                   Catch::Contains("syntax error in filter at position 12"));
        CHECK_THAT(errorOf(*engine, R"j({"aggregates":["sum(price *)"]})j"),
                   Catch::Contains("syntax error in aggregate \"sum(price *)\" at position 12"));
        CHECK_THAT(errorOf(*engine, R"j({"aggregates":["sum(cost)"]})j"),
                   Catch::Contains("unknown column \"cost\""));
        CHECK_THAT(errorOf(*engine, R"j({"aggregates":["median(price)"]})j"),
                   Catch::Contains("unknown function \"median\""));
        CHECK_THAT(errorOf(*engine, R"j({"aggregates":["count()"],"filter":"price + 1"})j"),
                   Catch::Contains("expected a comparison"));
        CHECK_THAT(errorOf(*engine, R"j({"aggregates":["sum(price > 1)"]})j"),
                   Catch::Contains("expected an arithmetic expression"));
        CHECK_THAT(errorOf(*engine, R"j({"group_by":"price","aggregates":["count()"]})j"),
                   Catch::Contains("not an integer column"));
        CHECK_THAT(errorOf(*engine, R"j({"aggregates":["count()"],"fitler":"price > 1"})j"),
                   Catch::Contains("unknown key \"fitler\""));
        CHECK_THAT(errorOf(*engine, R"j({"aggregates":[]})j"),
                   Catch::Contains("\"aggregates\" must be a non-empty"));
        CHECK_THAT(errorOf(*engine, R"j({"aggregates":["count()","count()"]})j"),
                   Catch::Contains("listed twice"));
        CHECK_THAT(errorOf(*engine, "{not json"), Catch::Contains("not valid JSON"));
    }
}

TEST_CASE("division by zero gives infinities and NaN that render as null, identically in both variants") {
    const std::string request = R"j({"group_by":"region","aggregates":["sum(price / (quantity - 2))",)j"
                                R"j("min(0 / (quantity - 2))","p50(price / (quantity - 2))"]})j";
    const auto engines = bothVariants(handTable());
    const Response baseline = engines[0]->execute(request);
    CHECK(baseline.status == 200);
    CHECK(json::parse(baseline.body)["groups"][0]["sum(price / (quantity - 2))"].is_null());
    CHECK(engines[1]->execute(request).body == baseline.body);
}

TEST_CASE("the sample request runs on a generated table in both variants") {
    const EngineOptions options{.rows = 5'000, .seed = 7};
    const auto baseline = makeEngine("analytics", "baseline", options);
    const auto optimized = makeEngine("analytics", "optimized", options);
    const Response response = baseline->execute(baseline->sampleRequest());
    REQUIRE(response.status == 200);
    const json body = json::parse(response.body);
    CHECK(body["rows_scanned"] == 5'000);
    CHECK(body["groups"].size() == 16);
    CHECK(optimized->execute(optimized->sampleRequest()).body == response.body);
}

TEST_CASE("generated tables are deterministic for a seed and stay within the documented ranges") {
    const auto rows = generateRows(20'000, 3);
    const auto prices = [](const std::vector<SalesRow>& table) {
        std::vector<double> result;
        for (const SalesRow& row : table) {
            result.push_back(row.price);
        }
        return result;
    };
    CHECK(prices(generateRows(20'000, 3)) == prices(rows));
    CHECK(prices(generateRows(20'000, 4)) != prices(rows));
    for (const SalesRow& row : rows) {
        REQUIRE((row.region >= 0 && row.region <= 15 && row.product >= 0 && row.product <= 999));
        REQUIRE((row.channel >= 0 && row.channel <= 3 && row.quantity >= 1 && row.quantity <= 20));
        REQUIRE((row.price > 0 && row.discount >= 0 && row.discount <= 0.3));
    }
    const ColumnarTable columns = ColumnarTable::generate(20'000, 3);
    CHECK(columns.price == prices(rows));
    CHECK(columns.range(Column::Region) == std::pair<std::int32_t, std::int32_t>{0, 15});
}

TEST_CASE("makeEngine names the engines and variants that exist when asked for another") {
    CHECK(engineNames() == std::vector<std::string>{"analytics", "knowledge", "orchestrator", "integration"});
    CHECK(variantNames() == std::vector<std::string>{"baseline", "optimized"});
    CHECK_THROWS_WITH(
        makeEngine("warehouse", "baseline"),
        "unknown engine \"warehouse\" (available: analytics, knowledge, orchestrator, integration)");
    CHECK_THROWS_WITH(makeEngine("analytics", "fast"),
                      Catch::Contains("unknown variant \"fast\"") && Catch::Contains("baseline, optimized"));
}

TEST_CASE("the registry creates each engine once and hands out the same instance") {
    EngineRegistry registry(EngineOptions{.rows = 1'000, .seed = 1});
    Engine& first = registry.get("analytics", "optimized");
    CHECK(&registry.get("analytics", "optimized") == &first);
    CHECK(&registry.get("analytics", "baseline") != &first);
    CHECK(first.variant() == "optimized");
    CHECK_THROWS_AS(registry.get("orchestrator", "turbo"), std::invalid_argument);
}

TEST_CASE("the plan cache keeps the most recently used plans up to its capacity") {
    PlanCache cache(2);
    const auto plan = [](const char* request) {
        return std::make_shared<const CompiledQuery>(parseQuery(request));
    };
    const std::string a = R"j({"aggregates":["count()"]})j";
    const std::string b = R"j({"aggregates":["sum(price)"]})j";
    const std::string c = R"j({"aggregates":["max(price)"]})j";
    const auto cachedA = cache.insert(a, plan(a.c_str()));
    cache.insert(b, plan(b.c_str()));
    CHECK(cache.find(a) == cachedA);  // a is now the most recent
    cache.insert(c, plan(c.c_str())); // evicts b
    CHECK(cache.find(b) == nullptr);
    CHECK(cache.find(a) == cachedA);
    CHECK(cache.find(c) != nullptr);
    CHECK(cache.insert(a, plan(a.c_str())) == cachedA);
    CHECK(cache.size() == 2);
}

TEST_CASE("the optimized variant compiles a repeated request once") {
    AnalyticsOptimized engine(handTable());
    const std::string request = R"j({"aggregates":["count()"],"filter":"price > 10"})j";
    engine.execute(request);
    engine.execute(request);
    CHECK(engine.cachedPlans() == 1);
    engine.execute(R"j({"aggregates":["count()"],"filter":"price > 11"})j");
    CHECK(engine.cachedPlans() == 2);
    engine.execute(R"j({"aggregates":["count("]})j"); // a bad request is not cached
    CHECK(engine.cachedPlans() == 2);
}
