// The history of a store as the History page lists it: every run with its target, totals and verdict
// against the store's baseline run.
#pragma once

#include "model/results/comparison.h"
#include "model/results/summary.h"
#include "model/store/run_store.h"

#include <optional>
#include <string>
#include <vector>

namespace perflab {

struct RunHistoryEntry {
    RunInfo run;
    std::string target; // "analytics/optimized/http", a URL's host; empty when the scenario is unknown
    Summary summary;    // as stored, or recomputed from the hour tier (running, interrupted, imported runs)
    // Against the baseline at the default tolerance; none for the baseline itself, without a baseline, and
    // for runs still going.
    std::optional<ComparisonVerdict> verdict;
};

// Runs in id order. Reads each run's hour tier, not its seconds: cheap for long runs, but still a read to
// do off the UI thread.
std::vector<RunHistoryEntry> loadRunHistory(const RunStore& store);

} // namespace perflab
