// Baseline against candidate: changes in percent and a verdict within the tolerance.
#include "model/comparison.h"

#include <catch2/catch.hpp>

using namespace perflab;

namespace {

Summary summary(double rps, double p95, double errorRate) {
    Summary s;
    s.throughputRps = rps;
    s.latency = {.mean = p95 / 2, .p50 = p95 / 3, .p90 = p95 * 0.9, .p95 = p95, .p99 = p95 * 1.5};
    s.errorRate = errorRate;
    return s;
}

} // namespace

TEST_CASE("a candidate within 5 % of its baseline on every figure is no change") {
    const auto c = compareRuns(summary(1000, 10, 0), summary(1030, 10.4, 0.0005));
    CHECK(c.verdict == ComparisonVerdict::NoChange);
    CHECK(c.throughputRatio == Approx(1.03));
    CHECK(c.changes[2].name == "p95 latency ms");
    CHECK(c.changes[2].changePercent == Approx(4));
}

TEST_CASE("a p95 6 % slower is a regression even when throughput improved") {
    const auto c = compareRuns(summary(1000, 10, 0), summary(1200, 10.6, 0));
    CHECK(c.verdict == ComparisonVerdict::Regression);
    CHECK(c.changes[0].direction == 1);
    CHECK(c.changes[2].direction == -1);
}

TEST_CASE("more throughput and lower latency beyond the tolerance is an improvement") {
    const auto c = compareRuns(summary(1000, 10, 0.01), summary(1500, 6, 0.002));
    CHECK(c.verdict == ComparisonVerdict::Improved);
    CHECK(toString(c.verdict) == "improved");
}

TEST_CASE("an error rate rising from 0 % to 0.5 % is a regression") {
    CHECK(compareRuns(summary(1000, 10, 0), summary(1000, 10, 0.005)).verdict ==
          ComparisonVerdict::Regression);
}
