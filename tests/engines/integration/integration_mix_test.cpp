// Tests of the integration engine's request mix (engines/integration/item_mix.h): its fan-out bands, the
// ids it draws from the whole catalogue, and the same requests for both variants.
#include "engines/engine.h"
#include "engines/integration/item_mix.h"
#include "engines/integration/upstream.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <set>

using namespace perflab::engines;
using namespace perflab::engines::integration;

TEST_CASE("both integration variants draw the same mix for a seed, and another seed draws another") {
    EngineRegistry registry;
    const RequestMix baseline = registry.get("integration", "baseline").requestMix(500, 9);
    const RequestMix optimized = registry.get("integration", "optimized").requestMix(500, 9);
    REQUIRE(baseline.requests.size() == 500);
    CHECK(baseline.shapes == optimized.shapes);
    std::size_t same = 0;
    for (std::size_t i = 0; i < 500; ++i) {
        CHECK(baseline.requests[i].shape == optimized.requests[i].shape);
        CHECK(baseline.requests[i].body == optimized.requests[i].body);
    }
    const RequestMix other = itemRequestMix(500, 10);
    for (std::size_t i = 0; i < 500; ++i)
        same += other.requests[i].body == baseline.requests[i].body ? 1 : 0;
    CHECK(same < 50);
}

TEST_CASE("the integration mix is mostly small fan-outs, some up to 64, each its band's size") {
    const RequestMix mix = itemRequestMix(4096, 42);
    REQUIRE(mix.shapes == std::vector<std::string>{"1-4 items", "5-16 items", "17-64 items"});
    const std::map<std::uint32_t, std::pair<std::size_t, std::size_t>> bands{
        {0, {1, 4}}, {1, {5, 16}}, {2, {17, 64}}};
    std::map<std::uint32_t, int> perShape;
    std::set<std::size_t> fanOuts;
    for (const auto& request : mix.requests) {
        const auto ids = nlohmann::json::parse(request.body).at("items").get<std::vector<std::uint32_t>>();
        const auto [fewest, most] = bands.at(request.shape);
        CHECK(ids.size() >= fewest);
        CHECK(ids.size() <= most);
        CHECK(std::set<std::uint32_t>(ids.begin(), ids.end()).size() == ids.size()); // distinct
        ++perShape[request.shape];
        fanOuts.insert(ids.size());
    }
    CHECK(perShape[0] == Approx(0.6 * 4096).margin(150));
    CHECK(perShape[1] == Approx(0.3 * 4096).margin(150));
    CHECK(perShape[2] == Approx(0.1 * 4096).margin(100));
    CHECK(fanOuts.size() == 64);                        // every fan-out from 1 to 64
    CHECK(itemRequestMix(2, 1).requests[1].shape == 1); // the first requests take one of each shape
}

TEST_CASE("the integration mix draws popular ids often and reaches across the whole catalogue") {
    const RequestMix mix = itemRequestMix(4096, 42);
    std::map<std::uint32_t, int> seen;
    std::size_t draws = 0;
    for (const auto& request : mix.requests)
        for (const auto id :
             nlohmann::json::parse(request.body).at("items").get<std::vector<std::uint32_t>>()) {
            ++seen[id];
            ++draws;
        }
    const auto mostPopular = itemOfRank(0);
    for (const auto& [id, count] : seen) {
        CHECK(id >= 1);
        CHECK(id <= kCatalogueItems);
        CHECK(count <= seen[mostPopular]);
    }
    // Zipf, exponent 1, over 100 000 items: rank 1 is 1 / H(100 000), 8 % of draws; distinct ids within a
    // request bring it down to some 4 %, as the longer requests may hold it only once.
    CHECK(seen[mostPopular] > 0.03 * static_cast<double>(draws));
    CHECK(seen.size() > 8'000);           // far beyond a sample's dozen ids
    CHECK(seen.rbegin()->first > 90'000); // the popular ranks are scattered over the ids
    CHECK(seen.begin()->first < 10'000);
    CHECK(itemOfRank(1) != itemOfRank(0));
}
