// The percentile spectrum of HDR latency plots.
#include "model/metrics/percentile_spectrum.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace perflab;

TEST_CASE("the spectrum climbs from the median to the maximum on the 1/(1-p) axis") {
    Histogram h;
    for (std::int64_t us = 1; us <= 10'000; ++us)
        h.record(us * 100); // 0.1 ms .. 1 s, evenly
    const auto points = percentileSpectrum(h);
    REQUIRE(points.size() > 40);
    CHECK(points.front().percentile == 0);
    CHECK(points.back().valueMs == Approx(1000).epsilon(0.001)); // the maximum closes it
    CHECK(points.back().percentile > 99.98);                     // one sample in 10,000 remains
    for (std::size_t i = 1; i < points.size(); ++i) {
        CHECK(points[i].percentile > points[i - 1].percentile);
        CHECK(points[i].valueMs >= points[i - 1].valueMs);
    }
    const auto at99 = std::find_if(points.begin(), points.end(), [](auto& p) { return p.percentile >= 99; });
    REQUIRE(at99 != points.end());
    CHECK(at99->valueMs == Approx(990).epsilon(0.01));
}

TEST_CASE("90 %, 99 % and 99.9 % sit one decade apart on the spectrum's axis") {
    CHECK(spectrumPosition(0) == Approx(0));
    CHECK(spectrumPosition(90) == Approx(1));
    CHECK(spectrumPosition(99) == Approx(2));
    CHECK(spectrumPosition(99.9) == Approx(3));
}

TEST_CASE("an empty histogram has no spectrum") {
    CHECK(percentileSpectrum(Histogram()).empty());
}
