// HDR histogram: percentiles against exact ones, merge, coordinated-omission back-fill, basic figures.
#include "model/metrics/histogram.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

using perflab::Histogram;

namespace {

std::vector<std::int64_t> sample(const char* distribution, std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<std::int64_t> values;
    values.reserve(n);
    std::uniform_int_distribution<std::int64_t> uniform(1, 1'000'000);
    std::lognormal_distribution<double> lognormal(std::log(2000.0), 1.0);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::string_view d = distribution;
        if (d == "uniform")
            values.push_back(uniform(rng));
        else if (d == "lognormal")
            values.push_back(std::max<std::int64_t>(1, std::llround(lognormal(rng))));
        else // Pareto (alpha 1.1) from 2 ms, capped at 5 minutes: a heavy tail reaching minutes
            values.push_back(std::min<std::int64_t>(
                300'000'000, std::llround(2000.0 / std::pow(1.0 - unit(rng), 1.0 / 1.1))));
    }
    return values;
}

// The value at rank ceil(p/100 * n) of the sorted values: the sample HdrHistogram's percentile reports.
std::int64_t exactPercentile(const std::vector<std::int64_t>& sorted, int perMille) {
    const std::size_t n = sorted.size();
    const std::size_t rank = std::max<std::size_t>(1, (static_cast<std::size_t>(perMille) * n + 999) / 1000);
    return sorted[rank - 1];
}

double relativeError(std::int64_t got, std::int64_t exact) {
    return std::abs(static_cast<double>(got - exact)) / static_cast<double>(exact);
}

} // namespace

TEST_CASE("percentiles stay within 0.1 % of the exact percentiles of 100k samples") {
    const char* distribution = GENERATE("uniform", "lognormal", "heavy-tail");
    auto values = sample(distribution, 100'000, 42);
    Histogram h;
    for (auto v : values)
        h.record(v);
    std::sort(values.begin(), values.end());

    INFO("distribution " << distribution);
    REQUIRE(h.count() == values.size());
    for (int perMille : {500, 900, 990, 999}) {
        const std::int64_t exact = exactPercentile(values, perMille);
        const std::int64_t got = h.percentile(perMille / 10.0);
        INFO("p" << perMille / 10.0 << " exact " << exact << " histogram " << got);
        CHECK(got >= exact); // the highest value equivalent to the sample at that rank
        CHECK(relativeError(got, exact) <= 0.001);
    }
    CHECK(relativeError(h.max(), values.back()) <= 0.001);
    CHECK(h.max() >= values.back());
    CHECK(h.percentile(100) == h.max());
    CHECK(relativeError(h.min(), values.front()) <= 0.001);
    CHECK(h.min() <= values.front());
}

TEST_CASE("the heavy-tail sample really reaches minutes") {
    auto values = sample("heavy-tail", 100'000, 42);
    CHECK(*std::max_element(values.begin(), values.end()) >= 60'000'000);
}

TEST_CASE("a merged histogram equals the histogram of all values") {
    const auto a = sample("lognormal", 50'000, 1);
    const auto b = sample("heavy-tail", 50'000, 2);
    Histogram ha, hb, all;
    for (auto v : a) {
        ha.record(v);
        all.record(v);
    }
    for (auto v : b) {
        hb.record(v);
        all.record(v);
    }
    ha.merge(hb);
    CHECK(ha.count() == all.count());
    CHECK(ha.min() == all.min());
    CHECK(ha.max() == all.max());
    CHECK(ha.mean() == Approx(all.mean()).epsilon(1e-12));
    for (double p = 0; p <= 100; p += 0.5)
        CHECK(ha.percentile(p) == all.percentile(p));
    CHECK(ha.encode() == all.encode()); // every count is the same
}

TEST_CASE("merging histograms of different layouts is refused") {
    Histogram micro;
    Histogram coarse(1, Histogram::kHighest, 2);
    Histogram shortRange(1, 60'000'000, 3);
    micro.record(5);
    CHECK_THROWS_AS(micro.merge(coarse), std::invalid_argument);
    CHECK_THROWS_WITH(micro.merge(shortRange), Catch::Contains("cannot merge"));
    CHECK(micro.count() == 1);
}

TEST_CASE("recordCorrected back-fills the samples a stalled sender missed") {
    SECTION("a 1000 µs stall at a 100 µs interval adds 900, 800 .. 100") {
        Histogram h;
        h.recordCorrected(1000, 100);
        CHECK(h.count() == 10);
        CHECK(h.min() == 100);
        CHECK(h.max() == 1000);
        CHECK(h.percentile(50) == 500);
        CHECK(h.mean() == Approx(550.0));
    }
    SECTION("a value below twice the interval adds nothing, nor does a non-positive interval") {
        Histogram h;
        h.recordCorrected(150, 100);
        h.recordCorrected(5000, 0);
        h.recordCorrected(5000, -10);
        CHECK(h.count() == 3);
        h.recordCorrected(200, 100); // exactly twice the interval: one missed sample at 100
        CHECK(h.count() == 5);
        CHECK(h.min() == 100);
    }
    SECTION("HdrHistogram's reference case: 10,000 x 1 ms and one 100 s stall at a 10 ms interval") {
        Histogram h;
        for (int i = 0; i < 10'000; ++i)
            h.recordCorrected(1000, 10'000);
        h.recordCorrected(100'000'000, 10'000);
        CHECK(h.count() == 20'000);
        auto near = [](std::int64_t got, double want) {
            return std::abs(static_cast<double>(got) - want) <= want * 0.001;
        };
        CHECK(near(h.percentile(30), 1000));
        CHECK(near(h.percentile(50), 1000));
        CHECK(near(h.percentile(75), 50'000'000));
        CHECK(near(h.percentile(90), 80'000'000));
        CHECK(near(h.percentile(99), 98'000'000));
        CHECK(near(h.percentile(99.999), 100'000'000));
        CHECK(near(h.max(), 100'000'000));
    }
    SECTION("the back-fill equals recording every missing sample one by one") {
        Histogram fast, slow;
        fast.recordCorrected(12'345'678, 997);
        for (std::int64_t v = 12'345'678; v >= 997; v -= 997)
            slow.record(v);
        CHECK(fast.count() == slow.count());
        CHECK(fast.min() == slow.min());
        CHECK(fast.encode() == slow.encode());
    }
    SECTION("a stall longer than the range counts its excess at the highest trackable value") {
        Histogram fast(1, 100'000, 3), slow(1, 100'000, 3);
        fast.recordCorrected(150'000, 7);
        for (std::int64_t v = 150'000; v >= 7; v -= 7)
            slow.record(v);
        CHECK(fast.count() == slow.count());
        CHECK(fast.encode() == slow.encode());
    }
}

TEST_CASE("count, mean, min and max follow HdrHistogram's equivalent-value rules") {
    Histogram h;
    CHECK(h.empty());
    CHECK(h.percentile(99) == 0);
    CHECK(h.mean() == 0.0);
    CHECK(h.min() == 0);
    CHECK(h.max() == 0);

    h.record(1);
    h.record(2);
    h.record(3, 2);
    CHECK(h.count() == 4);
    CHECK(h.mean() == Approx(2.25)); // unit resolution below 2048
    CHECK(h.min() == 1);
    CHECK(h.max() == 3);
    CHECK(h.percentile(0) == 1);
    CHECK(h.percentile(50) == 2);

    // 10000 shares its slot with 10001..10007: min is the slot's lowest, max its highest, mean its middle.
    Histogram wide;
    wide.record(10'000);
    CHECK(wide.min() == 10'000);
    CHECK(wide.max() == 10'007);
    CHECK(wide.mean() == Approx(10'004.0));
    CHECK(wide.percentile(50) == 10'007);
}

TEST_CASE("countAtOrBelow counts the values up to a bound, as Prometheus buckets need") {
    Histogram h;
    for (std::int64_t v : {500, 1000, 2000, 50'000, 100'000, 2'000'000})
        h.record(v);
    CHECK(h.countAtOrBelow(0) == 0);
    CHECK(h.countAtOrBelow(499) == 0);
    CHECK(h.countAtOrBelow(1000) == 2);
    CHECK(h.countAtOrBelow(90'000) == 4);
    CHECK(h.countAtOrBelow(100'000) == 5); // SLO boundary: 100 ms is within "p95 < 100 ms" buckets
    CHECK(h.countAtOrBelow(3'600'000'000) == 6);
    CHECK(Histogram().countAtOrBelow(1000) == 0);
}

TEST_CASE("out-of-range values are clamped, zero counts ignored") {
    Histogram h;
    h.record(-5);
    CHECK(h.min() == 0);
    h.record(Histogram::kHighest * 10);
    CHECK(h.count() == 2);
    CHECK(h.max() >= Histogram::kHighest);
    CHECK(h.max() <= Histogram::kHighest + Histogram::kHighest / 1000);
    h.record(77, 0);
    CHECK(h.count() == 2);
    CHECK(h.min() == 0);
}

TEST_CASE("reset empties the histogram and later records start afresh") {
    Histogram h;
    for (std::int64_t v : {5, 50'000, 7'000'000})
        h.record(v);
    h.reset();
    CHECK(h.empty());
    CHECK(h.percentile(50) == 0);
    CHECK(h.max() == 0);
    h.record(300);
    CHECK(h.count() == 1);
    CHECK(h.min() == 300);
    CHECK(h.max() == 300);
    CHECK(h.percentile(100) == 300);
    Histogram fresh;
    fresh.record(300);
    CHECK(h.encode() == fresh.encode());
}

TEST_CASE("an invalid layout is refused with the reason") {
    CHECK_THROWS_WITH(Histogram(0, 1000, 3), Catch::Contains("lowest"));
    CHECK_THROWS_WITH(Histogram(1, 1000, 6), Catch::Contains("significant digits"));
    CHECK_THROWS_WITH(Histogram(100, 150, 3), Catch::Contains("2 * lowest"));
    CHECK_THROWS_AS(Histogram(1, 1, 3), std::invalid_argument);
}
