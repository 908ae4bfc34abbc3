// Stress and spike judging during a run, and their part of the summary.
#include "app/run/kind_tracker.h"

namespace perflab {

namespace {

template <class Event>
void stampInto(std::vector<RunEvent>& out, const std::vector<Event>& events, std::int64_t stampMs) {
    for (const Event& event : events)
        out.push_back({stampMs, event.kind, event.message});
}

std::optional<double> offered(const std::optional<load::StressStep>& step) {
    return step ? std::optional(step->offered) : std::nullopt;
}

} // namespace

KindTracker::KindTracker(const Scenario& scenario, const Workload& workload)
    : m_openModel(workload.model == WorkloadModel::ArrivalRate) {
    if (scenario.kind == TestKind::Stress)
        m_stress.emplace(workload, scenario.slo);
    if (scenario.kind == TestKind::Spike)
        m_spike.emplace(workload);
}

std::vector<RunEvent> KindTracker::add(const Interval& interval, const IntervalRow& row, Millis elapsed,
                                       std::int64_t stampMs) {
    std::vector<RunEvent> events;
    if (m_stress)
        stampInto(events, m_stress->add(interval, elapsed), stampMs);
    if (m_spike)
        stampInto(events, m_spike->add(row, elapsed), stampMs);
    return events;
}

std::vector<RunEvent> KindTracker::finish(std::int64_t stampMs) const {
    std::vector<RunEvent> events;
    if (m_stress)
        stampInto(events, m_stress->finish(), stampMs);
    if (m_spike)
        stampInto(events, m_spike->finish(), stampMs);
    return events;
}

void KindTracker::fill(Summary& summary) const {
    if (m_stress) {
        const auto point = m_stress->breakingPoint();
        summary.stress = StressResult{.unit = m_openModel ? "req/s" : "virtual users",
                                      .breakingPoint = offered(point),
                                      .breakingReason = point ? point->breach : "",
                                      .lastSustainable = offered(m_stress->lastSustainable()),
                                      .knee = offered(m_stress->knee())};
    }
    if (m_spike && m_spike->hasSpike()) {
        const auto recovery = m_spike->recoveryTime();
        summary.spike =
            SpikeResult{.recoveryS = recovery ? std::optional(recovery->count() / 1000.0) : std::nullopt};
    }
}

} // namespace perflab
