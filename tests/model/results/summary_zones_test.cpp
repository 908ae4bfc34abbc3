// The summary's zones section: per engine, its zones' count, inclusive and self time, read back unchanged.
#include "model/results/summary.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace perflab;

TEST_CASE("the summary JSON carries each engine's zones and reads them back, runs without zones have none") {
    Summary summary;
    summary.name = "zones";
    CHECK_FALSE(nlohmann::json::parse(toJson(summary)).contains("zones"));

    summary.zones = {
        {.engine = "analytics.optimized",
         .zones = {{.name = "analytics.optimized", .count = 40, .inclusiveMs = 480.5, .selfMs = 2.5},
                   {.name = "analytics.scan", .count = 40, .inclusiveMs = 400, .selfMs = 400}}}};
    const std::string text = toJson(summary);
    const nlohmann::json json = nlohmann::json::parse(text);
    const nlohmann::json& scan = json.at("zones").at("analytics.optimized").at(1);
    CHECK(scan ==
          nlohmann::json{
              {"name", "analytics.scan"}, {"count", 40}, {"inclusive_ms", 400.0}, {"self_ms", 400.0}});

    const Summary back = summaryFromJson(text);
    REQUIRE(back.zones.size() == 1);
    CHECK(back.zones[0].engine == "analytics.optimized");
    REQUIRE(back.zones[0].zones.size() == 2);
    CHECK(back.zones[0].zones[0].selfMs == 2.5);
    CHECK(toJson(back) == text);

    nlohmann::json broken = json;
    broken["zones"]["analytics.optimized"][0].erase("count");
    CHECK_THROWS_AS(summaryFromJson(broken.dump()), std::invalid_argument);
}
