// The comparison of two run summaries and its verdict.
#include "model/results/comparison.h"

#include "model/format/figure_format.h"

#include <algorithm>
#include <cmath>

namespace perflab {

namespace {

constexpr double kMinimumErrorRateChange = 0.001; // 0.1 percentage point

FigureChange change(std::string key, std::string name, double baseline, double candidate, bool higherIsBetter,
                    double tolerancePercent, bool judged = true) {
    FigureChange c{.key = std::move(key),
                   .name = std::move(name),
                   .baseline = baseline,
                   .candidate = candidate,
                   .changePercent = baseline != 0 ? 100.0 * (candidate - baseline) / baseline : 0,
                   .higherIsBetter = higherIsBetter,
                   .judged = judged,
                   .direction = 0};
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
    case ComparisonVerdict::NotComparable:
        return "not comparable";
    }
    return "no change";
}

std::string whyNotComparable(const Summary& baseline, const Summary& candidate) {
    const auto run = [](const Summary& s) { return "run #" + std::to_string(s.runId); };
    if (baseline.kind != candidate.kind)
        return "a " + std::string(toString(candidate.kind)) + " test against a " +
               std::string(toString(baseline.kind)) + " baseline";
    if (baseline.comparisonTarget != candidate.comparisonTarget) {
        const auto named = [](const std::string& t) {
            return t.empty() ? std::string("an unknown target") : t;
        };
        return "another target: " + named(candidate.comparisonTarget) + " against " +
               named(baseline.comparisonTarget);
    }
    for (const Summary* s : {&baseline, &candidate})
        if (s->counts.successes() == 0)
            return run(*s) + " has no successful request to compare";
    return {};
}

Comparison compareRuns(const Summary& baseline, const Summary& candidate, double tolerancePercent) {
    Comparison c;
    c.tolerancePercent = tolerancePercent;
    c.throughputRatio = baseline.throughputRps > 0 ? candidate.throughputRps / baseline.throughputRps : 0;
    const double t = tolerancePercent;
    c.changes = {
        change("throughput_rps", "throughput req/s", baseline.throughputRps, candidate.throughputRps, true,
               t),
        change("latency_mean_ms", "mean latency ms", baseline.latency.mean, candidate.latency.mean, false, t),
        change("latency_p95_ms", "p95 latency ms", baseline.latency.p95, candidate.latency.p95, false, t),
        change("latency_p99_ms", "p99 latency ms", baseline.latency.p99, candidate.latency.p99, false, t),
        change("error_rate", "error rate", baseline.errorRate, candidate.errorRate, false, t),
        change("cpu_percent_max", "peak CPU %", baseline.cpuPercentMax, candidate.cpuPercentMax, false, t,
               false),
        change("memory_percent_max", "peak memory %", baseline.memoryPercentMax, candidate.memoryPercentMax,
               false, t, false),
        change("rss_mib_max", "peak RSS MiB", static_cast<double>(baseline.rssBytesMax) / kBytesPerMiB,
               static_cast<double>(candidate.rssBytesMax) / kBytesPerMiB, false, t, false)};
    FigureChange& errors = c.changes[4];
    if (std::abs(candidate.errorRate - baseline.errorRate) < kMinimumErrorRateChange)
        errors.direction = 0;
    const auto counts = [&](int direction) {
        return std::any_of(c.changes.begin(), c.changes.end(),
                           [&](const FigureChange& f) { return f.judged && f.direction == direction; });
    };
    c.verdict = counts(-1) ? ComparisonVerdict::Regression
                           : (counts(1) ? ComparisonVerdict::Improved : ComparisonVerdict::NoChange);
    c.whyNotComparable = whyNotComparable(baseline, candidate);
    if (!c.whyNotComparable.empty())
        c.verdict = ComparisonVerdict::NotComparable;
    return c;
}

std::string formatFigure(const FigureChange& change, double value) {
    if (change.key == "error_rate")
        return formatRatePercent(value) + " %";
    return formatFixed(value, change.key == "throughput_rps" ? 1 : 2);
}

std::string_view changeLabel(const FigureChange& change) noexcept {
    if (change.direction == 0)
        return "within";
    if (change.judged)
        return change.direction > 0 ? "better" : "worse";
    return (change.direction > 0) == change.higherIsBetter ? "higher" : "lower";
}

} // namespace perflab
