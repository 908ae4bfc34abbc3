// M4 reduction: what a chart draws from a long series keeps its shape, extremes and order.
#include "model/metrics/decimate.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

using perflab::m4Indices;

namespace {

struct Series {
    std::vector<double> xs, ys;
};

Series wave(std::size_t n) {
    Series s;
    for (std::size_t i = 0; i < n; ++i) {
        s.xs.push_back(static_cast<double>(i));
        s.ys.push_back(std::sin(static_cast<double>(i) * 0.001) * 100 + static_cast<double>(i % 97));
    }
    return s;
}

} // namespace

TEST_CASE("a series longer than four points per column shrinks to at most four per column") {
    const Series s = wave(259'200);
    for (std::size_t columns : {1u, 7u, 300u, 1150u}) {
        const auto kept = m4Indices(s.xs, s.ys, columns);
        CHECK(kept.size() <= 4 * columns);
        CHECK(kept.size() >= std::min<std::size_t>(2 * columns, s.xs.size()));
    }
}

TEST_CASE("the reduced series keeps the first, last, global minimum and maximum points in time order") {
    Series s = wave(100'000);
    s.ys[31'337] = -5000;
    s.ys[77'001] = 9000;
    const auto kept = m4Indices(s.xs, s.ys, 200);
    REQUIRE_FALSE(kept.empty());
    CHECK(kept.front() == 0);
    CHECK(kept.back() == s.xs.size() - 1);
    CHECK(std::is_sorted(kept.begin(), kept.end()));
    CHECK(std::adjacent_find(kept.begin(), kept.end()) == kept.end());
    CHECK(std::find(kept.begin(), kept.end(), 31'337u) != kept.end());
    CHECK(std::find(kept.begin(), kept.end(), 77'001u) != kept.end());
}

TEST_CASE("every pixel column keeps its own lowest and highest value") {
    const Series s = wave(40'000);
    const std::size_t columns = 100;
    const auto kept = m4Indices(s.xs, s.ys, columns);
    const double width = (s.xs.back() - s.xs.front()) / columns;
    for (std::size_t c = 0; c < columns; ++c) {
        double lo = std::numeric_limits<double>::infinity(), hi = -lo, keptLo = lo, keptHi = -lo;
        for (std::size_t i = 0; i < s.xs.size(); ++i)
            if (std::min<std::size_t>(static_cast<std::size_t>(s.xs[i] / width), columns - 1) == c) {
                lo = std::min(lo, s.ys[i]);
                hi = std::max(hi, s.ys[i]);
            }
        for (std::size_t i : kept)
            if (std::min<std::size_t>(static_cast<std::size_t>(s.xs[i] / width), columns - 1) == c) {
                keptLo = std::min(keptLo, s.ys[i]);
                keptHi = std::max(keptHi, s.ys[i]);
            }
        CHECK(keptLo == lo);
        CHECK(keptHi == hi);
    }
}

TEST_CASE("a series within the bound comes back whole") {
    const Series s = wave(50);
    const auto kept = m4Indices(s.xs, s.ys, 20);
    REQUIRE(kept.size() == 50);
    CHECK(kept[49] == 49);
}

TEST_CASE("a missing value does not hide a column's real extremes") {
    Series s = wave(1000);
    s.ys[0] = std::nan("");
    const auto kept = m4Indices(s.xs, s.ys, 1);
    const auto lowest = std::min_element(s.ys.begin() + 1, s.ys.end()) - s.ys.begin();
    CHECK(std::find(kept.begin(), kept.end(), static_cast<std::size_t>(lowest)) != kept.end());
}

TEST_CASE("mismatched lengths, zero width and out-of-order times are errors") {
    Series s = wave(1000);
    CHECK_THROWS_AS(m4Indices(s.xs, std::vector<double>(3), 10), std::invalid_argument);
    CHECK_THROWS_AS(m4Indices(s.xs, s.ys, 0), std::invalid_argument);
    std::swap(s.xs[10], s.xs[11]);
    CHECK_THROWS_WITH(m4Indices(s.xs, s.ys, 10), Catch::Contains("time order"));
}
