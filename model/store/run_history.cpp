// loadRunHistory: each run's report read at one chart bucket, then compared with the baseline.
#include "model/store/run_history.h"

#include "model/store/run_report.h"

#include <algorithm>
#include <stdexcept>

namespace perflab {

std::vector<RunHistoryEntry> loadRunHistory(const RunStore& store) {
    std::vector<RunHistoryEntry> entries;
    for (const RunInfo& run : store.runs()) {
        RunReport report;
        try {
            report = loadRunReport(store, run.id, 1);
        } catch (const std::invalid_argument&) {
            continue; // deleted since runs() listed it
        }
        entries.push_back({.run = run,
                           .target = std::move(report.target),
                           .summary = std::move(report.summary),
                           .verdict = std::nullopt});
    }
    const auto baseline =
        std::find_if(entries.begin(), entries.end(), [](const RunHistoryEntry& e) { return e.run.baseline; });
    if (baseline == entries.end())
        return entries;
    for (RunHistoryEntry& entry : entries)
        if (&entry != &*baseline && entry.run.status != RunStatus::Running)
            entry.verdict = compareRuns(baseline->summary, entry.summary).verdict;
    return entries;
}

} // namespace perflab
