// Tests model/scenario/cache_setting.h and the scenario key that carries it (target.cache): accepted forms,
// the errors a user sees, and the round trip through a saved scenario.
#include "model/scenario/cache_setting.h"
#include "model/scenario/scenario.h"

#include <catch2/catch.hpp>

using namespace perflab;

namespace {

std::string scenarioWithTarget(const std::string& target) {
    return R"({"name":"t","kind":"load","target":)" + target +
           R"(,"workload":{"stages":[{"duration":"1s","target":1}]}})";
}

} // namespace

TEST_CASE("the cache setting reads lru, off and Redis URLs with or without a port") {
    CHECK(parseCacheSetting("").kind == CacheSetting::Kind::Lru);
    CHECK(parseCacheSetting("lru").kind == CacheSetting::Kind::Lru);
    CHECK(parseCacheSetting("off").kind == CacheSetting::Kind::Off);
    const CacheSetting redis = parseCacheSetting("redis://cache.local:6380");
    CHECK(redis.kind == CacheSetting::Kind::Redis);
    CHECK(redis.host == "cache.local");
    CHECK(redis.port == 6380);
    CHECK(parseCacheSetting("redis://127.0.0.1").port == 6379);
}

TEST_CASE("a malformed cache setting says what is wrong and what is accepted") {
    CHECK_THROWS_WITH(parseCacheSetting("redis://:6379"), Catch::Contains("host must be a host name"));
    CHECK_THROWS_WITH(parseCacheSetting("redis://h:0"),
                      Catch::Contains("port must be a number from 1 to 65535"));
    CHECK_THROWS_WITH(parseCacheSetting("redis://h:12ab"), Catch::Contains("port must be a number"));
    CHECK_THROWS_WITH(parseCacheSetting("redis://user:pw@h:1/0"), Catch::Contains("redis://host[:port]"));
    CHECK_THROWS_WITH(parseCacheSetting("LRU"), Catch::Contains("unknown result cache \"LRU\""));
}

TEST_CASE("a scenario's target.cache is validated, names its key path and survives a save") {
    const Scenario scenario =
        parseScenario(scenarioWithTarget(
                          R"({"engine":"knowledge","variant":"optimized","cache":"redis://127.0.0.1:7000"})"),
                      "s.json");
    REQUIRE(scenario.target.engine);
    CHECK(scenario.target.engine->cache == "redis://127.0.0.1:7000");
    CHECK(parseScenario(toJson(scenario), "saved").target.engine->cache == "redis://127.0.0.1:7000");
    try {
        parseScenario(
            scenarioWithTarget(R"({"engine":"knowledge","variant":"optimized","cache":"redis://h:70000"})"),
            "s.json");
        FAIL("a bad port was accepted");
    } catch (const ScenarioError& error) {
        CHECK(error.keyPath() == "target.cache");
        CHECK_THAT(error.what(), Catch::Contains("port must be a number"));
    }
    try {
        parseScenario(scenarioWithTarget(R"({"engine":"analytics","variant":"optimized","cache":"off"})"),
                      "s.json");
        FAIL("a cache setting was accepted for an engine without a cache");
    } catch (const ScenarioError& error) {
        CHECK(error.keyPath() == "target.cache");
    }
}
