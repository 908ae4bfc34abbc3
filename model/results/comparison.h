// A candidate run against a baseline: the change of each headline figure and a verdict within a stated
// tolerance (improved, no change, regression).
#pragma once

#include "model/results/summary.h"

#include <string>
#include <string_view>
#include <vector>

namespace perflab {

enum class ComparisonVerdict { Improved, NoChange, Regression, NotComparable };
// "improved", "no change", "regression", "not comparable"
std::string_view toString(ComparisonVerdict verdict) noexcept;

inline constexpr double kDefaultTolerancePercent = 5;

struct FigureChange {
    std::string key;  // "throughput_rps", "latency_p95_ms", ... (JSON keys)
    std::string name; // "throughput req/s", "mean latency ms", ...
    double baseline = 0;
    double candidate = 0;
    double changePercent = 0; // (candidate - baseline) / baseline; 0 when the baseline is 0
    bool higherIsBetter = false;
    bool judged = true; // false: shown beside the verdict (resources) but not part of it
    int direction = 0;  // +1 better beyond the tolerance, -1 worse beyond it, 0 within it
};

struct Comparison {
    double tolerancePercent = kDefaultTolerancePercent;
    double throughputRatio = 0; // candidate / baseline; 0 when the baseline served nothing
    // Judged: throughput, mean, p95, p99, error rate. Not judged: peak CPU %, peak memory %, peak RSS MiB.
    std::vector<FigureChange> changes;
    ComparisonVerdict verdict = ComparisonVerdict::NoChange;
    std::string whyNotComparable; // set with NotComparable: "a load test against a dependency-failure test"
};

// Empty when the runs measured the same thing (kind and comparisonTarget) and both had successful requests;
// else why a verdict between them would mean nothing.
std::string whyNotComparable(const Summary& baseline, const Summary& candidate);

// A figure beyond the tolerance counts. Error rates are compared in percentage points, as a relative change
// of a near-zero rate means little: a change counts when it exceeds the tolerance relatively and is at least
// 0.1 point. Any worse judged figure makes a regression; otherwise any better one an improvement. More
// throughput may well cost more CPU, so resources are reported but not judged. Runs of another kind or
// target, or without a successful request, are NotComparable (the changes are still listed).
Comparison compareRuns(const Summary& baseline, const Summary& candidate,
                       double tolerancePercent = kDefaultTolerancePercent);

// A figure's value as reports print it: error rates in % with three decimals, throughput with one, the
// rest with two ("1,234.5", "0.004 %").
std::string formatFigure(const FigureChange& change, double value);
// Judged figures: "better", "worse", "within"; resources: "higher", "lower", "within".
std::string_view changeLabel(const FigureChange& change) noexcept;

} // namespace perflab
