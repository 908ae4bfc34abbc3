// SLO verdicts: limits judged against a span's figures, and the live monitor of whole-run maxima and sliding
// windows that finds breaches while a run goes and decides abort_on_breach.
#pragma once

#include "model/metrics/interval.h"
#include "model/scenario/scenario.h"

#include <optional>
#include <string>
#include <vector>

namespace perflab {

struct SloResult {
    std::string name; // the scenario key: p95_ms, min_rpm, max_error_rate, min_availability, max_cpu_percent,
                      // max_memory_percent, max_degraded_rate
    double threshold = 0;
    double value = 0; // whole run: the run's figure; window: the worst full window's
    bool pass = true;
    double windowS = 0;                  // the window's span in seconds; 0 = the whole run
    std::optional<double> breachedAtS{}; // seconds from the start to the end of the first failing window
};

// min_rpm and min_availability are floors (the value must reach the threshold); every other SLO is a
// ceiling (stay below it).
bool isFloor(const SloResult& result) noexcept;
// "p95_ms" for the whole run, "p95_ms over 1m" for a 60 s window: unique within a summary.
std::string label(const SloResult& result);
// What a breach line is about: "p95_ms over 1m", or "p95_ms (whole run)"; describeBreach starts with it and
// ": ".
std::string breachSubject(const SloResult& result);
// "p95_ms over 1m: 180.5, threshold < 150, at 42s": one line for events and the abort reason.
std::string describeBreach(const SloResult& result);

// What limits are compared with, for one span of a run.
struct SloFigures {
    double p95Ms = 0;
    bool p95Measured = true; // false: no successful request, so a p95 limit is not met (0 ms of nothing)
    double rpm = 0;
    double errorRate = 0;
    double cpuPercent = 0;
    double memoryPercent = 0;
    double degradedRate = 0;
};

// One result per limit set, in the order of the scenario keys.
std::vector<SloResult> judgeSlos(const SloLimits& limits, const SloFigures& figures, double windowS = 0);

// The last `over` seconds of a run, in constant memory: a ring of at most kMaxSlots slots of `step` seconds
// each (1 s for windows up to a minute, else over/60 rounded up; the span is then slots x step, which can
// exceed `over` by less than one step). Histograms are kept only when the window judges p95.
class SlidingWindow {
public:
    static constexpr std::size_t kMaxSlots = 60;

    SlidingWindow(Millis over, bool keepsLatency);
    // Adds one interval (one second of the run); true when it completes a slot of a full ring, that is
    // when figures() cover exactly the window's span.
    bool add(const Interval& interval);
    // p95 of the merged histograms; rpm, error and degraded rates over the summed seconds; CPU as their mean
    // weighted by duration; memory as the highest second. Over what the ring holds when not yet full.
    SloFigures figures() const;

private:
    struct Slot {
        std::optional<Histogram> latency;
        RequestCounts counts{};
        std::int64_t durationMs = 0;
        double cpuPercentMs = 0; // CPU percent x milliseconds, for the duration-weighted mean
        double memoryPercentMax = 0;
    };

    std::vector<Slot> m_slots;
    std::size_t m_step = 1; // seconds per slot
    std::size_t m_current = 0;
    std::size_t m_secondsInSlot = 0;
    std::size_t m_completedSlots = 0; // saturates at the ring's size
};

// Fed every interval of a run in order, it judges as the run goes:
// - each window on every full span (from `over` after the start, then each step): a window that fails is a
//   breach, and the window's verdict keeps the worst value and the first breach. A window's CPU is the mean
//   over its seconds (it is about sustained load; the whole-run limit already catches any one second), its
//   memory the highest second (memory is a level: one second above the limit is a breach). A window longer
//   than the run is judged once, by finish(), over the run.
// - the whole-run CPU and memory maxima on each second: one second above the limit already fails the run.
//   Whole-run p95, rpm and error rate are judged at the end only (RunTotals): a run-so-far value can still
//   recover, so breaching it mid-run would not mean the run fails. Give a window to act on them live.
// With abort_on_breach, the first judgement at or after grace that fails (a failing window, or a whole-run
// maximum already above its limit) becomes the abort cause; breaches before grace count in the verdicts but
// do not abort.
class SloMonitor {
public:
    explicit SloMonitor(const SloSpec& spec);

    // elapsed: from the run's start to the end of this interval. Returns the SLOs that breach for the first
    // time, each with breachedAtS and the value that breached.
    std::vector<SloResult> add(const Interval& interval, Millis elapsed);
    // Judges the windows the run was too short to fill; returns their first breaches.
    std::vector<SloResult> finish();
    // One result per window limit, windows in scenario order.
    std::vector<SloResult> windowResults() const;
    // The breach that should stop the run; set once, never cleared.
    const std::optional<SloResult>& abortCause() const noexcept { return m_abortCause; }

private:
    struct Window {
        SloLimits limits;
        double overS = 0;
        SlidingWindow data;
        std::vector<SloResult> verdicts; // worst value and first breach per limit
        bool judged = false;
    };

    std::vector<SloResult> judge(Window& window);
    std::vector<SloResult> judgeWholeRunMaxima(const Interval& interval);
    void considerAbort(const SloResult& failing);

    std::vector<Window> m_windows;
    SloLimits m_maxima; // the whole-run CPU and memory limits
    std::vector<SloResult> m_maximaBreaches;
    bool m_abortOnBreach = false;
    Millis m_grace{0};
    Millis m_elapsed{0};
    std::optional<SloResult> m_abortCause;
};

} // namespace perflab
