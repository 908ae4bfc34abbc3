// Zipf ranks: the mixes' popularity model draws each rank as often as 1/(k+1)^s says.
#include "engines/zipf.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using perflab::engines::SeededRandom;
using perflab::engines::ZipfRanks;

TEST_CASE("Zipf ranks are drawn in proportion to one over their rank", "[engines][zipf]") {
    const ZipfRanks ranks(1000, 1.0);
    SeededRandom random(7, 3);
    std::vector<int> seen(1000);
    constexpr int kDraws = 400'000;
    for (int i = 0; i < kDraws; ++i)
        ++seen.at(ranks(random));
    double harmonic = 0;
    for (int k = 1; k <= 1000; ++k)
        harmonic += 1.0 / k;
    for (int k : {0, 1, 9, 99}) {
        const double expected = kDraws / ((k + 1) * harmonic);
        CHECK(std::abs(seen[k] - expected) < 5 * std::sqrt(expected));
    }
    CHECK(seen[0] > 3 * seen[2]); // rank 1 is three times rank 3
}

TEST_CASE("Zipf ranks with exponent zero are uniform and a one-rank catalogue always draws it",
          "[engines][zipf]") {
    const ZipfRanks uniform(4, 0.0);
    SeededRandom random(1, 5);
    std::vector<int> seen(4);
    for (int i = 0; i < 40'000; ++i)
        ++seen.at(uniform(random));
    for (int count : seen)
        CHECK(std::abs(count - 10'000) < 500);
    const ZipfRanks one(1, 1.2);
    CHECK(one(random) == 0);
    CHECK_THROWS(ZipfRanks(0, 1.0));
}
