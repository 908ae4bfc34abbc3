// Spike tests: the load jumps above its base level and comes back; the time to recover is how long after
// the load is back the latency and error rate return to what they were before the spike.
#pragma once

#include "model/metrics/interval.h"
#include "model/results/run_event.h"
#include "model/scenario/scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace perflab::load {

struct SpikeEvent {
    EventKind kind; // Spike or Recovered
    std::string message;
};

class SpikeRecovery {
public:
    // Recovered: p95 within kLatencyTolerance of the pre-spike median p95 (or under it + kLatencySlackMs),
    // and no more errors than before, for kSettleSeconds seconds in a row.
    static constexpr double kLatencyTolerance = 1.2;
    static constexpr double kLatencySlackMs = 1.0;
    static constexpr int kSettleSeconds = 3;

    // The base level is the first stage's target; the spike is every stage above it that follows.
    explicit SpikeRecovery(const Workload& workload);

    // elapsed: the run's time at the end of this interval. Returns what to record as run events.
    std::vector<SpikeEvent> add(const IntervalRow& row, Millis elapsed);
    // Says so when the run ended before it recovered.
    std::vector<SpikeEvent> finish() const;

    bool hasSpike() const noexcept { return m_spikeEnd > m_spikeBegin; }
    // From the end of the spike to the first of the settled seconds; none until then.
    std::optional<Millis> recoveryTime() const noexcept { return m_recovery; }

private:
    double m_base = 0;
    double m_peak = 0;
    Millis m_spikeBegin{0};
    Millis m_spikeEnd{0};
    std::vector<double> m_beforeP95;
    RequestCounts m_before; // before the spike
    bool m_announced = false;
    int m_settled = 0;
    Millis m_settledSince{0};
    std::optional<Millis> m_recovery;
};

} // namespace perflab::load
