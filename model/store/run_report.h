// Everything a report shows of one stored run, read at a chart resolution: the run, its summary, events,
// merged histograms and its figures over time from the store's tiers.
#pragma once

#include "model/metrics/histogram.h"
#include "model/profile/profile.h"
#include "model/results/summary.h"
#include "model/store/chart_series.h"
#include "model/store/run_store.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace perflab {

struct RunReport {
    RunInfo run;
    Summary summary;
    // The store kept no summary (an interrupted run, an import): the figures come from its hour tier, and
    // there are no SLO verdicts.
    bool summaryRecomputed = false;
    std::string target;       // "analytics/optimized/http", a URL's host; empty when the scenario is unknown
    std::string latencyBasis; // what its latency is measured from (model/results/latency_basis.h)
    std::vector<RunEvent> events;
    Histogram latency;      // the whole run merged: corrected (from the intended send time)
    Histogram serviceTime;  // raw (from the actual send time)
    ChartSeries overTime;   // the whole run in at most chartBuckets buckets
    std::int64_t endMs = 0; // the run's end, or its last stored second while it runs
    // The whole run's profile, null when it was not profiled; its mechanisms ("perf_event", ...), sorted.
    std::shared_ptr<const Profile> profile;
    std::vector<std::string> profileSources;
};

// The distinct mechanisms of a run's profile slices, sorted ("perf_event", "signal-timer", "imported").
std::vector<std::string> profileSources(const std::vector<ProfileSliceInfo>& slices);

// Reads run `runId`; the cost depends on chartBuckets and the run's hours, not its seconds. Throws
// std::invalid_argument naming the run and the store when there is no such run.
RunReport loadRunReport(const RunStore& store, std::int64_t runId, std::size_t chartBuckets);

} // namespace perflab
