// Finding a spike in the stages and timing the recovery from per-second rows.
#include "load/kinds/spike_recovery.h"

#include "model/format/figure_format.h"

#include <algorithm>

namespace perflab::load {

SpikeRecovery::SpikeRecovery(const Workload& workload) {
    if (workload.stages.empty())
        return;
    m_base = workload.stages.front().target;
    Millis at{0};
    double previous = m_base;
    for (const Stage& stage : workload.stages) {
        const Millis end = at + stage.duration;
        if (stage.target > m_base) {
            if (!hasSpike())
                m_spikeBegin = at;
            m_spikeEnd = end;
            m_peak = std::max(m_peak, stage.target);
        } else if (previous > m_base && at == m_spikeEnd) {
            m_spikeEnd = end; // the ramp back: the load is at its base when this stage ends
        }
        previous = stage.target;
        at = end;
    }
}

std::vector<SpikeEvent> SpikeRecovery::add(const IntervalRow& row, Millis elapsed) {
    std::vector<SpikeEvent> events;
    if (!hasSpike() || m_recovery)
        return events;
    const Millis begin = elapsed - Millis(row.durationMs);
    if (elapsed <= m_spikeBegin) {
        m_beforeP95.push_back(row.latency.p95);
        m_before += row.counts;
        return events;
    }
    if (!m_announced) {
        m_announced = true;
        events.push_back({EventKind::Spike, "load jumps from " + formatSignificant(m_base) + " to " +
                                                formatSignificant(m_peak) + ", back after " +
                                                formatDuration(m_spikeEnd - m_spikeBegin)});
    }
    if (begin < m_spikeEnd)
        return events;
    std::vector<double> sorted = m_beforeP95;
    std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
    const double beforeP95 = sorted.empty() ? 0 : sorted[sorted.size() / 2];
    const double beforeRate = m_before.errorRate();
    const double errorRate = row.counts.requests ? double(row.counts.errors) / row.counts.requests : 1;
    const bool calm =
        row.counts.requests > 0 &&
        row.latency.p95 <= std::max(beforeP95 * kLatencyTolerance, beforeP95 + kLatencySlackMs) &&
        errorRate <= beforeRate;
    if (!calm) {
        m_settled = 0;
        return events;
    }
    if (m_settled++ == 0)
        m_settledSince = begin;
    if (m_settled == kSettleSeconds) {
        m_recovery = std::max(Millis(0), m_settledSince - m_spikeEnd);
        events.push_back({EventKind::Recovered, "latency and errors back to their pre-spike level " +
                                                    formatDuration(*m_recovery) +
                                                    " after the load came back"});
    }
    return events;
}

std::vector<SpikeEvent> SpikeRecovery::finish() const {
    if (!hasSpike() || m_recovery)
        return {};
    return {{EventKind::Recovered, "not recovered by the end of the run"}};
}

} // namespace perflab::load
