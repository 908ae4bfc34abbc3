// Tests of the integration engine's two variants (engines/integration/): the same answers while the upstream
// is healthy, connection reuse, and what each does when the upstream fails.
#include "engines/engine.h"
#include "engines/integration/enrichment.h"
#include "engines/integration/upstream.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <random>

using namespace perflab::engines;
using namespace perflab::engines::integration;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

std::string requestFor(const std::vector<std::uint32_t>& ids) {
    return json{{"items", ids}}.dump();
}

struct Events {
    std::vector<std::string> breaker;
    explicit Events(EngineRegistry& registry) {
        registry.events().setSink([this](perflab::EventKind kind, std::string_view message) {
            if (kind == perflab::EventKind::Breaker)
                breaker.emplace_back(message);
        });
    }
};

} // namespace

TEST_CASE("both variants answer many random requests alike and as the catalogue says") {
    EngineRegistry registry({.seed = 5});
    Engine& baseline = registry.get("integration", "baseline");
    Engine& optimized = registry.get("integration", "optimized");
    std::mt19937 rng(99);
    for (int i = 0; i < 60; ++i) {
        std::vector<std::uint32_t> ids(std::uniform_int_distribution<std::size_t>(1, 16)(rng));
        for (auto& id : ids)
            id = std::uniform_int_distribution<std::uint32_t>(0, 50)(rng); // repeats included
        std::vector<EnrichedItem> expected;
        for (const auto id : ids)
            expected.push_back({.item = catalogItem(id, 5)});
        const Response a = baseline.execute(requestFor(ids));
        const Response b = optimized.execute(requestFor(ids));
        INFO(requestFor(ids));
        REQUIRE(a.status == 200);
        REQUIRE(b.status == 200);
        CHECK(a.body == b.body);
        CHECK(b.body == answerJson(expected));
    }
    CHECK(json::parse(optimized.execute(optimized.sampleRequest()).body)["items"].size() == kSampleItems);
}

TEST_CASE("a request that is not a list of item ids is a 400 saying what is wrong") {
    EngineRegistry registry;
    for (const char* variant : {"baseline", "optimized"}) {
        Engine& engine = registry.get("integration", variant);
        CHECK(engine.execute("{").status == 400);
        const Response negative = engine.execute(R"({"items":[1,-2]})");
        CHECK(negative.status == 400);
        CHECK_THAT(negative.body, Catch::Contains("items[1]"));
        CHECK(engine.execute(R"({"items":[]})").status == 400);
    }
}

TEST_CASE("the optimized variant reuses its connections while the baseline opens one per call") {
    EngineRegistry registry;
    Upstream& upstream = registry.upstream();
    Engine& optimized = registry.get("integration", "optimized");
    const std::string request = optimized.sampleRequest();
    for (int i = 0; i < 20; ++i)
        REQUIRE(optimized.execute(request).status == 200);
    CHECK(upstream.requestsAnswered() == 20 * kSampleItems);
    CHECK(upstream.connectionsAccepted() <= kSampleItems); // one per concurrent call, kept alive

    const auto before = upstream.connectionsAccepted();
    Engine& baseline = registry.get("integration", "baseline");
    for (int i = 0; i < 5; ++i)
        REQUIRE(baseline.execute(request).status == 200);
    CHECK(upstream.connectionsAccepted() - before == 5 * kSampleItems);
}

TEST_CASE(
    "in an outage the baseline fails while the optimized variant serves its last good answers as stale") {
    EngineRegistry registry;
    Events events(registry);
    Engine& baseline = registry.get("integration", "baseline");
    Engine& optimized = registry.get("integration", "optimized");
    const std::string request = optimized.sampleRequest();
    const Response healthy = optimized.execute(request);
    REQUIRE(healthy.status == 200);
    CHECK(json::parse(healthy.body)["stale"] == false);

    registry.upstream().faults().set({.outage = true});
    const Response failed = baseline.execute(request);
    CHECK(failed.status == 502);
    CHECK_THAT(failed.body, Catch::Contains("item "));
    for (int i = 0; i < 10; ++i) {
        const Response stale = optimized.execute(request);
        REQUIRE(stale.status == 200);
        const json body = json::parse(stale.body);
        CHECK(body["stale"] == true);
        CHECK(body["total_price_cents"] == json::parse(healthy.body)["total_price_cents"]);
    }
    const Response unknown = optimized.execute(R"({"items":[123456]})");
    CHECK(unknown.status == 503);
    CHECK_THAT(unknown.body, Catch::Contains("no earlier answer to fall back on"));
    REQUIRE_FALSE(events.breaker.empty());
    CHECK_THAT(events.breaker.front(), Catch::Contains("closed -> open"));

    registry.upstream().faults().set({});
    const auto recovered = std::chrono::steady_clock::now() + 3s;
    while (json::parse(optimized.execute(request).body)["stale"] == true)
        REQUIRE(std::chrono::steady_clock::now() < recovered); // after the breaker's cool-down
    CHECK_THAT(events.breaker.back(), Catch::Contains("half-open -> closed"));
}

TEST_CASE("retries hide resets from the optimized variant, which the baseline passes on as errors") {
    EngineRegistry registry;
    Engine& baseline = registry.get("integration", "baseline");
    Engine& optimized = registry.get("integration", "optimized");
    const std::string request = optimized.sampleRequest();
    REQUIRE(optimized.execute(request).status == 200);
    registry.upstream().faults().set({.resetRate = 0.1});
    int baselineErrors = 0;
    int optimizedErrors = 0;
    for (int i = 0; i < 40; ++i) {
        baselineErrors += baseline.execute(request).status != 200 ? 1 : 0;
        optimizedErrors += optimized.execute(request).status != 200 ? 1 : 0;
    }
    CHECK(baselineErrors > 10); // 1 - 0.9^12: about 72 % of requests meet a reset
    CHECK(optimizedErrors == 0);
}

TEST_CASE("a call slower than its timeout is cut short and answered from the fallback") {
    EngineRegistry registry;
    Engine& optimized = registry.get("integration", "optimized");
    const std::string request = optimized.sampleRequest();
    REQUIRE(optimized.execute(request).status == 200);
    registry.upstream().faults().set({.addedLatency = 2000ms});
    const auto start = std::chrono::steady_clock::now();
    const Response slow = optimized.execute(request);
    CHECK(std::chrono::steady_clock::now() - start < 1s);
    CHECK(slow.status == 200);
    CHECK(json::parse(slow.body)["stale"] == true);
}
