// What the endurance view draws of a stored run, read in one go: the visible window's chart read (sized to
// the plot's pixel columns, from the coarsest tier that fills them) and, on opening, the run, its extent,
// events and RSS trend.
#pragma once

#include "model/format/time_ticks.h"
#include "model/store/chart_series.h"
#include "model/store/run_store.h"
#include "model/store/run_trend.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace perflab {

struct EnduranceSlice {
    std::int64_t runId = 0;
    TimeWindow window; // the part read
    ChartSeries series;
    // Read when opening a run (withRunDetails), else empty: a zoom or pan re-reads the series only.
    std::optional<RunInfo> run;
    TimeWindow extent; // first to last stored second
    std::vector<RunEvent> events;
    RunTrend trend;
};

// Reads `window` (the whole run when none) in at most `columns` buckets. Throws std::invalid_argument naming
// the run and the store when it has no such run, StoreError when the store cannot be read.
EnduranceSlice readEnduranceSlice(const RunStore& store, std::int64_t runId, std::optional<TimeWindow> window,
                                  std::size_t columns, bool withRunDetails);

} // namespace perflab
