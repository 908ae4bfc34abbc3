// The SQLite store of runs: per-second rows, 10-second histograms, minute/hour rollups, events; one writer
// thread, WAL.
#pragma once

#include "model/metrics/interval.h"
#include "model/profile/profile.h"
#include "model/results/run_event.h"
#include "model/results/run_status.h"
#include "model/scenario/scenario.h"
#include "model/store/chart_series.h"
#include "model/store/rollup.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace perflab {

// I/O and SQLite failures; the message keeps SQLite's/the OS's words and the file path.
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct RunInfo {
    std::int64_t id = 0;
    std::string name;
    TestKind kind = TestKind::Load;
    RunStatus status = RunStatus::Running;
    std::int64_t startedMs = 0;
    std::int64_t endedMs = 0; // 0 while running
    std::int64_t pid = 0;     // process that runs it
    std::string scenarioJson;
    std::string summaryJson; // empty until finished
    bool baseline = false;   // the store's baseline run, which comparisons default to

    bool resumable() const noexcept {
        return status == RunStatus::Interrupted || status == RunStatus::Stopped ||
               status == RunStatus::Aborted;
    }
};

struct StoredHistogram {
    std::int64_t startMs = 0; // start of its 10 s window
    Histogram latency = Histogram();
    Histogram serviceTime = Histogram();
};

// One stored profile slice: its time range, the sampler mechanism ("perf_event", "signal-timer") or
// "imported", and its sample count.
struct ProfileSliceInfo {
    std::int64_t startMs;
    std::int64_t endMs;
    std::string source;
    std::uint64_t samples;
};

class RunStore {
public:
    enum class Mode { ReadWrite, ReadOnly };
    // Creates the file and its folder when missing (ReadWrite). On open, runs left 'running' by a process
    // that no longer exists become 'interrupted'.
    explicit RunStore(const std::filesystem::path& file, Mode mode = Mode::ReadWrite);
    ~RunStore(); // flushes what the writer holds
    RunStore(const RunStore&) = delete;
    RunStore& operator=(const RunStore&) = delete;

    const std::filesystem::path& path() const noexcept;

    // Times default to now; runs on another clock (compressed-clock soaks, imports) pass their own.
    std::int64_t beginRun(const std::string& name, TestKind kind, const std::string& scenarioJson,
                          std::optional<std::int64_t> startedMs = std::nullopt);
    // Queued to the writer thread, which commits it at once (one transaction for all queued rows). Throws the
    // writer's StoreError when an earlier commit failed (a full disk), so a run stops instead of losing data.
    void append(std::int64_t runId, const Interval& interval);
    void addEvent(std::int64_t runId, const RunEvent& event);
    // The profile taken over [startMs, endMs), queued to the writer like append() and committed in the same
    // transactions. Throws std::invalid_argument for an unknown source or an end before the start.
    void appendProfile(std::int64_t runId, std::int64_t startMs, std::int64_t endMs,
                       const std::string& source, const Profile& profile);
    // Takes an interrupted, stopped or aborted run up again in this process (perflab run --resume): status
    // running, this pid, no end, a "resumed" event. Returns the run as it was. Throws std::invalid_argument
    // naming the run when there is none or it cannot be resumed (still running, or finished).
    RunInfo resumeRun(std::int64_t runId);
    // Flushes the writer, then records the final status and summary.
    void finishRun(std::int64_t runId, RunStatus status, const std::string& summaryJson,
                   std::optional<std::int64_t> endedMs = std::nullopt);
    // Blocks until everything queued is committed; throws the writer's StoreError if it failed.
    void flush();

    std::vector<RunInfo> runs() const;
    std::optional<RunInfo> run(std::int64_t runId) const;
    std::vector<IntervalRow> intervals(std::int64_t runId, std::int64_t afterStartMs = INT64_MIN) const;
    std::vector<RunEvent> events(std::int64_t runId) const;
    std::vector<StoredHistogram> histograms(std::int64_t runId) const;
    // Every slice whose [start, end) overlaps [fromMs, toMs) merged into one profile (equal stacks summed),
    // read from the stored hours and minutes that lie inside the range and appended slices only at its edges
    // (see run_store_profiles.h): the cost depends on the range's hours, minutes and ragged edges, not on
    // its seconds. Seconds over an hour behind the run's newest are kept only in minutes, so there a minute
    // partly in the range counts whole.
    Profile profile(std::int64_t runId, std::int64_t fromMs = INT64_MIN, std::int64_t toMs = INT64_MAX) const;
    // The run's profile slices in time order at the finest grain stored: one-minute slices where the
    // appended ones were dropped (over an hour old), then the appended ones (empty when it was not profiled).
    std::vector<ProfileSliceInfo> profileSlices(std::int64_t runId) const;
    // Minute or hour rollups starting in [fromMs, toMs), histograms decoded (a run's closed buckets, and the
    // open ones as of the last flush).
    std::vector<Rollup> rollups(std::int64_t runId, std::int64_t tierMs, std::int64_t fromMs,
                                std::int64_t toMs) const;
    // At most maxPoints buckets over [fromMs, toMs), each with the first, lowest, highest and last value of
    // every chart figure, read from the coarsest tier that still fills maxPoints buckets (hours, minutes,
    // seconds) plus the seconds no rollup holds yet. Cost depends on maxPoints, not on the run's length.
    ChartSeries chartSeries(std::int64_t runId, std::int64_t fromMs, std::int64_t toMs,
                            std::size_t maxPoints) const;

    // Keeping the history (run_store_admin.cpp). Each throws std::invalid_argument naming the run when the
    // store has no such run. deleteRun removes the run with all its rows and refuses a run still running;
    // one run per store is the baseline, so marking one unmarks the previous.
    void renameRun(std::int64_t runId, const std::string& name);
    void deleteRun(std::int64_t runId);
    void markBaseline(std::int64_t runId);
    void clearBaseline();
    std::optional<std::int64_t> baselineRun() const;

private:
    struct Impl; // run_store_impl.h
    std::unique_ptr<Impl> m_impl;
};

std::filesystem::path
defaultStorePath(); // $XDG_DATA_HOME/perflab/perflab.db, else ~/.local/share/perflab/perflab.db

} // namespace perflab
