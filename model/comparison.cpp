// The comparison of two run summaries and its verdict.
#include "model/comparison.h"

#include <algorithm>
#include <cmath>

namespace perflab {

namespace {

constexpr double kMinimumErrorRateChange = 0.001; // 0.1 percentage point

FigureChange change(std::string name, double baseline, double candidate, bool higherIsBetter,
                    double tolerancePercent) {
    FigureChange c{.name = std::move(name),
                   .baseline = baseline,
                   .candidate = candidate,
                   .changePercent = baseline != 0 ? 100.0 * (candidate - baseline) / baseline : 0,
                   .higherIsBetter = higherIsBetter};
    const bool beyond = baseline != 0 ? std::abs(c.changePercent) > tolerancePercent : candidate != 0;
    if (beyond)
        c.direction = (candidate > baseline) == higherIsBetter ? 1 : -1;
    return c;
}

} // namespace

std::string_view toString(ComparisonVerdict verdict) noexcept {
    switch (verdict) {
    case ComparisonVerdict::Improved:
        return "improved";
    case ComparisonVerdict::NoChange:
        return "no change";
    case ComparisonVerdict::Regression:
        return "regression";
    }
    return "no change";
}

Comparison compareRuns(const Summary& baseline, const Summary& candidate, double tolerancePercent) {
    Comparison c;
    c.tolerancePercent = tolerancePercent;
    c.throughputRatio = baseline.throughputRps > 0 ? candidate.throughputRps / baseline.throughputRps : 0;
    c.changes = {
        change("throughput req/s", baseline.throughputRps, candidate.throughputRps, true, tolerancePercent),
        change("mean latency ms", baseline.latency.mean, candidate.latency.mean, false, tolerancePercent),
        change("p95 latency ms", baseline.latency.p95, candidate.latency.p95, false, tolerancePercent),
        change("p99 latency ms", baseline.latency.p99, candidate.latency.p99, false, tolerancePercent),
        change("error rate", baseline.errorRate, candidate.errorRate, false, tolerancePercent)};
    FigureChange& errors = c.changes.back();
    if (std::abs(candidate.errorRate - baseline.errorRate) < kMinimumErrorRateChange)
        errors.direction = 0;
    const auto worse =
        std::any_of(c.changes.begin(), c.changes.end(), [](auto& f) { return f.direction < 0; });
    const auto better =
        std::any_of(c.changes.begin(), c.changes.end(), [](auto& f) { return f.direction > 0; });
    c.verdict = worse ? ComparisonVerdict::Regression
                      : (better ? ComparisonVerdict::Improved : ComparisonVerdict::NoChange);
    return c;
}

} // namespace perflab
