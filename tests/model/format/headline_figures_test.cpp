// Tests of model/format/figure_format.h's headline figures: what the report's table and the CLI lead with.
#include "model/format/figure_format.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace perflab;

namespace {

const HeadlineFigure* find(const std::vector<HeadlineFigure>& figures, const std::string& caption) {
    const auto it = std::find_if(figures.begin(), figures.end(),
                                 [&](const HeadlineFigure& f) { return f.caption == caption; });
    return it == figures.end() ? nullptr : &*it;
}

} // namespace

TEST_CASE("the hosted engine's own figures join the headline figures, counts whole and ratios in percent") {
    Summary s;
    CHECK_FALSE(find(headlineFigures(s), "result cache (lru) hits"));
    s.engineFigures = {{.name = "result cache (lru) hit rate", .value = 0.7256, .unit = "ratio"},
                       {.name = "result cache (lru) hits", .value = 273'300, .unit = "count"},
                       {.name = "result cache (lru) hit latency p95", .value = 0.01024, .unit = "ms"}};
    const std::vector<HeadlineFigure> figures = headlineFigures(s);
    const HeadlineFigure* rate = find(figures, "result cache (lru) hit rate");
    REQUIRE(rate);
    CHECK(rate->value == "72.6");
    CHECK(rate->unit == "%");
    const HeadlineFigure* hits = find(figures, "result cache (lru) hits");
    REQUIRE(hits);
    CHECK(hits->value == "273,300");
    const HeadlineFigure* p95 = find(figures, "result cache (lru) hit latency p95");
    REQUIRE(p95);
    CHECK(p95->value == "0.01024");
    CHECK(p95->unit == "ms");
}
