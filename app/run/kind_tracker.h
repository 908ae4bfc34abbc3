// What a test's kind adds to a run: a stress run's steps and breaking point (which ends the run), a spike
// run's recovery time; both as run events and in the summary.
#pragma once

#include "load/kinds/breaking_point_search.h"
#include "load/kinds/spike_recovery.h"
#include "model/results/summary.h"
#include "model/store/run_store.h"

#include <optional>
#include <vector>

namespace perflab {

class KindTracker {
public:
    // workload: the plan as the run's own clock sees it (uncompressed).
    KindTracker(const Scenario& scenario, const Workload& workload);

    // elapsed: the run's time at the end of this second; events are stamped stampMs.
    std::vector<RunEvent> add(const Interval& interval, const IntervalRow& row, Millis elapsed,
                              std::int64_t stampMs);
    // A stress run ends at its breaking point: the steps above it would only measure an overloaded target.
    bool endsRun() const noexcept { return m_stress && m_stress->broken(); }
    std::vector<RunEvent> finish(std::int64_t stampMs) const;
    void fill(Summary& summary) const;

private:
    std::optional<load::BreakingPointSearch> m_stress;
    std::optional<load::SpikeRecovery> m_spike;
    bool m_openModel = false;
};

} // namespace perflab
