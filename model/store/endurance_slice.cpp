// readEnduranceSlice: the run, its minute tier (extent and trend) and events on opening; a chart read always.
#include "model/store/endurance_slice.h"

#include "model/store/rollup.h"

#include <algorithm>
#include <climits>
#include <stdexcept>

namespace perflab {

EnduranceSlice readEnduranceSlice(const RunStore& store, std::int64_t runId, std::optional<TimeWindow> window,
                                  std::size_t columns, bool withRunDetails) {
    EnduranceSlice slice;
    slice.runId = runId;
    if (withRunDetails || !window) {
        slice.run = store.run(runId);
        if (!slice.run)
            throw std::invalid_argument("the store " + store.path().string() + " has no run " +
                                        std::to_string(runId));
        // Hours cover every stored second (the open one as of the last flush), whatever the run's status: the
        // extent and the memory limit come from at most a few dozen rows.
        const std::vector<Rollup> hours = store.rollups(runId, kHourTierMs, INT64_MIN, INT64_MAX);
        const std::int64_t start =
            hours.empty() ? slice.run->startedMs : std::max(slice.run->startedMs, hours.front().startMs);
        const std::int64_t end = hours.empty() ? start : hours.back().endMs;
        slice.extent = {start, std::max(end, start + 1000)};
        slice.events = store.events(runId);
        slice.trend.memoryLimitBytes = impliedMemoryLimit(hours);
        if (auto leak = summaryLeak(*slice.run)) {
            slice.trend.leak = *leak;
            slice.trend.fromSummary = true;
        } else {
            slice.trend.leak = judgeMinutes(store.rollups(runId, kMinuteTierMs, INT64_MIN, INT64_MAX),
                                            slice.trend.memoryLimitBytes);
        }
    }
    slice.window = window.value_or(slice.extent);
    slice.series =
        store.chartSeries(runId, slice.window.fromMs, slice.window.toMs, std::max<std::size_t>(1, columns));
    return slice;
}

} // namespace perflab
