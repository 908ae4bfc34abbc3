// Stress tests: the load rises step by step (the scenario's holding stages); each step is judged against
// the p95 limit, the error budget and the throughput it was offered, and the first step that breaks them is
// the breaking point. The knee is where latency starts to climb faster than load.
#pragma once

#include "model/metrics/histogram.h"
#include "model/metrics/interval.h"
#include "model/results/run_event.h"
#include "model/scenario/scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace perflab::load {

struct StressStep {
    double offered = 0;       // the step's target: requests per second, or virtual users
    double throughputRps = 0; // achieved over the step
    double p95Ms = 0;
    double errorRate = 0;
    std::string breach; // why the step is not sustainable; empty when it is
};

struct StressEvent {
    EventKind kind; // StressStep, BreakingPoint, LastSustainable or Knee
    std::string message;
};

class BreakingPointSearch {
public:
    // A step is a stage that holds the previous stage's target (> 0); ramps between steps are not judged.
    // An open-model step that achieves less than kMinThroughputShare of its offered rate is broken too.
    static constexpr double kMinThroughputShare = 0.9;
    static constexpr Millis kTickSlack{100};

    BreakingPointSearch(const Workload& workload, const SloLimits& limits);

    // elapsed: the run's time at the end of this interval. Returns what to record as run events.
    std::vector<StressEvent> add(const Interval& interval, Millis elapsed);
    // The events only the whole curve can tell (the knee), once the run ends.
    std::vector<StressEvent> finish() const;

    bool broken() const noexcept { return m_brokenAt.has_value(); }
    const std::vector<StressStep>& steps() const noexcept { return m_steps; }
    std::optional<StressStep> breakingPoint() const;
    std::optional<StressStep> lastSustainable() const;
    // The judged step furthest below the chord from the first to the last step on the normalized
    // (offered, p95) curve; none with fewer than three steps.
    std::optional<StressStep> knee() const;

private:
    struct Hold {
        Millis begin{0};
        Millis end{0};
        double target = 0;
    };

    StressStep judge(const Hold& hold) const;
    std::vector<StressEvent> close(const Hold& hold);

    std::vector<Hold> m_holds;
    SloLimits m_limits;
    bool m_openModel = false;
    std::size_t m_next = 0; // the hold being measured
    Histogram m_latency;
    RequestCounts m_counts;
    std::int64_t m_durationMs = 0;
    std::vector<StressStep> m_steps;
    std::optional<std::size_t> m_brokenAt;
};

} // namespace perflab::load
