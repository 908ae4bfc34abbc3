// Tests the analytics request mix: one draw for both variants, every shape present and well formed,
// filters as selective as the mix says on the seeded table, and both variants answering it alike.
#include "engines/analytics/analytics_baseline.h"
#include "engines/analytics/analytics_optimized.h"
#include "engines/analytics/analytics_request_mix.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

using namespace perflab::engines;
using namespace perflab::engines::analytics;
using nlohmann::json;

namespace {

const std::vector<SalesRow>& mixRows() {
    static const std::vector<SalesRow> rows = generateRows(20'000, 42);
    return rows;
}

// The share of the table's rows the filter selects, as the engine reports it.
double selectedShare(Engine& engine, const std::string& filter) {
    const json request{{"aggregates", {"count()"}}, {"filter", filter}};
    const Response response = engine.execute(request.dump());
    REQUIRE(response.status == 200);
    const json body = json::parse(response.body);
    return body["rows_matched"].get<double>() / body["rows_scanned"].get<double>();
}

bool hasPercentile(const json& aggregates) {
    return std::any_of(aggregates.begin(), aggregates.end(),
                       [](const json& text) { return text.get<std::string>().starts_with("p"); });
}

} // namespace

TEST_CASE("both analytics variants draw the same mix for the same count and seed") {
    AnalyticsBaseline baseline(mixRows());
    AnalyticsOptimized optimized(mixRows());
    const RequestMix a = baseline.requestMix(500, 7);
    const RequestMix b = optimized.requestMix(500, 7);
    REQUIRE(a.shapes == b.shapes);
    REQUIRE(a.requests.size() == 500);
    REQUIRE(b.requests.size() == 500);
    for (std::size_t i = 0; i < a.requests.size(); ++i) {
        REQUIRE(a.requests[i].shape == b.requests[i].shape);
        REQUIRE(a.requests[i].body == b.requests[i].body);
    }
    const RequestMix other = baseline.requestMix(500, 8);
    std::size_t same = 0;
    for (std::size_t i = 0; i < a.requests.size(); ++i) {
        same += other.requests[i].body == a.requests[i].body ? 1 : 0;
    }
    CHECK(same < 50); // another seed draws other requests
}

TEST_CASE("a draw of 4096 has every analytics shape, each well formed and valid") {
    AnalyticsOptimized engine(mixRows());
    const RequestMix mix = engine.requestMix(4096, 42);
    REQUIRE(mix.shapes == std::vector<std::string>{"total, no grouping", "group-by, 1-2 aggregates",
                                                   "group-by, 3-5 aggregates", "selective filter (~1 %)",
                                                   "percentiles"});
    std::vector<std::size_t> perShape(mix.shapes.size());
    std::size_t distinct = 0;
    std::vector<std::string> seen;
    for (const RequestMix::Request& request : mix.requests) {
        INFO(request.body);
        REQUIRE(request.shape < mix.shapes.size());
        ++perShape[request.shape];
        const json body = json::parse(request.body);
        const json& aggregates = body.at("aggregates");
        CHECK((aggregates.size() >= 1 && aggregates.size() <= 5));
        switch (static_cast<MixShape>(request.shape)) {
        case MixShape::Total:
            CHECK_FALSE(body.contains("group_by"));
            break;
        case MixShape::GroupFewAggregates:
            CHECK((body.contains("group_by") && aggregates.size() <= 2));
            break;
        case MixShape::GroupManyAggregates:
            CHECK((body.contains("group_by") && aggregates.size() >= 3));
            break;
        case MixShape::SelectiveFilter:
            CHECK(body.contains("filter"));
            break;
        case MixShape::Percentiles:
            CHECK(hasPercentile(aggregates));
            break;
        }
        seen.push_back(request.body);
    }
    std::sort(seen.begin(), seen.end());
    distinct = static_cast<std::size_t>(std::unique(seen.begin(), seen.end()) - seen.begin());
    CHECK(distinct > 2000); // a dashboard's requests vary; a cache of one request cannot answer them
    for (std::size_t shape = 0; shape < perShape.size(); ++shape) {
        INFO(mix.shapes[shape]);
        CHECK(perShape[shape] > 4096 / 20);
    }
    for (std::size_t i = 0; i < 300; ++i) {
        INFO(mix.requests[i].body);
        CHECK(engine.execute(mix.requests[i].body).status == 200);
    }
}

TEST_CASE("filters drawn for each selectivity select about that share of the seeded table") {
    AnalyticsOptimized engine(EngineOptions{.rows = 200'000, .seed = 42});
    struct Expected {
        FilterSelectivity selectivity;
        double low, high; // bounds on every drawn filter's share
    };
    for (const Expected& expected :
         {Expected{FilterSelectivity::Half, 0.40, 0.60}, Expected{FilterSelectivity::Tenth, 0.07, 0.14},
          Expected{FilterSelectivity::Hundredth, 0.006, 0.016}}) {
        SeededRandom random(3, 5);
        double total = 0;
        for (int i = 0; i < 40; ++i) {
            const std::string filter = drawFilter(expected.selectivity, random);
            const double share = selectedShare(engine, filter);
            INFO(filter << " selects " << share);
            CHECK((share >= expected.low && share <= expected.high));
            total += share;
        }
        const double mean = total / 40;
        CHECK((mean > expected.low && mean < expected.high));
    }
    SeededRandom random(3, 5);
    CHECK(drawFilter(FilterSelectivity::All, random).empty());
}

TEST_CASE("the selective shape's requests match at most 2 percent of the rows") {
    AnalyticsOptimized engine(EngineOptions{.rows = 100'000, .seed = 42});
    const RequestMix mix = engine.requestMix(1000, 42);
    std::size_t checked = 0;
    for (const RequestMix::Request& request : mix.requests) {
        if (static_cast<MixShape>(request.shape) != MixShape::SelectiveFilter) {
            continue;
        }
        INFO(request.body);
        const json body = json::parse(engine.execute(request.body).body);
        CHECK(body["rows_matched"].get<double>() <= 0.02 * body["rows_scanned"].get<double>());
        ++checked;
    }
    CHECK(checked > 50);
}

TEST_CASE("both variants give identical answers to the first 100 mix requests") {
    AnalyticsBaseline baseline(mixRows());
    AnalyticsOptimized optimized(mixRows());
    const RequestMix mix = baseline.requestMix(100, 42);
    std::vector<bool> shapeSeen(mix.shapes.size());
    for (const RequestMix::Request& request : mix.requests) {
        INFO(mix.shapes[request.shape] << ": " << request.body);
        const Response expected = baseline.execute(request.body);
        REQUIRE(expected.status == 200);
        CHECK(optimized.execute(request.body).body == expected.body);
        shapeSeen[request.shape] = true;
    }
    CHECK(std::all_of(shapeSeen.begin(), shapeSeen.end(), [](bool seen) { return seen; }));
}
