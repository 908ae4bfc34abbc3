// Baseline against candidate: changes in percent and a verdict within the tolerance.
#include "model/results/comparison.h"

#include <catch2/catch.hpp>

using namespace perflab;

namespace {

Summary summary(double rps, double p95, double errorRate) {
    Summary s;
    s.comparisonTarget = "analytics via call";
    s.counts.requests = 1000;
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

TEST_CASE("resources are shown beside the verdict but never decide it") {
    Summary before = summary(1000, 10, 0);
    before.cpuPercentMax = 20;
    before.rssBytesMax = 100 << 20;
    Summary after = summary(2000, 5, 0);
    after.cpuPercentMax = 45;
    after.rssBytesMax = 50 << 20;
    const auto c = compareRuns(before, after);
    CHECK(c.verdict == ComparisonVerdict::Improved);
    REQUIRE(c.changes.size() == 8);
    CHECK(c.changes[5].key == "cpu_percent_max");
    CHECK_FALSE(c.changes[5].judged);
    CHECK(changeLabel(c.changes[5]) == "higher");
    CHECK(c.changes[5].changePercent == Approx(125));
    CHECK(c.changes[7].key == "rss_mib_max");
    CHECK(c.changes[7].candidate == Approx(50));
    CHECK(changeLabel(c.changes[7]) == "lower");
    CHECK(changeLabel(c.changes[2]) == "better");
    CHECK(formatFigure(c.changes[0], 2000) == "2,000.0");
    CHECK(formatFigure(c.changes[4], 0.0125) == "1.250 %");
}

TEST_CASE("runs of another kind or target are not comparable, and say why") {
    Summary baseline = summary(1000, 10, 0);
    Summary candidate = summary(2000, 5, 0);
    candidate.kind = TestKind::DependencyFailure;
    auto c = compareRuns(baseline, candidate);
    CHECK(c.verdict == ComparisonVerdict::NotComparable);
    CHECK(c.whyNotComparable == "a dependency-failure test against a load baseline");

    candidate.kind = TestKind::Load;
    candidate.comparisonTarget = "integration via call";
    c = compareRuns(baseline, candidate);
    CHECK(c.verdict == ComparisonVerdict::NotComparable);
    CHECK_THAT(c.whyNotComparable, Catch::Contains("integration via call against analytics via call"));
    CHECK(toString(c.verdict) == "not comparable");
}

TEST_CASE("a run without a successful request gets no comparison, whatever its figures") {
    Summary baseline = summary(1000, 10, 0);
    Summary refused = summary(0, 0, 1);
    refused.runId = 7;
    refused.counts.errors = refused.counts.requests; // every request failed
    const auto c = compareRuns(baseline, refused);
    CHECK(c.verdict == ComparisonVerdict::NotComparable);
    CHECK(c.whyNotComparable == "run #7 has no successful request to compare");
}
