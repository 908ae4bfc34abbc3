// Radix-selected group percentiles must equal a plain nearest-rank selection per group, also with
// repeated values, infinities, signed zeros and NaNs.
#include "engines/analytics/analytics_group_percentiles.h"
#include "engines/analytics/analytics_result.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

using namespace perflab::engines::analytics;

namespace {

struct Samples {
    std::vector<double> values;
    std::vector<std::uint32_t> groups;
    std::vector<std::uint64_t> counts;
    std::vector<double> lows, highs; // per group
};

Samples randomSamples(unsigned seed, std::size_t groups, std::size_t n) {
    std::mt19937 random(seed);
    const double special[] = {
        0.0,          -0.0, std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(),
        std::nan(""), 3.5};
    Samples samples;
    samples.counts.resize(groups);
    samples.lows.resize(groups, std::numeric_limits<double>::infinity());
    samples.highs.resize(groups, -std::numeric_limits<double>::infinity());
    for (std::size_t i = 0; i < n; ++i) {
        const auto kind = random() % 10;
        const double value =
            kind == 0  ? special[random() % 6]
            : kind < 4 ? static_cast<double>(random() % 20)
                       : std::ldexp(static_cast<double>(random()) - 2e9, -static_cast<int>(random() % 40));
        const auto group = static_cast<std::uint32_t>(random() % groups);
        samples.values.push_back(value);
        samples.groups.push_back(group);
        ++samples.counts[group];
        samples.lows[group] = value < samples.lows[group] ? value : samples.lows[group];
        samples.highs[group] = value > samples.highs[group] ? value : samples.highs[group];
    }
    return samples;
}

std::vector<double> expectedPercentiles(const Samples& samples, double percentile) {
    std::vector<std::vector<double>> perGroup(samples.counts.size());
    for (std::size_t i = 0; i < samples.values.size(); ++i) {
        perGroup[samples.groups[i]].push_back(samples.values[i]);
    }
    std::vector<double> expected;
    for (std::vector<double>& values : perGroup) {
        expected.push_back(exactPercentile(values, percentile));
    }
    return expected;
}

bool same(double a, double b) {
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

} // namespace

TEST_CASE("group percentiles equal a nearest-rank selection per group on awkward values") {
    for (unsigned seed = 1; seed <= 20; ++seed) {
        const Samples samples = randomSamples(seed, 1 + seed % 7 * 5, 200 + seed * 150);
        for (const double percentile : {1.0, 50.0, 95.0, 99.9, 100.0}) {
            const std::vector<double> actual = groupPercentiles(
                {samples.values, samples.groups, samples.counts, samples.lows, samples.highs}, percentile);
            const std::vector<double> expected = expectedPercentiles(samples, percentile);
            REQUIRE(actual.size() == expected.size());
            for (std::size_t g = 0; g < expected.size(); ++g) {
                INFO("seed " << seed << " p" << percentile << " group " << g);
                CHECK(same(actual[g], expected[g]));
            }
        }
    }
}

TEST_CASE("group percentiles of only NaNs are NaN and of an empty group are NaN") {
    const double nan = std::nan("");
    const std::vector<double> values{nan, nan, nan};
    const std::vector<std::uint32_t> groups{0, 0, 2};
    const std::vector<std::uint64_t> counts{2, 0, 1};
    const std::vector<double> none(3, std::numeric_limits<double>::infinity());
    const std::vector<double> noneHigh(3, -std::numeric_limits<double>::infinity());
    const std::vector<double> result = groupPercentiles({values, groups, counts, none, noneHigh}, 50);
    REQUIRE(result.size() == 3);
    CHECK(std::isnan(result[0]));
    CHECK(std::isnan(result[1]));
    CHECK(std::isnan(result[2]));
}

TEST_CASE("group percentiles without groups select over every sample") {
    const std::vector<double> values{5, 1, 4, 2, 3};
    const std::vector<std::uint64_t> counts{5};
    const std::vector<double> low{1}, high{5};
    CHECK(groupPercentiles({values, {}, counts, low, high}, 50) == std::vector<double>{3});
    CHECK(groupPercentiles({values, {}, counts, low, high}, 100) == std::vector<double>{5});
}
