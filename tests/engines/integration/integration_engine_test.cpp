// Tests of the integration engine's two variants (engines/integration/): the same answers while the upstream
// is healthy, the calls each makes, and what each does when the upstream fails.
#include "engines/engine.h"
#include "engines/integration/enrichment.h"
#include "engines/integration/integration_optimized.h"
#include "engines/integration/upstream.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <random>
#include <thread>

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

// The optimized variant without its cache, so every request reaches the upstream (or its fallback).
std::unique_ptr<IntegrationOptimized> uncached(EngineRegistry& registry) {
    return std::make_unique<IntegrationOptimized>(
        registry.upstream(), EngineOptions{.events = &registry.events()}, ResiliencePolicy{.freshFor = 0ms});
}

double figure(const std::vector<EngineFigure>& figures, std::string_view name) {
    for (const EngineFigure& f : figures)
        if (f.name == name)
            return f.value;
    FAIL("no figure named " << name);
    return 0;
}

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

TEST_CASE("uncached, the optimized variant makes one call a request on a kept connection") {
    EngineRegistry registry;
    Upstream& upstream = registry.upstream();
    const auto optimized = uncached(registry);
    const std::string request = optimized->sampleRequest();
    for (int i = 0; i < 20; ++i)
        REQUIRE(optimized->execute(request).status == 200);
    CHECK(upstream.requestsAnswered() == 20); // a batch of kSampleItems each
    CHECK(upstream.connectionsAccepted() == 1);

    const auto before = upstream.connectionsAccepted();
    Engine& baseline = registry.get("integration", "baseline");
    for (int i = 0; i < 5; ++i)
        REQUIRE(baseline.execute(request).status == 200);
    CHECK(upstream.connectionsAccepted() - before == 5 * kSampleItems);
}

TEST_CASE("items fetched within the freshness bound come from the cache, as its figures say") {
    EngineRegistry registry;
    Upstream& upstream = registry.upstream();
    Engine& optimized = registry.get("integration", "optimized");
    CHECK(optimized.takeFigures().empty()); // nothing asked yet
    REQUIRE(optimized.execute(R"({"items":[1,2,3]})").status == 200);
    const Response again = optimized.execute(R"({"items":[3,2,4,1]})");
    REQUIRE(again.status == 200);
    CHECK(again.staleAgeMs == -1);           // fresh from the cache is not degraded
    CHECK(upstream.requestsAnswered() == 2); // [1,2,3], then [4]
    const auto figures = optimized.takeFigures();
    CHECK(figure(figures, "items asked for") == 7);
    CHECK(figure(figures, "item cache hit rate") == Approx(3.0 / 7));
    CHECK(figure(figures, "items fetched fresh from the upstream") == Approx(4.0 / 7));
    CHECK(figure(figures, "items served stale from the fallback") == 0);
    CHECK(figure(figures, "item cache freshness bound") == 1000);
    CHECK(optimized.takeFigures().empty()); // taking them starts them again
}

TEST_CASE(
    "in an outage the baseline fails while the optimized variant serves its last good answers as stale") {
    EngineRegistry registry;
    Events events(registry);
    Engine& baseline = registry.get("integration", "baseline");
    const auto uncachedOptimized = uncached(registry);
    Engine& optimized = *uncachedOptimized;
    const std::string request = optimized.sampleRequest();
    const Response healthy = optimized.execute(request);
    REQUIRE(healthy.status == 200);
    CHECK(json::parse(healthy.body)["stale"] == false);
    CHECK(healthy.staleAgeMs == -1);

    registry.upstream().faults().set({.outage = true});
    const Response failed = baseline.execute(request);
    CHECK(failed.status == 502);
    CHECK_THAT(failed.body, Catch::Contains("item "));
    for (int i = 0; i < 10; ++i) {
        const Response stale = optimized.execute(request);
        REQUIRE(stale.status == 200);
        const json body = json::parse(stale.body);
        CHECK(body["stale"] == true);
        CHECK(stale.staleAgeMs >= 0);
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
    const auto optimized = uncached(registry);
    const std::string request = optimized->sampleRequest();
    REQUIRE(optimized->execute(request).status == 200);
    registry.upstream().faults().set({.resetRate = 0.1});
    int baselineErrors = 0;
    int optimizedErrors = 0;
    for (int i = 0; i < 40; ++i) {
        baselineErrors += baseline.execute(request).status != 200 ? 1 : 0;
        optimizedErrors += optimized->execute(request).status != 200 ? 1 : 0;
    }
    CHECK(baselineErrors > 10); // 1 - 0.9^12: about 72 % of requests meet a reset
    CHECK(optimizedErrors == 0);
}

TEST_CASE("a call slower than its timeout is cut short and answered from the fallback") {
    EngineRegistry registry;
    const auto optimized = uncached(registry);
    const std::string request = optimized->sampleRequest();
    REQUIRE(optimized->execute(request).status == 200);
    registry.upstream().faults().set({.addedLatency = 2000ms});
    const auto start = std::chrono::steady_clock::now();
    const Response slow = optimized->execute(request);
    CHECK(std::chrono::steady_clock::now() - start < 1s);
    CHECK(slow.status == 200);
    CHECK(json::parse(slow.body)["stale"] == true);
}

TEST_CASE("an answer mixing fresh and fallback items is as stale as its fallback item") {
    EngineRegistry registry;
    IntegrationOptimized optimized(registry.upstream(), {}, {.freshFor = 200ms});
    REQUIRE(optimized.execute(R"({"items":[1]})").status == 200);
    std::this_thread::sleep_for(250ms); // item 1 is no longer fresh
    REQUIRE(optimized.execute(R"({"items":[2]})").status == 200);
    registry.upstream().faults().set({.outage = true});
    const Response mixed = optimized.execute(R"({"items":[2,1]})"); // 2 from the cache, 1 from the fallback
    REQUIRE(mixed.status == 200);
    CHECK(mixed.staleAgeMs >= 250);
    CHECK(mixed.staleAgeMs < 2000);
    const auto figures = optimized.takeFigures();
    CHECK(figure(figures, "item cache hit rate") == Approx(1.0 / 4));
    CHECK(figure(figures, "items served stale from the fallback") == Approx(1.0 / 4));
}
