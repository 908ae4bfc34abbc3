// A candidate run against a baseline: the change of each headline figure and a verdict within a stated
// tolerance (improved, no change, regression).
#pragma once

#include "model/summary.h"

#include <string>
#include <string_view>
#include <vector>

namespace perflab {

enum class ComparisonVerdict { Improved, NoChange, Regression };
std::string_view toString(ComparisonVerdict verdict) noexcept; // "improved", "no change", "regression"

struct FigureChange {
    std::string name; // "throughput req/s", "mean ms", ...
    double baseline = 0;
    double candidate = 0;
    double changePercent = 0; // (candidate - baseline) / baseline; 0 when the baseline is 0
    bool higherIsBetter = false;
    int direction = 0; // +1 better beyond the tolerance, -1 worse beyond it, 0 within it
};

struct Comparison {
    double tolerancePercent = 5;
    double throughputRatio = 0;        // candidate / baseline; 0 when the baseline served nothing
    std::vector<FigureChange> changes; // throughput, mean, p95, p99, error rate
    ComparisonVerdict verdict = ComparisonVerdict::NoChange;
};

// A figure beyond the tolerance counts. Error rates are compared in percentage points, as a relative change
// of a near-zero rate means little: a change counts when it exceeds the tolerance relatively and is at least
// 0.1 point. Any worse figure makes a regression; otherwise any better one an improvement.
Comparison compareRuns(const Summary& baseline, const Summary& candidate, double tolerancePercent = 5);

} // namespace perflab
